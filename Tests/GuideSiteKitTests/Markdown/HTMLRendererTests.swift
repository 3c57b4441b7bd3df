import Testing
@testable import GuideSiteKit

/// One line of Markdown in, one exact HTML string out.
@Suite("Markdown rendering")
struct HTMLRendererTests {
    static func html(_ markdown: String, french: Bool = false, unsafe: Bool = false) -> String {
        HTMLRenderer(allowsRawHTML: unsafe, frenchTypography: french).render(MarkdownParser().parse(markdown).document)
    }

    @Test(arguments: [
        ("Bonjour", "<p>Bonjour</p>\n"),
        ("*emphase* et **fort**", "<p><em>emphase</em> et <strong>fort</strong></p>\n"),
        ("`code`", "<p><code>code</code></p>\n"),
        ("# Titre", "<h1>Titre</h1>\n"),
        ("> citation", "<blockquote>\n<p>citation</p>\n</blockquote>\n"),
        ("- a\n- b", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"),
        ("3. trois\n4. quatre", "<ol start=\"3\">\n<li>trois</li>\n<li>quatre</li>\n</ol>\n"),
        ("---", "<hr>\n"),
        ("```swift\nlet a = 1 < 2\n```", "<pre><code class=\"language-swift\">let a = 1 &lt; 2\n</code></pre>\n"),
        ("[lien](https://example.org/a b \"titre\")", "<p>[lien](https://example.org/a b “titre”)</p>\n"),
        ("[lien](<https://example.org/a b> \"titre\")", "<p><a href=\"https://example.org/a%20b\" title=\"titre\">lien</a></p>\n"),
        ("![logo](img.png)", "<p><img src=\"img.png\" alt=\"logo\"></p>\n"),
        ("a  \nb", "<p>a<br>\nb</p>\n"),
        ("l'article", "<p>l’article</p>\n"),
        ("R&D <b>", "<p>R&amp;D </p>\n"),
        ("| a | b |\n|---|:-:|\n| *1* | 2 |",
         "<div class=\"table-wrap\"><table>\n<thead>\n<tr><th scope=\"col\">a</th><th scope=\"col\" class=\"align-center\">b</th></tr>\n</thead>\n<tbody>\n<tr><td><em>1</em></td><td class=\"align-center\">2</td></tr>\n</tbody>\n</table></div>\n"),
        ("a | b\n--- | ---:\nx \\| y | `z`\nseule",
         "<div class=\"table-wrap\"><table>\n<thead>\n<tr><th scope=\"col\">a</th><th scope=\"col\" class=\"align-right\">b</th></tr>\n</thead>\n<tbody>\n<tr><td>x | y</td><td class=\"align-right\"><code>z</code></td></tr>\n<tr><td>seule</td><td class=\"align-right\"></td></tr>\n</tbody>\n</table></div>\n"),
        ("| a | b |\n| --- |", "<p>| a | b |\n| — |</p>\n"),
        ("a | b\nsuite", "<p>a | b\nsuite</p>\n"),
    ])
    func rendersCommonMark(markdown: String, expected: String) {
        #expect(Self.html(markdown) == expected)
    }

    @Test func dropsRawHTMLUnlessAllowed() {
        #expect(Self.html("<div onclick=\"x()\">a</div>") == "")
        #expect(Self.html("<div>a</div>", unsafe: true) == "<div>a</div>\n")
    }

    @Test(arguments: ["javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "vbscript:x", "data:text/html,x"])
    func neutralisesScriptLinks(url: String) {
        let html = Self.html("[x](<\(url)>)")
        #expect(!html.lowercased().contains("href=\"javascript"))
        #expect(!html.contains("href"))
    }

    @Test func appliesFrenchSpacing() {
        #expect(Self.html("Vraiment ? Oui : « non » !", french: true)
            == "<p>Vraiment\u{202F}? Oui\u{00A0}: «\u{00A0}non\u{00A0}»\u{202F}!</p>\n")
    }

    @Test func leavesCodeAndURLsAlone() {
        #expect(Self.html("`a : b` https://x.org/?q=1", french: true) == "<p><code>a : b</code> https://x.org/?q=1</p>\n")
    }

    @Test func flattensExcessiveNesting() {
        let deep = String(repeating: ">", count: 10_000) + " fond"
        let result = MarkdownParser().parse(deep)
        #expect(result.wasFlattened)
        #expect(HTMLRenderer().render(result.document).contains("fond"))
    }

    @Test func mergesAdjacentTextNodes() {
        let paragraph = MarkdownParser().parse("voir l'art. 3.09.10 [ici, « l'autre » d'un 'mot'").document.children[0]
        #expect(paragraph.children.count == 1)
        guard case let .text(text)? = paragraph.children.first?.kind else {
            Issue.record("not one text node: \(paragraph.children)")
            return
        }
        #expect(text == "voir l’art. 3.09.10 [ici, « l’autre » d’un ‘mot’")
    }
}

@Suite("Anchors and slugs")
struct SlugTests {
    @Test(arguments: [
        ("Écrire à l'Ordre", "ecrire-a-l-ordre"),
        ("Consentement écrit : avant toute photo", "consentement-ecrit-avant-toute-photo"),
        ("Œuvre et cœur", "oeuvre-et-coeur"),
        ("  --Déjà--  ", "deja"),
        ("Art. 3.09.10", "art-3-09-10"),
    ])
    func folds(text: String, slug: String) {
        #expect(Slug.make(text) == slug)
    }

    @Test func allocatesUniqueAnchors() {
        var anchors = AnchorAllocator()
        #expect(anchors.allocate(for: "Contexte") == "contexte")
        #expect(anchors.allocate(for: "Contexte") == "contexte-2")
        #expect(anchors.allocate(for: "Contexte") == "contexte-3")
        #expect(anchors.allocate(for: "!!!") == "section")
    }

    @Test func tableCellsKeepTheirPlaceInTheFile() {
        let document = MarkdownParser().parse("Intro.\n\n| Code | Article |\n|---|---|\n| dentistes | art. **3.09.10** |").document
        let table = document.children[1]
        guard case .table = table.kind else {
            Issue.record("not a table: \(table.kind)")
            return
        }
        let cell = table.children[1].children[1]
        #expect(cell.position == MarkdownPosition(line: 5, column: 15))
        #expect(cell.children.last?.position == MarkdownPosition(line: 5, column: 20), "the strong node after 'art. '")
        #expect(document.plainText.contains("dentistes\nart. 3.09.10"))
    }

    /// A table's lines are found after accented text, whether lines end in LF or in CR LF.
    @Test func tablesAfterAccentsAndWithCarriageReturns() {
        for newline in ["\n", "\r\n"] {
            let source = ["Été — déjà « là ».", "", "| Écrit | Art. |", "|---|:-:|", "| é | art. **3.09.10** |"].joined(separator: newline)
            let document = MarkdownParser().parse(source).document
            guard document.children.count == 2, case let .table(alignments) = document.children[1].kind else {
                Issue.record("no table (\(newline.utf8.count) byte line ends): \(document.children.map(\.kind))")
                continue
            }
            #expect(alignments == [.none, .center])
            let cell = document.children[1].children[1].children[1]
            #expect(cell.position == MarkdownPosition(line: 5, column: 8))
            #expect(document.plainText.contains("é\nart. 3.09.10"))
        }
    }
}
