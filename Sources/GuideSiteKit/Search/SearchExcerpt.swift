extension SearchIndexWriter {
    /// Summary then body, whitespace collapsed, NFC, cut at a word boundary
    /// (then ending with " …") when longer than `excerptLength` characters.
    ///
    /// The definition of the excerpt; ``appendExcerpt(of:to:)`` writes the same
    /// text faster when it can.
    func excerpt(_ doc: SearchDocument) -> String {
        var out = ""
        var count = 0
        for part in [doc.summaryText, doc.bodyText] {
            // Only the beginning of the text can end up in the excerpt.
            let head = part.prefix(excerptLength + 64)
            var words = head.split(whereSeparator: { $0.isWhitespace })
            if head.endIndex != part.endIndex, let last = words.last, last.endIndex == head.endIndex { words.removeLast() }
            for word in words {
                let w = word.count
                if count > 0 && count + 1 + w > excerptLength { return out.nfcForIndex + " …" }
                if count == 0 && w > excerptLength { return String(word.prefix(excerptLength)) + " …" }
                if count > 0 {
                    out += " "
                    count += 1
                }
                out += word
                count += w
            }
        }
        return out.nfcForIndex
    }

    /// Appends ``excerpt(_:)`` of `doc`, JSON-escaped and without quotes, to `json`.
    ///
    /// Text whose beginning has only scalars that are a `Character` each (see
    /// ``ExcerptScalar``) is cut on its UTF-8 bytes; any other text goes through
    /// ``excerpt(_:)``.
    func appendExcerpt(of doc: SearchDocument, to json: inout JSONBytes) {
        let start = json.count
        if appendSimpleExcerpt(of: doc, to: &json) { return }
        json.bytes.removeSubrange(start...)
        json.stringContents(excerpt(doc))
    }

    /// ``excerpt(_:)`` on UTF-8 bytes, counting one character per scalar (a CR LF pair
    /// being one whitespace character); false, with part of it written, when some text
    /// needs `Character`s.
    ///
    /// Its output needs no NFC: every scalar it keeps is one that `TextAnalyzer.nfc` leaves alone.
    func appendSimpleExcerpt(of doc: SearchDocument, to json: inout JSONBytes) -> Bool {
        var count = 0
        var words: [HeadWord] = []
        for part in [doc.summaryText, doc.bodyText] {
            var part = part
            let finished = part.withUTF8 { p -> Bool? in
                words.removeAll(keepingCapacity: true)
                guard Self.headWords(p, limit: excerptLength + 64, into: &words) else { return nil }
                for word in words {
                    let w = word.characters
                    if count > 0 && count + 1 + w > excerptLength {
                        json.raw(" …")
                        return true
                    }
                    if count == 0 && w > excerptLength {
                        var end = word.start
                        for _ in 0..<excerptLength { end += ExcerptScalar(p, end).length }
                        json.stringContents(utf8: UnsafeBufferPointer(rebasing: p[word.start..<end]))
                        json.raw(" …")
                        return true
                    }
                    if count > 0 {
                        json.raw(byte: UInt8(ascii: " "))
                        count += 1
                    }
                    json.stringContents(utf8: UnsafeBufferPointer(rebasing: p[word.start..<word.end]))
                    count += w
                }
                return false
            }
            guard let finished else { return false }
            if finished { return true }
        }
        return true
    }

    /// A word of a text's head: its bytes and its length in characters.
    struct HeadWord {
        var start: Int
        var end: Int
        var characters: Int
    }

    /// The words of the first `limit` characters of the UTF-8 text `p`, split on
    /// whitespace, without a last word that reaches the end of the head when the
    /// text goes on (as ``excerpt(_:)`` splits a part); false when a scalar of the
    /// head, or the one after it, is not an ``ExcerptScalar/isSimple`` one.
    static func headWords(_ p: UnsafeBufferPointer<UInt8>, limit: Int, into words: inout [HeadWord]) -> Bool {
        let n = p.count
        var i = 0
        var characters = 0
        var wordStart = -1
        var wordCharacters = 0
        while i < n && characters < limit {
            let scalar = ExcerptScalar(p, i)
            guard scalar.isSimple else { return false }
            characters += 1
            if scalar.isWhitespace {
                if wordStart >= 0 {
                    words.append(HeadWord(start: wordStart, end: i, characters: wordCharacters))
                    wordStart = -1
                }
                i += scalar.length
                // CR LF is one character.
                if p[i - 1] == 0x0D && i < n && p[i] == 0x0A { i += 1 }
                continue
            }
            if wordStart < 0 {
                wordStart = i
                wordCharacters = 0
            }
            wordCharacters += 1
            i += scalar.length
        }
        // The scalar after the head must not belong to the head's last character.
        if i < n && !ExcerptScalar(p, i).isSimple { return false }
        if wordStart >= 0 && i == n { words.append(HeadWord(start: wordStart, end: i, characters: wordCharacters)) }
        return true
    }
}

/// One scalar of UTF-8 text, read from its first byte, as the excerpt sees it.
///
/// A simple scalar is one that is a `Character` of its own whatever its
/// neighbours are simple scalars (except CR before LF) and that NFC keeps as it
/// is: U+0000–U+02FF, and U+2000–U+20BF (general punctuation and currency signs)
/// except the joiners U+200C and U+200D. Combining marks, emoji, Hangul and the
/// rest of Unicode are not simple.
struct ExcerptScalar {
    /// Number of bytes of the scalar.
    var length: Int
    /// Whether the scalar is simple (see the type's description).
    var isSimple: Bool
    /// Whether a simple scalar is white space (`Character.isWhitespace`).
    var isWhitespace: Bool

    /// The scalar starting at `p[i]` (`p` is valid UTF-8).
    init(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) {
        let b = p[i]
        switch b {
        case ..<0x80:
            self.init(length: 1, isSimple: true, isWhitespace: b == 0x20 || (b >= 0x09 && b <= 0x0D))
        case 0xC2..<0xCC:
            // U+0080–U+02FF: NEL and NO-BREAK SPACE are white space.
            let second = p[i + 1]
            self.init(length: 2, isSimple: true, isWhitespace: b == 0xC2 && (second == 0x85 || second == 0xA0))
        case 0xE2 where p[i + 1] <= 0x82:
            // U+2000–U+20BF.
            let second = p[i + 1]
            let third = p[i + 2]
            let joiner = second == 0x80 && (third == 0x8C || third == 0x8D)
            let space =
                second == 0x80 && (third <= 0x8A || third == 0xA8 || third == 0xA9 || third == 0xAF)
                || second == 0x81 && third == 0x9F
            self.init(length: 3, isSimple: !joiner, isWhitespace: space)
        case ..<0xE0:
            self.init(length: 2, isSimple: false, isWhitespace: false)
        case ..<0xF0:
            self.init(length: 3, isSimple: false, isWhitespace: false)
        default:
            self.init(length: 4, isSimple: false, isWhitespace: false)
        }
    }

    private init(length: Int, isSimple: Bool, isWhitespace: Bool) {
        self.length = length
        self.isSimple = isSimple
        self.isWhitespace = isWhitespace
    }
}
