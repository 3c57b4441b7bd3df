import Testing
@testable import GuideSiteKit

/// XXH64 of bytes held at once, and of bytes given in parts (``XXH64/Streaming``), which a file
/// written piece by piece is hashed with: the same values, those of the reference
/// implementation.
@Suite("XXH64")
struct XXH64Tests {
    /// 0, 31, 62, … (mod 256): a pattern that is not periodic within a stripe.
    static func pattern(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    }

    @Test func referenceValues() {
        // Values of the reference implementation (python-xxhash 3, over the same bytes).
        #expect(XXH64.hash(Self.pattern(1000), seed: 1) == 0x8A49_6900_E1F9_ED7A)
        #expect(XXH64.hash(Self.pattern(45), seed: 0) == 0x9B24_9B5E_8258_C0C5)
        var streamed = XXH64.Streaming(seed: 1)
        streamed.update(Self.pattern(1000))
        #expect(streamed.value == 0x8A49_6900_E1F9_ED7A)
    }

    @Test func bytesInPartsHashAsBytesAtOnce() {
        var generator = SplitMix(seed: 0x5EED)
        for count in [0, 1, 3, 4, 7, 8, 31, 32, 33, 63, 64, 65, 100, 257, 4099] {
            let bytes = Self.pattern(count)
            let expected = XXH64.hash(bytes, seed: 7)
            for _ in 0..<20 {
                // Cut at random places, empty parts included.
                var cuts = (0..<Int.random(in: 0...6, using: &generator)).map { _ in Int.random(in: 0...count, using: &generator) }
                cuts = ([0] + cuts.sorted() + [count])
                var hasher = XXH64.Streaming(seed: 7)
                for k in 0..<(cuts.count - 1) { hasher.update(Array(bytes[cuts[k]..<cuts[k + 1]])) }
                #expect(hasher.value == expected, "\(count) bytes cut at \(cuts)")
            }
        }
    }
}
