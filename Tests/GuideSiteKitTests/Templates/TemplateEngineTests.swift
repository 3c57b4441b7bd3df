import Foundation
import Mustache
import Testing
@testable import GuideSiteKit

/// Our template engine renders what swift-mustache (the engine the themes were written for,
/// kept as a test dependency only) renders: on edge cases of the Mustache dialect, and on every
/// page of the demo portal with the default theme.
@Suite("Template engine")
struct TemplateEngineTests {
    /// A context as swift-mustache reads it.
    static func reference(_ value: TemplateValue) -> Any {
        switch value {
        case let .text(text): text
        case let .bool(flag): flag
        case let .number(number): number
        case let .list(items): items.map(reference)
        case let .object(object): reference(object)
        }
    }

    static func reference(_ object: TemplateObject) -> [String: Any] {
        var dictionary: [String: Any] = [:]
        for (name, value) in object.pairs { dictionary[name] = reference(value) }
        return dictionary
    }

    /// Renders `main` of `templates` with both engines.
    static func both(_ templates: [String: String], _ context: TemplateObject) throws -> (ours: String, theirs: String) {
        var ours: [String: Template] = [:]
        var theirs: [String: MustacheTemplate] = [:]
        for (name, text) in templates {
            ours[name] = try Template(text)
            theirs[name] = try MustacheTemplate(string: text)
        }
        let mine = TemplateLibrary(templates: ours).render("main", context).map { String(decoding: $0, as: UTF8.self) }
        let reference = MustacheLibrary(templates: theirs).render(Self.reference(context), withTemplate: "main")
        return (mine ?? "<none>", reference ?? "<none>")
    }

    static let context: TemplateObject = [
        "title": "Le « Code » & <les> \"règles\" d'or",
        "empty": "",
        "yes": true, "no": false, "zero": 0, "five": 5,
        "page": ["title": "Page", "kind": "article", "meta": ["depth": 2]],
        "items": .objects([["name": "un", "url": "a/"], ["name": "deux", "url": "b/"], ["name": "trois", "url": "c/"]]),
        "none": [],
        "words": ["b", "a", "c"],
        "body": "<p>Texte</p>\n<p>Suite</p>\n",
        "partial_name": "row",
    ]

