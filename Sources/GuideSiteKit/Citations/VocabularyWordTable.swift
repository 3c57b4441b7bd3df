/// The folded words of a citation vocabulary, each with a small integer id,
/// looked up by an FNV-1a hash of the folded bytes.
///
/// Every word of every scanned text is looked up, and almost none is in the
/// vocabulary: a word whose length and first byte no vocabulary word has is
/// turned away before it is hashed, and the others probe an open-addressing
/// table of hashes (no `Dictionary` hashing on top of the FNV hash).
struct VocabularyWordTable: Sendable {
    private var words: [[UInt8]] = []
    /// Slots of `capacity` (a power of two): the hash of a word and its id, or id -1 when free.
    private var slotHashes: [UInt64] = []
    private var slotIDs: [Int32] = []
    /// Bit `b % 64` of entry `length` is set when a word of that length starts with byte `b`.
    private var starts: [UInt64] = []

    /// The number of distinct words.
    var count: Int { words.count }

    /// Returns the id of `word`, adding it if it is new.
    mutating func insert(_ word: [UInt8]) -> Int32 {
        let existing = id(of: word)
        if existing >= 0 { return existing }
        guard let first = word.first else { return -1 }
        let newID = Int32(words.count)
        words.append(word)
        if (words.count + 1) * 2 > slotIDs.count { rehash(capacity: max(64, slotIDs.count * 2)) } else { place(newID) }
        if word.count >= starts.count { starts += repeatElement(0, count: word.count + 1 - starts.count) }
        starts[word.count] |= 1 << UInt64(first % 64)
        return newID
    }

    /// Returns the id of `word`, or -1 when it is not in the table.
    func id(of word: [UInt8]) -> Int32 {
        guard let first = word.first, word.count < starts.count, starts[word.count] & (1 << UInt64(first % 64)) != 0 else { return -1 }
        let hash = Self.hash(word)
        let mask = slotIDs.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slotIDs[slot] >= 0 {
            if slotHashes[slot] == hash, words[Int(slotIDs[slot])] == word { return slotIDs[slot] }
            slot = (slot + 1) & mask
        }
        return -1
    }

    private mutating func rehash(capacity: Int) {
        slotHashes = [UInt64](repeating: 0, count: capacity)
        slotIDs = [Int32](repeating: -1, count: capacity)
        for id in words.indices { place(Int32(id)) }
    }

    private mutating func place(_ id: Int32) {
        let hash = Self.hash(words[Int(id)])
        let mask = slotIDs.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slotIDs[slot] >= 0 { slot = (slot + 1) & mask }
        slotHashes[slot] = hash
        slotIDs[slot] = id
    }

    private static func hash(_ word: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
