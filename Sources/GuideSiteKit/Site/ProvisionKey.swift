/// Something a text can cite: an article or a section of a code, a whole code, or a recommendation.
public enum ProvisionKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    case article(code: String, number: String)
    case section(code: String, number: String)
    case code(String)
    case recommendation(Int)

    /// `dentistes/3.09.10`, `dentistes/section/3.09`, `dentistes`, `rec/4`: the ids of references.json.
    public var description: String {
        switch self {
        case let .article(code, number): "\(code)/\(number)"
        case let .section(code, number): "\(code)/section/\(number)"
        case let .code(code): code
        case let .recommendation(n): "rec/\(n)"
        }
    }

    /// Recommendations first (by number), then codes, sections and articles, each by code id.
    private var rank: Int {
        switch self {
        case .recommendation: 0
        case .code: 1
        case .section: 2
        case .article: 3
        }
    }

    /// `3.09.10` → `[3, 9, 10]`, so `3.09.2` sorts before `3.09.10`.
    static func numericParts(_ number: String) -> [Int] {
        number.split(separator: ".").map { Int($0) ?? 0 }
    }

    /// Whether `lhs`'s ``numericParts(_:)`` come before `rhs`'s, read in place (sorting keys
    /// runs for every "Cité dans" list: it must not allocate).
    static func numberPrecedes(_ lhs: String, _ rhs: String) -> Bool {
        var left = NumberParts(lhs.utf8), right = NumberParts(rhs.utf8)
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return false
            case (nil, _): return true
            case (_, nil): return false
            case let (l?, r?) where l != r: return l < r
            default: continue
            }
        }
    }

    /// The numbers between the dots of an article number, as `Int($0) ?? 0` reads them.
    struct NumberParts: IteratorProtocol {
        let utf8: String.UTF8View
        var index: String.UTF8View.Index

        init(_ utf8: String.UTF8View) {
            self.utf8 = utf8
            index = utf8.startIndex
        }

        mutating func next() -> Int? {
            while index < utf8.endIndex, utf8[index] == UInt8(ascii: ".") { index = utf8.index(after: index) }
            guard index < utf8.endIndex else { return nil }
            let start = index
            var value = 0, plain = true
            while index < utf8.endIndex, utf8[index] != UInt8(ascii: ".") {
                let byte = utf8[index]
                if plain, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), value < Int.max / 10 - 10 {
                    value = value * 10 + Int(byte - UInt8(ascii: "0"))
                } else {
                    plain = false
                }
                index = utf8.index(after: index)
            }
            if plain { return value }
            return Int(Substring(utf8[start..<index])) ?? 0
        }
    }

    public static func < (lhs: ProvisionKey, rhs: ProvisionKey) -> Bool {
        switch (lhs, rhs) {
        case let (.recommendation(l), .recommendation(r)): return l < r
        case let (.code(l), .code(r)): return l < r
        case let (.section(lc, ln), .section(rc, rn)), let (.article(lc, ln), .article(rc, rn)):
            if lc != rc { return lc < rc }
            return numberPrecedes(ln, rn)
        default: return lhs.rank < rhs.rank
        }
    }
}
