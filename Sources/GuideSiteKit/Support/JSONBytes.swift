/// Deterministic JSON written straight into UTF-8 bytes: the one JSON escaper of the search
/// index, `data/references.json` and the diagnostics report (``JSONText`` goes through it too).
///
/// Strings are escaped as the index format requires: `"` `\` `\n` `\r` `\t`
/// and U+2028, U+2029 with a backslash, any other scalar below U+0020 as
/// `\u00xx` (lower-case hexadecimal), everything else as it is.
struct JSONBytes {
    /// The bytes written so far.
    var bytes: [UInt8] = []

    /// An empty writer whose buffer holds `capacity` bytes before it grows.
    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Number of bytes written so far.
    var count: Int { bytes.count }

    /// Appends JSON syntax as it is.
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends one byte of JSON syntax.
    mutating func raw(byte: UInt8) {
        bytes.append(byte)
    }

    /// Appends bytes that are already JSON.
    mutating func raw(bytes other: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: other)
    }

    /// Appends `value` in decimal.
    mutating func integer(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        if magnitude < 10 { return bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude)) }
        // The digits from the last, at the end of a buffer on the stack, then appended at once.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var first = digits.count
            repeat {
                first -= 1
                digits[first] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeMutableBufferPointer(rebasing: digits[first...]))
        }
    }

    /// Appends `text` as a JSON string literal.
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        stringContents(text)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends `text` escaped, without the quotes (for a string written in pieces).
    mutating func stringContents(_ text: String) {
        var text = text
        text.withUTF8 { stringContents(utf8: $0) }
    }

    /// Appends the UTF-8 text `utf8` escaped, without the quotes.
    mutating func stringContents(utf8 p: UnsafeBufferPointer<UInt8>) {
        let n = p.count
        var plainStart = 0
        var i = 0
        while i < n {
            let b = p[i]
            if b >= 0x20 && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") && b != 0xE2 {
                i += 1
                continue
            }
            let separator = b == 0xE2 && i + 2 < n && p[i + 1] == 0x80 ? p[i + 2] : 0
            if b == 0xE2 && separator != 0xA8 && separator != 0xA9 {
                i += 1
                continue
            }
            if plainStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[plainStart..<i])) }
            switch b {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case UInt8(ascii: "\n"): raw("\\n")
            case UInt8(ascii: "\r"): raw("\\r")
            case UInt8(ascii: "\t"): raw("\\t")
            case 0xE2: raw(separator == 0xA8 ? "\\u2028" : "\\u2029")
            default:
                raw("\\u00")
                bytes.append(Self.hexDigits[Int(b >> 4)])
                bytes.append(Self.hexDigits[Int(b & 0xF)])
            }
            i += b == 0xE2 ? 3 : 1
            plainStart = i
        }
        if plainStart < n { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[plainStart..<n])) }
    }

    /// Appends `texts` as a JSON array of strings.
    mutating func stringArray(_ texts: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (k, text) in texts.enumerated() {
            if k > 0 { bytes.append(UInt8(ascii: ",")) }
            string(text)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}

/// Minimal deterministic JSON text builder, for JSON wanted as a `String`.
struct JSONText {
    var text = ""

    mutating func raw(_ s: String) { text += s }

    mutating func string(_ s: String) {
        var json = JSONBytes(capacity: s.utf8.count + 2)
        json.string(s)
        text += String(decoding: json.bytes, as: UTF8.self)
    }

    mutating func stringArray(_ a: [String]) {
        var json = JSONBytes()
        json.stringArray(a)
        text += String(decoding: json.bytes, as: UTF8.self)
    }
}
