/// A template that cannot be parsed: what is wrong, told as a theme author needs it, at the tag
/// that is wrong (line and column from 1, columns counted in bytes like the other diagnostics).
public struct TemplateSyntaxError: Error, Sendable, Equatable {
    public var message: String
    public var line: Int
    public var column: Int
}
