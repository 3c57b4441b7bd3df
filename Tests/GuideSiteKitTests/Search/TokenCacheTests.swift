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

@Suite struct TokenBufferTests {
    /// A token filled scalar by scalar (past its first capacity) is found under the key of the
    /// same scalars given whole, and the other way round.
    @Test func findsWhatTheSameScalarsStored() {
        var generator = SplitMix(seed: 7)
        var cache = TokenCache()
        var buffer = TokenBuffer(capacity: 2)
        defer { buffer.deallocate() }
        var tokens: [[UInt32]] = []
        for k in 0..<2_000 {
            let token = (0..<Int(generator.next() % 9)).map { _ in UInt32(0x61 + generator.next() % 4) }
            buffer.clear()
            for scalar in token { buffer.append(scalar) }
            #expect(Array(buffer.scalars) == token)
            let found = cache.value(for: buffer)
            #expect(found?.0 == cache.value(for: token)?.0)
            if found == nil {
                if k % 2 == 0 { cache.insert((Int32(k), 0), for: buffer) } else { cache.insert((Int32(k), 0), for: token) }
                tokens.append(token)
            }
            #expect(buffer.holds(token) && (token.isEmpty || !buffer.holds(token + [0x61])))
        }
        #expect(cache.count == Set(tokens).count)
        #expect(cache.count == tokens.count)
    }
}
