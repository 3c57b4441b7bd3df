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
