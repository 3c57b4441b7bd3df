/// French typographic spacing: no-break spaces before `; : ! ?` and inside `« »`.
///
/// Applied to text nodes only, so code, URLs and attribute values are never touched.
/// A space already there becomes a no-break one; `«`/`»` glued to a word get one added.
public enum FrenchTypography {
    static let narrowNoBreakSpace: Unicode.Scalar = "\u{202F}"
    static let noBreakSpace: Unicode.Scalar = "\u{00A0}"

    /// Returns `text` with French spacing applied.
    public static func apply(to text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var needs = false
        for s in scalars where s == ";" || s == ":" || s == "!" || s == "?" || s == "«" || s == "»" {
            needs = true
            break
        }
        guard needs else { return text }
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
