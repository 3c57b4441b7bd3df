import Foundation
import Testing
@testable import GuideSiteKit

/// The article cache: a rebuild takes unchanged articles from it, loaded and linked, and its
/// output and diagnostics are those of a build without it, whatever state the cache file is in.
@Suite("Article cache")
struct ArticleCacheTests {
    let incremental = IncrementalBuildTests()

    func cacheFile(of site: TemporarySite) -> URL { ArticleCache.file(output: site.output, content: site.content) }

    /// The output of a build of the same content with the same options into a fresh folder, without any cache.
    func fullBuild(_ options: BuildOptions) throws -> [String: Data] {
        var options = options
        options.output = options.output.deletingLastPathComponent().appendingPathComponent("Full-\(UUID().uuidString)")
        options.usesCache = false
        let result = try SiteBuilder(options: options).build()
        #expect(result.written)
        defer { try? FileManager.default.removeItem(at: options.output) }
        return try incremental.snapshot(options.output)
    }

    func inode(_ url: URL) -> UInt? {
        var info = stat()
        return stat(url.path, &info) == 0 ? UInt(info.st_ino) : nil
    }

    // The basic fixture: four article files (one a draft, left out), three linked (fr: 2, en: 1).

    @Test func aRebuildTakesEveryUnchangedArticleFromTheCache() throws {
        let site = try TemporarySite(fixture: "basic")
        let first = try site.build()
        #expect(first.articleCacheUse == ArticleCache.Use(loadedHits: 0, loadedMisses: 4, linkedHits: 0, linkedMisses: 3))
        #expect(FileManager.default.fileExists(atPath: cacheFile(of: site).path))
        let written = inode(cacheFile(of: site))

        let unchanged = try site.build()
        #expect(unchanged.articleCacheUse == ArticleCache.Use(loadedHits: 4, loadedMisses: 0, linkedHits: 3, linkedMisses: 0))
        #expect(inode(cacheFile(of: site)) == written, "nothing changed: the cache file is not written again")

        try site.write("articles/second.md", "---\ntitle: \"Second article\"\ndate: 2026-02-01\n---\n## Détails\n\nAutre chose.\n")
        let edited = try site.build()
        #expect(edited.articleCacheUse == ArticleCache.Use(loadedHits: 3, loadedMisses: 1, linkedHits: 2, linkedMisses: 1))
        #expect(inode(cacheFile(of: site)) != written)
        #expect(try incremental.snapshot(site.output) == fullBuild(site.options))
    }

    /// With an ``ArticleMemory`` (what `serve` keeps between builds), the entries a build decoded
    /// are taken as they are by the next builds, which give what builds without it give.
    @Test func entriesDecodedOnceAreTakenFromMemoryByTheNextBuilds() throws {
        let site = try TemporarySite(fixture: "basic")
        let memory = ArticleMemory()
        var options = site.options
        options.articleMemory = memory
        _ = try SiteBuilder(options: options).build()
        #expect(memory.use.hits == 0 && memory.count == 0, "nothing was decoded: the cache was empty")

        let second = try SiteBuilder(options: options).build()
        #expect(second.articleCacheUse == ArticleCache.Use(loadedHits: 4, loadedMisses: 0, linkedHits: 3, linkedMisses: 0))
        let decoded = memory.count
        #expect(decoded > 0 && memory.use.hits == 0)

        let third = try SiteBuilder(options: options).build()
        #expect(third.articleCacheUse == second.articleCacheUse)
        #expect(memory.use.hits >= decoded, "every entry came from memory")
        #expect(try incremental.snapshot(site.output) == fullBuild(site.options))

        // An edit: the edited article is loaded and linked again; the others come from memory,
        // and what the edit made no longer stays there once a build has not asked for it.
        try site.write("articles/second.md", "---\ntitle: \"Second article\"\ndate: 2026-02-01\n---\n## Détails\n\nAutre chose.\n")
        let edited = try SiteBuilder(options: options).build()
        #expect(edited.articleCacheUse == ArticleCache.Use(loadedHits: 3, loadedMisses: 1, linkedHits: 2, linkedMisses: 1))
        #expect(try incremental.snapshot(site.output) == fullBuild(site.options))
        _ = try SiteBuilder(options: options).build()
        #expect(try incremental.snapshot(site.output) == fullBuild(site.options))
        #expect(memory.count <= decoded + 4)
    }

