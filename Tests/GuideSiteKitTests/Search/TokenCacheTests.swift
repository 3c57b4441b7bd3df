import Testing

@testable import GuideSiteKit

@Suite struct TokenCacheTests {
    /// Finds what a dictionary finds, across several growths of the table.
    @Test func sameAsADictionary() {
        var generator = SplitMix(seed: 42)
        var cache = TokenCache()
        var reference: [[UInt32]: (Int32, Int32)] = [:]
        for k in 0..<20_000 {
            let length = Int(generator.next() % 12)
            let token = (0..<length).map { _ in UInt32(0x61 + generator.next() % (k % 2 == 0 ? 3 : 26)) }
            if let hit = cache.value(for: token) {
                let expected = reference[token]
                #expect(expected?.0 == hit.0 && expected?.1 == hit.1)
            } else {
                #expect(reference[token] == nil)
                let value = (Int32(k), Int32(-k))
                cache.insert(value, for: token)
                reference[token] = value
            }
        }
        #expect(cache.count == reference.count)
        for (token, value) in reference {
            let hit = cache.value(for: token)
            #expect(hit?.0 == value.0 && hit?.1 == value.1)
        }
    }
}
