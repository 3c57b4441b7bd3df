/// French typographic spacing: no-break spaces before `; : ! ?` and inside `« »`.
///
/// Applied to text nodes only, so code, URLs and attribute values are never touched.
/// A space already there becomes a no-break one; `«`/`»` glued to a word get one added.
public enum FrenchTypography {
    static let narrowNoBreakSpace: Unicode.Scalar = "\u{202F}"
    static let noBreakSpace: Unicode.Scalar = "\u{00A0}"

    /// Returns `text` with French spacing applied.
    public static func apply(to text: String) -> String {
        var text = text
        return text.withUTF8 { apply(toUTF8: $0) } ?? text
    }

    /// The same over UTF-8 bytes. Most bytes are none of the marks (`; : ! ? « »`) and are copied
    /// by runs; at a mark, the scalar written last is read back from the output. After a `«`,
    /// scalars are looked at one by one until the one that ends its spacing (this runs on every
    /// text of every French page).
    /// Nil when the text holds none of the marks: it stays as it is.
    static func apply(toUTF8 bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var out: [UInt8] = []
        let count = bytes.count
        var index = 0, runStart = 0
        // Whether the last scalar written is «.
        var afterGuillemet = false
        while index < count {
            if !afterGuillemet, index + 8 <= count, let base = bytes.baseAddress,
               !mayStartMark(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                index += 8  // eight bytes at a time while none can start a mark
                continue
            }
            let lead = bytes[index]
            if !afterGuillemet {
                // « and » are C2 AB and C2 BB.
                let isMark = lead == 0x3B || lead == 0x3A || lead == 0x21 || lead == 0x3F
                    || (lead == 0xC2 && index + 1 < count && (bytes[index + 1] == 0xAB || bytes[index + 1] == 0xBB))
                guard isMark else {
                    index += 1
                    continue
                }
                if out.capacity == 0 { out.reserveCapacity(count + 16) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            }
            let end = min(index + scalarLength(lead), count)
            let scalar = decode(UnsafeBufferPointer(rebasing: bytes[index..<end]))
            switch scalar {
            case ";", "!", "?", ":", "»":
                let space = scalar == ":" || scalar == "»" ? noBreakSpace : narrowNoBreakSpace
                let (last, lastLength) = lastScalar(of: out)
                if let l = last, l == " " || l == noBreakSpace || l == narrowNoBreakSpace {
                    out.removeLast(lastLength)
                    append(space, to: &out)
                } else if scalar == "»", let l = last, !l.properties.isWhitespace {
                    append(space, to: &out)
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                afterGuillemet = false
            case " " where afterGuillemet:
                break  // replaced by the no-break space added after «
            default:
                if afterGuillemet, scalar != noBreakSpace { append(noBreakSpace, to: &out) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                afterGuillemet = scalar == "«"
            }
            index = end
            runStart = end
        }
        // No mark: nothing was written, nothing changes.
        guard runStart > 0 else { return nil }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count]))
        if afterGuillemet { append(noBreakSpace, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether one of the eight bytes of `word` is `; : ! ?` or C2 (the first byte of « and »):
    /// a byte equal to `b` is a zero byte of `word ^ b…b`, found without a branch per byte.
    @inline(__always) private static func mayStartMark(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        return hasZeroByte(word ^ (ones &* 0x3B)) || hasZeroByte(word ^ (ones &* 0x3A)) || hasZeroByte(word ^ (ones &* 0x21))
            || hasZeroByte(word ^ (ones &* 0x3F)) || hasZeroByte(word ^ (ones &* 0xC2))
    }

    /// How many bytes the UTF-8 scalar starting with `lead` has.
    @inline(__always) private static func scalarLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// The scalar of these UTF-8 bytes (one scalar's).
    @inline(__always) private static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar {
        guard let lead = bytes.first else { return "\u{FFFD}" }
        if bytes.count == 1 { return Unicode.Scalar(lead) }
        var decoded = UInt32(lead) & (bytes.count == 2 ? 0x1F : bytes.count == 3 ? 0x0F : 0x07)
        for continuation in bytes.dropFirst() { decoded = decoded << 6 | UInt32(continuation & 0x3F) }
        return Unicode.Scalar(decoded) ?? "\u{FFFD}"
    }

    /// The last scalar of `out` and its length in bytes; nil when `out` is empty.
    @inline(__always) private static func lastScalar(of out: [UInt8]) -> (Unicode.Scalar?, Int) {
        guard !out.isEmpty else { return (nil, 0) }
        var start = out.count - 1
        while start > 0, out.count - start < 4, out[start] & 0xC0 == 0x80 { start -= 1 }
        let scalar = out.withUnsafeBufferPointer { decode(UnsafeBufferPointer(rebasing: $0[start...])) }
        return (scalar, out.count - start)
    }

    @inline(__always) private static func append(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        UTF8.encode(scalar) { out.append($0) }
    }

    /// The first version, scalar by scalar: the reference the tests compare ``apply(to:)`` with.
    static func applyByScalars(to text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        var last: Unicode.Scalar?
        var lastLength = 0
        func append(_ scalar: Unicode.Scalar) {
            let before = out.count
            UTF8.encode(scalar) { out.append($0) }
            last = scalar
            lastLength = out.count - before
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case ";", "!", "?", ":", "»":
                let space = scalar == ":" || scalar == "»" ? noBreakSpace : narrowNoBreakSpace
                if let l = last, l == " " || l == noBreakSpace || l == narrowNoBreakSpace {
                    out.removeLast(lastLength)
                    append(space)
                } else if scalar == "»", let l = last, !l.properties.isWhitespace {
                    append(space)
                }
                append(scalar)
            case " ":
                if last == "«" { continue }
                append(scalar)
            default:
                if last == "«", scalar != noBreakSpace { append(noBreakSpace) }
                append(scalar)
            }
        }
        if last == "«" { append(noBreakSpace) }
        return String(decoding: out, as: UTF8.self)
    }
}
