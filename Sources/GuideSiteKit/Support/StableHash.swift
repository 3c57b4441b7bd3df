/// A 64-bit FNV-1a hash that is the same in every process (Swift's `Hasher` is seeded per run),
/// for build caches. Not for security.
public struct StableHash: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func combine(bytes: some Sequence<UInt8>) {
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01B3
        }
    }

    public mutating func combine(_ string: String) {
        combine(UInt64(string.utf8.count))
        combine(bytes: string.utf8)
    }

    public mutating func combine(_ number: UInt64) {
        var n = number
        for _ in 0..<8 {
            value ^= n & 0xFF
            value &*= 0x0000_0100_0000_01B3
            n >>= 8
        }
    }

    /// Hashes a template context: dictionaries (keys sorted), arrays, strings, numbers, booleans.
    public mutating func combine(context value: Any) {
        switch value {
        case let s as String:
            combine(1)
            combine(s)
        case let b as Bool:
            combine(b ? 2 : 3)
        case let i as Int:
            combine(4)
            combine(UInt64(bitPattern: Int64(i)))
        case let d as [String: Any]:
            combine(5)
            combine(UInt64(d.count))
            for key in d.keys.sorted() {
                combine(key)
                if let child = d[key] { combine(context: child) }
            }
        case let a as [[String: Any]]:
            combine(6)
            combine(UInt64(a.count))
            for child in a { combine(context: child) }
        case let a as [Any]:
            combine(6)
            combine(UInt64(a.count))
            for child in a { combine(context: child) }
        default:
            combine(7)
            combine(String(describing: value))
        }
    }
}
