/// What a name written after a citation designates.
enum NamedInstrument: Sendable, Hashable {
    /// A code of the portal, by id.
    case code(String)
    /// The code of the current article ("ce code").
    case thisCode
    /// The portal itself ("de ce guide").
    case portal
    /// Another instrument (a law, a charter, another profession's code).
    case otherInstrument
}
