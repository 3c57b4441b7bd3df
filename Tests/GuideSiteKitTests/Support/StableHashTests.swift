import Testing
@testable import GuideSiteKit

/// The cache hash is the same in every run and sees every byte.
@Suite("Stable hash")
struct StableHashTests {
    func hash(_ bytes: [UInt8]) -> UInt64 {
        var hasher = StableHash()
        hasher.combine(bytes: bytes)
        return hasher.value
    }

    @Test func everyByteAndTheLengthCount() {
        let base = Array((0..<37).map { UInt8($0 &* 7) })
        var seen: Set<UInt64> = [hash(base)]
        for index in base.indices {
            for bit in 0..<8 {
                var changed = base
                changed[index] ^= 1 << bit
                #expect(seen.insert(hash(changed)).inserted, "byte \(index) bit \(bit)")
            }
        }
        for length in 0..<base.count {
            #expect(seen.insert(hash(Array(base.prefix(length)))).inserted, "length \(length)")
        }
        #expect(hash([0, 0, 0, 0, 0, 0, 0, 0]) != hash([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
    }

    @Test func sameValueInEveryRun() {
        // A fixed value: the render cache written by one run is read by the next.
        var hasher = StableHash()
        hasher.combine("guidesite")
        hasher.combine(42)
        #expect(hasher.value == StableHashTests.expected)
    }

    static let expected: UInt64 = 16_132_042_702_920_539_635
}
