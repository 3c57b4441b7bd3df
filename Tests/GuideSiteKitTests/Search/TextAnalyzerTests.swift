import Foundation
import Testing

@testable import GuideSiteKit

/// Loads the committed vectors of Tests/Fixtures/analysis/.
enum AnalysisFixtures {
    static var directory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/analysis")
    }

    /// (word, reference stem) pairs of a `stems-*.tsv` file.
    static func stems(_ name: String) throws -> [(String, String)] {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        var out: [(String, String)] = []
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            let word = String(parts[0])
            let spec = parts[1]
            let colon = spec.firstIndex(of: ":")
            let count = Int(colon.map { spec[..<$0] } ?? spec[...]) ?? 0
            let rest = colon.map { String(spec[spec.index(after: $0)...]) } ?? ""
            out.append((String(word.unicodeScalars.prefix(count)) + rest, word))
        }
        return out.map { ($0.1, $0.0) }
    }

    struct Vectors: Decodable {
        struct Sentence: Decodable {
            var lang: String
            var text: String
            var terms: [String]
        }
        var stopWords: [String: [String]]
        var elisions: [String]
        var fold: [String: String]
        var sentences: [Sentence]
    }

    static func vectors() throws -> Vectors {
        let data = try Data(contentsOf: directory.appendingPathComponent("analyzer.json"))
        return try JSONDecoder().decode(Vectors.self, from: data)
    }
}

