/// A small, fast, deterministic random number generator (SplitMix64).
///
/// The corpus must be the same on every machine and every run, so nothing here reads the clock
/// or the system generator: every article gets its own generator seeded from the corpus seed and
/// its index, which also makes article `i` identical in the 1,000- and the 10,000-article corpora.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// A generator for item `index` of stream `stream`, independent of every other item.
    public init(seed: UInt64, stream: UInt64, index: UInt64) {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15))
        for _ in 0..<2 { _ = mixer.next() }
        state = mixer.next() ^ (index &* 0xD1B5_4A32_D192_ED03)
        _ = next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound`.
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next() % UInt64(bound))
    }

    /// A uniform integer in the closed range.
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < p
    }

    /// A uniformly chosen element.
    public mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// An element chosen with a Zipf-like bias towards the start of the list (exponent about 1).
    ///
    /// Real prose uses a few words very often and most words rarely; drawing word lists this way
    /// gives the search index a realistic long tail.
    public mutating func zipf<T>(_ items: [T]) -> T {
        items[zipfIndex(items.count)]
    }

    /// An index in `0..<count`, Zipf-distributed (rank r has weight about 1/(r+1)).
    public mutating func zipfIndex(_ count: Int) -> Int {
        // Inverse of the continuous approximation: H(x) ≈ ln(x + 1).
        let u = Double(next() >> 11) / Double(1 << 53)
        let x = Int(exp(u * log(Double(count) + 1.0))) - 1
        return Swift.min(Swift.max(x, 0), count - 1)
    }

    /// `k` distinct elements, in the order drawn.
    public mutating func sample<T>(_ items: [T], _ k: Int) -> [T] {
        var indices = Array(items.indices)
        var out: [T] = []
        for _ in 0..<Swift.min(k, items.count) {
            let j = below(indices.count)
            out.append(items[indices[j]])
            indices.swapAt(j, indices.count - 1)
            indices.removeLast()
        }
        return out
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
