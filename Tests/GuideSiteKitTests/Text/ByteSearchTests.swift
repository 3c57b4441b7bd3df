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

    /// A table's source lines end at LF, CR LF or a lone CR, as CommonMark's do.
    @Test func sourceLinesEndAsInCommonMark() {
        let pieces = ["a", "é", "|", "\n", "\r", "\r\n", "\r\r\n", "🙂", " "]
        var generator = SplitMix(seed: 2_0_2)
        for _ in 0..<5_000 {
            let text = (0..<Int(generator.next() % 14)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            // The reference: scalar by scalar, a CR followed by an LF ending one line.
            var expected: [String] = [], line = "", scalars = Array(text.unicodeScalars), k = 0
            while k < scalars.count {
                let scalar = scalars[k]
                if scalar == "\n" || scalar == "\r" {
                    expected.append(line)
                    line = ""
                    if scalar == "\r", k + 1 < scalars.count, scalars[k + 1] == "\n" { k += 1 }
                } else {
                    line.unicodeScalars.append(scalar)
                }
                k += 1
            }
            expected.append(line)
            let lines = PipeTables.SourceLines(text: text)
            #expect((0..<lines.count).map { String(lines[$0]) } == expected, "\(Array(text.utf8))")
        }
    }
}
