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

    /// Hashes a template context: objects (names in order, as kept), lists, texts, numbers, booleans.
    public mutating func combine(context value: TemplateValue) {
        switch value {
        case let .text(text):
            combine(1)
            combine(text)
        case let .bool(flag):
            combine(flag ? 2 : 3)
        case let .number(number):
            combine(4)
            combine(UInt64(bitPattern: Int64(number)))
        case let .object(object):
            combine(context: object)
        case let .list(items):
            combine(6)
            combine(UInt64(items.count))
            for item in items { combine(context: item) }
        }
    }

    public mutating func combine(context object: TemplateObject) {
        combine(5)
        combine(UInt64(object.count))
        for (name, value) in object.pairs {
            combine(name)
            combine(context: value)
        }
    }
}
