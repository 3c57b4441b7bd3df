import Foundation

/// Turns text into search terms, exactly like `analyzer.js` in the browser.
///
/// Steps: Unicode NFC, tokens of letters, marks and decimal digits (a `.`
/// between two digits stays inside the token, so `3.09.10` is one token),
/// lower case, French elisions dropped before `'`, `’` or `ʼ` (`l'`, `qu’`,
/// `jusqu'`…), a trailing `'s` dropped, stop words removed (compared
/// accent-folded), then the Snowball stemmer of the language and accent
/// folding. Tokens containing a digit are kept whole, folded but not stemmed.
///
/// A token whose accent-folded spelling stems differently gets a second term,
/// `fold(stem(fold(word)))`, so that a query typed without accents finds it.
///
/// Not thread-safe (it caches every distinct word it meets): use one analyzer
/// per task.
public final class TextAnalyzer {
    /// One analysed token.
    public struct Token: Sendable, Hashable {
        /// The term: `fold(stem(word))`.
        public var term: String
        /// `fold(stem(fold(word)))` when it differs from `term`.
        public var alternate: String?
        /// Ordinal of the token among the kept (non-stop-word) tokens.
        public var position: Int
    }

    /// The language whose stemmer and stop words are used.
    public let language: SearchLanguage

    private var cache = TokenCache()
    /// The token being read, kept from one text to the next (see ``tokenize(_:_:)``).
    private var scratch = TokenBuffer()
    private var isTokenizing = false
    private var classCache: [UInt32: (UInt8, [UInt32])] = [:]
    private var vocabulary: [String] = []
    private var termIDs: [String: Int32] = [:]
    private let stopWords: Set<[UInt32]>
    private let elisions: [[UInt32]]

    /// Creates an analyzer for `language`.
    public init(language: SearchLanguage) {
        self.language = language
        let list = language == .fr ? AnalysisTables.frenchStopWords : AnalysisTables.englishStopWords
        stopWords = Set(list.map(searchScalars))
        elisions = AnalysisTables.elisions.map(searchScalars)
    }

    deinit { scratch.deallocate() }

    // MARK: - Public API

    /// The analysed tokens of `text`.
    public func analyze(_ text: String) -> [Token] {
        var out: [Token] = []
        forEachTerm(in: text) { p, a in
            out.append(Token(term: vocabulary[Int(p)], alternate: a >= 0 ? vocabulary[Int(a)] : nil, position: out.count))
        }
        return out
    }

    /// The terms of `text` in the test-vector notation: `term` or `term|alternate`.
    public func terms(_ text: String) -> [String] {
        analyze(text).map { t in t.alternate.map { "\(t.term)|\($0)" } ?? t.term }
    }

    /// The Snowball stem of one lower-case word (not folded).
    public func stem(_ word: String) -> String {
        Self.string(stemScalars(searchScalars(word)))
    }

    /// Accent folding of a lower-case string ("é" → "e", "œ" → "oe").
    public static func fold(_ s: String) -> String {
        string(foldScalars(searchScalars(s)))
    }

    // MARK: - Fast internal API

    /// The interned term for an identifier given by `forEachTerm`.
    func term(_ id: Int32) -> String { vocabulary[Int(id)] }

    /// Number of distinct terms interned so far.
    var vocabularyCount: Int { vocabulary.count }

    /// Calls `body(primary, alternate)` for each kept token, with interned term
    /// identifiers (`alternate` is -1 when there is none).
    func forEachTerm(in text: String, _ body: (Int32, Int32) -> Void) {
        var text = Self.nfc(text)
        text.makeContiguousUTF8()
        text.utf8.withContiguousStorageIfAvailable { bytes in
            tokenize(bytes, body)
        }
    }

    // MARK: - Tokenizer

    /// `'`, `’` or `ʼ`.
    @inline(__always) private static func isApostrophe(_ c: UInt32) -> Bool {
        c == 0x27 || c == 0x2019 || c == 0x02BC
    }