    static let cases: [(String, [String: String])] = [
        ("variables", ["main": "{{title}}|{{{title}}}|{{& title}}|{{ title }}|{{missing}}|{{five}}|{{yes}}|{{zero}}"]),
        ("dotted names", ["main": "{{page.title}} {{page.meta.depth}} {{page.missing.x}} {{#page}}{{kind}} {{title}} {{.kind}}{{/page}}"]),
        ("stack climbing", ["main": "{{#items}}{{name}}:{{title}}:{{page.kind}};{{/items}}"]),
        ("current value", ["main": "{{#title}}[{{.}}]{{/title}}{{#five}}<{{.}}>{{/five}}{{#empty}}({{.}}){{/empty}}"]),
        ("sections", ["main": "{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{#missing}}M{{/missing}}{{#none}}E{{/none}}{{#zero}}Z{{/zero}}{{#page}}P{{/page}}"]),
        ("inverted sections", ["main": "{{^yes}}Y{{/yes}}{{^no}}N{{/no}}{{^missing}}M{{/missing}}{{^none}}E{{/none}}{{^zero}}Z{{/zero}}{{^items}}I{{/items}}{{^empty}}S{{/empty}}"]),
        ("standalone lines", ["main": "<ul>\n  {{#items}}\n  <li>{{name}}</li>\n  {{/items}}\n</ul>\n  {{! a comment }}\n{{^none}}\n  rien\n{{/none}}\nfin"]),
        ("standalone with CRLF", ["main": "a\r\n  {{#yes}}\r\n  b\r\n  {{/yes}}\r\nc\r\n"]),
        ("inline sections keep their spaces", ["main": "  {{#yes}} x {{/yes}}  \n<li class=\"a{{#yes}} b{{/yes}}\">\n {{#no}}x{{/no}} y\n"]),
        ("comments", ["main": "a {{! inline }} b\n{{!\nmulti\nline\n}}\nc  {{! trailing }}\n   {{! standalone }}   \nd"]),
        ("partials", ["main": "<ol>\n{{#items}}\n{{>row}}\n{{/items}}\n</ol>\n", "row": "<li>{{name}}</li>\n"]),
        ("indented partials", ["main": "<div>\n    {{>block}}\n</div>\n", "block": "<p>\n  {{title}}\n</p>\n{{#items}}\n<i>{{name}}</i>\n{{/items}}\n"]),
        ("nested indented partials", ["main": "  {{>outer}}\n", "outer": "o1\n  {{>inner}}\no2\n", "inner": "i1\ni2\n"]),
        ("inline partial", ["main": "a {{>row}} b", "row": "[{{title}}]"]),
        ("inheritance", [
            "main": "{{<base}}\n{{$title}}Titre: {{page.title}}{{/title}}\n{{$main}}\n<p>{{title}}</p>\n{{/main}}\n{{/base}}\n",
            "base": "<title>{{$title}}Défaut{{/title}}</title>\n<main>\n{{$main}}{{/main}}\n</main>\n{{$scripts}}<script></script>{{/scripts}}\n",
        ]),
        ("nested inheritance", [
            "main": "{{<middle}}{{$a}}child-a{{/a}}{{/middle}}",
            "middle": "{{<base}}{{$a}}middle-a{{/a}}{{$b}}middle-b{{/b}}{{/base}}",
            "base": "[{{$a}}base-a{{/a}}|{{$b}}base-b{{/b}}|{{$c}}base-c{{/c}}]",
        ]),
        ("indented blocks", [
            "main": "{{<base}}\n{{$body}}\n  one\n    two\n{{/body}}\n{{/base}}\n",
            "base": "<div>\n  {{$body}}\n  default\n  {{/body}}\n</div>\n",
        ]),
        ("transforms", ["main": "{{#first(items)}}{{name}}{{/first(items)}}|{{#last(items)}}{{name}}{{/last(items)}}|{{count(items)}}|{{empty(none)}}|{{#reversed(items)}}{{name}}{{/reversed(items)}}|{{uppercased(page.title)}}|{{plusone(five)}}|{{minusone(five)}}|{{even(five)}}|{{#first(none)}}x{{/first(none)}}|{{^first(none)}}vide{{/first(none)}}|{{lowercased(page.title)}}|{{empty(empty)}}|{{count(page)}}"]),
        ("list positions", ["main": "{{#items}}{{index()}}{{#first()}}^{{/first()}}{{#last()}}${{/last()}}{{#even()}}e{{/even()}}{{#odd()}}o{{/odd()}}{{name}} {{/items}}|{{#first()}}x{{/first()}}"]),
        ("set delimiters", ["main": "{{=<% %>=}}\n<% title %> {{title}}\n<%={{ }}=%>\n{{five}}\n"]),
        ("text content type", ["main": "{{title}}\n{{% CONTENT_TYPE: TEXT }}\n{{title}}\n{{>row}}\n", "row": "{{title}}"]),
        ("dynamic partials", ["main": "{{>*partial_name}}|{{>*missing}}", "row": "<{{five}}>"]),
        ("unicode text", ["main": "Éléphant « {{title}} » — 𝄞 {{#items}}é{{name}}{{/items}}\n"]),
        ("missing partial", ["main": "a{{>nowhere}}b"]),
        ("unescaped body in a section", ["main": "<article>\n{{#page}}\n<div>\n{{{body}}}\n</div>\n{{/page}}\n</article>\n"]),
    ]

    @Test(arguments: cases.indices)
    func rendersLikeSwiftMustache(_ index: Int) throws {
        let (name, templates) = Self.cases[index]
        let (ours, theirs) = try Self.both(templates, Self.context)
        #expect(ours == theirs, "\(name)")
    }

