import Foundation
import FuzzSupport
@testable import GuideSiteKit

/// Markdown parse → link (citations, explicit links, anchors) → render, as an article of the
/// fixture site `Tests/Fixtures/sites/basic` is. The first byte chooses French or English
/// typography; raw HTML stays off (the default).
///
/// Invariant: the HTML can run no script. Every tag and attribute is one the renderer writes,
/// no URL has a script scheme (``HTMLOracle``); every diagnostic points into the document.
let context: LinkContext = {
    let root = Fuzz.repositoryRoot.appendingPathComponent("Tests/Fixtures/sites/basic")
    guard let (content, _) = try? ContentLoader(root: root, displayBase: root).load() else { fatalError("cannot load \(root.path)") }
    let directory = ProvisionDirectory(codes: content.codes, recommendations: content.recommendations, defaultLanguage: "fr")
    let site = content.site
    let routesFor: @Sendable (String) -> Routes = { site.routes(for: $0) }
    var paths: [String: String] = [:]
    for a in content.articles { paths[a.slug] = routesFor(a.language).article(a.slug) }
    return LinkContext(
        routes: routesFor("fr"), articlePaths: paths, finder: CitationEngine(directory: directory, site: content.site),
        provisionPath: { directory.path(of: $0, from: "fr", routesFor: routesFor) },
        provisionLabel: { directory.label(of: $0, language: "fr", locale: nil) },
        allowsRawHTML: false)
}()
let parser = MarkdownParser()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    guard let selector = bytes.first else { return 0 }
    let text = Fuzz.text(bytes.dropFirst())
    let parsed = parser.parse(text)
    var linker = ContentLinker(context: context, source: DocumentSource(start: SourceLocation(file: "x.md", line: 7, column: 1)),
                               page: "articles/x/", defaultCode: "dentistes")
    let tree = linker.link(parsed.document)
    let renderer = HTMLRenderer(allowsRawHTML: false, frenchTypography: selector & 1 == 0)
    let html = renderer.render(tree)
    if let problem = HTMLOracle.problem(in: html) {
        Fuzz.require(false, "\(problem)\n--- HTML ---\n\(html)")
    }
    let lines = Fuzz.lineCount(text) + 6
    for d in linker.diagnostics { Fuzz.checkLocation(d, file: "x.md", lines: lines) }
    for entry in linker.tableOfContents { Fuzz.require(!entry.anchor.isEmpty, "empty heading anchor") }
    _ = tree.plainText
    return 0
}

/// The entry point SwiftPM links as `main` (see CFuzzerDriver.h).
@_cdecl("fuzz_markdown_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzzMarkdown)
}
