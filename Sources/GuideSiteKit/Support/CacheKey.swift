/// A 128-bit key of a build cache entry: the same in every process, for the same inputs.
///
/// Made by ``CacheKeyHasher``. Not for security: it tells unchanged inputs from changed ones.
struct CacheKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    var high: UInt64
    var low: UInt64

    static func < (lhs: CacheKey, rhs: CacheKey) -> Bool { (lhs.high, lhs.low) < (rhs.high, rhs.low) }

    var description: String { String(high, radix: 16) + String(low, radix: 16) }
}

/// Builds a ``CacheKey`` from the inputs of a cached step: strings (length-prefixed, so `"ab", "c"`
/// and `"a", "bc"` differ), numbers, other keys, and last, optionally, a file's bytes.
///
/// The parts are framed into a small buffer; ``finish(with:)`` hashes it with two seeds of
/// XXH64 and uses the results as the seeds of the hash of the (large) bytes, which are not copied.
struct CacheKeyHasher {
    private var buffer: [UInt8] = []

    init(_ domain: String) {
        buffer.reserveCapacity(256)
        combine(domain)
    }

    mutating func combine(_ string: String) {
        var string = string
        combine(string.utf8.count)
        string.withUTF8 { buffer.append(contentsOf: $0) }
    }

    mutating func combine(_ string: String?) {
        if let string {
            buffer.append(1)
            combine(string)
        } else {
            buffer.append(0)
        }
    }

    mutating func combine(_ number: Int) {
        combine(UInt64(bitPattern: Int64(number)))
    }

    mutating func combine(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { buffer.append(contentsOf: $0) }
    }

    mutating func combine(_ flag: Bool) {
        buffer.append(flag ? 1 : 0)
    }

    mutating func combine(_ key: CacheKey) {
        combine(key.high)
        combine(key.low)
    }

    mutating func combine(_ strings: [String]) {
        combine(strings.count)
        for string in strings { combine(string) }
    }

    /// A dictionary of strings, in the order of its keys.
    mutating func combine(_ dictionary: [String: String]) {
        combine(dictionary.count)
        for key in dictionary.keys.sorted() {
            combine(key)
            combine(dictionary[key] ?? "")
        }
    }

    /// The key of everything combined, then `bytes`.
    func finish(with bytes: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)) -> CacheKey {
        buffer.withUnsafeBytes { parts in
            let seedHigh = XXH64.hash(parts, seed: 0x5EED_0001)
            let seedLow = XXH64.hash(parts, seed: 0x5EED_0002)
            return CacheKey(high: XXH64.hash(bytes, seed: seedHigh), low: XXH64.hash(bytes, seed: seedLow))
        }
    }
}

/// XXH64 (Yann Collet's xxHash, 64-bit): fast on large inputs, and the same on every machine.
enum XXH64 {
    private static let p1: UInt64 = 11_400_714_785_074_694_791
    private static let p2: UInt64 = 14_029_467_366_897_019_727
    private static let p3: UInt64 = 1_609_587_929_392_839_161
    private static let p4: UInt64 = 9_650_029_242_287_828_579
    private static let p5: UInt64 = 2_870_177_450_012_600_261

    @inline(__always) private static func rotate(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

    @inline(__always) private static func round(_ accumulator: UInt64, _ input: UInt64) -> UInt64 {
        rotate(accumulator &+ input &* p2, 31) &* p1
    }

    @inline(__always) private static func merge(_ accumulator: UInt64, _ value: UInt64) -> UInt64 {
        (accumulator ^ round(0, value)) &* p1 &+ p4
    }

    /// The hash of `bytes` with `seed`.
    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        let count = bytes.count
        var offset = 0
        var h: UInt64
        @inline(__always) func word(_ at: Int) -> UInt64 { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        if count >= 32 {
            var v1 = seed &+ p1 &+ p2, v2 = seed &+ p2, v3 = seed, v4 = seed &- p1
            while offset + 32 <= count {
                v1 = round(v1, word(offset))
                v2 = round(v2, word(offset + 8))
                v3 = round(v3, word(offset + 16))
                v4 = round(v4, word(offset + 24))
                offset += 32
            }
            h = rotate(v1, 1) &+ rotate(v2, 7) &+ rotate(v3, 12) &+ rotate(v4, 18)
            h = merge(h, v1)
            h = merge(h, v2)
            h = merge(h, v3)
            h = merge(h, v4)
        } else {
            h = seed &+ p5
        }
        h = h &+ UInt64(count)
        while offset + 8 <= count {
            h ^= round(0, word(offset))
            h = rotate(h, 27) &* p1 &+ p4
            offset += 8
        }
        if offset + 4 <= count {
            let half = UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            h ^= half &* p1
            h = rotate(h, 23) &* p2 &+ p3
            offset += 4
        }
        while offset < count {
            h ^= UInt64(bytes[offset]) &* p5
            h = rotate(h, 11) &* p1
            offset += 1
        }
        h ^= h >> 33
        h = h &* p2
        h ^= h >> 29
        h = h &* p3
        h ^= h >> 32
        return h
    }

    /// The hash of `bytes` with `seed`.
    static func hash(_ bytes: [UInt8], seed: UInt64) -> UInt64 {
        bytes.withUnsafeBytes { hash($0, seed: seed) }
    }
}
