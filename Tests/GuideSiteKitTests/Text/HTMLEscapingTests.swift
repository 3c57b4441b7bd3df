import Foundation
import Testing
@testable import GuideSiteKit

/// URLs in attributes: percent-encoded where a URL may not hold a byte, `&` escaped for HTML.
@Suite("Escaping URLs")
struct HTMLEscapingTests {
    @Test func examples() {
        #expect(HTMLEscaping.escapeURL("../articles/x/#cite-3") == "../articles/x/#cite-3")
        #expect(HTMLEscaping.escapeURL("https://a.org/?q=1&r=2") == "https://a.org/?q=1&amp;r=2")
        #expect(HTMLEscaping.escapeURL("éa b\"<") == "%C3%A9a%20b%22%3C")
        #expect(HTMLEscaping.escapeURL("") == "")
    }

    /// Byte by byte, as the first version did: kept, `&amp;`, or `%XX` in capitals.
    @Test func everyByteIsKeptEscapedOrEncoded() {
        let kept = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~!*();/?:@=+$,%#".utf8)
        let pieces = ["a", "Z", "9", "/", "#", "&", " ", "\"", "<", "'", "é", "’", "%", "\u{7F}", "\t", "🙂", "?x=1"]
        var generator = SplitMix(seed: 7_0_7)
        for _ in 0..<5_000 {
            let url = (0..<Int(generator.next() % 10)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            var expected = ""
            for byte in url.utf8 {
                if kept.contains(byte) {
                    expected.unicodeScalars.append(Unicode.Scalar(byte))
                } else if byte == UInt8(ascii: "&") {
                    expected += "&amp;"
                } else {
                    expected += String(format: "%%%02X", byte)
                }
            }
            #expect(HTMLEscaping.escapeURL(url) == expected, "\(url)")
        }
    }
}
