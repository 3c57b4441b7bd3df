import Testing
@testable import GuideSiteKit

/// XXH64 gives the values of the reference implementation.
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
    }
}
