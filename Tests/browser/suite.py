"""guidesite's browser suite: builds the demo portal and the fixture sites, serves them with nginx
(at the root and under /guide/), crawls them, runs the Nu HTML checker, then drives headless
Chromium through what a member does, runs axe-core on every kind of page at desktop and phone
widths and saves screenshots. Run it through Tests/browser/run.sh. Exit status 0 when all passed."""

import argparse
import concurrent.futures
import os
import re
import subprocess
import sys
import time
import traceback
import urllib.parse

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
# Words the content of each site surely holds, to search for.
SEARCH_QUERY = {"demo": {"fr": "consentement", "en": "consent"}, "fixture": {"fr": "contexte", "en": "details"}}


def locale_texts(theme, lang):
    """The flat `key: "value"` pairs of the theme's locale file (no YAML library needed)."""
    texts = {}
    with open(os.path.join(theme, "locales", lang + ".yaml"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r'^([a-z_]+):\s*"(.*)"\s*$', line)
            if m:
                texts[m.group(1)] = m.group(2).replace('\\"', '"')
    return texts


class Report:
    def __init__(self):
        self.passed, self.failed = [], []
        self.before = None   # called before each check (the browser's console is emptied there)

    def ok(self, name):
        self.passed.append(name)

    def fail(self, name, detail):
        self.failed.append((name, detail))
        print("FAIL %s\n     %s" % (name, detail.replace("\n", "\n     ")), flush=True)

    def run(self, name, fn, *args):
        start = time.monotonic()
        try:
            if self.before:
                self.before()
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


def check_pages(report, b, label, pages, shots_dir, shoot, stats, queries, phone_axe=True):
    """axe-core at desktop and phone widths (phone: unless `phone_axe` is false), no sideways
    scrolling on a phone, no console error, and screenshots for the pages `shoot` accepts."""
    from browser import DESKTOP, PHONE
    for kind, lang, url in pages:
        def one():
            b.set_viewport(DESKTOP)
            b.open(url)
            if kind == "search-results":
                sc.search_results(b, queries[lang])
            problems = []
            for vp in (DESKTOP, PHONE):
                b.set_viewport(vp)
                if vp is DESKTOP or phone_axe:
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
            b.set_viewport(DESKTOP)
            errors = b.console_errors()
            problems += ["console: %s" % m for _, _, m in errors]
            sc.check(not problems, "%s\n" % url + "\n".join(problems[:12]) +
                     ("\n… and %d more" % (len(problems) - 12) if len(problems) > 12 else ""))
        report.run("page %s %s %s: axe (desktop%s), phone layout, console" % (
            label, lang, kind, ", phone" if phone_axe else ""), one)


def check_served(args, report, served, stats, texts, shots_dir, logs_dir):
    """Serves the built sites with nginx, crawls them, then drives the browser through them."""
    crawls = {}
    demo_root = served[0]
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
        report.before = b.drain_console  # what a failed check left in the console is not the next one's
        try:
            for site in served:
                ctx = sc.Context(site, texts["fr"], menu_in_every_language=site.group == "demo")
                is_demo = site.group == "demo"
                query = SEARCH_QUERY["demo" if is_demo else "fixture"]["fr"]
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
                       demo_root.folder, texts["fr"], os.path.join(shots_dir, "demo-fr-search-file-desktop.png"))

            # ---------------------------------------------------------- axe, layout, screenshots
            for site in served:
                if site.mount != "/" or site.name not in crawls:
                    continue
                pages = samples(crawls[site.name])
                is_demo = site.group == "demo"
                queries = SEARCH_QUERY["demo" if is_demo else "fixture"]
                for kind, lang, url in list(pages):
                    if kind == "search":
                        pages.append(("search-results", lang, url + "?q=" + urllib.parse.quote(queries[lang])))
                shoot = (lambda kind, lang: lang == "fr" or kind in ("home", "article", "search-results")) if is_demo \
                    else (lambda kind, lang: False)
                # The fixtures use the demo's templates: at phone width, their layout is checked, not axe again.
                check_pages(report, b, site.name, pages, shots_dir, shoot, stats, queries, phone_axe=is_demo)

            def console_sweep(site=demo_root):
                """Pages of the demo not opened yet, in the browser: no console error. By default the
                smallest and the first page of each kind and language (a page's scripts depend on its
                template, not on its text); with --all-pages, every page."""
                pages = crawls[site.name].html_pages()
                if args.all_pages:
                    todo = sorted(pages)
                else:
                    by_kind = {}
                    for url, page in sorted(pages.items()):
                        by_kind.setdefault((page.kind, page.lang), []).append((len(page.body), url))
                    todo = sorted({min(v)[1] for v in by_kind.values()} | {v[0][1] for v in by_kind.values()})
                todo = [u for u in todo if u not in b.pages_seen]
                problems = []
                for url in todo:
                    b.open(url)
                    problems += ["%s: %s" % (url, m) for _, _, m in b.console_errors()]
                sc.check(not problems, "\n".join(problems[:15]))
            if demo_root.name in crawls:
                report.run("demo: %s opened in the browser, no console error" % (
                    "every page" if args.all_pages else "more pages of each kind"), console_sweep)
            stats["console"] = len(b.pages_seen)
        finally:
            report.before = None
            b.quit()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bin", required=True, help="the guidesite binary")
    parser.add_argument("--artifacts", default=os.path.join(REPO, "Tests", "Artifacts"))
    parser.add_argument("--content", default=os.path.join(REPO, "Content"),
                        help="the portal to check as the demo (default: Content/)")
    parser.add_argument("--theme", help="check the sites built with this theme folder instead of Themes/default")
    parser.add_argument("--all-pages", action="store_true",
                        help="open every page of the demo in the browser (console check), not a few of each kind")
    args = parser.parse_args()
    report = Report()
    try:
        return run(args, report)
    except Exception as e:  # the sites could not be built or served, or the browser not started
        if not isinstance(e, RuntimeError):
            traceback.print_exc()
        print("error: %s" % e)
        print("browser: %d passed, %d failed" % (len(report.passed), len(report.failed) + 1))
        return 1


