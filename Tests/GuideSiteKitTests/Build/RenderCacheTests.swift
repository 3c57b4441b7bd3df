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
}
