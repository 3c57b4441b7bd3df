/// The analysis of every distinct token a `TextAnalyzer` has met: a hash table
/// from a token's scalars to its two term identifiers.
///
/// Faster than a `Dictionary` keyed by `[UInt32]` (the analyzer looks up every
/// token it reads): keys are hashed with FNV-1a instead of SipHash, and stored
/// one after another in a single array.
struct TokenCache {
    private struct Slot {
        /// Where the key starts in `keys`; -1 for an empty slot.
        var start: Int = -1
        var length: Int = 0
        var hash: UInt64 = 0
        var value: (Int32, Int32) = (-1, -1)
    }

    /// The scalars of every key, one after another.
    private var keys: [UInt32] = []
    /// Open addressing with linear probing; the count is a power of two.
    private var slots = [Slot](repeating: Slot(), count: 1024)
    /// Number of keys stored.
    private(set) var count = 0

    /// Creates an empty cache.
    init() {}

    /// The value stored for `token`, if any.
    func value(for token: [UInt32]) -> (Int32, Int32)? {
        let hash = Self.hash(token)
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot.start < 0 { return nil }
            if slot.hash == hash && slot.length == token.count && matches(token, at: slot.start) { return slot.value }
            index = (index + 1) & mask
        }
    }

    /// Stores `value` for `token`, which must not be in the cache yet.
    mutating func insert(_ value: (Int32, Int32), for token: [UInt32]) {
        if (count + 1) * 2 > slots.count { grow() }
        let slot = Slot(start: keys.count, length: token.count, hash: Self.hash(token), value: value)
        keys += token
        place(slot)
        count += 1
    }

    private func matches(_ token: [UInt32], at start: Int) -> Bool {
        for k in 0..<token.count where keys[start + k] != token[k] { return false }
        return true
    }

    private mutating func place(_ slot: Slot) {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: slot.hash) & mask
        while slots[index].start >= 0 { index = (index + 1) & mask }
        slots[index] = slot
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        for slot in old where slot.start >= 0 { place(slot) }
    }

    /// FNV-1a over the scalars, with the high bits folded into the low ones (the table uses those).
    private static func hash(_ token: [UInt32]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for scalar in token {
            h = (h ^ UInt64(scalar)) &* 0x0000_0100_0000_01b3
        }
        return h ^ (h >> 32)
    }
}
