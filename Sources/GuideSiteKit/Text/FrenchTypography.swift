/// French typographic spacing: no-break spaces before `; : ! ?` and inside `« »`.
///
/// Applied to text nodes only, so code, URLs and attribute values are never touched.
/// A space already there becomes a no-break one; `«`/`»` glued to a word get one added.
public enum FrenchTypography {
    static let narrowNoBreakSpace: Unicode.Scalar = "\u{202F}"
    static let noBreakSpace: Unicode.Scalar = "\u{00A0}"

    /// Returns `text` with French spacing applied.
    public static func apply(to text: String) -> String {
        // « and » are C2 AB and C2 BB in UTF-8.
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard bytes.contains(where: { $0 == 0x3B || $0 == 0x3A || $0 == 0x21 || $0 == 0x3F || $0 == 0xAB || $0 == 0xBB }) else { return nil }
            return apply(toUTF8: bytes)
        } ?? text
    }

    /// The same over UTF-8 bytes: the marks and spaces it looks at are one scalar each, and
    /// every other scalar is copied as it is (this runs on every text of every French page).
    static func apply(toUTF8 bytes: UnsafeBufferPointer<UInt8>) -> String {
        // The output and what was written last, as one value with mutating methods: a nested
        // function capturing them would make every access to them a dynamic exclusivity check.
        struct Output {
            var bytes: [UInt8]
            var last: Unicode.Scalar?  // the last scalar written
            var lastLength = 0         // its length in bytes

            @inline(__always) mutating func append(_ scalar: Unicode.Scalar) {
                let before = bytes.count
                UTF8.encode(scalar) { bytes.append($0) }
                last = scalar
                lastLength = bytes.count - before
            }

            @inline(__always) mutating func copy(_ source: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, as scalar: Unicode.Scalar) {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[range]))
                last = scalar
                lastLength = range.count
            }
        }
        var out = Output(bytes: [])
        out.bytes.reserveCapacity(bytes.count + 16)
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            let end = min(index + length, bytes.count)
            // Most scalars are none of the marks: copied through, with `last` kept exact.
            let scalar: Unicode.Scalar
            if length == 1 {
                scalar = Unicode.Scalar(lead)
            } else {
                var decoded: UInt32 = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for continuation in bytes[(index + 1)..<end] { decoded = decoded << 6 | UInt32(continuation & 0x3F) }
                scalar = Unicode.Scalar(decoded) ?? "\u{FFFD}"
            }
            switch scalar {
            case ";", "!", "?", ":", "»":
                let space = scalar == ":" || scalar == "»" ? noBreakSpace : narrowNoBreakSpace
                if let l = out.last, l == " " || l == noBreakSpace || l == narrowNoBreakSpace {
                    out.bytes.removeLast(out.lastLength)
                    out.append(space)
                } else if scalar == "»", let l = out.last, !l.properties.isWhitespace {
                    out.append(space)
                }
                out.append(scalar)
            case " ":
                if out.last != "«" { out.append(scalar) }   // after «, replaced by the no-break space added after it
            default:
                if out.last == "«", scalar != noBreakSpace { out.append(noBreakSpace) }
                out.copy(bytes, index..<end, as: scalar)
            }
            index = end
        }
        if out.last == "«" { out.append(noBreakSpace) }
        return String(decoding: out.bytes, as: UTF8.self)
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