    @Test func aCodeTextEditKeepsTheLinkedArticlesButALabelEditDoesNot() throws {
        let site = try TemporarySite(fixture: "basic")
        _ = try site.build()
        let code = try String(contentsOf: site.content.appendingPathComponent("codes/dentistes.yaml"), encoding: .utf8)
        try site.write("codes/dentistes.yaml", code.replacingOccurrences(of: "Résumé : pas de", with: "Résumé modifié : pas de"))
        let text = try site.build()
        #expect(text.articleCacheUse?.linkedMisses == 0, "no article reads a provision's summary")
        #expect(try incremental.snapshot(site.output) == fullBuild(site.options))

        try site.write("codes/dentistes.yaml", code.replacingOccurrences(of: "short_title: \"Code des dentistes\"", with: "short_title: \"Code D\""))
        let label = try site.build()
        #expect(label.articleCacheUse?.linkedMisses == 3, "labels name the code by its short title")
        #expect(label.articleCacheUse?.loadedMisses == 0)
        #expect(try incremental.snapshot(site.output) == fullBuild(site.options))
    }

    @Test func buildOptionsThatChangeLinkingAreInTheKey() throws {
        let site = try TemporarySite(fixture: "basic")
        var options = site.options
        _ = try SiteBuilder(options: options).build()
        options.includeDrafts = true
        let drafts = try SiteBuilder(options: options).build()
        #expect(drafts.articleCacheUse?.linkedMisses == 1, "the draft is linked; no other article links to it")
        #expect(try incremental.snapshot(site.output) == fullBuild(options))
        options.baseURL = "https://ailleurs.example.org/sous/"
        let moved = try SiteBuilder(options: options).build()
        #expect(moved.articleCacheUse?.linkedHits == 0)
        #expect(moved.articleCacheUse?.loadedMisses == 0)
        #expect(try incremental.snapshot(site.output) == fullBuild(options))
    }

    /// Adding, renaming or removing an article links again only the articles that link to its
    /// file name (and the article itself): the others are kept, whatever the table of article paths holds.
    @Test func anArticleAddedOrMovedRelinksOnlyTheArticlesThatLinkToIt() throws {
        let site = try TemporarySite(fixture: "basic")
        _ = try site.build()

        try site.write("articles/nouveau.md", "---\ntitle: \"Nouveau\"\ndate: 2026-04-01\n---\nRien de lié.\n")
        let added = try site.build()
        #expect(added.articleCacheUse?.linkedMisses == 1, "only the new article is linked")
        #expect(added.articleCacheUse?.linkedHits == 3)
        #expect(try incremental.snapshot(site.output) == fullBuild(site.options))

        // `premier` links to `second.md#details`: a new slug for `second` moves that link.
        let second = try String(contentsOf: site.content.appendingPathComponent("articles/second.md"), encoding: .utf8)
        try site.write("articles/second.md", second.replacingOccurrences(of: "updated: 2026-03-01\n", with: "updated: 2026-03-01\nslug: deuxieme\n"))
        let moved = try site.build()
        #expect(moved.articleCacheUse?.linkedMisses == 2, "second itself and premier, which links to it")
        #expect(try incremental.snapshot(site.output) == fullBuild(site.options))
        let premier = try String(contentsOf: site.output.appendingPathComponent("articles/premier/index.html"), encoding: .utf8)
        #expect(premier.contains("deuxieme/#details"))

        try site.remove("articles/nouveau.md")
        let removed = try site.build()
        #expect(removed.articleCacheUse?.linkedMisses == 0, "no article linked to the one removed")
        #expect(removed.articleCacheUse?.linkedHits == 3)
        #expect(try incremental.snapshot(site.output) == fullBuild(site.options))
    }

