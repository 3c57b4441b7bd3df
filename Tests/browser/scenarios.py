"""What a member does on the portal, step by step, in the real browser. Each scenario raises
AssertionError with a plain sentence when something a member would notice goes wrong."""

import unicodedata
import urllib.error
import urllib.parse
import urllib.request

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

NOT_FOUND_CONSOLE = "the server responded with a status of 404"


def fold(text):
    text = unicodedata.normalize("NFD", text or "")
    return "".join(c for c in text if unicodedata.category(c) != "Mn").lower()


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def http_status(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


class Context:
    """What the scenarios know about one served site."""

    def __init__(self, site, texts, menu_in_every_language=False):
        self.site = site
        self.base = site.base
        self.t = texts  # interface texts of the default language, from the theme's locale file
        # The demo portal must give its English readers a menu too; a fixture may have none.
        self.menu_in_every_language = menu_in_every_language


def in_viewport(b, element_id):
    return b.js("""const el = document.getElementById(arguments[0]);
        if (!el) return false;
        const r = el.getBoundingClientRect();
        return r.top >= -1 && r.top < window.innerHeight - 20;""", element_id)


def assert_console_clean(b, allow=()):
    errors = b.console_errors(allow)
    check(not errors, "JavaScript console errors: " + "; ".join("%s: %s" % (u, m) for u, _, m in errors[:5]))


def assert_styled(b):
    """The stylesheet applied (a page whose CSS failed to load looks broken to a member)."""
    bg = b.js("return getComputedStyle(document.querySelector('.site-header')).backgroundColor")
    check(bg not in ("rgba(0, 0, 0, 0)", "transparent", None), "the stylesheet did not load at %s" % b.url)


# ---------------------------------------------------------------------------------- scenarios

def home_and_navigation(b, ctx):
    """Home page, then every item of the main menu, then back home with the site title, then
    the English version through the language switcher."""
    b.open(ctx.base)
    check(b.kind() == "home", "the home page is not of kind home")
    assert_styled(b)
    title = b.one("h1").text.strip()
    check(title, "the home page has no visible h1")
    count = len(b.all(".site-nav a"))
    check(count >= 2, "the main menu has %d items" % count)
    for i in range(count):
        link = b.all(".site-nav a")[i]
        label, href = link.text.strip(), link.get_attribute("href")
        b.click(link)
        check(b.url == href, "menu item %r went to %s instead of %s" % (label, b.url, href))
        check(b.kind() not in (None, "not-found"), "menu item %r leads to a missing page" % label)
        current = [a.text.strip() for a in b.all('.site-nav a[aria-current="page"]')]
        check(current == [label], "after following %r the menu marks %r as current" % (label, current))
        h1 = b.one("h1").text.strip()
        check(h1, "page %s has no visible h1" % b.url)
        crumbs = b.all('.breadcrumbs [aria-current="page"]')
        check(crumbs and crumbs[0].text.strip(), "page %s has no current breadcrumb" % b.url)
        assert_console_clean(b)
    b.click(b.one(".site-title a"))
    check(b.kind() == "home" and b.url == ctx.base, "the site title does not lead home (at %s)" % b.url)
    english = [a for a in b.all(".language-switcher a") if a.get_attribute("hreflang") == "en"]
    check(english, "no English link in the language switcher")
    b.click(english[0])
    check(b.js("return document.documentElement.lang") == "en", "the English home is not lang=en")
    check(b.kind() == "home", "the English link does not lead to the English home")
    if ctx.menu_in_every_language:
        menu = b.all(".site-nav a")
        check(len(menu) >= 2, "the English pages have no main menu (%d item): an English reader cannot reach "
              "the recommendations, articles or codes (navigation entries with lang: en in site.yaml)" % len(menu))
        b.click(menu[0])
        check(b.js("return document.documentElement.lang") == "en" and b.kind() not in (None, "not-found"),
              "the English menu's first item leads to %s" % b.url)
    back = [a for a in b.all(".language-switcher a") if a.get_attribute("hreflang") == "fr"]
    b.click(back[0])
    check(b.js("return document.documentElement.lang") == "fr", "the French link does not lead back to French")
    assert_console_clean(b)


def article_citation_roundtrip(b, ctx):
    """Articles list → an article → a citation in its text → the provision's page → back to the
    exact citing sentence through the provision's "Cité dans" list."""
    b.open(ctx.base)
    articles = [a for a in b.all(".site-nav a") if urllib.parse.urlsplit(a.get_attribute("href")).path.endswith("/articles/")]
    check(articles, "no Articles item in the main menu")
    b.click(articles[0])
    cards = len(b.all(".card-title a"))
    check(cards, "the articles list shows no article")
    chosen = None
    for i in range(cards):
        b.click(b.all(".card-title a")[i])
        check(b.kind() == "article", "a card of the articles list does not open an article")
        refs = b.js("""return [...document.querySelectorAll('.prose a.ref[id]')]
            .filter(a => /\\/codes\\/[^/]+\\/[^/]+\\/$/.test(new URL(a.href).pathname))
            .map(a => a.id);""")
        if refs:
            chosen = refs[0]
            break
        b.driver.back()
    check(chosen, "no article of the list cites a provision")
    article_url = b.url.split("#")[0]
    ref = b.one("#" + chosen)
    label = ref.get_attribute("title") or ref.text
    number = urllib.parse.unquote(urllib.parse.urlsplit(ref.get_attribute("href")).path.rstrip("/").rsplit("/", 1)[-1])
    b.click(ref)
    check(b.kind() == "provision", "citation %r (%s) does not open a provision page but %s" % (label, chosen, b.kind()))
    h1 = b.js("return document.querySelector('h1').textContent")
    check(number in h1, "the page of provision %s is titled %r" % (number, h1))
    cited_in = b.one(".cited-in")
    heading = cited_in.find_element("css selector", "h2").text.strip()
    check(heading == ctx.t["cited_in"], "the provision page's citing section is titled %r" % heading)
    back = [a for a in b.all(".cited-in-list a") if a.get_attribute("href") == article_url + "#" + chosen]
    check(back, "the provision's “%s” list has no link back to %s#%s" % (heading, article_url, chosen))
    b.click(back[0])
    check(b.url == article_url + "#" + chosen, "the “Cité dans” link went to %s" % b.url)
    b.wait(lambda: in_viewport(b, chosen), 5, "the citing sentence (#%s) is not scrolled into view" % chosen)
    assert_console_clean(b)


def search_results(b, query, minimum=1):
    """Waits for the search page to show results for `query`; returns the result links."""
    check(b.kind() == "search", "the search form did not lead to the search page (at %s)" % b.url)
    b.wait(lambda: b.all("#search-results li") or fold(query) in fold(b.one("#search-status").text)
           and b.one("#search-status").text.strip(), 10, "no search results and no status for %r" % query)
    results = b.all("#search-results li a.search-result-link")
    status = b.one("#search-status").text
    check(len(results) >= minimum, "search for %r: %d result(s), status %r" % (query, len(results), status))
    return results


def header_search(b, ctx, query="consentement"):
    """Types in the header search box of an ordinary page; results appear with the words found
    highlighted; a result that points to a section opens the page at that section."""
    b.open(ctx.base)
    b.click(b.all(".site-nav a")[0])
    box = b.one("#site-search-q")
    old = b.url
    box.send_keys(query, Keys.ENTER)
    b.wait_for_url_change(old)
    check(urllib.parse.parse_qs(urllib.parse.urlsplit(b.url).query).get("q") == [query],
          "the search page URL does not carry the query: %s" % b.url)
    check(b.one("#search-q").get_attribute("value") == query, "the search page's field does not show the query")
    results = search_results(b, query)
    marks = [m.text for m in b.all("#search-results mark")]
    check(marks, "search results show no highlighted word (<mark>)")
    check(any(fold(m).startswith(fold(query)[:6]) for m in marks),
          "the highlighted words %r do not match %r" % (marks[:5], query))
    check(b.one("#search-status").text.strip(), "the search status is empty")
    sectioned = [a for a in results if "#" in a.get_attribute("href")]
    check(sectioned, "no result of %r points to a section of a page" % query)
    link = sectioned[0]
    href = link.get_attribute("href")
    section_text = b.js("var s = arguments[0].querySelector('.search-result-section'); return s ? s.textContent : ''", link)
    anchor = urllib.parse.unquote(href.split("#", 1)[1])
    b.click(link)
    check(b.url == href, "the result opened %s instead of %s" % (b.url, href))
    check(b.js("return !!document.getElementById(arguments[0])", anchor), "the result's section #%s is not on the page" % anchor)
    b.wait(lambda: in_viewport(b, anchor), 5, "the result's section #%s is not scrolled into view" % anchor)
    if section_text:
        heading = b.js("return document.getElementById(arguments[0]).textContent", anchor)
        check(fold(section_text.strip()) in fold(heading),
              "the result named section %r but landed on %r" % (section_text, heading))
    assert_console_clean(b)


def press(b, *keys):
    ActionChains(b.driver).send_keys(*keys).perform()


def tab_to(b, predicate, limit, what, shift=False):
    for _ in range(limit):
        press(b, (Keys.SHIFT + Keys.TAB) if shift else Keys.TAB)
        if predicate(b.focused()):
            return b.focused()
    raise AssertionError("%s is not reachable with %d presses of Tab (at %s)" % (what, limit, b.url))


def focus_ring(b, element):
    style = b.js("""const s = getComputedStyle(arguments[0]);
        return [s.outlineStyle, parseFloat(s.outlineWidth) || 0, arguments[0].matches(':focus-visible')];""", element)
    return style[0] not in ("none", "") and style[1] >= 2 and style[2]


def keyboard_search(b, ctx, query="publicité"):
    """Keyboard only: the skip link comes first, Tab reaches the header search box, Enter searches,
    Tab reaches the page's field, the arrow keys move through the results, Enter opens one."""
    b.open(ctx.base)
    first = tab_to(b, lambda e: True, 1, "anything")
    check("skip-link" in (first.get_attribute("class") or ""), "the first Tab does not focus the skip link")
    check(b.js("return arguments[0].getBoundingClientRect().top >= 0", first), "the focused skip link stays off-screen")
    check(focus_ring(b, first), "the skip link shows no focus ring")
    box = tab_to(b, lambda e: e.get_attribute("id") == "site-search-q", 12, "the header search box")
    check(focus_ring(b, box), "the header search box shows no focus ring")
    old = b.url
    press(b, query, Keys.ENTER)
    b.wait_for_url_change(old)
    search_results(b, query, minimum=2)
    field = tab_to(b, lambda e: e.get_attribute("id") == "search-q", 30, "the search page's field")
    check(field.get_attribute("value") == query, "the search page's field lost the query")
    press(b, Keys.ARROW_DOWN)
    links = b.all("#search-results a.search-result-link")
    check(b.focused() == links[0], "↓ from the field does not move to the first result")
    check(focus_ring(b, links[0]), "the focused result shows no focus ring")
    press(b, Keys.ARROW_DOWN)
    check(b.focused() == links[1], "↓ does not move to the second result")
    press(b, Keys.ARROW_UP)
    check(b.focused() == links[0], "↑ does not move back to the first result")
    press(b, Keys.ESCAPE)
    check(b.focused() == field, "Escape does not go back to the field")
    press(b, Keys.ARROW_DOWN)
    target = links[0].get_attribute("href")
    old = b.url
    press(b, Keys.ENTER)
    b.wait_for_url_change(old)
    check(b.url == target, "Enter on a result opened %s instead of %s" % (b.url, target))
    check(b.kind() not in (None, "not-found", "search"), "Enter on a result did not open a page")
    assert_console_clean(b)


def missing_page(b, ctx, path="page-qui-n-existe-pas/"):
    """A URL that does not exist answers 404 with the site's own page, styled, in place, with
    working links, even under a sub-path."""
    url = ctx.base + path
    status = http_status(url)
    check(status == 404, "%s answers %s instead of 404" % (url, status))
    b.open(url)
    check(b.kind() == "not-found", "a missing URL does not show the site's 404 page")
    check(b.one("h1").text.strip() == ctx.t["not_found_title"], "the 404 page's title is %r" % b.one("h1").text)
    assert_styled(b)
    check(b.js("return getComputedStyle(document.querySelector('.skip-link')).position") == "absolute",
          "the 404 page's stylesheet is missing")
    assert_console_clean(b, allow=[url + " - Failed to load resource: " + NOT_FOUND_CONSOLE])
    home = [a for a in b.all(".not-found-links a") if a.get_attribute("href") == ctx.base]
    check(home, "the 404 page has no link to %s" % ctx.base)
    b.click(home[0])
    check(b.kind() == "home", "the 404 page's home link does not lead home")
    assert_console_clean(b)


# Chromium refuses module scripts on file:// pages, and says so twice in the console.
FILE_SEARCH_CONSOLE = ["search-ui.js' from origin 'null' has been blocked by CORS policy",
                       "search-ui.js - Failed to load resource: net::ERR_FAILED"]


def file_browsing(b, folder, t, screenshot=None):
    """Output/index.html opened from disk (file://): links still lead to pages (site.js adds
    index.html), and the search page says plainly that search needs the site to be served."""
    import os
    home = "file://" + os.path.abspath(os.path.join(folder, "index.html"))
    b.open(home)
    check(b.kind() == "home", "index.html opened from disk is not the home page")
    assert_styled(b)
    b.wait(lambda: b.one(".site-nav a").get_attribute("href").endswith("index.html"), 5,
           "site.js did not add index.html to the menu links on file://")
    for i in range(len(b.all(".site-nav a"))):
        link = b.all(".site-nav a")[i]
        label = link.text.strip()
        b.click(link)
        check(b.url.endswith("/index.html") and b.kind() not in (None, "not-found"),
              "on file://, menu item %r opened %s" % (label, b.url))
        assert_styled(b)
    articles = [a for a in b.all(".site-nav a") if "/articles/" in a.get_attribute("href")]
    b.click(articles[0])
    b.click(b.all(".card-title a")[0])
    check(b.kind() == "article" and b.url.endswith("/index.html"), "on file://, an article card opened %s" % b.url)
    refs = b.all(".prose a.ref")
    if refs:
        b.click(refs[0])
        check(b.kind() in ("provision", "recommendation"), "on file://, a citation opened %s" % b.url)
    b.click(b.one(".site-title a"))
    check(b.kind() == "home", "on file://, the site title does not lead home")
    assert_console_clean(b)
    box = b.one("#site-search-q")
    old = b.url
    box.send_keys("consentement", Keys.ENTER)
    b.wait_for_url_change(old)
    check(b.kind() == "search" and "/index.html?q=consentement" in b.url,
          "on file://, the header search opened %s" % b.url)
    notice = b.all("#search-file-notice")
    check(notice and notice[0].is_displayed(), "on file://, the search page shows no message about search needing a server")
    shown = " ".join(notice[0].text.split())
    check(shown == " ".join(t["search_file_notice"].split()), "the file:// search message is %r" % shown)
    check(b.one("#search-q").get_attribute("value") == "consentement", "on file://, the search field lost the query")
    if screenshot:
        b.screenshot(screenshot)
    assert_console_clean(b, allow=FILE_SEARCH_CONSOLE)
