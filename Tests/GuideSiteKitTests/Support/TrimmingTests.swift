import Foundation
import Testing
@testable import GuideSiteKit

/// `trimmingWhitespace()` skips Foundation only where Foundation would change nothing.
@Suite("Trimming whitespace")
struct TrimmingTests {
    @Test(arguments: [
        "", " ", "\t", "mot", " mot", "mot ", "\tmot\t", "deux mots", "\u{00A0}insécable\u{00A0}", "fin\u{202F}", "\u{2003}cadratin",
        "é", "ça ", " à", "\u{00A0}", "x\u{00A0}y", "\n", "ligne\n", "2026-01-05",
    ])
    func trimsAsFoundationDoes(text: String) {
        #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces))
    }
}
