import Foundation

/// URL- and anchor-safe names folded from French (or any) text: `« Écrire à l'Ordre »` → `ecrire-a-l-ordre`.
public enum Slug {
    /// Lower-case ASCII letters and digits, joined by single hyphens; accents folded, ligatures expanded.
    public static func make(_ text: String) -> String {
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
        let base = Slug.make(text).isEmpty ? "section" : Slug.make(text)
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
