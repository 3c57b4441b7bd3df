import Foundation
import Testing
@testable import GuideSiteKit

/// Article files whose stamp (inode, size, times) is the recorded one are not read again; any
/// change of their bytes shows, even one that keeps the size and puts the modification time back.
@Suite("File stamps")
struct FileStampTests {
    let incremental = IncrementalBuildTests()

    /// Options that trust any file last changed before the build started.
    func settledOptions(_ site: TemporarySite) -> BuildOptions {
        var options = site.options
        options.fileSettleMargin = 0
        return options
    }

    func stamp(_ url: URL) throws -> FileStamp {
        var info = stat()
        try #require(stat(url.path, &info) == 0)
        return FileStamp(info)
    }

    /// Rewrites `count` bytes at `offset` of `url` in place, then puts its modification time back.
    func overwriteInPlace(_ url: URL, at offset: Int, with text: String) throws {
        let before = try stamp(url)
        let descriptor = open(url.path, O_WRONLY)
        try #require(descriptor >= 0)
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
        close(descriptor)
        try #require(written == bytes.count)
        var times = [timespec(tv_sec: Int(before.modified / 1_000_000_000), tv_nsec: Int(before.modified % 1_000_000_000)),
                     timespec(tv_sec: Int(before.modified / 1_000_000_000), tv_nsec: Int(before.modified % 1_000_000_000))]
        try #require(utimensat(AT_FDCWD, url.path, &times, 0) == 0)
        let after = try stamp(url)
        #expect(after.size == before.size && after.inode == before.inode && after.modified == before.modified)
    }

    @Test func aRebuildReadsNoUnchangedArticleFile() throws {
        let site = try TemporarySite(fixture: "basic")
        let options = settledOptions(site)
        let first = try SiteBuilder(options: options).build()
        #expect(first.articleCacheUse?.stampHits == 0)
        let second = try SiteBuilder(options: options).build()
        #expect(second.articleCacheUse == ArticleCache.Use(loadedHits: 4, loadedMisses: 0, linkedHits: 3, linkedMisses: 0, stampHits: 4))
    }

    /// An article with carriage returns is read on every build (its body is not the end of its
    /// bytes as they are); its stamp, already recorded, is not recorded again, so the cache file
    /// is not rewritten by builds where nothing changed.
    @Test func aFileReadAnywayDoesNotRewriteTheCache() throws {
        let site = try TemporarySite(fixture: "basic")
        try site.write("articles/crlf.md", "---\r\ntitle: \"Windows\"\r\ndate: 2026-03-01\r\n---\r\nTexte.\r\n")
        let options = settledOptions(site)
        _ = try SiteBuilder(options: options).build()
        _ = try SiteBuilder(options: options).build()
        let file = ArticleCache.file(output: site.output, content: site.content)
        let before = try stamp(file)
        let third = try SiteBuilder(options: options).build()
        #expect(third.articleCacheUse?.stampHits == 4, "every file but the one with carriage returns")
        #expect(try stamp(file) == before, "nothing changed: the cache file stays as it is")
    }

    @Test func anEditThatKeepsSizeInodeAndModificationTimeIsSeen() throws {
        let site = try TemporarySite(fixture: "basic")
        let options = settledOptions(site)
        _ = try SiteBuilder(options: options).build()
        _ = try SiteBuilder(options: options).build()
        let file = site.content.appendingPathComponent("articles/premier.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        let body = try #require(text.range(of: "\n---\n", options: .backwards)).upperBound
        // Only the change time tells this edit: the bytes after the front matter, same length.
        try overwriteInPlace(file, at: text.utf8.distance(from: text.utf8.startIndex, to: body), with: "ZZZZ")
        let edited = try SiteBuilder(options: options).build()
        #expect(edited.articleCacheUse?.stampHits == 3)
        #expect(edited.articleCacheUse?.linkedMisses == 1)
        #expect(try site.read("articles/premier/index.html").contains("ZZZZ"))
        #expect(try incremental.snapshot(site.output) == ArticleCacheTests().fullBuild(options))
    }

    @Test func filesChangedJustBeforeABuildAreReadAgainNextTime() throws {
        let site = try TemporarySite(fixture: "basic")
        _ = try site.build()
        let second = try site.build()
        #expect(second.articleCacheUse?.stampHits == 0, "written less than two seconds ago: their stamps are not trusted")
        #expect(second.articleCacheUse?.loadedHits == 4)
    }

    @Test func aBodyReadLateIsCheckedAgainstItsStamp() throws {
        let site = try TemporarySite(fixture: "basic")
        let file = site.content.appendingPathComponent("articles/premier.md")
        let bytes = Array(try Data(contentsOf: file))
        let key = bytes.withUnsafeBytes { ArticleCacheKeys.load(path: "Content/articles/premier.md", languages: ["fr", "en"], defaultLanguage: "fr", bytes: $0) }
        let unread = ArticleCache.UnreadBody(file: file.path, path: "Content/articles/premier.md", offset: 4, loadKey: key,
                                             languages: ["fr", "en"], defaultLanguage: "fr")
        #expect(unread.read().body == String(decoding: bytes[4...], as: UTF8.self))
        try site.write("articles/premier.md", "---\ntitle: Autre\ndate: 2026-01-01\n---\nAutre texte.\n")
        let late = unread.read()
        #expect(late.body == nil)
        #expect(late.problem?.message.contains("changed while guidesite was building") == true)
        #expect(late.problem?.location?.file == "Content/articles/premier.md")
    }
}
