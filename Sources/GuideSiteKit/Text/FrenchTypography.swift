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
        guard text.utf8.contains(where: { $0 == 0x3B || $0 == 0x3A || $0 == 0x21 || $0 == 0x3F || $0 == 0xAB || $0 == 0xBB }) else {
            return text
        }
        // Works on UTF-8 bytes: the marks and spaces it looks at are one scalar each.
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        var last: Unicode.Scalar?  // the last scalar written
        var lastLength = 0         // its length in bytes
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
                if last == "«" { continue }   // replaced by the no-break space added after «
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