    @inline(__always) private func decode(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return (((b0 & 0x1F) << 6) | (UInt32(p[i + 1]) & 0x3F), 2) }
        if b0 < 0xF0 {
            return (((b0 & 0x0F) << 12) | ((UInt32(p[i + 1]) & 0x3F) << 6) | (UInt32(p[i + 2]) & 0x3F), 3)
        }
        return (
            ((b0 & 0x07) << 18) | ((UInt32(p[i + 1]) & 0x3F) << 12) | ((UInt32(p[i + 2]) & 0x3F) << 6)
                | (UInt32(p[i + 3]) & 0x3F), 4
        )
    }

    /// Class (0 separator, 1 letter or mark, 2 decimal digit) and single-scalar
    /// lower case of U+0000 to U+024F; 255 marks a scalar left to `classify`.
    private static let latin: [(UInt8, UInt32)] = (0..<0x250).map { v -> (UInt8, UInt32) in
        guard let u = Unicode.Scalar(UInt32(v)) else { return (0, UInt32(v)) }
        let lower = u.properties.lowercaseMapping.unicodeScalars.map(\.value)
        guard lower.count == 1 else { return (255, UInt32(v)) }
        switch u.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark:
            return (1, lower[0])
        case .decimalNumber:
            return (2, UInt32(v))
        default:
            return (0, UInt32(v))
        }
    }

    /// Class of a scalar (0 separator, 1 letter or mark, 2 decimal digit) and its lower case.
    @inline(__always) private func classify(_ c: UInt32) -> (UInt8, [UInt32]) {
        if let hit = classCache[c] { return hit }
        var result: (UInt8, [UInt32]) = (0, [c])
        if let scalar = Unicode.Scalar(c) {
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                .nonspacingMark, .spacingMark, .enclosingMark:
                result = (1, scalar.properties.lowercaseMapping.unicodeScalars.map(\.value))
            case .decimalNumber:
                result = (2, [c])
            default:
                break
            }
        }
        classCache[c] = result
        return result
    }

    @inline(__always) private func classOf(_ c: UInt32) -> UInt8 {
        if c < 0x250 {
            let cls = Self.latin[Int(c)].0
            if cls != 255 { return cls }
        }
        return classify(c).0
    }

    /// Reads the tokens of `p` (valid UTF-8) and calls `body` with the terms of each one kept.
    ///
    /// A token's scalars (lower case) go to `token`, a buffer the analyzer keeps from one call to
    /// the next, hashed as they come: a token already met is found in the cache without being
    /// copied or read again. ASCII letters and digits, most of any text, take one table lookup.
    private func tokenize(_ p: UnsafeBufferPointer<UInt8>, _ body: (Int32, Int32) -> Void) {
        // The tables are read through pointers taken once: a static's every read checks that it is made.
        Self.asciiTokenBytes.withUnsafeBufferPointer { ascii in Self.latin.withUnsafeBufferPointer { latin in
            // The kept buffer, unless a term's caller analyses with this analyzer again: that
            // call has a buffer of its own, so that neither frees the one the other holds.
            let nested = isTokenizing
            var token = nested ? TokenBuffer() : scratch
            isTokenizing = true
            defer {
                if nested {
                    token.deallocate()
                } else {
                    scratch = token
                    isTokenizing = false
                }
            }
            @inline(__always) func classOf(_ c: UInt32) -> UInt8 {
                if c < 0x250 {
                    let cls = latin[Int(c)].0
                    if cls != 255 { return cls }
                }
                return classify(c).0
            }
            let n = p.count
            var i = 0
            while i < n {
                let byte = p[i]
                let c: UInt32, len: Int
                if byte < 0x80 {
                    let lower = ascii[Int(byte)]
                    if lower != 0 {
                        token.append(UInt32(lower))
                        i += 1
                        continue
                    }
                    (c, len) = (UInt32(byte), 1)
                } else {
                    (c, len) = decode(p, i)
                    if c < 0x250, case let (cls, lower) = latin[Int(c)], cls != 255 {
                        if cls != 0 {
                            token.append(lower)
                            i += len
                            continue
                        }
                    } else {
                        let (cls, lower) = classify(c)
                        if cls != 0 {
                            for scalar in lower { token.append(scalar) }
                            i += len
                            continue
                        }
                    }
                }
                // A separator.
                if token.count > 0, i + len < n {
                    let (next, nextLen) = decode(p, i + len)
                    if c == 0x2E {
                        if classOf(next) == 2, classOf(token.last) == 2 {
                            token.append(c)
                            i += len
                            continue
                        }
                    } else if Self.isApostrophe(c), classOf(next) != 0 {
                        if elisions.contains(where: { token.holds($0) }) {
                            token.clear()
                            i += len
                            continue
                        }
                        if next == 0x73 || next == 0x53 {
                            let after = i + len + nextLen
                            if after >= n || classOf(decode(p, after).0) == 0 {
                                emit(&token, body)
                                i = after
                                continue
                            }
                        }
                    }
                }
                if token.count > 0 { emit(&token, body) }
                i += len
            }
            if token.count > 0 { emit(&token, body) }
        } }
    }

    /// The lower case of ASCII letters and digits, by byte; 0 for the other ASCII bytes (separators).
    private static let asciiTokenBytes: [UInt8] = (0..<128).map { b -> UInt8 in
        switch UInt8(b) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): UInt8(b)
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt8(b) + 0x20
        default: 0
        }
    }

    @inline(__always) private func emit(_ token: inout TokenBuffer, _ body: (Int32, Int32) -> Void) {
        let entry: (Int32, Int32)
        if let hit = cache.value(for: token) {
            entry = hit
        } else {
            entry = analyzeToken(Array(token.scalars))
            cache.insert(entry, for: token)
        }
        token.clear()
        if entry.0 >= 0 { body(entry.0, entry.1) }
    }

    static let maxStemLength = 40

    private func analyzeToken(_ tok: [UInt32]) -> (Int32, Int32) {
        let folded = Self.foldScalars(tok)
        if tok.contains(where: { classOf($0) == 2 }) || tok.count > Self.maxStemLength {
            return (intern(folded), -1)
        }
        if stopWords.contains(folded) { return (-1, -1) }
        let primary = Self.foldScalars(stemScalars(tok))
        let alternate = folded == tok ? primary : Self.foldScalars(stemScalars(folded))
        let p = intern(primary)
        return (p, alternate == primary ? -1 : intern(alternate))
    }

    private func intern(_ s: [UInt32]) -> Int32 {
        let str = Self.string(s)
        if let id = termIDs[str] { return id }
        let id = Int32(vocabulary.count)
        vocabulary.append(str)
        termIDs[str] = id
        return id
    }

    private func stemScalars(_ w: [UInt32]) -> [UInt32] {
        language == .fr ? FrenchStemmer.stem(w) : EnglishStemmer.stem(w)
    }

    static func foldScalars(_ s: [UInt32]) -> [UInt32] {
        guard s.contains(where: { $0 >= 0xC0 && $0 < 0x250 }) else { return s }
        var result: [UInt32] = []
        result.reserveCapacity(s.count + 2)
        for c in s {
            if c >= 0xC0 && c < 0x250, let rep = AnalysisTables.foldScalars[Int(c)] {
                result.append(contentsOf: rep)
            } else {
                result.append(c)
            }
        }
        return result
    }

    static func string(_ s: [UInt32]) -> String {
        var out = String.UnicodeScalarView()
        for v in s { if let u = Unicode.Scalar(v) { out.append(u) } }
        return String(out)
    }

    /// `text` in Unicode NFC (Foundation is called only when NFC could change it).
    static func nfc(_ text: String) -> String {
        needsNormalization(text) ? text.precomposedStringWithCanonicalMapping : text
    }

    /// True when NFC could change `text`: it has a scalar from U+0300 up
    /// other than U+2000 to U+20BF (general punctuation, currency signs).
    static func needsNormalization(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { p in
            let n = p.count
            var i = 0
            while i < n {
                let b = p[i]
                if b < 0xCC {
                    i += 1
                    continue
                }
                if b == 0xE2, i + 1 < n, p[i + 1] >= 0x80, p[i + 1] <= 0x82 {
                    i += 3
                    continue
                }
                return true
            }
            return false
        }
    }
}
