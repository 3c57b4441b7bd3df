"""One headless Chromium, driven by Selenium through Debian's chromedriver, reused by every scenario.
Collects the browser console after each step, switches between a desktop and a phone viewport,
takes full-page screenshots and runs axe-core."""

import base64
import os
import shutil

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

DESKTOP = {"name": "desktop", "width": 1280, "height": 900, "mobile": False}
PHONE = {"name": "phone", "width": 360, "height": 780, "mobile": True}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def find(*names):
    for name in names:
        path = shutil.which(name) or (name if os.path.isabs(name) and os.access(name, os.X_OK) else None)
        if path:
            return path
    raise RuntimeError("none of %s is installed (scripts/install-browser-deps.sh installs them)" % ", ".join(names))


class Browser:
    def __init__(self, log_dir):
        # Debian's chromium and chromedriver are given by path: Selenium Manager must not go looking
        # for (or downloading) others.
        os.environ.setdefault("SE_OFFLINE", "true")
        options = webdriver.ChromeOptions()
        options.binary_location = find("chromium", "/usr/bin/chromium")
        for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                    "--disable-extensions", "--no-first-run", "--no-default-browser-check",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--metrics-recording-only", "--password-store=basic", "--hide-scrollbars",
                    "--lang=fr-CA", "--window-size=1280,900", "--force-device-scale-factor=1"):
            options.add_argument(arg)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        options.page_load_strategy = "normal"
        service = Service(executable_path=find("chromedriver", "/usr/bin/chromedriver"),
                          log_output=os.path.join(log_dir, "chromedriver.log"))
        self.driver = webdriver.Chrome(options=options, service=service)
        self.driver.set_page_load_timeout(30)
        self.driver.set_script_timeout(60)
        self.viewport = None
        self.set_viewport(DESKTOP)
        self.console = []           # every console entry seen: (url, level, message)
        self.pages_seen = set()
        self._axe_source = None

    def quit(self):
        try:
            self.driver.quit()
        except Exception:
            pass

    # ------------------------------------------------------------------ navigation
    @property
    def url(self):
        return self.driver.current_url

    def open(self, url):
        self.driver.get(url)
        self.pages_seen.add(url.split("#")[0])
        return self

    def wait(self, predicate, timeout=10, message="condition not met"):
        try:
            return WebDriverWait(self.driver, timeout, poll_frequency=0.05).until(lambda d: predicate())
        except TimeoutException:
            raise AssertionError("%s (after %ss, at %s)" % (message, timeout, self.url))

    def wait_for_url_change(self, old, timeout=10):
        self.wait(lambda: self.url != old and self.js("return document.readyState") == "complete", timeout,
                  "the page did not change after the click (still %s)" % old)
        self.pages_seen.add(self.url.split("#")[0])

    def click(self, element):
        """Clicks a link and waits until the next page is loaded."""
        old = self.url
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
        element.click()
        self.wait_for_url_change(old)

    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def one(self, css):
        found = self.driver.find_elements(By.CSS_SELECTOR, css)
        if not found:
            raise AssertionError("no element %r at %s" % (css, self.url))
        return found[0]

    def all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def kind(self):
        return self.js("var m = /\\bkind-([a-z-]+)/.exec(document.body.className); return m ? m[1] : null")

    def focused(self):
        return self.driver.switch_to.active_element

    # ------------------------------------------------------------------ console
    def drain_console(self):
        """Console entries since the last call: (url, level, message)."""
        entries = []
        for e in self.driver.get_log("browser"):
            entries.append((self.url, e.get("level", ""), e.get("message", "")))
        self.console.extend(entries)
        return entries

    def console_errors(self, allow=()):
        """SEVERE console entries since the last call, less those matching one of `allow` (substrings)."""
        return [e for e in self.drain_console()
                if e[1] == "SEVERE" and not any(a in e[2] for a in allow)]

    # ------------------------------------------------------------------ viewport, screenshots
    def set_viewport(self, vp):
        if self.viewport == vp["name"]:
            return
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": vp["width"], "height": vp["height"], "deviceScaleFactor": 1, "mobile": vp["mobile"]})
        self.driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": vp["mobile"]})
        self.viewport = vp["name"]
        # let media queries and layout settle
        self.js("return document.body && document.body.getBoundingClientRect().width")

    def viewport_width(self):
        return self.js("return document.documentElement.clientWidth")

    def horizontal_overflow(self):
        """Elements wider than the viewport that make the page scroll sideways (not those inside a
        scrolling box, like the correspondence table)."""
        return self.js("""
            const vw = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= vw + 1) return [];
            const out = [];
            for (const el of document.querySelectorAll('body *')) {
              const r = el.getBoundingClientRect();
              if (r.right > vw + 1 && r.width > 0) {
                let p = el.parentElement, clipped = false;
                while (p) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') { clipped = true; break; } p = p.parentElement; }
                if (!clipped) out.push(el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '') + ' right=' + Math.round(r.right));
              }
            }
            return out.slice(0, 5);""")

    def screenshot(self, path, max_height=7000):
        # After a viewport change, let the page lay itself out again before measuring it.
        self.driver.execute_async_script("requestAnimationFrame(() => requestAnimationFrame(arguments[0]))")
        width = self.viewport_width()
        height = min(int(self.js("return document.documentElement.scrollHeight")), max_height)
        shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))

    # ------------------------------------------------------------------ axe-core
    def axe(self):
        """Runs axe-core (from selenium-axe-python) on the page: WCAG 2.1 A and AA rules.
        Returns a list of `rule (impact): target — message` lines, one per failing node."""
        if self._axe_source is None:
            import selenium_axe_python
            path = os.path.join(os.path.dirname(selenium_axe_python.__file__), "axe-core", "axe.min.js")
            with open(path, encoding="utf-8") as f:
                self._axe_source = f.read()
        if not self.js("return typeof window.axe === 'object'"):
            self.js(self._axe_source)
        result = self.driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
              .then(r => done({violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                  nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary || ''}))}))}))
              .catch(e => done({error: String(e)}));""", AXE_TAGS)
        if "error" in result:
            return ["axe failed to run: " + result["error"]]
        lines = []
        for v in result["violations"]:
            for n in v["nodes"]:
                lines.append("%s (%s): %s — %s. %s" % (v["id"], v["impact"], n["target"], v["help"],
                                                       " ".join(n["summary"].split())[:300]))
        return lines
