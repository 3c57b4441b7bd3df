/// Reads explicit provision links: `code:dentistes/3.09.10`, `code:dentistes/section/3.09`, `code:dentistes`, `rec:4`.
public enum ExplicitLinkParser {
    /// The provision a destination names, or nil when it is not a `code:` or `rec:` link.
    /// Whether the provision exists is for the resolver to say.
    public static func parse(_ destination: String) -> Result<ProvisionKey, ExplicitLinkError>? {
        if destination.hasPrefix("rec:") {
            let number = destination.dropFirst(4)
            guard let n = Int(number), n > 0 else { return .failure(.malformed(destination)) }
            return .success(.recommendation(n))
        }
        guard destination.hasPrefix("code:") else { return nil }
        let parts = destination.dropFirst(5).split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 1 where !parts[0].isEmpty:
            return .success(.code(parts[0]))
        case 2 where !parts[0].isEmpty && !parts[1].isEmpty:
            return .success(.article(code: parts[0], number: parts[1]))
        case 3 where parts[1] == "section" && !parts[0].isEmpty && !parts[2].isEmpty:
            return .success(.section(code: parts[0], number: parts[2]))
        default:
            return .failure(.malformed(destination))
        }
    }
}

/// Why an explicit provision link cannot be read.
public enum ExplicitLinkError: Error, Hashable, Sendable, CustomStringConvertible {
    case malformed(String)

    public var description: String {
        switch self {
        case let .malformed(d):
            "malformed provision link '\(d)': write 'code:<code>/<article>', 'code:<code>/section/<number>', 'code:<code>' or 'rec:<number>'"
        }
    }
}
