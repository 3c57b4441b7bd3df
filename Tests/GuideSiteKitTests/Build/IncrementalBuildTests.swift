import Foundation
import Testing
@testable import GuideSiteKit

/// Rebuilds reuse the articles and pages that did not change, and their output is byte for byte
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
        options.usesCache = false
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
        #expect(unchanged.kept.filter { $0.hasSuffix(".html") }.count == first.pageCount)
        #expect(unchanged.kept.contains("data/references.json"), "the citation graph did not change either")
        try site.write("articles/second.md", "---\ntitle: \"Second article\"\ndate: 2026-02-01\nupdated: 2026-03-01\ntags: [médias sociaux]\n---\n## Détails\n\nRien de plus, l’article 3.06.03 du Code de déontologie des dentistes.\n")
        let edited = try site.build()
        let rendered = Set(edited.rendered)
        #expect(rendered.contains("articles/second/index.html"), "the edited article")
        #expect(rendered.contains("codes/dentistes/3.06.03/index.html"), "the provision whose Cité dans changed")
        #expect(!rendered.contains("codes/dentistes/3.09.10/index.html"), "an unaffected provision")
        #expect(try snapshot(site.output) == fullBuild(of: site))
    }

    /// A line added above a citation moves its source location: `references.json` shows it, the
    /// provision pages that list the citation do not.
    @Test func aCitationThatMovesUpdatesTheGraphButNotTheProvisionPages() throws {
        let site = try TemporarySite(fixture: "basic")
        _ = try site.build()
        let file = site.content.appendingPathComponent("articles/premier.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        try site.write("articles/premier.md", text.replacingOccurrences(of: "Introduction.\n", with: "Introduction.\n\nUne ligne de plus.\n"))
        let moved = try site.build()
        #expect(!moved.kept.contains("data/references.json"), "the graph shows where each citation is")
        #expect(moved.kept.contains("codes/dentistes/3.09.10/index.html"), "the provision page shows the same citing sentence")
        #expect(try snapshot(site.output) == fullBuild(of: site))
    }

    /// An article page is kept by a key of what it is made from (`articleKey` in ``PageRenderer``),
    /// without making its context: what it shows of other pages must be part of that key.
    @Test func anArticlePageFollowsWhatItShowsOfOtherPages() throws {
        let site = try TemporarySite(fixture: "basic")
        for (slug, day) in [("un", 10), ("deux", 11), ("trois", 12)] {
            try site.write("articles/\(slug).md", "---\ntitle: \"Article \(slug)\"\ndate: 2026-05-\(day)\n---\nTexte de \(slug).\n")
        }
        _ = try site.build()
        // The middle article's title only: its neighbours show it (previous, next), nothing else of them changes.
        try site.write("articles/deux.md", "---\ntitle: \"Article deux, renommé\"\ndate: 2026-05-11\n---\nTexte de deux.\n")
        let renamed = try site.build()
        #expect(Set(renamed.rendered).isSuperset(of: ["articles/un/index.html", "articles/trois/index.html"]), "the neighbours")
        #expect(try snapshot(site.output) == fullBuild(of: site))
        // A translation appears: the French page links to it.
        try site.write("articles/deux.en.md", "---\ntitle: \"Article two\"\ndate: 2026-05-11\n---\nText.\n")
        _ = try site.build()
        #expect(try snapshot(site.output) == fullBuild(of: site))
        // The latest article's date moves to another year: the year in every page's footer changes,
        // while the table of article paths (which every article's link key holds) does not.
        try site.write("articles/futur.md", "---\ntitle: \"Plus tard\"\ndate: 2031-01-01\n---\nTexte.\n")
        _ = try site.build()
        try site.write("articles/futur.md", "---\ntitle: \"Plus tard\"\ndate: 2032-01-01\n---\nTexte.\n")
        _ = try site.build()
        #expect(try snapshot(site.output) == fullBuild(of: site))
    }

    /// Provision, code, recommendation and list pages are kept by keys of what they are made
    /// from too: each edit below reaches such a page through something its key must hold.
    @Test func listAndProvisionPagesFollowWhatTheyShow() throws {
        let site = try TemporarySite(fixture: "basic")
        _ = try site.build()
        func edit(_ path: String, _ change: (String) -> String, reaching page: String) throws {
            let text = try String(contentsOf: site.content.appendingPathComponent(path), encoding: .utf8)
            let changed = change(text)
            #expect(changed != text, "\(path): the edit changes something")
            try site.write(path, changed)
            let result = try site.build()
            #expect(result.rendered.contains(page), "\(path) → \(page)")
            #expect(try snapshot(site.output) == fullBuild(of: site), "\(path) → \(page)")
        }
        // A provision's summary: Markdown text, which linking never reads.
        try edit("codes/dentistes.yaml", { $0.replacingOccurrences(of: "ne divulgue rien", with: "ne révèle rien") },
                 reaching: "codes/dentistes/3.06.03/index.html")
        // The title of an article that cites a provision: its "Cité dans" entry.
        try edit("articles/premier.md", { $0.replacingOccurrences(of: "title: \"Premier article\"", with: "title: \"Premier article revu\"") },
                 reaching: "codes/dentistes/3.09.10/index.html")
        // A recommendation's body.
        try edit("recommendations/02-secret.yaml", { $0.replacingOccurrences(of: "body: |\n", with: "body: |\n  Une phrase de plus.\n\n") },
                 reaching: "recommandations/2/index.html")
        // A new tag: the tag list, and the new tag's page.
        try edit("articles/second.md", { $0.replacingOccurrences(of: "tags: [médias sociaux]", with: "tags: [médias sociaux, nouveauté]") },
                 reaching: "etiquettes/index.html")
        // A summary, shown on every card of the article.
        try edit("articles/second.md", { $0.replacingOccurrences(of: "title: \"Second article\"", with: "title: \"Second article\"\nsummary: \"Un résumé neuf.\"") },
                 reaching: "etiquettes/medias-sociaux/index.html")
    }

    /// How the random edits are rebuilt.
    enum Rebuilds: Sendable, CustomStringConvertible {
        /// With the caches.
        case cached
        /// With the decoded articles kept in memory from one build to the next, as `guidesite
        /// serve` keeps them (``ArticleMemory``).
        case keepingMemory
        /// The same, into two output folders in turn, as `serve` updates its two sites: each
        /// build's memory, and the search analyses in the shared cache, come from a build of
        /// the other folder.
        case twoSitesTakingTurns

        var description: String {
            switch self {
            case .cached: "cached"
            case .keepingMemory: "keeping memory"
            case .twoSitesTakingTurns: "two sites taking turns"
            }
        }
    }

    /// Rounds of random edits, each rebuilt with the cache (and memory, see ``Rebuilds``); each
    /// output is byte for byte that of a full build.
    @Test(arguments: [Rebuilds.cached, .keepingMemory, .twoSitesTakingTurns])
    func randomEditsGiveTheOutputOfAFullBuild(_ rebuilds: Rebuilds) throws {
        let site = try TemporarySite(fixture: "basic")
        var options = site.options
        if rebuilds != .cached { options.articleMemory = ArticleMemory() }
        let outputs = rebuilds == .twoSitesTakingTurns ? [site.output, site.folder.appendingPathComponent("Output-2")] : [site.output]
        var turn = 0
        func build() throws -> BuildResult {
            options.output = outputs[turn % outputs.count]
            turn += 1
            return try SiteBuilder(options: options).build()
        }
        var generator = SplitMix(seed: 20261123)
        let sentences = [
            "Voir l’article 3.09.10 du Code de déontologie des dentistes.", "Rien à signaler.",
            "La recommandation 2 s’applique.", "Lire l’article 3.06.03 de ce code.", "## Une section\n\nUn paragraphe.",
            "Voir [le premier](premier.md) et [le second](second.md#details).", "Un <em>mot</em> en HTML.",
            "Selon [](code:dentistes/3.09.10) et la division 3.09 de ce code.",
        ]
        let fixture = Repository.fixtures.appendingPathComponent("sites/basic")
        func original(_ path: String) throws -> String {
            try String(contentsOf: fixture.appendingPathComponent(path), encoding: .utf8)
        }
        func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: site.content.appendingPathComponent(path).path) }
        _ = try build()
        var linkedHits = 0
        for round in 0..<16 {
            let slug = "hasard-\(generator.next() % 4)"
            let edit: String
            switch generator.next() % 8 {
            case 0 where exists("articles/\(slug).md"):
                edit = "remove \(slug)"
                try site.remove("articles/\(slug).md")
            case 1:
                // Labels of provisions (short title, section title) and text no article reads.
                let code = try original("codes/dentistes.yaml")
                let variants = [
                    code.replacingOccurrences(of: "short_title: \"Code des dentistes\"", with: "short_title: \"Code des dentistes \(round)\""),
                    code.replacingOccurrences(of: "title: \"Publicité\"", with: "title: \"Publicité \(round)\""),
                    code.replacingOccurrences(of: "Résumé : pas de témoignage", with: "Résumé \(round) : pas de témoignage"),
                    code,
                ]
                let variant = Int(generator.next() % UInt64(variants.count))
                edit = "code variant \(variant)"
                try site.write("codes/dentistes.yaml", variants[variant])
            case 2:
                edit = "recommendation title"
                try site.write("recommendations/02-secret.yaml",
                               try original("recommendations/02-secret.yaml").replacingOccurrences(of: "Garder le secret", with: "Garder le secret \(round)"))
            case 3:
                let config = try original("site.yaml")
                let variants = [
                    config + "unsafe_html: true\n",
                    config.replacingOccurrences(of: "Portail d'essai", with: "Portail d'essai \(round)"),
                    config.replacingOccurrences(of: "base_url: \"https://essai.example.org/\"", with: "base_url: \"https://autre.example.org/guide/\""),
                    config,
                ]
                let variant = Int(generator.next() % UInt64(variants.count))
                edit = "site.yaml variant \(variant)"
                try site.write("site.yaml", variants[variant])
            case 4:
                // A new slug for an article that others link to by its file name.
                let text = try original("articles/premier.md")
                let renamed = text.replacingOccurrences(of: "code: dentistes\n", with: "code: dentistes\nslug: premier-\(round)\n")
                edit = "premier's slug"
                try site.write("articles/premier.md", generator.next() % 2 == 0 ? renamed : text)
            case 5:
                // The file renamed: its slug changes, its translation key (which links use) stays.
                edit = "second renamed"
                if exists("articles/second.md") {
                    try site.remove("articles/second.md")
                    try site.write("articles/deuxieme-\(round).md",
                                   try original("articles/second.md").replacingOccurrences(of: "tags:", with: "translation_key: second\ntags:"))
                } else {
                    for name in try FileManager.default.contentsOfDirectory(atPath: site.content.appendingPathComponent("articles").path)
                    where name.hasPrefix("deuxieme-") {
                        try site.remove("articles/\(name)")
                    }
                    try site.write("articles/second.md", try original("articles/second.md"))
                }
            default:
                edit = "write \(slug)"
                let body = (0..<3).map { _ in sentences[Int(generator.next() % UInt64(sentences.count))] }.joined(separator: "\n\n")
                try site.write("articles/\(slug).md", "---\ntitle: \"Hasard \(round)\"\ndate: 2026-0\(1 + generator.next() % 9)-1\(generator.next() % 9)\ncode: dentistes\ntags: [essai]\n---\n\(body)\n")
            }
            let result = try build()
            linkedHits += result.articleCacheUse?.linkedHits ?? 0
            #expect(result.written, "round \(round), \(edit): \(result.diagnostics)")
            #expect(try snapshot(options.output) == fullBuild(of: site), "round \(round), \(edit)")
            #expect(result.diagnostics == (try SiteBuilder(options: site.options).prepare().diagnostics), "round \(round), \(edit)")
        }
        #expect(linkedHits > 0, "some rounds took linked articles from the cache")
        if let memory = options.articleMemory { #expect(memory.use.hits > 0, "some rounds took decoded articles from memory") }
    }
}

/// A small deterministic random generator, so the edits are the same on every run.
struct SplitMix: RandomNumberGenerator {
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
