import Foundation
import Testing
@testable import GuideSiteKit

/// The render cache file reads back what was saved, groups included, and skips what does not parse.
@Suite("Render cache")
struct RenderCacheTests {
    @Test func entriesRoundTripAndDamagedLinesAreSkipped() throws {
        let site = try TemporarySite(fixture: "basic")
        _ = try site.build()
        var cache = RenderCache(output: site.output, theme: Repository.defaultTheme)
        #expect(!cache.entries.isEmpty, "a build records its pages")
        #expect(cache.entries.contains { $0.key.hasSuffix("/") && $0.value.size == -1 }, "and the search groups, under their folders")
        cache.entries["pages/é à/index.html"] = RenderCache.Entry(hash: .max, size: Int64.max, modified: 0)
        cache.entries["x"] = RenderCache.Entry(hash: 0, size: 0, modified: -5)
        cache.save()
        let read = RenderCache(output: site.output, theme: Repository.defaultTheme)
        #expect(read.entries == cache.entries)

        let file = RenderCache.file(for: site.output)
        var text = try String(contentsOf: file, encoding: .utf8)
        text += "broken\tline\n\tabc\t1\t2\nx2\tzz\t1\t2\nx3\t1\t99999999999999999999\t2\nx4\t1\t2\t3\n"
        try Data(text.utf8).write(to: file)
        let damaged = RenderCache(output: site.output, theme: Repository.defaultTheme)
        #expect(damaged.entries.count == cache.entries.count + 1, "only the one good line more")
        #expect(damaged.entries["x4"]?.hash == 1 && damaged.entries["x4"]?.size == 2 && damaged.entries["x4"]?.modified == 3)

        // Another theme (here: none) is another fingerprint: nothing is trusted.
        let other = RenderCache(output: site.output, theme: site.folder)
        #expect(other.entries.isEmpty)
    }

    /// A rebuild that changes nothing leaves the cache file as it is: not removed, not written again.
    @Test func aRebuildThatChangesNothingLeavesTheCacheFileAlone() throws {
        let site = try TemporarySite(fixture: "basic")
        _ = try site.build()
        let file = RenderCache.file(for: site.output)
        let before = try FileManager.default.attributesOfItem(atPath: file.path)
        let unchanged = try site.build()
        #expect(unchanged.changes.written == 0 && unchanged.changes.removed == 0)
        let after = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect(after[.systemFileNumber] as? Int == before[.systemFileNumber] as? Int, "the same file")
        #expect(after[.modificationDate] as? Date == before[.modificationDate] as? Date)

        try site.write("articles/second.md", "---\ntitle: \"Second article\"\ndate: 2026-02-01\n---\n## Détails\n\nAutre chose.\n")
        let edited = try site.build()
        #expect(edited.written && edited.changes.written > 0, "\(edited.diagnostics)")
        let rewritten = try FileManager.default.attributesOfItem(atPath: file.path)
        // (Not told by its inode: the old file's, freed first, may be given to the new one.)
        #expect(rewritten[.modificationDate] as? Date != before[.modificationDate] as? Date, "written again")
        let cache = RenderCache(output: site.output, theme: Repository.defaultTheme)
        let page = try #require(cache.entries["articles/second/index.html"])
        let stamp = try #require(RenderCache.stamp(site.output.path + "/articles/second/index.html"))
        #expect(page.size == stamp.size && page.modified == stamp.modified, "the edited page is recorded as written")
        // Written again in the order it was read (no path added or removed): still sorted by path.
        let paths = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: "\t")[0] }
        #expect(paths.count == cache.entries.count && paths == paths.sorted())
    }

    /// Recording keeps the entries of kept files, stamps the files made, and drops the paths gone.
    @Test func recordingStampsTheFilesMadeAndKeepsTheOthers() throws {
        let site = try TemporarySite(fixture: "basic")
        _ = try site.build()
        var cache = RenderCache(output: site.output, theme: Repository.defaultTheme)
        let hashes = cache.entries.mapValues(\.hash)
        let unchanged = cache.record(hashes, made: [], in: site.output)
        #expect(!unchanged, "the same hashes, nothing made: nothing changes")

        let made = "articles/premier/index.html", kept = "articles/second/index.html"
        // The page made has the hash it had, but its file was written since (its date differs).
        var next = hashes
        next[kept] = nil
        let recordedKept = cache.entries
        cache.entries[made]?.modified = 1
        let changed = cache.record(next, made: [made], in: site.output)
        #expect(changed)
        let stamp = try #require(RenderCache.stamp(site.output.path + "/" + made))
        #expect(cache.entries[made] == RenderCache.Entry(hash: next[made] ?? 0, size: stamp.size, modified: stamp.modified))
        #expect(cache.entries[kept] == nil, "a path the site no longer has is dropped")
        #expect(cache.entries.count == next.count)
        for (path, entry) in cache.entries where path != made { #expect(entry == recordedKept[path], "\(path) kept as it was") }
    }
}
