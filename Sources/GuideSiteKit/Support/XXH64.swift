/// XXH64 (Yann Collet's xxHash, 64-bit): fast on large inputs, and the same on every machine.
enum XXH64 {
    fileprivate static let p1: UInt64 = 11_400_714_785_074_694_791
    fileprivate static let p2: UInt64 = 14_029_467_366_897_019_727
    fileprivate static let p3: UInt64 = 1_609_587_929_392_839_161
    fileprivate static let p4: UInt64 = 9_650_029_242_287_828_579
    fileprivate static let p5: UInt64 = 2_870_177_450_012_600_261

    @inline(__always) fileprivate static func rotate(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

    @inline(__always) fileprivate static func round(_ accumulator: UInt64, _ input: UInt64) -> UInt64 {
        rotate(accumulator &+ input &* p2, 31) &* p1
    }

    @inline(__always) fileprivate static func merge(_ accumulator: UInt64, _ value: UInt64) -> UInt64 {
        (accumulator ^ round(0, value)) &* p1 &+ p4
    }

    @inline(__always) fileprivate static func word(_ bytes: UnsafeRawBufferPointer, _ at: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self))
    }

    /// The four lanes' accumulators after `seed`.
    @inline(__always) fileprivate static func lanes(seed: UInt64) -> (UInt64, UInt64, UInt64, UInt64) {
        (seed &+ p1 &+ p2, seed &+ p2, seed, seed &- p1)
    }

    /// The lanes folded into one value (inputs of 32 bytes or more).
    @inline(__always) fileprivate static func converge(_ v: (UInt64, UInt64, UInt64, UInt64)) -> UInt64 {
        var h = rotate(v.0, 1) &+ rotate(v.1, 7) &+ rotate(v.2, 12) &+ rotate(v.3, 18)
        h = merge(h, v.0)
        h = merge(h, v.1)
        h = merge(h, v.2)
        return merge(h, v.3)
    }

    /// The last bytes (fewer than 32, from `offset`) mixed into `h`, and the final avalanche.
    @inline(__always) fileprivate static func finish(_ h: UInt64, tail bytes: UnsafeRawBufferPointer, from offset: Int) -> UInt64 {
        var h = h, offset = offset
        let count = bytes.count
        while offset + 8 <= count {
            h ^= round(0, word(bytes, offset))
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
    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        let count = bytes.count
        var offset = 0
        var h: UInt64
        if count >= 32 {
            var v = lanes(seed: seed)
            while offset + 32 <= count {
                v.0 = round(v.0, word(bytes, offset))
                v.1 = round(v.1, word(bytes, offset + 8))
                v.2 = round(v.2, word(bytes, offset + 16))
                v.3 = round(v.3, word(bytes, offset + 24))
                offset += 32
            }
            h = converge(v)
        } else {
            h = seed &+ p5
        }
        return finish(h &+ UInt64(count), tail: bytes, from: offset)
    }

    /// The hash of `bytes` with `seed`.
    static func hash(_ bytes: [UInt8], seed: UInt64) -> UInt64 {
        bytes.withUnsafeBytes { hash($0, seed: seed) }
    }
}
