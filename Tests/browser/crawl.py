"""Crawls a served site over HTTP, the way a link checker would: from the home pages, the sitemap and
the feeds, every internal reference (a, link, script, img, form action, sitemap loc, feed link) is
fetched once; each must answer 200, and each #fragment must name an id of the target page.
References to another host are not fetched (the theme makes none but the official-text links).
Under a sub-path, a same-host reference outside the mount is broken: that is a root-only URL."""

import concurrent.futures
import re
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from xml.etree import ElementTree

HTML_REFS = {"a": "href", "area": "href", "link": "href", "script": "src", "img": "src",
             "source": "src", "iframe": "src", "form": "action", "video": "src", "audio": "src"}


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()
        self.refs = []          # (tag, attribute value)
        self.kind = None        # from <body class="kind-…">
        self.lang = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "body":
            m = re.search(r"\bkind-([a-z-]+)", a.get("class") or "")
            self.kind = m.group(1) if m else None
        attr = HTML_REFS.get(tag)
        if attr and a.get(attr) is not None:
            if tag == "link" and "preconnect" in (a.get("rel") or ""):
                return
            self.refs.append((tag, a[attr]))
        if tag == "img" and a.get("srcset"):
            for part in a["srcset"].split(","):
                if part.strip():
                    self.refs.append(("img", part.strip().split()[0]))

    handle_startendtag = handle_starttag


class Page:
    def __init__(self, url, status, ctype, body):
        self.url, self.status, self.ctype, self.body = url, status, ctype, body
        self.ids, self.refs, self.kind, self.lang = set(), [], None, None


def fetch(url):
    request = urllib.request.Request(url, headers={"User-Agent": "guidesite-crawler"})
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return Page(r.geturl(), r.status, r.headers.get("Content-Type", ""), r.read())
    except urllib.error.HTTPError as e:
        return Page(url, e.code, e.headers.get("Content-Type", "") if e.headers else "", e.read() or b"")
    except OSError as e:
        return Page(url, 0, "", str(e).encode())


def xml_refs(body):
    """<loc> of a sitemap, <link href> of an Atom feed; None when the XML is not well-formed."""
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        return None
    refs = []
    for el in root.iter():
        name = el.tag.rsplit("}", 1)[-1]
        if name == "loc" and el.text:
            refs.append(("loc", el.text.strip()))
        elif name == "link" and el.get("href"):
            refs.append(("link", el.get("href")))
    return refs


class CrawlResult:
    def __init__(self, site):
        self.site = site
        self.pages = {}           # url (no fragment) -> Page
        self.problems = []        # human-readable lines
        self.links_checked = 0    # internal references checked (each occurrence)
        self.anchors_checked = 0
        self.external = set()

    def html_pages(self):
        return {u: p for u, p in self.pages.items() if p.status == 200 and "html" in p.ctype}


def crawl(site, extra_starts=(), workers=8):
    """Crawls `site` (serve.Site). Returns a CrawlResult."""
    base = site.base
    origin = urllib.parse.urlsplit(base)
    result = CrawlResult(site)
    starts = [base, base + "sitemap.xml", base + "feed.xml"] + [base + s for s in extra_starts]
    pending_fragments = []     # (source page, reference, target url, fragment)
    queue = list(dict.fromkeys(starts))
    seen = set(queue)
    referrers = {u: ["(start)"] for u in queue}

    def internal(url):
        parts = urllib.parse.urlsplit(url)
        return parts.scheme in ("http", "https") and parts.netloc == origin.netloc

    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        while queue:
            batch, queue = queue, []
            for url, page in zip(batch, pool.map(fetch, batch)):
                result.pages[url] = page
                if page.status == 200 and page.url != url:
                    result.problems.append("%s redirects to %s (linked from %s)"
                                           % (url, page.url, ", ".join(sorted(set(referrers.get(url, ["?"])))[:3])))
            for url in batch:
                page = result.pages[url]
                if page.status != 200:
                    continue
                refs = []
                if "html" in page.ctype:
                    parser = PageParser()
                    parser.feed(page.body.decode("utf-8", errors="replace"))
                    page.ids, page.kind, page.lang = parser.ids, parser.kind, parser.lang
                    refs = parser.refs
                elif "xml" in page.ctype:
                    refs = xml_refs(page.body)
                    if refs is None:
                        result.problems.append("%s is not well-formed XML" % url)
                        refs = []
                for tag, ref in refs:
                    ref = ref.strip()
                    if not ref:
                        result.problems.append("%s: empty %s reference" % (url, tag))
                        continue
                    absolute = urllib.parse.urljoin(page.url, ref)
                    target, _, fragment = absolute.partition("#")
                    if not internal(target):
                        if urllib.parse.urlsplit(target).scheme in ("http", "https"):
                            result.external.add(target)
                        continue
                    result.links_checked += 1
                    if not urllib.parse.urlsplit(target).path.startswith(origin.path):
                        result.problems.append("%s: %s %r leads outside %s (a URL that only works at the root)"
                                               % (url, tag, ref, origin.path))
                        continue
                    if "#" in absolute:
                        pending_fragments.append((url, ref, target, urllib.parse.unquote(fragment)))
                    referrers.setdefault(target, []).append(url)
                    if target not in seen:
                        seen.add(target)
                        queue.append(target)

    for url, page in sorted(result.pages.items()):
        if page.status != 200 and url.startswith(base):
            optional = url in (base + "sitemap.xml", base + "feed.xml") and referrers.get(url) == ["(start)"]
            if page.status == 404 and optional:
                continue
            where = ", ".join(sorted(set(referrers.get(url, ["?"])))[:3])
            result.problems.append("%s answers %s (linked from %s)" % (url, page.status or page.body.decode()[:80], where))

    for source, ref, target, fragment in pending_fragments:
        page = result.pages.get(target)
        if page is None or page.status != 200 or "html" not in page.ctype:
            continue
        result.anchors_checked += 1
        if not fragment:
            result.problems.append("%s: link %r has an empty fragment" % (source, ref))
        elif fragment not in page.ids:
            result.problems.append("%s: link %r: no id %r in %s" % (source, ref, fragment, target))
    return result
