import Foundation
import Testing

@testable import GuideSiteKit

@Suite struct SearchExcerptTests {
    /// The scalars `ExcerptScalar` calls simple.
    static let simpleScalars: [Unicode.Scalar] = (Array(0..<0x300) + Array(0x2000..<0x20C0))
        .filter { $0 != 0x200C && $0 != 0x200D }
        .compactMap { Unicode.Scalar(UInt32($0)) }

    func excerptScalar(_ u: Unicode.Scalar) -> ExcerptScalar {
        var s = String(u)
        return s.withUTF8 { ExcerptScalar($0, 0) }
    }

    @Test func simpleScalarsAreSpacesAsCharactersAreAndNeedNoNFC() {
        for u in Self.simpleScalars {
            let scalar = excerptScalar(u)
            #expect(scalar.isSimple)
            #expect(scalar.length == String(u).utf8.count)
            #expect(scalar.isWhitespace == Character(u).isWhitespace, "U+\(String(u.value, radix: 16))")
            if !scalar.isWhitespace { #expect(!TextAnalyzer.needsNormalization("a" + String(u)), "U+\(String(u.value, radix: 16))") }
        }
        let simple = Set(Self.simpleScalars)
        for v in stride(from: UInt32(0), through: 0x10FFFF, by: 7) {
            guard let u = Unicode.Scalar(v), !simple.contains(u) else { continue }
            #expect(!excerptScalar(u).isSimple, "U+\(String(v, radix: 16))")
        }
        for v: UInt32 in [0x300, 0x301, 0x36F, 0x200C, 0x200D, 0x20D0, 0x3000, 0xAC00, 0xFE0F, 0x1F1E6, 0x1F3FB, 0x1F600] {
            #expect(Unicode.Scalar(v).map { !excerptScalar($0).isSimple } == true)
        }
    }

    /// Simple scalars never join their neighbours into one `Character`, but CR LF.
    @Test func simpleScalarsAreOneCharacterEach() {
        for s in Self.simpleScalars {
            var text = String.UnicodeScalarView()
            var pairs = 0
            for t in Self.simpleScalars + [s] {
                for u in [s, t] {
                    if text.last == "\r" && u == "\n" { pairs += 1 }
                    text.append(u)
                }
            }
            #expect(String(text).count == text.count - pairs, "U+\(String(s.value, radix: 16))")
        }
    }

    static let words = ["le", "secret", "professionnel", "élève", "l’Ordre", "«", "»", "3.09.10", "a\"b", "x\\y", "ŒUVRE", "€", "—",
                        "anticonstitutionnellement", String(repeating: "x", count: 70)]
    static let spaces = [" ", " ", " ", "  ", "\n", "\r\n", "\t", "\u{A0}", "\u{202F}", "\u{2028}", "\u{85}", "\u{2003}", "\u{1C}"]
    static let unusual = ["e\u{301}", "👍🏽", "a\u{200D}b", "\u{1}", "\r", " \u{300}", "한국", "\u{2000}", "\r\u{301}\n"]

    static func text(_ generator: inout SplitMix, pieces: Int, unusual: Bool) -> String {
        var out = ""
        for _ in 0..<pieces {
            let r = Int(generator.next() % 100)
            let list = unusual && r < 4 ? Self.unusual : r < 60 ? Self.words : Self.spaces
            out += list[Int(generator.next() % UInt64(list.count))]
        }
        return out
    }

    /// The byte-level excerpt writes exactly the `Character`-based excerpt.
    @Test func sameExcerptAsCharacters() {
        var generator = SplitMix(seed: 20_261_123)
        var simpleCount = 0
        for round in 0..<6000 {
            let unusual = round % 3 == 0
            var writer = SearchIndexWriter()
            writer.excerptLength = [0, 1, 3, 8, 20, 60, 120, 360][round % 8]
            let summary = generator.next() % 3 == 0 ? "" : Self.text(&generator, pieces: Int(generator.next() % 60), unusual: unusual)
            let body = Self.text(&generator, pieces: Int(generator.next() % 400), unusual: unusual)
            let doc = SearchDocument(url: "a/", title: "A", kind: .article, language: .fr, summaryText: summary, bodyText: body)
            var expected = JSONBytes()
            expected.stringContents(writer.excerpt(doc))
            var fast = JSONBytes()
            writer.appendExcerpt(of: doc, to: &fast)
            #expect(
                String(decoding: fast.bytes, as: UTF8.self) == String(decoding: expected.bytes, as: UTF8.self),
                "excerptLength \(writer.excerptLength), summary \(summary.debugDescription), body \(body.debugDescription)")
            if !unusual {
                var simple = JSONBytes()
                #expect(writer.appendSimpleExcerpt(of: doc, to: &simple))
                simpleCount += 1
            }
        }
        #expect(simpleCount > 3000)
    }
}
