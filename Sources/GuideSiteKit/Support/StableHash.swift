/// A 64-bit hash that is the same in every run (Swift's `Hasher` is seeded per process), for
/// build caches: eight bytes at a time, each word multiplied in and folded down. Not for security.
public struct StableHash: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    @inline(__always)
    mutating func mix(_ word: UInt64) {
        value = (value ^ word) &* 0x9E37_79B9_7F4A_7C15
        value ^= value >> 29
    }

    public mutating func combine(bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset + 8 <= bytes.count {
            mix(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        var tail = UInt64(bytes.count & 7) << 56, shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        mix(tail)
    }

    public mutating func combine(bytes: some Sequence<UInt8>) {
        if bytes.withContiguousStorageIfAvailable({ combine(bytes: UnsafeRawBufferPointer($0)) }) == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { combine(bytes: $0) }
        }
    }

    public mutating func combine(_ string: String) {
        combine(UInt64(string.utf8.count))
        // A native string's bytes, read in place (no copy of the string to call `withUTF8`).
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { combine(bytes: UnsafeRawBufferPointer($0)) }
        if done == nil {
            var string = string
            string.withUTF8 { combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    public mutating func combine(_ number: UInt64) {
        mix(number)
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