@Suite struct TextAnalyzerTests {
    func checkStems(_ file: String, _ language: SearchLanguage, minimum: Int) throws {
        let pairs = try AnalysisFixtures.stems(file)
        #expect(pairs.count >= minimum)
        let analyzer = TextAnalyzer(language: language)
        var mismatches: [String] = []
        for (word, expected) in pairs {
            let got = analyzer.stem(word)
            if got != expected { mismatches.append("\(word): \(got) ≠ \(expected)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches: \(mismatches.prefix(30))")
    }

    @Test func frenchStemmerMatchesSnowball() throws {
        try checkStems("stems-fr.tsv", .fr, minimum: 20_000)
    }

    @Test func englishStemmerMatchesSnowball() throws {
        try checkStems("stems-en.tsv", .en, minimum: 1_000)
    }

    @Test func tablesMatchVectors() throws {
        let v = try AnalysisFixtures.vectors()
        #expect(v.stopWords["fr"] == AnalysisTables.frenchStopWords.sorted())
        #expect(v.stopWords["en"] == AnalysisTables.englishStopWords.sorted())
        #expect(v.elisions == AnalysisTables.elisions.sorted())
        #expect(v.fold == AnalysisTables.fold)
    }

    @Test func analyzerMatchesVectors() throws {
        let v = try AnalysisFixtures.vectors()
        #expect(v.sentences.count >= 200)
        let analyzers: [String: TextAnalyzer] = ["fr": TextAnalyzer(language: .fr), "en": TextAnalyzer(language: .en)]
        for s in v.sentences {
            let got = analyzers[s.lang]?.terms(s.text) ?? []
            #expect(got == s.terms, "\(s.text)")
        }
    }

    @Test func citationNumbersStayWhole() {
        let a = TextAnalyzer(language: .fr)
        #expect(a.terms("art. 3.09.10, puis 6.1.6.") == ["art", "3.09.10", "6.1.6"])
        #expect(a.terms("l’avis d'un membre") == ["avis", "membr"])
    }

    /// Unaccented queries find accented words, and accented queries find
    /// unaccented text, over every accented word of the French list.
    @Test func accentInsensitiveRecall() throws {
        let words = try AnalysisFixtures.stems("stems-fr.tsv").map(\.0).filter { TextAnalyzer.fold($0) != $0 }
        let a = TextAnalyzer(language: .fr)
        func termSet(_ text: String) -> Set<String> {
            Set(a.analyze(text).flatMap { [$0.term] + ($0.alternate.map { [$0] } ?? []) })
        }
        var total = 0
        var found = 0
        var reverse = 0
        var primaryOnly = 0
        for w in words {
            let indexTerms = termSet(w)
            if indexTerms.isEmpty { continue }  // a stop word
            total += 1
            let plain = TextAnalyzer.fold(w)
            let queryTerms = termSet(plain)
            if !indexTerms.isDisjoint(with: queryTerms) { found += 1 }
            // Accented query against unaccented text.
            if !termSet(plain).isDisjoint(with: termSet(w)) { reverse += 1 }
            // The simpler design: one term, fold(stem(w)), on both sides.
            if let p = a.analyze(w).first?.term, let q = a.analyze(plain).first?.term, p == q { primaryOnly += 1 }
        }
        let recall = Double(found) / Double(max(total, 1))
        print(
            "accent recall: \(found)/\(total) = \(recall * 100)% (reverse \(reverse)); primary term only: \(Double(primaryOnly) / Double(max(total, 1)) * 100)%"
        )
        #expect(total > 5_000)
        #expect(recall >= 0.99)
    }

    /// The tokenizer reads bytes, one table lookup per ASCII letter, into a buffer it keeps:
    /// its terms are those of each token found by the rules read scalar by scalar (``reference(_:)``),
    /// over random texts of words, accents, capitals, digits, dots, apostrophes, elisions, marks
    /// to compose, scalars whose lower case is longer, other scripts and tokens longer than the buffer.
    @Test func tokensAreThoseOfTheRulesReadScalarByScalar() {
        let pieces = ["avis", "Membre", "ÉTÉ", "déontologie", "3", ".", "09", "10", "'", "’", "ʼ", "s", "S", "l", "qu", "jusqu",
                      "L", "D", " ", ", ", "\n", "-", "e\u{301}", "İstanbul", "ǅ", "Ωμέγα", "日本", "😀", "œuvre", "ß", "١٢",
                      String(repeating: "x", count: 70), String(repeating: "é", count: 100), "a\u{0300}\u{0301}", "ﬁ", "²"]
        var generator = SplitMix(seed: 8)
        for language in [SearchLanguage.fr, .en] {
            let analyzer = TextAnalyzer(language: language), single = TextAnalyzer(language: language)
            for _ in 0..<3_000 {
                let text = (0..<Int(generator.next() % 16)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
                let expected = Self.reference(text).flatMap { single.terms($0) }
                #expect(analyzer.terms(text) == expected, "\(text.debugDescription)")
            }
        }
    }

    /// A caller that analyses another text with the same analyzer for each term gets the same
    /// terms, with tokens longer than the kept buffer on both sides.
    @Test func analysingAgainFromATermGivesTheSameTerms() {
        let long = String(repeating: "déontologie", count: 12)
        let outer = "Le membre \(long) protège l’avis 3.09.10 \(long)x", inner = "\(long)y la confidentialité"
        let analyzer = TextAnalyzer(language: .fr), reference = TextAnalyzer(language: .fr)
        var outerTerms: [String] = [], innerTerms: [[String]] = []
        analyzer.forEachTerm(in: outer) { primary, _ in
            outerTerms.append(analyzer.term(primary))
            var terms: [String] = []
            analyzer.forEachTerm(in: inner) { primary, _ in terms.append(analyzer.term(primary)) }
            innerTerms.append(terms)
        }
        #expect(outerTerms == reference.analyze(outer).map(\.term))
        #expect(innerTerms.count == outerTerms.count && innerTerms.allSatisfy { $0 == reference.analyze(inner).map(\.term) })
        #expect(analyzer.terms(outer) == reference.terms(outer), "the kept buffer is whole after")
    }

    /// The tokens of `text` by the rules of ``TextAnalyzer``, scalar by scalar: letters, marks
    /// and decimal digits in lower case; a `.` between two digits kept; an elision before an
    /// apostrophe dropped; a trailing `'s` dropped.
    static func reference(_ text: String) -> [String] {
        let scalars = Array(text.precomposedStringWithCanonicalMapping.unicodeScalars)
        func kind(_ u: Unicode.Scalar) -> Int {
            switch u.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                .nonspacingMark, .spacingMark, .enclosingMark: 1
            case .decimalNumber: 2
            default: 0
            }
        }
        let apostrophes: Set<Unicode.Scalar> = ["'", "\u{2019}", "\u{02BC}"]
        var tokens: [String] = [], token = String.UnicodeScalarView()
        func flush() {
            if !token.isEmpty { tokens.append(String(token)) }
            token = String.UnicodeScalarView()
        }
        var i = 0
        while i < scalars.count {
            let u = scalars[i]
            if kind(u) != 0 {
                token.append(contentsOf: u.properties.lowercaseMapping.unicodeScalars)
                i += 1
                continue
            }
            if let last = token.last, i + 1 < scalars.count {
                let next = scalars[i + 1]
                if u == "." {
                    if kind(next) == 2, kind(last) == 2 {
                        token.append(u)
                        i += 1
                        continue
                    }
                } else if apostrophes.contains(u), kind(next) != 0 {
                    if AnalysisTables.elisions.contains(String(token)) {
                        token = String.UnicodeScalarView()
                        i += 1
                        continue
                    }
                    if next == "s" || next == "S", i + 2 >= scalars.count || kind(scalars[i + 2]) == 0 {
                        flush()
                        i += 2
                        continue
                    }
                }
            }
            flush()
            i += 1
        }
        flush()
        return tokens
    }
}
