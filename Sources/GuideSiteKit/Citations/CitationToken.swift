/// One token of a text being scanned for citations.
struct CitationToken {
    /// The token kinds.
    enum Kind: UInt8 {
        /// A run of letters.
        case word
        /// Digits, optionally in dot-separated groups ("3.09.10").
        case number
        /// Letters and digits together ("2e", "A3", "1er"): never a citation number.
        case mixed
        /// One punctuation character or symbol.
        case punctuation
    }

    /// The kind of the token.
    var kind: Kind
    /// The UTF-8 offset of the token's first byte.
    var start: Int
    /// The UTF-8 offset just past the token's last byte.
    var end: Int
    /// For a word, the id of its folded form in the vocabulary, or -1 when it
    /// is not a vocabulary word.
    var wordID: Int32 = -1
    /// For punctuation, the folded ASCII byte.
    var punctuation: UInt8 = 0
    /// For a word, whether its first letter is uppercase.
    var isCapitalized: Bool = false
    /// For a number, how many dot-separated groups it has ("3.09.10" has 3).
    var numberGroupCount: Int = 0
}
