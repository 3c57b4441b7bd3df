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
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (i, scalar) in scalars.enumerated() {
            switch scalar {
            case ";", "!", "?", ":", "»":
                let space = scalar == ":" || scalar == "»" ? noBreakSpace : narrowNoBreakSpace
                if let last = out.last, last == " " || last == noBreakSpace || last == narrowNoBreakSpace {
                    out.removeLast()
                    out.append(space)
                } else if scalar == "»", let last = out.last, !last.properties.isWhitespace {
                    out.append(space)
                }
                out.append(scalar)
            case " ":
                if let last = out.last, last == "«" {
                    continue   // replaced by the no-break space added after «
                }
                out.append(scalar)
            default:
                if let last = out.last, last == "«", scalar != noBreakSpace {
                    out.append(noBreakSpace)
                }
                out.append(scalar)
            }
            _ = i
        }
        if let last = out.last, last == "«" { out.append(noBreakSpace) }
        return String(out)
    }
}