    @Test func warningsOfACachedArticleAreReportedOnEveryRebuild() throws {
        let site = try TemporarySite(fixture: "basic")
        try site.write("articles/avertie.md", """
            ---
            title: "Avertie"
            date: 2026-01-05
            auteur: "moi"
            ---
            Un <em>mot</em> en HTML.

            Voir l’article 3.09.10 du Code de déontologie des dentistes.

            """)
        let first = try site.build()
        let unknownField = first.diagnostics.first { $0.message.contains("unknown field 'auteur'") }
        let rawHTML = first.diagnostics.first { $0.message.contains("raw HTML") }
        #expect(unknownField?.location == SourceLocation(file: "Content/articles/avertie.md", line: 4, column: 1))
        #expect(rawHTML?.location?.line == 6)
        for _ in 0..<2 {
            let again = try site.build()
            #expect(again.articleCacheUse?.loadedMisses == 0)
            #expect(again.articleCacheUse?.linkedMisses == 0)
            #expect(again.diagnostics == first.diagnostics)
        }
    }

    /// A code file whose bytes the cache knows is not parsed again: the code and its warnings
    /// come back whole from the cache file, and an edit to the file is read.
    @Test func aCodeComesBackWholeFromTheCacheAndAnEditIsRead() throws {
        let site = try TemporarySite(fixture: "basic")
        let loader = ContentLoader(root: site.content, displayBase: site.folder)
        var ignoredDiagnostics: [Diagnostic] = []
        let codeFile = try #require(loader.listFiles(in: "codes", extensions: ["yaml"], diagnostics: &ignoredDiagnostics).first)
        try Data((try String(contentsOf: codeFile, encoding: .utf8) + "\nremarque: \"champ inconnu\"\n").utf8).write(to: codeFile)
        func load(_ cache: ArticleCache) -> (EthicsCode?, [Diagnostic]) {
            var diagnostics: [Diagnostic] = []
            let code = loader.loadCode(codeFile, languages: ["fr", "en"], defaultLanguage: "fr", cache: cache, &diagnostics)
            return (code, diagnostics)
        }
        let parsed = loader.loadCode(codeFile, languages: ["fr", "en"], defaultLanguage: "fr", &ignoredDiagnostics)
        let first = ArticleCache(output: site.output, content: site.content)
        let (made, madeDiagnostics) = load(first)
        #expect(madeDiagnostics.contains { $0.message.contains("remarque") }, "\(madeDiagnostics)")
        try #require(first.stage()).commit()

        let second = ArticleCache(output: site.output, content: site.content)
        let key = try Data(contentsOf: codeFile).withUnsafeBytes {
            ArticleCacheKeys.loadCode(path: loader.displayPath(codeFile), languages: ["fr", "en"], defaultLanguage: "fr", bytes: $0)
        }
        #expect(second.loadedCode(key) != nil, "the code is in the cache file")
        let (cached, cachedDiagnostics) = load(second)
        #expect(cachedDiagnostics == madeDiagnostics)
        for code in [made, cached] {
            let code = try #require(code)
            let expected = try #require(parsed)
            #expect(code.id == expected.id && code.title == expected.title && code.shortTitle == expected.shortTitle)
            #expect(code.citation == expected.citation && code.aliases == expected.aliases && code.profession == expected.profession)
            #expect(code.sourceURL == expected.sourceURL && code.articleWords == expected.articleWords && code.language == expected.language)
            #expect(code.location == expected.location)
            func sections(_ code: EthicsCode) -> [String] { code.sections.map { "\($0.number)|\($0.title)|\($0.location)" } }
            func articles(_ code: EthicsCode) -> [String] {
                code.articles.map { a -> String in
                    let text = "\(a.text.text)|\(a.text.location)|\(a.text.indentation)"
                    return "\(a.number)|\(a.title)|\(text)|\(a.section ?? "-")|\(a.location)"
                }
            }
            #expect(sections(code) == sections(expected))
            #expect(articles(code) == articles(expected))
        }

        try Data((try String(contentsOf: codeFile, encoding: .utf8).replacingOccurrences(of: "remarque", with: "note")).utf8).write(to: codeFile)
        let (_, editedDiagnostics) = load(ArticleCache(output: site.output, content: site.content))
        #expect(editedDiagnostics.contains { $0.message.contains("'note'") } && !editedDiagnostics.contains { $0.message.contains("remarque") })
    }