def run(args, report):
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

    stats = {"axe": 0, "vnu": 0, "links": 0, "anchors": 0, "crawled": 0, "console": 0}

    # ------------------------------------------------------------------ build
    served = []   # serve.Site, each with .content, .theme and .group (demo, fixture-NAME) set
    theme = os.path.abspath(args.theme or os.path.join(REPO, "Themes", "default"))
    texts = {"fr": locale_texts(theme, "fr"), "en": locale_texts(theme, "en")}
    specs = [("demo", os.path.abspath(args.content), theme)]
    specs += [("fixture-" + f, os.path.join(REPO, "Tests", "Fixtures", "sites", f), theme) for f in fixture_sites()]
    for name, content, site_theme in specs:
        for mount in ("/", "/guide/"):
            port = serve.free_port()
            label = name + ("-guide" if mount != "/" else "")
            site = serve.Site(label, os.path.join(sites_dir, label), mount, port)
            site.content, site.theme, site.group = content, site_theme, name
            served.append(site)
    t = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for f in [pool.submit(build, binary, s.content, s.folder, s.base, s.theme) for s in served]:
            f.result()
    print("built %d sites in %.1f s" % (len(served), time.monotonic() - t), flush=True)

    # ------------------------------------------------------------------ Nu checker, in the background
    nu_check = nu.NuCheck([s.folder for s in served], os.path.join(logs_dir, "vnu.json"))

    try:
        check_served(args, report, served, stats, texts, shots_dir, logs_dir)
    except BaseException:
        nu_check.stop()
        raise

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
    print("pages checked: axe %d (page × width), vnu %d, crawler %d pages / %d links / %d anchors, "
          "browser console %d pages; %d screenshots in %s" % (
              stats["axe"], stats["vnu"], stats["crawled"], stats["links"], stats["anchors"], stats["console"],
              len([f for f in os.listdir(shots_dir) if f.endswith(".png")]), os.path.relpath(shots_dir, REPO)))
    print("run time %.0f s" % elapsed)
    if report.failed:
        print("failed: " + "; ".join(n for n, _ in report.failed))
    print("browser: %d passed, %d failed" % (len(report.passed), len(report.failed)))
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
