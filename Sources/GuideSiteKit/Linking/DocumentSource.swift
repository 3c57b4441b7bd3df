/// Where a piece of Markdown comes from, to turn Markdown positions into file locations.
public struct DocumentSource: Sendable, Hashable {
    /// The location of the Markdown's first character in its file.
    public var start: SourceLocation

    public init(start: SourceLocation) {
        self.start = start
    }

    /// The file location of a Markdown position, moved by `byteOffset` on the same line.
    public func location(of position: MarkdownPosition, byteOffset: Int = 0) -> SourceLocation {
        let line = start.line + position.line - 1
        let column = (position.line == 1 ? start.column - 1 : 0) + position.column + byteOffset
        return SourceLocation(file: start.file, line: line, column: column)
    }
}
