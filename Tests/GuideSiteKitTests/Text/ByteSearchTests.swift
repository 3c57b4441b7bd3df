import Testing
@testable import GuideSiteKit

/// Byte searches over a string's UTF-8 storage give what the character-by-character ones give.
@Suite("Byte searches in strings")
struct ByteSearchTests {
    @Test func linesAndBytesAgreeWithCharacters() {
        let pieces = ["a", "é", " ", "\n", "\n\n", "|", "🙂", "中", "---", "title: x", "\u{00A0}"]
        var generator = SplitMix(seed: 1_0_1)
        for _ in 0..<5_000 {
            let text = (0..<Int(generator.next() % 16)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            #expect(text.linesSplitAtLineFeeds() == text.split(separator: "\n", omittingEmptySubsequences: false), "\(Array(text.utf8))")
            #expect(text.containsUTF8Byte(UInt8(ascii: "|")) == text.utf8.contains(UInt8(ascii: "|")))
            #expect(text.containsUTF8Byte(0xA0) == text.utf8.contains(0xA0))
        }
        #expect("".linesSplitAtLineFeeds() == [""])
    }
}
