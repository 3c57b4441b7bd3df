import Foundation
import Testing
@testable import GuideSiteKit

/// Hostile values in every field an author or a regulator writes, and what must never come out of
/// them: an executable script anywhere in the output (pages, Atom feeds, sitemap,
/// `data/references.json`, the search index under `search/`), raw HTML without `unsafe_html: true`,
/// a page without a CSP that forbids inline script, a file written outside the output folder.
@Suite("Bad inputs: no script gets through, nothing written outside the output")
struct BadInputSecurityTests {
    /// Payloads that break out of text, attributes (either quote), URLs, XML and JSON.
    static let payloads = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(2)>",
        "' onmouseover='alert(3)",
        "</title><script>alert(4)</script>",
        "]]></summary><script>alert(5)</script>",
        "\\\"});alert(6);//",
        "{{{site.title}}}<svg onload=alert(7)>",
    ]

    /// A YAML double-quoted scalar holding `text`.
    static func yaml(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The base site with a payload in every field, and Markdown that tries every way in.
    static func writeHostileSite(_ site: BadInputSandbox, unsafeHTML: Bool?) throws {
        let p = payloads
        let y = yaml
        var siteYAML = """
        title: \(y("Portail " + p[0]))
        description: \(y("Description " + p[1]))
        base_url: "https://essai.example.org/"
        language: fr
        languages: [fr, en]
        regulator: \(y("Ordre " + p[2]))
        navigation:
          - title: \(y("Nav " + p[3]))
            url: "/articles/"
          - title: \(y("Externe " + p[1]))
            url: \(y("https://example.org/\"onmouseover=\"alert(8)"))

        """
        if let unsafeHTML { siteYAML += "unsafe_html: \(unsafeHTML)\n" }
        try site.write("Content/site.yaml", siteYAML)
        try site.write("Content/articles/hostile.md", """
        ---
        title: \(y("Titre " + p[0]))
        date: 2026-05-01
        updated: 2026-05-02
        summary: \(y("Résumé " + p[1] + p[4]))
        tags: [\(y(p[0])), \(y(p[2])), \(y("javascript:alert(9)"))]
        professions: [\(y(p[1])), \(y("Dentistes"))]
        code: dentistes
        translation_key: \(y("cle " + p[5]))
        ---
        Introduction citant l'art. 3.09.10 et la recommandation 1.

        ## Intertitre \(p[0]) \(p[2])

        <script>alert(10)</script>

        <div onclick="alert(11)">bloc</div>

        Texte <b onmouseover="alert(12)">gras</b> <img src=x onerror=alert(13)> et <iframe src="javascript:alert(14)"></iframe>.

        [lien](javascript:alert(15)) [majuscules](JaVaScRiPt:alert(16)) [tab](java\tscript:alert(17))
        [entité](&#106;avascript:alert(18)) [vb](vbscript:msgbox(19)) [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgyMCk8L3NjcmlwdD4=)
        [titre](https://example.org/ "\\" onmouseover=\\"alert(21)") <javascript:alert(22)>
        ![image](javascript:alert(23)) ![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMjQpPg==)
        [réf][x] [](code:dentistes/3.09.10 "\\"><script>alert(25)</script>")

        [x]: javascript:alert(26)

        ```"><script>alert(27)</script>
        code
        ```

        > [citation](second.md#details "' onfocus='alert(28)")

        | En-tête \(p[0]) | `\(p[1])` |
        | :--- | ---: |
        | [x](javascript:alert(34)) <b onclick="alert(35)">b</b> | art. 3.09.10 \(p[2]) |

        """)
        try site.write("Content/recommendations/03-hostile.yaml", """
        number: 3
        title: \(y("Reco " + p[0]))
        summary: \(y("Résumé " + p[1]))
        body: |
          Corps <script>alert(29)</script> [x](javascript:alert(30)) et l'art. 3.09.10 du Code de déontologie des dentistes.
        do:
          - \(y("Faire " + p[2]))
        dont:
          - \(y("<img src=x onerror=alert(31)>"))
        codes:
          - "dentistes 3.09.10"

        """)
        try site.write("Content/codes/hostile.yaml", """
        id: hostile
        title: \(y("Code " + p[0]))
        short_title: \(y("Court " + p[1]))
        citation: \(y("RLRQ " + p[2]))
        aliases: [\(y("Code hostile " + p[3]))]
        profession: \(y("Profession " + p[1]))
        source_url: \(y("https://example.org/\"><script>alert(32)</script>"))
        sections:
          - number: "1"
            title: \(y("Section " + p[0]))
        articles:
          - number: "1.01"
            title: \(y("Article " + p[1]))
            section: "1"
            text: \(y("Résumé : " + p[0] + " [x](javascript:alert(33))"))

        """)
    }

    /// Tags and attributes of the clean site, plus what the Markdown renderer may write.
    static func baseline(_ files: [String: Data]) -> (tags: Set<String>, attributes: Set<String>, jsonKeys: [String: Set<String>]) {
        var tags: Set<String> = ["p", "a", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote",
                                 "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br", "img",
                                 "div", "table", "thead", "tbody", "tr", "th", "td"]
        var attributes: Set<String> = ["href", "title", "src", "alt", "class", "id", "start", "scope"]
        var jsonKeys: [String: Set<String>] = [:]
        for (path, data) in files {
            if path.hasSuffix(".html") || path.hasSuffix(".xml") {
                for tag in OutputInspector.tags(in: String(decoding: data, as: UTF8.self)) {
                    tags.insert(tag.name)
                    for a in tag.attributes { attributes.insert(a.name) }
                }
            } else if path.hasSuffix(".json"), let json = try? JSONSerialization.jsonObject(with: data) {
                var keys: Set<String> = []
                var strings: [String] = []
                OutputInspector.jsonKeysAndStrings(json, keys: &keys, strings: &strings)
                jsonKeys[jsonKind(path), default: []].formUnion(keys)
            }
        }
        return (tags, attributes, jsonKeys)
    }

    /// `search/fr/docs-3.json` → `search/docs.json`, so shards compare with shards.
    static func jsonKind(_ path: String) -> String {
        let name = (path as NSString).lastPathComponent
        let stem = name.split(separator: "-").first.map(String.init) ?? name
        return (path.hasPrefix("search/") ? "search/" : "") + stem.replacingOccurrences(of: ".json", with: "")
    }

    /// Builds the hostile site and checks every output file.
    @Test(arguments: [nil, false] as [Bool?])
    func noScriptGetsThrough(unsafeHTML: Bool?) throws {
        let site = try BadInputSandbox()
        let clean = site.buildWithLibrary(output: site.output)
        try #require(clean.exit == 0, "\(clean)")
        let (allowedTags, allowedAttributes, jsonKeys) = Self.baseline(OutputInspector.files(under: site.output))

        try Self.writeHostileSite(site, unsafeHTML: unsafeHTML)
        let outsideBefore = BadInputSandbox.snapshot(site.folder, excluding: [site.output])
        let outcome = site.buildWithLibrary(output: site.output)
        try #require(outcome.exit == 0, "the hostile site is valid content and builds: \(outcome)")
        #expect(outcome.lines.contains { $0.hasSuffix("warning: raw HTML is left out of the page (set 'unsafe_html: true' in site.yaml to allow it)") })

        let files = OutputInspector.files(under: site.output)
        let themeAssets = OutputInspector.files(under: site.themes.appendingPathComponent("default/assets"))
        var problems: [String] = []
        var sawSearchIndex = false
        for path in files.keys.sorted() {
            let data = files[path]!
            let text = String(decoding: data, as: UTF8.self)
            if path.hasSuffix(".html") || path.hasSuffix(".xml") {
                problems += OutputInspector.scriptProblems(in: text, path: path, isHTML: path.hasSuffix(".html"),
                                                           allowedTags: allowedTags, allowedAttributes: allowedAttributes)
                if path.hasSuffix(".xml") && !OutputInspector.isWellFormedXML(data) { problems.append("\(path): not well-formed XML") }
            } else if path.hasSuffix(".json") {
                if path.hasPrefix("search/") { sawSearchIndex = true }
                guard let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
                    problems.append("\(path): not valid JSON")
                    continue
                }
                var keys: Set<String> = []
                var strings: [String] = []
                OutputInspector.jsonKeysAndStrings(json, keys: &keys, strings: &strings)
                // (a search index's term tables have the words of the content as keys: there the
                // guarantee is that the file parses, checked above)
                let kind = Self.jsonKind(path)
                let known = kind == "search/terms" ? keys : jsonKeys[kind] ?? []
                // keys that the hostile build adds: a payload broke out of a string into the structure
                let injected = keys.subtracting(known).filter { key in Self.payloads.contains { $0.contains(key) || key.contains("alert") } }
                if !injected.isEmpty { problems.append("\(path): keys from the payloads: \(injected.sorted())") }
            } else if path.hasPrefix("assets/") {
                if themeAssets[String(path.dropFirst("assets/".count))] != data { problems.append("\(path): not the theme's asset") }
            } else {
                problems.append("\(path): a file of a kind the site does not make (\((path as NSString).pathExtension))")
            }
            // the search engine's input and the feed are text: a payload must be there as text, not as markup
            if path.hasSuffix(".html"), text.contains("alert(10)") { problems.append("\(path): the raw <script> block reached the page") }
        }
        #expect(problems.isEmpty, "\(problems.count) problems:\n\(problems.prefix(40).joined(separator: "\n"))")
        #expect(sawSearchIndex || !files.keys.contains { $0.hasPrefix("search/") }, "search index checked when present")

        // The payloads are still there, as text: escaped, not dropped.
        let page = String(decoding: files["articles/hostile/index.html"] ?? Data(), as: UTF8.self)
        #expect(page.contains("Titre &lt;script&gt;alert(1)&lt;/script&gt;"), "the title is shown, escaped")
        let feed = files["feed.xml"] ?? Data()
        #expect(OutputInspector.xmlTexts(feed, element: "title").contains("Titre " + Self.payloads[0]), "the feed's title round-trips as text")
        #expect(OutputInspector.xmlTexts(feed, element: "summary").contains("Résumé " + Self.payloads[1] + Self.payloads[4]))
        if let references = files["data/references.json"], let json = try? JSONSerialization.jsonObject(with: references) {
            var keys: Set<String> = []
            var strings: [String] = []
            OutputInspector.jsonKeysAndStrings(json, keys: &keys, strings: &strings)
            #expect(strings.contains("Titre " + Self.payloads[0]), "references.json holds the title as a JSON string")
        } else {
            Issue.record("data/references.json is missing or not JSON")
        }

        // Nothing was written outside the output folder; no staging folder left.
        let outsideAfter = BadInputSandbox.snapshot(site.folder, excluding: [site.output])
        let outside = site.changesOutside(outsideBefore, outsideAfter, output: site.output)
        #expect(outside.isEmpty, "files changed outside the output folder: \(outside)")
    }

    /// With `unsafe_html: true`, the author's raw HTML reaches the page (the switch works), and the
    /// page's CSP still forbids the inline script it may hold.
    @Test func unsafeHTMLIsOnlyOnWhenAsked() throws {
        let site = try BadInputSandbox()
        var siteYAML = try String(contentsOf: site.content.appendingPathComponent("site.yaml"), encoding: .utf8)
        let body = "---\ntitle: \"Brut\"\ndate: 2026-05-01\n---\n<div class=\"encadre\">Encadré</div>\n\n<script>alert(1)</script>\n"
        try site.write("Content/articles/brut.md", body)
        let off = site.buildWithLibrary(output: site.output)
        try #require(off.exit == 0, "\(off)")
        let offPage = try String(contentsOf: site.output.appendingPathComponent("articles/brut/index.html"), encoding: .utf8)
        #expect(!offPage.contains("<div class=\"encadre\">"), "raw HTML is off by default")
        #expect(!offPage.contains("alert(1)"))
        #expect(off.lines.contains("Content/articles/brut.md:5:1: warning: raw HTML is left out of the page (set 'unsafe_html: true' in site.yaml to allow it)"))

        siteYAML += "unsafe_html: true\n"
        try site.write("Content/site.yaml", siteYAML)
        let on = site.buildWithLibrary(output: site.output)
        try #require(on.exit == 0, "\(on)")
        let onPage = try String(contentsOf: site.output.appendingPathComponent("articles/brut/index.html"), encoding: .utf8)
        #expect(onPage.contains("<div class=\"encadre\">Encadré</div>"), "unsafe_html: true lets raw HTML through")
        let csp = OutputInspector.cspProblems(in: OutputInspector.tags(in: onPage), path: "articles/brut/index.html")
        #expect(csp.isEmpty, "\(csp)")
    }

    /// Every page of the demo portal and of the fixture site carries the CSP, in its head, before any script.
    @Test func everyPageCarriesTheCSP() throws {
        let site = try BadInputSandbox()
        let outcome = site.buildWithLibrary(output: site.output)
        try #require(outcome.exit == 0, "\(outcome)")
        let files = OutputInspector.files(under: site.output).filter { $0.key.hasSuffix(".html") }
        #expect(files.count > 10)
        for (path, data) in files.sorted(by: { $0.key < $1.key }) {
            let problems = OutputInspector.cspProblems(in: OutputInspector.tags(in: String(decoding: data, as: UTF8.self)), path: path)
            #expect(problems.isEmpty, "\(problems)")
        }
    }

    /// The inspector itself finds what it is meant to find (a checker that sees nothing proves nothing).
    @Test(arguments: [
        "<p>x</p><script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"java&#x09;script:alert(1)\">x</a>",
        "<a href='&#106;avascript:alert(1)'>x</a>",
        "<iframe srcdoc=\"x\"></iframe>",
        "<svg><a xlink:href=\"javascript:alert(1)\">x</a></svg>",
        "<img src=\"data:text/html;base64,AAAA\">",
        "<script src=\"https://evil.example/x.js\"></script>",
    ])
    func inspectorCatchesScripts(html: String) {
        let page = "<head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; object-src 'none'\"></head>" + html
        let problems = OutputInspector.scriptProblems(in: page, path: "x.html", isHTML: true,
                                                      allowedTags: ["head", "meta", "p", "a", "img", "script"],
                                                      allowedAttributes: ["http-equiv", "content", "href", "src"])
        #expect(!problems.isEmpty)
    }

    @Test func inspectorAcceptsEscapedText() {
        let page = "<head><meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'self'; object-src 'none'\">"
            + "<script defer src=\"../assets/js/site.js\"></script></head>"
            + "<p>&lt;script&gt;alert(1)&lt;/script&gt; a &lt; b, \"onerror=x\"</p><a href=\"../x/\" title=\"&quot; onclick=&quot;x\">y</a>"
        let problems = OutputInspector.scriptProblems(in: page, path: "x.html", isHTML: true,
                                                      allowedTags: ["head", "meta", "p", "a", "script"],
                                                      allowedAttributes: ["http-equiv", "content", "href", "src", "title", "defer"])
        #expect(problems.isEmpty, "\(problems)")
        #expect(!OutputInspector.cspProblems(in: OutputInspector.tags(in: "<head><meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'self' 'unsafe-inline'; object-src 'none'\"></head>"), path: "x").isEmpty)
    }
}
