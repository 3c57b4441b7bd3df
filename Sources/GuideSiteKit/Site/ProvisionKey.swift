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

    private var sortKey: (Int, String, [Int]) {
        switch self {
        case let .recommendation(n): (0, "", [n])
        case let .code(code): (1, code, [])
        case let .section(code, number): (2, code, ProvisionKey.numericParts(number))
        case let .article(code, number): (3, code, ProvisionKey.numericParts(number))
        }
    }

    /// `3.09.10` → `[3, 9, 10]`, so `3.09.2` sorts before `3.09.10`.
    static func numericParts(_ number: String) -> [Int] {
        number.split(separator: ".").map { Int($0) ?? 0 }
    }

    public static func < (lhs: ProvisionKey, rhs: ProvisionKey) -> Bool {
        let l = lhs.sortKey, r = rhs.sortKey
        if l.0 != r.0 { return l.0 < r.0 }
        if l.1 != r.1 { return l.1 < r.1 }
        return l.2.lexicographicallyPrecedes(r.2)
    }
}
