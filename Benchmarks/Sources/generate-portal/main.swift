import Foundation
import PortalCorpus

// generate-portal --articles N --output DIR [--seed S] [--no-hugo] [--print I]
//
// Writes DIR/guidesite (site.yaml, articles/, recommendations/, codes/), DIR/hugo (the same
// articles as a Hugo site) and DIR/corpus.json (what was generated). Deterministic: the same
// arguments give the same bytes on every machine.

func usage() -> Never {
    FileHandle.standardError.write(Data("usage: generate-portal --articles N --output DIR [--seed S] [--no-hugo] [--print INDEX]\n".utf8))
    exit(2)
}

var articles: Int?
var output: String?
var seed: UInt64 = 2026
var hugo = true
var printIndex: Int?
var args = CommandLine.arguments.dropFirst().makeIterator()
while let a = args.next() {
    switch a {
    case "--articles": articles = args.next().flatMap { Int($0) }
    case "--output": output = args.next()
    case "--seed": seed = args.next().flatMap { UInt64($0) } ?? seed
    case "--no-hugo": hugo = false
    case "--print": printIndex = args.next().flatMap { Int($0) }
    case "-h", "--help": usage()
    default: usage()
    }
}

if let printIndex {
    print(ArticleWriter(seed: seed).article(printIndex).text, terminator: "")
    exit(0)
}
guard let articles, articles > 0, let output else { usage() }
let folder = URL(fileURLWithPath: output)
if FileManager.default.fileExists(atPath: folder.path) {
    try FileManager.default.removeItem(at: folder)
}
let start = Date()
let summary = try PortalGenerator(articleCount: articles, seed: seed).write(to: folder, hugo: hugo)
let seconds = Date().timeIntervalSince(start)
let manifest: [String: Any] = [
    "generator_version": PortalGenerator.version, "seed": seed, "articles": summary.articles,
    "words": summary.words, "citations": summary.citations, "markdown_bytes": summary.markdownBytes,
    "code_articles": summary.codeArticles, "recommendations": 10, "hugo": hugo,
]
let json = try JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys, .prettyPrinted])
try json.write(to: folder.appendingPathComponent("corpus.json"))
FileHandle.standardError.write(Data(String(format: "generated %d articles (%d words, %.1f MB of Markdown, %d citations) in %.1f s\n",
    summary.articles, summary.words, Double(summary.markdownBytes) / 1e6, summary.citations, seconds).utf8))
