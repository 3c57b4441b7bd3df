"""nginx on 127.0.0.1, started and stopped by the suite: a foreground process in its own temporary
prefix (config, pid file, logs), never the system service. The configuration is the repository's
config/nginx/nginx.conf, plus one server block per served site written from site.conf.in."""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CONFIG = os.path.join(REPO, "config", "nginx")


def free_port():
    """A port nobody listens on right now (the kernel's choice)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nginx_binary():
    for candidate in (shutil.which("nginx"), "/usr/sbin/nginx"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise RuntimeError("nginx is not installed (scripts/install-browser-deps.sh installs it)")


class Site:
    """One built site served at `mount` ("/" or "/guide/") on its own port."""

    def __init__(self, name, folder, mount, port):
        self.name, self.folder, self.mount, self.port = name, folder, mount, port

    @property
    def base(self):
        return "http://127.0.0.1:%d%s" % (self.port, self.mount)


class Nginx:
    def __init__(self, sites, keep_logs_in=None):
        self.sites = sites
        self.keep_logs_in = keep_logs_in
        self.prefix = tempfile.mkdtemp(prefix="guidesite-nginx-")
        self.process = None

    def _write_config(self):
        os.chmod(self.prefix, 0o755)  # nginx's workers may run as another user: let them in
        for sub in ("logs", "tmp", "sites", "empty"):
            os.makedirs(os.path.join(self.prefix, sub), exist_ok=True)
        shutil.copyfile(os.path.join(CONFIG, "nginx.conf"), os.path.join(self.prefix, "nginx.conf"))
        with open(os.path.join(CONFIG, "site.conf.in"), encoding="utf-8") as f:
            template = f.read()
        for site in self.sites:
            text = (template.replace("@PORT@", str(site.port))
                    .replace("@MOUNT@", site.mount)
                    .replace("@SITE@", os.path.abspath(site.folder).rstrip("/"))
                    .replace("@EMPTY@", os.path.join(self.prefix, "empty")))
            with open(os.path.join(self.prefix, "sites", site.name + ".conf"), "w", encoding="utf-8") as f:
                f.write(text)

    def error_log(self):
        try:
            with open(os.path.join(self.prefix, "logs", "error.log"), encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def start(self, timeout=10.0):
        self._write_config()
        conf = os.path.join(self.prefix, "nginx.conf")
        errlog = os.path.join(self.prefix, "logs", "error.log")
        cmd = [nginx_binary(), "-p", self.prefix + "/", "-c", conf, "-e", errlog]
        check = subprocess.run(cmd + ["-t", "-q"], capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError("nginx configuration rejected:\n" + check.stderr + self.error_log())
        self.process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                        start_new_session=True)
        deadline = time.monotonic() + timeout
        waiting = list(self.sites)
        while waiting:
            if self.process.poll() is not None:
                raise RuntimeError("nginx exited at start:\n" + self.process.stderr.read().decode() + self.error_log())
            try:
                with socket.create_connection(("127.0.0.1", waiting[0].port), timeout=0.5):
                    waiting.pop(0)
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("nginx did not listen on port %d:\n%s" % (waiting[0].port, self.error_log()))
                time.sleep(0.05)

    def stop(self):
        """Graceful stop of the master we started (SIGQUIT), then SIGTERM/SIGKILL if it lingers;
        the prefix is removed afterwards."""
        if self.process is not None and self.process.poll() is None:
            for sig, wait in ((signal.SIGQUIT, 5), (signal.SIGTERM, 3), (signal.SIGKILL, 3)):
                try:
                    os.kill(self.process.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    self.process.wait(wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        self.process = None
        if self.keep_logs_in:
            shutil.rmtree(self.keep_logs_in, ignore_errors=True)
            shutil.copytree(os.path.join(self.prefix, "logs"), self.keep_logs_in, dirs_exist_ok=True)
        shutil.rmtree(self.prefix, ignore_errors=True)

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
