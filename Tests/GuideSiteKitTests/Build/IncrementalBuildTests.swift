import Foundation
import Testing
@testable import GuideSiteKit

/// Rebuilds reuse the pages whose context did not change, and their output is byte for byte
/// that of a full build.
@Suite("Incremental builds")
struct IncrementalBuildTests {
    /// Every file under a folder, by relative path.
    func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
            var isFolder: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                files[path] = try Data(contentsOf: url)
            }
        }
        return files
    }

    /// A full build of the same content into a fresh folder, without any cache.
    func fullBuild(of site: TemporarySite) throws -> [String: Data] {
        var options = site.options
        options.output = site.folder.appendingPathComponent("Full-\(UUID().uuidString)")
        options.reusesRenderedPages = false
        let result = try SiteBuilder(options: options).build()
        #expect(result.written)
        defer { try? FileManager.default.removeItem(at: options.output) }
        return try snapshot(options.output)
    }

    @Test func anEditRerendersOnlyWhatItAffects() throws {
        let site = try TemporarySite(fixture: "basic")
        let first = try site.build()
        #expect(first.kept.isEmpty)
        let unchanged = try site.build()
        #expect(unchanged.rendered.isEmpty, "nothing changed: no page rendered")
        #expect(unchanged.kept.filter { !$0.hasPrefix("search/") }.count == first.pageCount)
        try site.write("articles/second.md", "---\ntitle: \"Second article\"\ndate: 2026-02-01\nupdated: 2026-03-01\ntags: [médias sociaux]\n---\n## Détails\n\nRien de plus, l’article 3.06.03 du Code de déontologie des dentistes.\n")
        let edited = try site.build()
        let rendered = Set(edited.rendered)
        #expect(rendered.contains("articles/second/index.html"), "the edited article")
        #expect(rendered.contains("codes/dentistes/3.06.03/index.html"), "the provision whose Cité dans changed")
        #expect(!rendered.contains("codes/dentistes/3.09.10/index.html"), "an unaffected provision")
        #expect(try snapshot(site.output) == fullBuild(of: site))
    }

    @Test func randomEditsGiveTheOutputOfAFullBuild() throws {
        let site = try TemporarySite(fixture: "basic")
        var generator = SplitMix(seed: 20261123)
        let sentences = [
            "Voir l’article 3.09.10 du Code de déontologie des dentistes.", "Rien à signaler.",
            "La recommandation 2 s’applique.", "Lire l’article 3.06.03 de ce code.", "## Une section\n\nUn paragraphe.",
        ]
        _ = try site.build()
        for round in 0..<6 {
            let slug = "hasard-\(generator.next() % 4)"
            switch generator.next() % 3 {
            case 0 where FileManager.default.fileExists(atPath: site.content.appendingPathComponent("articles/\(slug).md").path):
                try site.remove("articles/\(slug).md")
            default:
                let body = (0..<3).map { _ in sentences[Int(generator.next() % UInt64(sentences.count))] }.joined(separator: "\n\n")
                try site.write("articles/\(slug).md", "---\ntitle: \"Hasard \(round)\"\ndate: 2026-0\(1 + generator.next() % 9)-1\(generator.next() % 9)\ncode: dentistes\ntags: [essai]\n---\n\(body)\n")
            }
            let result = try site.build()
            #expect(result.written, "\(result.diagnostics)")
            #expect(try snapshot(site.output) == fullBuild(of: site), "round \(round)")
        }
    }
}

/// A small deterministic random generator, so the edits are the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