    @Test func articlesWithAByteOrderMarkOrCarriageReturnsComeBackTheSame() throws {
        let site = try TemporarySite(fixture: "basic")
        let text = "---\ntitle: \"Fins de ligne\"\ndate: 2026-01-05\nauteur: x\n---\nUn paragraphe\nsur deux lignes.\n\nVoir l’article 3.09.10 du Code de déontologie des dentistes.\n"
        try site.writeBytes("articles/bom.md", [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        try site.write("articles/crlf.md", text.replacingOccurrences(of: "\n", with: "\r\n"))
        try site.write("articles/cr.md", text.replacingOccurrences(of: "\n", with: "\r"))
        let first = try site.build()
        #expect(first.written, "\(first.diagnostics)")
        try site.write("articles/second.md", "---\ntitle: \"Second article\"\ndate: 2026-02-01\n---\n## Détails\n\nAutre chose.\n")
        let again = try site.build()
        #expect(again.articleCacheUse?.loadedMisses == 1)
        #expect(again.articleCacheUse?.linkedMisses == 1)
        #expect(again.diagnostics == first.diagnostics)
        #expect(try incremental.snapshot(site.output) == fullBuild(site.options))
    }

    @Test func buildsIntoFoldersOfOneParentShareTheCache() throws {
        // As `guidesite serve` does: each build into a new folder.
        let site = try TemporarySite(fixture: "basic")
        var options = site.options
        options.output = site.folder.appendingPathComponent("site-1")
        _ = try SiteBuilder(options: options).build()
        options.output = site.folder.appendingPathComponent("site-2")
        let second = try SiteBuilder(options: options).build()
        #expect(second.articleCacheUse == ArticleCache.Use(loadedHits: 4, loadedMisses: 0, linkedHits: 3, linkedMisses: 0))
        #expect(try incremental.snapshot(options.output) == fullBuild(options))
    }

    @Test func prepareWritesNoCache() throws {
        let site = try TemporarySite(fixture: "basic")
        let result = try SiteBuilder(options: site.options).prepare()
        #expect(!result.files.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: site.folder.appendingPathComponent(".guidesite-cache").path))
        #expect(!site.exists(""))
    }

    @Test func withoutTheCacheNoneIsWritten() throws {
        let site = try TemporarySite(fixture: "basic")
        var options = site.options
        options.usesCache = false
        let result = try SiteBuilder(options: options).build()
        #expect(result.written)
        #expect(result.articleCacheUse == nil)
        #expect(!FileManager.default.fileExists(atPath: site.folder.appendingPathComponent(".guidesite-cache").path))
    }

    @Test func aFailedBuildLeavesTheCacheAsItWas() throws {
        let site = try TemporarySite(fixture: "basic")
        _ = try site.build()
        let before = try Data(contentsOf: cacheFile(of: site))
        try site.write("articles/cassee.md", "---\ndate: 2026-01-05\n---\nSans titre.\n")
        let failed = try site.build()
        #expect(!failed.written)
        #expect(try Data(contentsOf: cacheFile(of: site)) == before)
        let folder = cacheFile(of: site).deletingLastPathComponent()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.contains(".tmp-") })
    }

