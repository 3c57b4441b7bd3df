/// The class of one Unicode scalar for citation tokenizing.
enum ScalarClass: Equatable {
    /// A letter; its folded form is appended by ``ScalarFolding/appendFoldedLetter``.
    case letter
    /// An ASCII digit.
    case digit
    /// A space of any kind, including non-breaking and thin spaces.
    case space
    /// A combining mark: ignored, so decomposed accents fold like composed ones.
    case combiningMark
    /// Punctuation or a symbol, folded to one ASCII byte (apostrophes to `'`,
    /// dashes to `-`, `º` and `°` to `#`, anything unknown to 0x7F).
    case punctuation(UInt8)
}

/// Case and accent folding of Unicode scalars to the form the citation
/// vocabulary is compared in (lowercase, without diacritics).
enum ScalarFolding {
    /// The byte that stands for an unknown symbol.
    static let otherSymbol: UInt8 = 0x7F
    /// The byte that stands for a number sign: `º`, `°` and `#`.
    static let numberSignByte: UInt8 = UInt8(ascii: "#")

    /// Base letters of U+00C0...U+017F, empty for non-letters.
    private static let latinBaseLetters: [[UInt8]] = {
        let latin1Upper = "a a a a a a ae c e e e e i i i i d n o o o o o - o u u u u y th ss"
        let latin1Lower = "a a a a a a ae c e e e e i i i i d n o o o o o - o u u u u y th y"
        var table: [[UInt8]] = []
        for entry in (latin1Upper + " " + latin1Lower).split(separator: " ") {
            table.append(entry == "-" ? [] : Array(entry.utf8))
        }
        let extendedARuns: [(String, Int)] = [
            ("a", 6), ("c", 8), ("d", 4), ("e", 10), ("g", 8), ("h", 4), ("i", 10), ("ij", 2),
            ("j", 2), ("k", 3), ("l", 10), ("n", 9), ("o", 6), ("oe", 2), ("r", 6), ("s", 8),
            ("t", 6), ("u", 12), ("w", 2), ("y", 3), ("z", 6), ("s", 1),
        ]
        for (letters, count) in extendedARuns {
            for _ in 0..<count { table.append(Array(letters.utf8)) }
        }
        return table
    }()

    /// Whether each scalar below U+0180 is uppercase, looked up once.
    private static let latinUppercase: [Bool] = (0..<0x180).map { Unicode.Scalar(UInt32($0))?.properties.isUppercase ?? false }

    /// Classifies a scalar value.
    static func classify(_ value: UInt32) -> ScalarClass {
        if value < 0x80 {
            switch value {
            case 0x30...0x39: return .digit
            case 0x41...0x5A, 0x61...0x7A: return .letter
            case 0x09...0x0D, 0x20: return .space
            default: return .punctuation(UInt8(truncatingIfNeeded: value))
            }
        }
        switch value {
        case 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
            return .space
        case 0x2018, 0x2019, 0x201B, 0x02BC, 0x2032, 0xB4:
            return .punctuation(UInt8(ascii: "'"))
        case 0x2010...0x2013, 0x2212, 0xFE63, 0xFF0D:
            return .punctuation(UInt8(ascii: "-"))
        case 0xBA, 0xB0:
            return .punctuation(numberSignByte)
        case 0xAB, 0xBB, 0x201C, 0x201D, 0x201E:
            return .punctuation(UInt8(ascii: "\""))
        case 0x2026:
            return .punctuation(UInt8(ascii: "."))
        case 0x0300...0x036F:
            return .combiningMark
        case 0xC0...0x17F:
            return latinBaseLetters[Int(value - 0xC0)].isEmpty ? .punctuation(otherSymbol) : .letter
        default:
            guard let scalar = Unicode.Scalar(value) else { return .punctuation(otherSymbol) }
            let properties = scalar.properties
            if properties.isAlphabetic { return .letter }
            if properties.isWhitespace { return .space }
            return .punctuation(otherSymbol)
        }
    }

    /// Appends the folded form of a letter to `folded` and tells whether the
    /// letter is uppercase.
    static func appendFoldedLetter(_ value: UInt32, to folded: inout [UInt8]) -> Bool {
        if value < 0x80 {
            let byte = UInt8(truncatingIfNeeded: value)
            if byte >= 0x41 && byte <= 0x5A {
                folded.append(byte | 0x20)
                return true
            }
            folded.append(byte)
            return false
        }
        if value >= 0xC0 && value <= 0x17F {
            folded.append(contentsOf: latinBaseLetters[Int(value - 0xC0)])
            return latinUppercase[Int(value)]
        }
        guard let scalar = Unicode.Scalar(value) else { return false }
        folded.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
        return scalar.properties.isUppercase
    }
}
