import Foundation

/// URL- and anchor-safe names folded from French (or any) text: `« Écrire à l'Ordre »` → `ecrire-a-l-ordre`.
public enum Slug {
    /// Lower-case ASCII letters and digits, joined by single hyphens; accents folded, ligatures expanded.
    public static func make(_ text: String) -> String {
        quickMake(text) ?? slowMake(text)
    }

    /// ``make`` in one pass over the scalars through ``latinFolds``; nil when the text has a
    /// scalar outside it (other than a combining accent, or general punctuation such as `’`,
    /// `—` or a narrow no-break space, which separate words), for ``slowMake``.
    private static func quickMake(_ text: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingHyphen = false
        for scalar in text.unicodeScalars {
            let v = Int(scalar.value)
            if v < 0x80 {
                let lower = v >= 0x41 && v <= 0x5A ? v + 0x20 : v
                append(UInt32(lower), to: &out, pendingHyphen: &pendingHyphen)
            } else if v < 0x180 {
                for folded in latinFolds[v] { append(folded.value, to: &out, pendingHyphen: &pendingHyphen) }
            } else if Self.generalPunctuation.contains(v) {
                pendingHyphen = true
            } else if !(0x300...0x36F).contains(v) {
                return nil
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends one folded scalar to a slug: a letter or digit (after a hyphen if something
    /// came between it and the last one), or notes that something did.
    @inline(__always)
    private static func append(_ folded: UInt32, to out: inout [UInt8], pendingHyphen: inout Bool) {
        if (folded >= 0x61 && folded <= 0x7A) || (folded >= 0x30 && folded <= 0x39) {
            if pendingHyphen && !out.isEmpty { out.append(0x2D) }
            pendingHyphen = false
            out.append(UInt8(folded))
        } else {
            pendingHyphen = true
        }
    }

    /// ``make`` over ``fold``'s result, for any text.
    static func slowMake(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingHyphen = false
        for scalar in fold(text).unicodeScalars {
            let v = scalar.value
            let isAlnum = (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39)
            if isAlnum {
                if pendingHyphen && !out.isEmpty { out += "-" }
                pendingHyphen = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return out
    }

    /// Lower-cases, expands ligatures and removes combining marks (accents).
    public static func fold(_ text: String) -> String {
        quickFold(text) ?? slowFold(text)
    }

    /// The fold of each scalar below U+0180 (ASCII, Latin-1 and Latin Extended-A: all of French),
    /// computed once by ``slowFold`` itself so that both paths always agree.
    private static let latinFolds: [String.UnicodeScalarView] = (0..<0x180).map { value in
        guard let scalar = Unicode.Scalar(UInt32(value)) else { return String.UnicodeScalarView() }
        return slowFold(String(Character(scalar))).unicodeScalars
    }

    /// The General Punctuation block (spaces, dashes, quotation marks, `…`): neither letters nor
    /// digits, and folded as they are, but for two spaces that decompose to two others (a test
    /// holds both paths to the same results over the block).
    private static let generalPunctuation = 0x2000...0x206F

    /// ``fold`` scalar by scalar through ``latinFolds``; nil when the text has a scalar outside
    /// it (other than a combining accent, which folding drops, or general punctuation), for
    /// ``slowFold``.
    private static func quickFold(_ text: String) -> String? {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = Int(scalar.value)
            if v < 0x180 {
                out.append(contentsOf: latinFolds[v])
            } else if generalPunctuation.contains(v) {
                // U+2000 and U+2001 (en and em quads) decompose to U+2002 and U+2003.
                out.append(v == 0x2000 ? "\u{2002}" : v == 0x2001 ? "\u{2003}" : scalar)
            } else if !(0x300...0x36F).contains(v) {
                return nil
            }
        }
        return String(out)
    }

    /// Folding through Foundation: lower case, canonical decomposition, marks dropped.
    static func slowFold(_ text: String) -> String {
        let lowered = text.lowercased()
        var out = String.UnicodeScalarView()
        for scalar in lowered.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar {
            case "œ": out.append(contentsOf: "oe".unicodeScalars)
            case "æ": out.append(contentsOf: "ae".unicodeScalars)
            case "ß": out.append(contentsOf: "ss".unicodeScalars)
            default:
                if scalar.properties.generalCategory == .nonspacingMark { continue }
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether `slug` is already a valid slug (what an author may write in a `slug:` field).
    public static func isValid(_ slug: String) -> Bool {
        !slug.isEmpty && make(slug) == slug
    }
}

/// Hands out unique anchor ids within one page: `contexte`, `contexte-2`, `contexte-3`.
public struct AnchorAllocator: Sendable {
    private var used: Set<String>

    /// Starts with ids already taken on the page (those of the layout, for instance).
    public init(reserved: Set<String> = []) {
        self.used = reserved
    }

    /// A unique id folded from `text` (or `section` when the text folds to nothing).
    public mutating func allocate(for text: String) -> String {
        let slug = Slug.make(text)
        let base = slug.isEmpty ? "section" : slug
        var candidate = base
        var n = 2
        while used.contains(candidate) {
            candidate = "\(base)-\(n)"
            n += 1
        }
        used.insert(candidate)
        return candidate
    }
}