    @Test func temporaryFilesOfStoppedBuildsAreRemoved() throws {
        let site = try TemporarySite(fixture: "basic")
        _ = try site.build()
        var pid: Int32 = 4_000_000
        while kill(pid, 0) == 0 || errno != ESRCH { pid -= 1 }
        let abandoned = [cacheFile(of: site).path + ".tmp-\(pid)", cacheFile(of: site).path + ".tmp-\(pid)-3fa2"]
        for path in abandoned { #expect(FileManager.default.createFile(atPath: path, contents: Data([1, 2, 3]))) }
        try site.write("articles/second.md", "---\ntitle: \"Second article\"\ndate: 2026-02-01\n---\n## Détails\n\nAutre chose.\n")
        #expect(try site.build().written)
        for path in abandoned { #expect(!FileManager.default.fileExists(atPath: path)) }
    }

    /// After a small edit the old cache file is kept (the next build makes its few missing
    /// entries again); it is written again once it lacks more than 1 % of what a build uses.
    @Test func aSmallEditKeepsTheCacheFile() throws {
        let site = try TemporarySite(fixture: "basic")
        for k in 0..<110 {
            try site.write("articles/lot-\(k).md", "---\ntitle: \"Lot \(k)\"\ndate: 2025-03-\(10 + k % 18)\n---\nTexte \(k), voir l’article 3.09.10 du Code de déontologie des dentistes.\n")
        }
        _ = try site.build()
        let written = inode(cacheFile(of: site))
        try site.write("articles/lot-7.md", "---\ntitle: \"Lot 7\"\ndate: 2025-03-17\n---\nTexte revu.\n")
        let edited = try site.build()
        #expect(edited.articleCacheUse?.linkedMisses == 1)
        #expect(inode(cacheFile(of: site)) == written, "one article of 114: the file is kept")
        let again = try site.build()
        #expect(again.articleCacheUse?.linkedMisses == 1, "the entry the file lacks is made again")
        #expect(try incremental.snapshot(site.output) == fullBuild(site.options))
        for k in 20..<22 {
            try site.write("articles/lot-\(k).md", "---\ntitle: \"Lot \(k)\"\ndate: 2025-03-11\n---\nAutre texte.\n")
        }
        _ = try site.build()
        #expect(inode(cacheFile(of: site)) != written, "three articles of 114 (six entries of 228): written again")
        let last = try site.build()
        #expect(last.articleCacheUse?.linkedMisses == 0 && last.articleCacheUse?.loadedMisses == 0)
        #expect(CacheRewrite.isWorthIt(missing: 1, stale: 0, entries: 0), "an empty file")
        #expect(!CacheRewrite.isWorthIt(missing: 0, stale: 0, entries: 10))
        #expect(!CacheRewrite.isWorthIt(missing: 100, stale: 1_999, entries: 10_000))
        #expect(CacheRewrite.isWorthIt(missing: 101, stale: 0, entries: 10_000))
        #expect(CacheRewrite.isWorthIt(missing: 0, stale: 2_001, entries: 10_000))
    }

    @Test func entriesNoLongerUsedAreDropped() throws {
        let site = try TemporarySite(fixture: "basic")
        try site.write("articles/passage.md", "---\ntitle: \"De passage\"\ndate: 2026-01-05\n---\nBientôt parti.\n")
        _ = try site.build()
        func entries() throws -> Int? {
            ArticleCache.readIndex(try Data(contentsOf: cacheFile(of: site)), fingerprint: ArticleCache.programFingerprint())?.count
        }
        // Loaded and linked articles, and the fixture's one code.
        #expect(try entries() == 5 + 4 + 1)
        // An article removed and another edited: the file is written again (it lacks two entries
        // of ten), without the removed article's entries nor the edited one's old ones.
        try site.remove("articles/passage.md")
        let second = try String(contentsOf: site.content.appendingPathComponent("articles/second.md"), encoding: .utf8)
        try site.write("articles/second.md", second + "\nUne phrase de plus.\n")
        let rebuilt = try site.build()
        #expect(rebuilt.articleCacheUse?.linkedMisses == 1)
        #expect(try entries() == 4 + 3 + 1)
    }

    enum Damage: String, CaseIterable, Sendable {
        case empty, truncated, headerOnly, damagedEntry, damagedIndex, otherProgram, otherVersion, foreign, random
    }

    @Test(arguments: Damage.allCases)
    func aDamagedCacheFileIsIgnored(_ damage: Damage) throws {
        let site = try TemporarySite(fixture: "basic")
        _ = try site.build()
        let file = cacheFile(of: site)
        var bytes = [UInt8](try Data(contentsOf: file))
        var generator = SplitMix(seed: 7)
        switch damage {
        case .empty: bytes = []
        case .truncated: bytes = Array(bytes.prefix(bytes.count * 2 / 3))
        case .headerOnly: bytes = Array(bytes.prefix(ArticleCache.headerSize))
        case .damagedEntry:
            // An article's loaded entry (entries are written in the order they were made, on
            // several threads: the first one in the file may be the code's).
            let index = try #require(ArticleCache.readIndex(Data(bytes), fingerprint: ArticleCache.programFingerprint()))
            let entry = try #require(index.first { $0.key.kind == ArticleCache.Kind.loaded.rawValue }?.value)
            bytes[entry.range.lowerBound + 3] ^= 0x20
        case .damagedIndex: bytes[bytes.count - 20] ^= 0x01
        case .otherProgram: bytes[20] ^= 0xFF
        case .otherVersion: bytes[8] &+= 1
        case .foreign: bytes = Array("guidesite render cache 0\narticles/x/index.html\t1\t2\t3\n".utf8)
        case .random: bytes = (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        }
        try Data(bytes).write(to: file)
        if damage != .damagedEntry {  // with a damaged entry, every entry is looked up: the damaged one must miss
            try site.write("articles/second.md", "---\ntitle: \"Second article\"\ndate: 2026-02-01\n---\n## Détails\n\nAutre chose.\n")
        }
        let rebuilt = try site.build()
        #expect(rebuilt.written, "\(rebuilt.diagnostics)")
        let use = try #require(rebuilt.articleCacheUse)
        if damage == .damagedEntry {
            #expect(use.linkedMisses + use.loadedMisses == 1, "only the damaged entry is made again")
        } else {
            #expect(use.loadedHits == 0 && use.linkedHits == 0)
        }
        #expect(try incremental.snapshot(site.output) == fullBuild(site.options))
        let next = try site.build()
        #expect(next.articleCacheUse == ArticleCache.Use(loadedHits: 4, loadedMisses: 0, linkedHits: 3, linkedMisses: 0),
                "the cache was written whole again")
    }

    @Test func damagedEntriesNeverCrashTheReader() throws {
        let document = LinkedDocument(
            html: "<p>Voir <a href=\"x\">art. 3</a>.</p>",
            tableOfContents: [TableOfContentsEntry(level: 2, title: "Détails", anchor: "details")],
            sections: [DocumentSection(heading: nil, text: "Voir art. 3."),
                       DocumentSection(heading: TableOfContentsEntry(level: 2, title: "Détails", anchor: "details"), text: "É")],
            occurrences: [CitationOccurrence(target: .article(code: "dentistes", number: "3.09.10"), page: "articles/x/", anchor: "cite-1",
                                             sentence: "Voir art. 3.", location: SourceLocation(file: "a.md", line: 7, column: 12), section: nil)],
            anchorReferences: [AnchorReference(page: "articles/y/", anchor: "z", location: SourceLocation(file: "a.md", line: 9, column: 1))])
        let problems = [Diagnostic.warning("attention", at: SourceLocation(file: "a.md", line: 3, column: 2)), .error("sans lieu", at: nil)]
        var writer = BinaryWriter()
        writer.linkedDocument(document, diagnostics: problems)
        let bytes = writer.bytes

        let (decoded, decodedProblems) = try bytes.withUnsafeBytes { raw in
            var reader = BinaryReader(raw)
            return try reader.linkedDocument()
        }
        #expect(decoded.html == document.html)
        #expect(decoded.tableOfContents == document.tableOfContents)
        #expect(decoded.sections == document.sections)
        #expect(decoded.occurrences == document.occurrences)
        #expect(decoded.anchorReferences == document.anchorReferences)
        #expect(decodedProblems == problems)

        // Read from a cache file (here at an offset in it), the HTML and sections are decoded when asked for.
        let padding = [UInt8](repeating: 7, count: 13)
        let (deferred, deferredProblems) = try (padding + bytes).withUnsafeBytes { raw in
            var reader = BinaryReader(UnsafeRawBufferPointer(rebasing: raw[padding.count...]))
            return try reader.linkedDocument(deferringTextsOf: Data(padding + bytes), at: padding.count)
        }
        #expect(deferredProblems == problems && deferred.occurrences == document.occurrences)
        #expect(deferred.headedSectionCount == 1 && document.headedSectionCount == 1)
        #expect(deferred.html == document.html)
        #expect(deferred.sections == document.sections)
        var changed = deferred
        changed.html = "<p>autre</p>"
        #expect(changed.html == "<p>autre</p>" && changed.sections == document.sections && deferred.html == document.html,
                "a change of one text keeps the other, and leaves the copy it was made from as it was")

        for length in 0..<bytes.count {
            let cut = Array(bytes.prefix(length))
            let ok = cut.withUnsafeBytes { raw in
                var reader = BinaryReader(raw)
                return (try? reader.linkedDocument()) != nil
            }
            #expect(!ok, "a document cut at \(length) bytes must not read")
        }
        var generator = SplitMix(seed: 99)
        for _ in 0..<2000 {
            var damaged = bytes
            for _ in 0..<(1 + generator.next() % 4) {
                damaged[Int(generator.next() % UInt64(damaged.count))] = UInt8(truncatingIfNeeded: generator.next())
            }
            damaged.withUnsafeBytes { raw in
                var reader = BinaryReader(raw)
                _ = try? reader.linkedDocument()  // reads or throws; never traps
                var deferring = BinaryReader(raw)
                if let (document, _) = try? deferring.linkedDocument(deferringTextsOf: Data(damaged), at: 0) {
                    _ = (document.html, document.sections)
                }
            }
        }
    }

    @Test func integersAndStringsRoundTrip() throws {
        let numbers: [Int] = [0, 1, -1, 63, -64, 64, 127, 128, 300, -300, Int(Int32.max), Int.max, Int.min]
        var writer = BinaryWriter()
        for n in numbers { writer.int(n) }
        writer.unsigned(UInt64.max)
        writer.string("")
        writer.string("é\u{2028}x")
        writer.optionalString(nil)
        writer.fixed(0x0102_0304_0506_0708)
        try writer.bytes.withUnsafeBytes { raw throws in
            var reader = BinaryReader(raw)
            for n in numbers { #expect(try reader.int() == n) }
            #expect(try reader.unsigned() == UInt64.max)
            #expect(try reader.string() == "")
            #expect(try reader.string() == "é\u{2028}x")
            #expect(try reader.optionalString() == nil)
            #expect(try reader.fixed() == 0x0102_0304_0506_0708)
            #expect(reader.isAtEnd)
            #expect(throws: BinaryReader.Malformed.self) { try reader.byte() }
        }
        // An eleven-byte varint is damage, not a number.
        let long = [UInt8](repeating: 0xFF, count: 10) + [0x01]
        long.withUnsafeBytes { raw in
            var reader = BinaryReader(raw)
            #expect(throws: BinaryReader.Malformed.self) { try reader.unsigned() }
        }
    }

    @Test func keysAreStableAndTellInputsApart() {
        var a = CacheKeyHasher("test")
        a.combine("ab")
        a.combine("c")
        var b = CacheKeyHasher("test")
        b.combine("a")
        b.combine("bc")
        #expect(a.finish() != b.finish())
        // XXH64 reference values (xxhsum): the empty input and "abc" with seed 0.
        #expect(XXH64.hash([], seed: 0) == 0xEF46_DB37_51D8_E999)
        #expect(XXH64.hash(Array("abc".utf8), seed: 0) == 0x44BC_2CF5_AD77_0999)
        let long = [UInt8]((0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        #expect(XXH64.hash(long, seed: 1) == XXH64.hash(long, seed: 1))
        #expect(XXH64.hash(long, seed: 1) != XXH64.hash(long, seed: 2))
    }
}
