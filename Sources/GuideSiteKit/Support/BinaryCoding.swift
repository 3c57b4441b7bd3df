/// Writes values as compact bytes for a build cache: integers as LEB128 varints (signed ones
/// zigzag-encoded), strings as a byte count then their UTF-8, optionals as a 0/1 byte then the
/// value. ``BinaryReader`` reads them back.
struct BinaryWriter {
    /// The bytes written so far.
    var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    mutating func byte(_ value: UInt8) {
        bytes.append(value)
    }

    mutating func bool(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    mutating func unsigned(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// A signed number, zigzag-encoded so that small negative numbers stay short.
    mutating func int(_ value: Int) {
        let wide = Int64(value)
        unsigned(UInt64(bitPattern: (wide << 1) ^ (wide >> 63)))
    }

    /// A count of what follows (never negative).
    mutating func count(_ value: Int) {
        unsigned(UInt64(max(0, value)))
    }

    /// Eight bytes, little-endian: for fields patched or read at fixed places.
    mutating func fixed(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            unsigned(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func optionalString(_ value: String?) {
        guard let value else { return byte(0) }
        byte(1)
        string(value)
    }

    mutating func strings(_ values: [String]) {
        count(values.count)
        for value in values { string(value) }
    }

    /// A string or nil in a place where it is often the one written there before (`last`):
    /// 0 for nil, 1 for the same string again, else its byte count plus 2 and its bytes. The
    /// reader shares the earlier string's storage instead of making another.
    mutating func repeatedString(_ value: String?, last: inout String?) {
        guard var value else { return byte(0) }
        if value == last { return byte(1) }
        last = value
        value.withUTF8 { utf8 in
            unsigned(UInt64(utf8.count) + 2)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func raw(_ other: [UInt8]) {
        bytes.append(contentsOf: other)
    }
}

/// Reads what ``BinaryWriter`` wrote, checking every read against the end of the bytes: a
/// truncated or damaged input throws ``Malformed``, never reads out of bounds, never traps.
///
/// Strings are decoded as UTF-8 with repair, so bad bytes give replacement characters, not a
/// crash (the cache's checksums catch the damage before that matters).
struct BinaryReader {
    /// Why a read failed: the bytes end too soon or hold what no writer writes.
    struct Malformed: Error {}

    private let bytes: UnsafeRawBufferPointer
    /// Where the next read starts.
    private(set) var offset: Int

    init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    /// Bytes left to read.
    var remaining: Int { bytes.count - offset }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func byte() throws(Malformed) -> UInt8 {
        guard offset < bytes.count else { throw Malformed() }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func bool() throws(Malformed) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw Malformed()
        }
    }

    mutating func unsigned() throws(Malformed) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            if shift == 63 && b > 1 { throw Malformed() }  // more than 64 bits
            value |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return value }
            shift += 7
            if shift > 63 { throw Malformed() }
        }
    }

    mutating func int() throws(Malformed) -> Int {
        let raw = try unsigned()
        let wide = Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
        guard let value = Int(exactly: wide) else { throw Malformed() }
        return value
    }

    /// A count of items that follow, each at least one byte long: a count larger than the bytes
    /// left is damage, caught before any array is sized by it.
    mutating func count() throws(Malformed) -> Int {
        let raw = try unsigned()
        guard raw <= UInt64(remaining) else { throw Malformed() }
        return Int(raw)
    }

    mutating func fixed() throws(Malformed) -> UInt64 {
        guard remaining >= 8 else { throw Malformed() }
        defer { offset += 8 }
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    mutating func string() throws(Malformed) -> String {
        let length = try count()
        defer { offset += length }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)]), as: UTF8.self)
    }

    /// Moves past a string without decoding it.
    mutating func skipString() throws(Malformed) {
        offset += try count()
    }

    mutating func optionalString() throws(Malformed) -> String? {
        try bool() ? try string() : nil
    }

    mutating func strings() throws(Malformed) -> [String] {
        let n = try count()
        var values: [String] = []
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(try string()) }
        return values
    }

    /// What ``BinaryWriter/repeatedString(_:last:)`` wrote.
    mutating func repeatedString(last: inout String?) throws(Malformed) -> String? {
        let code = try unsigned()
        switch code {
        case 0: return nil
        case 1:
            guard let last else { throw Malformed() }
            return last
        default:
            let length = code - 2
            guard length <= UInt64(remaining) else { throw Malformed() }
            defer { offset += Int(length) }
            let value = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + Int(length))]), as: UTF8.self)
            last = value
            return value
        }
    }

    /// A table of plain values (integers, floating-point numbers): their count, then their
    /// bytes as they lie in memory (in the byte order of the machine that wrote them).
    mutating func table<T: BitwiseCopyable>(of type: T.Type) throws(Malformed) -> [T] {
        let count = try unsigned()
        let size = MemoryLayout<T>.stride
        guard count <= UInt64(remaining / size) else { throw Malformed() }
        let raw = try bytes(Int(count) * size)
        return [T](unsafeUninitializedCapacity: Int(count)) { buffer, initialized in
            if let base = raw.baseAddress, count > 0 {
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(start: base, count: raw.count))
            }
            initialized = Int(count)
        }
    }

    /// The next `length` bytes, as they are.
    mutating func bytes(_ length: Int) throws(Malformed) -> UnsafeRawBufferPointer {
        guard length >= 0, length <= remaining else { throw Malformed() }
        defer { offset += length }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)])
    }
}
