import Testing
@testable import GuideSiteKit

/// French spacing over bytes gives what the first, scalar-by-scalar version gave.
@Suite("French typography")
struct FrenchTypographyTests {
    @Test func examples() {
        #expect(FrenchTypography.apply(to: "Attention : voir « ceci » ; vraiment ? Oui !")
            == "Attention\u{00A0}: voir «\u{00A0}ceci\u{00A0}»\u{202F}; vraiment\u{202F}? Oui\u{202F}!")
        #expect(FrenchTypography.apply(to: "«mot»") == "«\u{00A0}mot\u{00A0}»")
        #expect(FrenchTypography.apply(to: "rien à faire") == "rien à faire")
        #expect(FrenchTypography.apply(to: "«") == "«\u{00A0}")
    }

    @Test func bytesAndScalarsAgreeOnRandomTexts() {
        let pieces: [String] = [
            "a", "é", "Z", " ", "  ", "\u{00A0}", "\u{202F}", "\u{2009}", "\t", "\n", "«", "»", ";", ":", "!", "?",
            "«\u{00A0}", "e\u{0301}", "🙂", "中", "http://x", "3.09.10", "'", "’", "£", "©", "\u{0085}", "\u{3000}",
        ]
        var generator = SplitMix(seed: 6_1_6)
        for _ in 0..<20_000 {
            let count = Int(generator.next() % 24)
            let text = (0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            #expect(FrenchTypography.apply(to: text) == FrenchTypography.applyByScalars(to: text), "\(Array(text.unicodeScalars))")
        }
    }
}
