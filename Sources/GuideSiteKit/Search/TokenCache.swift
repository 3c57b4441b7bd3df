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
        token.withUnsafeBufferPointer { value(for: $0, hash: Self.hash($0)) }
    }

    /// The value stored for the token `buffer` holds, if any.
    func value(for buffer: TokenBuffer) -> (Int32, Int32)? {
        value(for: buffer.scalars, hash: Self.finish(buffer.hash))
    }

    private func value(for token: UnsafeBufferPointer<UInt32>, hash: UInt64) -> (Int32, Int32)? {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        return keys.withUnsafeBufferPointer { keys in
            while true {
                let slot = slots[index]
                if slot.start < 0 { return nil }
                if slot.hash == hash && slot.length == token.count
                    && (token.isEmpty || Self.same(keys.baseAddress! + slot.start, token.baseAddress!, token.count)) {
                    return slot.value
                }
                index = (index + 1) & mask
            }
        }
    }

    /// Whether the `count` scalars at `a` and `b` are the same: tokens are short, a loop beats a call to `memcmp`.
    @inline(__always) static func same(_ a: UnsafePointer<UInt32>, _ b: UnsafePointer<UInt32>, _ count: Int) -> Bool {
        for k in 0..<count where a[k] != b[k] { return false }
        return true
    }

    /// Stores `value` for `token`, which must not be in the cache yet.
    mutating func insert(_ value: (Int32, Int32), for token: [UInt32]) {
        token.withUnsafeBufferPointer { insert(value, for: $0, hash: Self.hash($0)) }
    }

    /// Stores `value` for the token `buffer` holds, which must not be in the cache yet.
    mutating func insert(_ value: (Int32, Int32), for buffer: TokenBuffer) {
        insert(value, for: buffer.scalars, hash: Self.finish(buffer.hash))
    }

    private mutating func insert(_ value: (Int32, Int32), for token: UnsafeBufferPointer<UInt32>, hash: UInt64) {
        if (count + 1) * 2 > slots.count { grow() }
        let slot = Slot(start: keys.count, length: token.count, hash: hash, value: value)
        keys.append(contentsOf: token)
        place(slot)
        count += 1
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
    static func hash(_ token: UnsafeBufferPointer<UInt32>) -> UInt64 {
        var h = fnvOffset
        for scalar in token { h = fnvStep(h, scalar) }
        return finish(h)
    }

    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always) static func fnvStep(_ h: UInt64, _ scalar: UInt32) -> UInt64 {
        (h ^ UInt64(scalar)) &* 0x0000_0100_0000_01b3
    }

    @inline(__always) static func finish(_ h: UInt64) -> UInt64 { h ^ (h >> 32) }
}

/// The scalars of the token a `TextAnalyzer` is reading, and their FNV-1a hash so far (as
/// ``TokenCache`` hashes a key, before the last step): a buffer that grows, allocated once per
/// analyzer and freed with it (``deallocate()``), so that a token is neither an array nor copied.
struct TokenBuffer {
    private var base: UnsafeMutablePointer<UInt32>
    private var capacity: Int
    private(set) var count = 0
    private(set) var hash = TokenCache.fnvOffset

    init(capacity: Int = 64) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
    }

    /// The scalars, valid until the next change.
    var scalars: UnsafeBufferPointer<UInt32> { UnsafeBufferPointer(start: base, count: count) }

    /// The last scalar; the token must not be empty.
    var last: UInt32 { base[count - 1] }

    @inline(__always) mutating func append(_ scalar: UInt32) {
        if count == capacity { grow() }
        base[count] = scalar
        count += 1
        hash = TokenCache.fnvStep(hash, scalar)
    }

    /// Empties the buffer, keeping its memory.
    mutating func clear() {
        count = 0
        hash = TokenCache.fnvOffset
    }

    /// Whether the token is `scalars`.
    func holds(_ scalars: [UInt32]) -> Bool {
        scalars.count == count && (count == 0 || scalars.withUnsafeBufferPointer { TokenCache.same($0.baseAddress!, base, count) })
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity * 2)
        larger.initialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }

    /// Frees the memory; the buffer must not be used after.
    func deallocate() { base.deallocate() }
}
