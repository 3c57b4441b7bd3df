/// Parses a link destination into an explicit target, or returns nil for an
/// ordinary URL or path (`https:`, `mailto:`, `other.md#anchor`), which the
/// caller handles. See ``ExplicitTarget`` for the syntax; a `code:` or `rec:`
/// destination that breaks it gives ``ExplicitTarget/malformed(_:)``.
public func parseLinkTarget(_ destination: String) -> ExplicitTarget? {
    let trimmed = destination.drop { $0 == " " }
    guard let colon = trimmed.firstIndex(of: ":") else { return nil }
    let scheme = trimmed[..<colon].lowercased()
    let rest = trimmed[trimmed.index(after: colon)...]
    switch scheme {
    case "rec":
        guard isProvisionNumber(rest), !rest.contains("."), let number = Int(rest) else {
            return .malformed(destination)
        }
        return .recommendation(number)
    case "code":
        let parts = rest.split(separator: "/", omittingEmptySubsequences: false)
        guard let id = parts.first, isCodeID(id) else { return .malformed(destination) }
        switch parts.count {
        case 1:
            return .code(String(id))
        case 2 where isProvisionNumber(parts[1]):
            return .article(code: String(id), number: String(parts[1]))
        case 3 where parts[1].lowercased() == "article" && isProvisionNumber(parts[2]):
            return .article(code: String(id), number: String(parts[2]))
        case 3 where parts[1].lowercased() == "section" && isProvisionNumber(parts[2]):
            return .section(code: String(id), number: String(parts[2]))
        default:
            return .malformed(destination)
        }
    default:
        return nil
    }
}

/// Whether `text` is digits in dot-separated groups.
private func isProvisionNumber(_ text: Substring) -> Bool {
    let groups = text.split(separator: ".", omittingEmptySubsequences: false)
    return !groups.isEmpty && groups.allSatisfy { group in
        !group.isEmpty && group.utf8.allSatisfy { $0 &- 0x30 < 10 }
    }
}

/// Whether `text` can be a code id: letters, digits, `-` and `_`.
private func isCodeID(_ text: Substring) -> Bool {
    !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
        scalar.properties.isAlphabetic || (scalar.value &- 0x30 < 10) || scalar == "-" || scalar == "_"
    }
}
