import Foundation
import Testing

@testable import GuideSiteKit

@Suite struct JSONBytesTests {
    /// The escaping rules of the index format, one scalar at a time.
    static func expectedLiteral(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out += u.value < 0x20 ? String(format: "\\u%04x", u.value) : String(u)
            }
        }
        return out + "\""
    }

    func literal(_ s: String) -> String {
        var json = JSONBytes()
        json.string(s)
        return String(decoding: json.bytes, as: UTF8.self)
    }

    @Test func escapesEveryASCIIScalarAndTheSeparators() {
        for v in 0..<0x80 {
            let s = "a" + String(UnicodeScalar(UInt8(v))) + "b"
            #expect(literal(s) == Self.expectedLiteral(s), "U+\(String(v, radix: 16))")
        }
        for s in ["\u{2028}", "x\u{2029}", "\u{2027}\u{2028}\u{202A}", "\u{E2}\u{80}", "é’…€😀e\u{301}", "\u{1}\u{1f}", ""] {
            #expect(literal(s) == Self.expectedLiteral(s), "\(s.unicodeScalars.map(\.value))")
        }
    }

    @Test func escapesRandomText() {
        let alphabet: [Unicode.Scalar] = ["a", " ", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{7}", "\u{1b}", "\u{7f}", "é", "\u{2027}",
                                          "\u{2028}", "\u{2029}", "\u{202F}", "\u{20AC}", "\u{301}", "\u{FFFD}", "\u{1F600}"]
        var generator = SplitMix(seed: 7)
        for _ in 0..<2000 {
            var s = String.UnicodeScalarView()
            for _ in 0..<generator.next() % 24 { s.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
            let text = String(s)
            #expect(literal(text) == Self.expectedLiteral(text))
        }
    }

    @Test func integers() {
        for v in [0, 1, 9, 10, 99, 100, 12345, -1, -10, Int(Int32.max), Int.max, Int.min] {
            var json = JSONBytes()
            json.integer(v)
            #expect(String(decoding: json.bytes, as: UTF8.self) == String(v))
        }
    }

    @Test func textBuilderUsesTheSameEscaper() {
        var text = JSONText()
        text.string("a\"b\u{2028}\u{1}")
        text.raw(",")
        text.stringArray(["x", "\n"])
        #expect(text.text == Self.expectedLiteral("a\"b\u{2028}\u{1}") + ",[\"x\",\"\\n\"]")
    }
}
