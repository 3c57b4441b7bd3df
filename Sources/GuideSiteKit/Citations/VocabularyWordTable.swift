/// The folded words of a citation vocabulary, each with a small integer id,
/// looked up by an FNV-1a hash of the folded bytes.
struct VocabularyWordTable: Sendable {
    private var idsByHash: [UInt64: Int32] = [:]
    private var words: [[UInt8]] = []
    private var longestWordLength = 0

    /// The number of distinct words.
    var count: Int { words.count }

    /// Returns the id of `word`, adding it if it is new.
    mutating func insert(_ word: [UInt8]) -> Int32 {
        let existing = id(of: word)
        if existing >= 0 { return existing }
        var hash = Self.hash(word)
        while idsByHash[hash] != nil { hash &+= 1 }
        let newID = Int32(words.count)
        words.append(word)
        idsByHash[hash] = newID
        longestWordLength = max(longestWordLength, word.count)
        return newID
    }

    /// Returns the id of `word`, or -1 when it is not in the table.
    func id(of word: [UInt8]) -> Int32 {
        if word.count > longestWordLength || word.isEmpty { return -1 }
        var hash = Self.hash(word)
        while let candidate = idsByHash[hash] {
            if words[Int(candidate)] == word { return candidate }
            hash &+= 1
        }
        return -1
    }

    private static func hash(_ word: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