    /// Every page of the demo portal, with the default theme: the contexts of `PageRenderer`
    /// rendered by both engines.
    @Test func rendersEveryDemoPageLikeSwiftMustache() throws {
        let builder = SiteBuilder(options: BuildOptions(content: Repository.root.appendingPathComponent("Content"),
                                                         theme: Repository.defaultTheme, output: URL(fileURLWithPath: "/nonexistent"),
                                                         displayBase: Repository.root))
        let (assembled, diagnostics) = try builder.assemble()
        let site = try #require(assembled, "\(diagnostics)")
        var theirs: [String: MustacheTemplate] = [:]
        let folder = Repository.defaultTheme.appendingPathComponent("templates")
        for url in Theme.files(under: folder) where url.pathExtension == "mustache" {
            let name = String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1).dropLast(".mustache".count))
            theirs[name] = try MustacheTemplate(string: String(contentsOf: url, encoding: .utf8))
        }
        let reference = MustacheLibrary(templates: theirs)
        let renderer = PageRenderer(theme: site.theme, site: site.site)
        var compared = 0
        for edition in site.site.editions {
            for job in renderer.jobs(for: edition) {
                let (template, context) = renderer.context(for: job)
                let ours = try String(decoding: site.theme.render(template, context), as: UTF8.self)
                let expected = reference.render(Self.reference(context), withTemplate: template)
                #expect(ours == expected, "\(job.path)")
                compared += 1
            }
        }
        #expect(compared > 100)
    }

    /// Where the engines differ on purpose: swift-mustache sorts only lists typed as comparable
    /// (never a context's `[Any]`), ours sorts any list of texts or of numbers.
    @Test func sortsListsOfTextsAndOfNumbers() throws {
        let template = try Template("{{#sorted(words)}}{{.}}{{/sorted(words)}}|{{#sorted(numbers)}}{{.}}{{/sorted(numbers)}}|{{#sorted(items)}}x{{/sorted(items)}}")
        let context: TemplateObject = ["words": ["b", "a", "c"], "numbers": [3, 1, 2], "items": .objects([["a": 1]])]
        let out = TemplateLibrary(templates: ["main": template]).render("main", context)
        #expect(out.map { String(decoding: $0, as: UTF8.self) } == "abc|123|")
    }

    // MARK: Errors

    static func error(_ text: String) -> TemplateSyntaxError? {
        do {
            _ = try Template(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func anUnclosedTagIsReportedWhereItOpens() {
        #expect(Self.error("a\n<h1>{{tag.name</h1>\n") == TemplateSyntaxError(message: "'{{' is not closed by '}}'", line: 2, column: 5))
        #expect(Self.error("x {{") == TemplateSyntaxError(message: "'{{' is not closed by '}}'", line: 1, column: 3))
        #expect(Self.error("{{! never closed") == TemplateSyntaxError(message: "'{{' is not closed by '}}'", line: 1, column: 1))
        #expect(Self.error("{{{body}}") == TemplateSyntaxError(message: "'{{' is not closed by '}}'", line: 1, column: 1))
    }

    @Test func sectionErrorsNameTheSections() {
        #expect(Self.error("{{#a}}\n{{#b}}\n{{/a}}") == TemplateSyntaxError(
            message: "'{{/a}}' does not close the open section 'b' (opened on line 2)", line: 3, column: 1))
        #expect(Self.error("x\n  {{#items}}\n") == TemplateSyntaxError(
            message: "the section 'items' opened here is never closed (add '{{/items}}')", line: 2, column: 3))
        #expect(Self.error("{{/a}}") == TemplateSyntaxError(message: "'{{/a}}' closes a section that is not open", line: 1, column: 1))
        #expect(Self.error("{{#first(a)}}{{/a}}")?.message == "'{{/a}}' does not close the open section 'first(a)' (opened on line 1)")
    }

    @Test func otherErrors() {
        #expect(Self.error("{{=<% =}}")?.message.contains("sets delimiters is badly formed") == true)
        #expect(Self.error("{{% CONTENT_TYPE: XML }}")?.message.contains("pragma") == true)
        #expect(Self.error("{{<base}}{{x}}{{/base}}")?.message == "only '{{$block}}' sections may appear inside '{{<base}}'")
        #expect(Self.error("{{$first(a)}}{{/first(a)}}")?.message.contains("transform") == true)
        #expect(Self.error("{{first(a}}")?.message.contains("not a name") == true)
        #expect(Self.error("{{a}} {{#b}}{{/b}} {{^c}}{{/c}} {{>d}} {{!e}}") == nil)
    }

    @Test func aTemplateThatIncludesItselfStopsWithAnError() throws {
        let library = TemplateLibrary(templates: ["main": try Template("a{{>loop}}"), "loop": try Template("{{#yes}}{{>loop}}{{/yes}}")])
        #expect(throws: TemplateRenderError.tooDeep(partial: "loop")) { try library.rendering("main", ["yes": true]) }
        #expect(try library.rendering("main", ["yes": false]) == Array("a".utf8))
        #expect(throws: TemplateRenderError.missing("nowhere")) { try library.rendering("nowhere", [:]) }
    }

    @Test func aParentMayLiveInASubfolder() throws {
        let library = TemplateLibrary(templates: [
            "main": try Template("{{<layouts/large}}{{$a}}enfant{{/a}}{{/layouts/large}}"),
            "layouts/large": try Template("[{{$a}}parent{{/a}}]"),
        ])
        #expect(library.render("main", [:]).map { String(decoding: $0, as: UTF8.self) } == "[enfant]")
    }

    // MARK: Values

    @Test func objectsKeepNamesSortedAndTheLastValueOfAName() {
        var object: TemplateObject = ["b": 1, "a": 2, "c": 3, "a": 4]
        #expect(object.names == ["a", "b", "c"])
        #expect(object["a"] == .number(4))
        object["b"] = nil
        object["aa"] = "x"
        #expect(object.names == ["a", "aa", "c"])
        #expect(object["b"] == nil)
    }

    @Test func contextHashesDependOnEveryValue() {
        func hash(_ object: TemplateObject) -> UInt64 {
            var hasher = StableHash()
            hasher.combine(context: object)
            return hasher.value
        }
        let base: TemplateObject = ["a": "x", "b": [1, 2], "c": ["d": true]]
        #expect(hash(base) == hash(["c": ["d": true], "b": [1, 2], "a": "x"]), "the order names are given in does not matter")
        #expect(hash(base) != hash(["a": "x", "b": [2, 1], "c": ["d": true]]))
        #expect(hash(base) != hash(["a": "x", "b": [1, 2], "c": ["d": false]]))
        #expect(hash(base) != hash(["a": "y", "b": [1, 2], "c": ["d": true]]))
    }
}
