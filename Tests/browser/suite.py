"""guidesite's browser suite: builds the demo portal and the fixture sites, serves them with nginx
(at the root and under /guide/), crawls them, runs the Nu HTML checker, then drives headless
Chromium through what a member does, runs axe-core on every kind of page at desktop and phone
widths and saves screenshots. Run it through Tests/browser/run.sh. Exit status 0 when all passed."""

import argparse
import os
import re
import subprocess
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)

import crawl as crawler  # noqa: E402
import nu  # noqa: E402
import scenarios as sc  # noqa: E402
import serve  # noqa: E402

KIND_ORDER = ["home", "articles", "article", "recommendations", "recommendation", "codes", "code",
              "provision", "tags", "tag", "professions", "profession", "correspondence", "search",
              "search-results", "not-found"]
SEARCH_QUERY = {"fr": "consentement", "en": "consent"}


def locale_texts(lang):
    """The flat `key: "value"` pairs of the theme's locale file (no YAML library needed)."""
    texts = {}
    with open(os.path.join(REPO, "Themes", "default", "locales", lang + ".yaml"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r'^([a-z_]+):\s*"(.*)"\s*$', line)
            if m:
                texts[m.group(1)] = m.group(2).replace('\\"', '"')
    return texts


class Report:
    def __init__(self):
        self.passed, self.failed = [], []

    def ok(self, name):
        self.passed.append(name)

    def fail(self, name, detail):
        self.failed.append((name, detail))
        print("FAIL %s\n     %s" % (name, detail.replace("\n", "\n     ")), flush=True)

    def run(self, name, fn, *args):
        start = time.monotonic()
        try:
            fn(*args)
        except AssertionError as e:
            self.fail(name, str(e))
        except Exception as e:  # a crash of the suite itself is a failure too, with its trace
            self.fail(name, "%s: %s\n%s" % (type(e).__name__, e, traceback.format_exc(limit=3)))
        else:
            self.ok(name)
            print("ok   %s (%.1f s)" % (name, time.monotonic() - start), flush=True)


def build(binary, content, output, base_url, theme=None):
    cmd = [binary, "build", "--content", content, "--output", output, "--base-url", base_url]
    if theme:
        cmd += ["--theme", theme]
    run = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError("guidesite build of %s failed (%d):\n%s%s" % (content, run.returncode, run.stdout, run.stderr))


def fixture_sites():
    root = os.path.join(REPO, "Tests", "Fixtures", "sites")
    return sorted(d for d in os.listdir(root) if os.path.exists(os.path.join(root, d, "site.yaml")))


def samples(crawl_result):
    """One page of each kind in each language: the largest, which has the most to check."""
    best = {}
    for url, page in crawl_result.html_pages().items():
        if not page.kind:
            continue
        key = (page.kind, page.lang or "?")
        if key not in best or len(page.body) > len(best[key][1].body):
            best[key] = (url, page)
    out = [(kind, lang, url) for (kind, lang), (url, _) in best.items()]
    return sorted(out, key=lambda x: (x[1] != "fr", KIND_ORDER.index(x[0]) if x[0] in KIND_ORDER else 99, x[0]))


def check_pages(report, b, label, pages, shots_dir, shoot, stats):
    """axe-core at desktop and phone widths, no sideways scrolling on a phone, no console error,
    and screenshots for the pages `shoot` accepts."""
    from browser import DESKTOP, PHONE
    for kind, lang, url in pages:
        def one():
            b.set_viewport(DESKTOP)
            b.open(url)
            if kind == "search-results":
                sc.search_results(b, SEARCH_QUERY.get(lang, "consentement"))
            problems = []
            for vp in (DESKTOP, PHONE):
                b.set_viewport(vp)
                found = b.axe()
                stats["axe"] += 1
                problems += ["[%s] %s" % (vp["name"], v) for v in found]
                if vp is PHONE:
                    wide = b.horizontal_overflow()
                    if wide:
                        problems.append("[phone] the page scrolls sideways at %d px: %s" % (vp["width"], ", ".join(wide)))
                if shoot(kind, lang):
                    name = "%s-%s-%s-%s.png" % (label, lang, kind, vp["name"])
                    b.screenshot(os.path.join(shots_dir, name))
                    stats["screens"] += 1
            b.set_viewport(DESKTOP)
            errors = b.console_errors()
            problems += ["console: %s" % m for _, _, m in errors]
            sc.check(not problems, "%s\n" % url + "\n".join(problems[:12]) +
                     ("\n… and %d more" % (len(problems) - 12) if len(problems) > 12 else ""))
        report.run("page %s %s %s: axe (desktop, phone), layout, console" % (label, lang, kind), one)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bin", required=True, help="the guidesite binary")
    parser.add_argument("--artifacts", default=os.path.join(REPO, "Tests", "Artifacts"))
    args = parser.parse_args()
    started = time.monotonic()
    binary = os.path.abspath(args.bin)
    art = os.path.abspath(args.artifacts)
    sites_dir = os.path.join(art, "sites")
    shots_dir = os.path.join(art, "screenshots")
    logs_dir = os.path.join(art, "logs")
    for d in (sites_dir, shots_dir, logs_dir):
        os.makedirs(d, exist_ok=True)
    for old in os.listdir(shots_dir):
        if old.endswith(".png"):
            os.remove(os.path.join(shots_dir, old))

    report = Report()
    stats = {"axe": 0, "screens": 0, "vnu": 0, "links": 0, "anchors": 0, "crawled": 0}
    texts = {"fr": locale_texts("fr"), "en": locale_texts("en")}

    # ------------------------------------------------------------------ build
    served = []   # serve.Site, with .content and .fixture set
    specs = [("demo", os.path.join(REPO, "Content"), None)]
    specs += [("fixture-" + f, os.path.join(REPO, "Tests", "Fixtures", "sites", f), os.path.join(REPO, "Themes", "default"))
              for f in fixture_sites()]
    for name, content, theme in specs:
        for mount in ("/", "/guide/"):
            port = serve.free_port()
            label = name + ("-guide" if mount != "/" else "")
            site = serve.Site(label, os.path.join(sites_dir, label), mount, port)
            site.content, site.theme, site.group = content, theme, name
            served.append(site)
    t = time.monotonic()
    for site in served:
        build(binary, site.content, site.folder, site.base, site.theme)
    print("built %d sites in %.1f s" % (len(served), time.monotonic() - t), flush=True)
    demo_root = served[0]

    # ------------------------------------------------------------------ Nu checker, in the background
    nu_check = nu.NuCheck([s.folder for s in served], os.path.join(logs_dir, "vnu.json"))

    crawls = {}
    with serve.Nginx(served, keep_logs_in=os.path.join(logs_dir, "nginx")):
        # -------------------------------------------------------------- crawl
        for site in served:
            def do_crawl(site=site):
                starts = [p for p in ("404.html", "en/") if os.path.exists(os.path.join(site.folder, p, "index.html")
                                                                           if p.endswith("/") else os.path.join(site.folder, p))]
                result = crawler.crawl(site, extra_starts=starts)
                crawls[site.name] = result
                stats["links"] += result.links_checked
                stats["anchors"] += result.anchors_checked
                stats["crawled"] += len(result.html_pages())
                on_disk = len(nu.html_files([site.folder]))
                sc.check(not result.problems, "\n".join(result.problems[:20]) +
                         ("\n… and %d more" % (len(result.problems) - 20) if len(result.problems) > 20 else ""))
                sc.check(len(result.html_pages()) == on_disk,
                         "the crawl reached %d pages of the %d HTML files built: %s" % (
                             len(result.html_pages()), on_disk, "unlinked pages exist"))
            report.run("crawl %s (%s): links, anchors, nothing outside the mount" % (site.name, site.base), do_crawl)

        # -------------------------------------------------------------- browser
        from browser import Browser
        b = Browser(logs_dir)
        try:
            for site in served:
                ctx = sc.Context(site, crawls.get(site.name), texts["fr"])
                is_demo = site.group == "demo"
                query = "consentement" if is_demo else "contexte"
                report.run("%s: home page and main menu, language switch" % site.name, sc.home_and_navigation, b, ctx)
                report.run("%s: article → citation → provision → back through “Cité dans”" % site.name,
                           sc.article_citation_roundtrip, b, ctx)
                report.run("%s: header search with highlights, result opens at its section" % site.name,
                           sc.header_search, b, ctx, query)
                report.run("%s: missing URL gives the 404 page" % site.name, sc.missing_page, b, ctx)
                if site is demo_root:
                    report.run("%s: search with the keyboard alone" % site.name, sc.keyboard_search, b, ctx)
                    report.run("%s: missing English URL gives the 404 page" % site.name,
                               sc.missing_page, b, ctx, "en/page-missing/")
            report.run("demo from disk (file://): browsing, search message", sc.file_browsing, b,
                       demo_root.folder, texts["fr"])

            # ---------------------------------------------------------- axe, layout, screenshots
            for site in served:
                if site.mount != "/" or site.name not in crawls:
                    continue
                pages = samples(crawls[site.name])
                for lang, path in (("fr", "recherche/"), ("en", "en/search/")):
                    if any(k == "search" and l == lang for k, l, _ in pages):
                        pages.append(("search-results", lang, site.base + path + "?q=" + SEARCH_QUERY[lang]))
                is_demo = site.group == "demo"
                shoot = (lambda kind, lang: lang == "fr" or kind in ("home", "article", "search-results")) if is_demo \
                    else (lambda kind, lang: False)
                check_pages(report, b, site.name, pages, shots_dir, shoot, stats)
        finally:
            b.quit()

    # ------------------------------------------------------------------ Nu checker results
    def nu_result():
        errors, warnings, count = nu_check.result()
        stats["vnu"] = count
        for w in warnings[:5]:
            print("     vnu warning: " + w)
        sc.check(count > 0, "vnu checked no file")
        sc.check(not errors, "%d error(s):\n" % len(errors) + "\n".join(errors[:20]))
    report.run("W3C Nu HTML checker on every built page", nu_result)

    # ------------------------------------------------------------------ summary
    elapsed = time.monotonic() - started
    print()
    print("pages checked: axe %d (page × width), vnu %d, crawler %d pages / %d links / %d anchors; "
          "%d screenshots in %s" % (stats["axe"], stats["vnu"], stats["crawled"], stats["links"], stats["anchors"],
                                    stats["screens"], os.path.relpath(shots_dir, REPO)))
    print("run time %.0f s" % elapsed)
    if report.failed:
        print("failed: " + "; ".join(n for n, _ in report.failed))
    print("browser: %d passed, %d failed" % (len(report.passed), len(report.failed)))
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
