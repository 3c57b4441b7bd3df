/// Where a piece of Markdown comes from, to turn Markdown positions into file locations.
///
/// libcmark gives each text node the position where it starts; a citation's place inside the
/// node is a byte offset into the node's *literal*, which differs from the source wherever
/// cmark rewrote it (smart quotes, dashes, ellipses, backslash escapes, entities). The offset is
/// mapped back by walking the source line and the literal side by side.
public struct DocumentSource: Sendable, Hashable {
    /// The location of the Markdown's first character in its file.
    public var start: SourceLocation
    /// Columns every line after the first is indented by in the file (a YAML block scalar's).
    public var indentation: Int
    /// The Markdown text, to align columns; empty: offsets are taken as they are.
    private let lines: [ArraySlice<UInt8>]

    public init(start: SourceLocation, indentation: Int = 0, text: String = "") {
        self.start = start
        self.indentation = indentation
        let bytes = Array(text.utf8)
        self.lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
    }

    /// The file location of a Markdown position, moved by `byteOffset` bytes of `literal`, the
    /// text of the node that starts there (without it, the offset is taken as it is).
    public func location(of position: MarkdownPosition, byteOffset: Int = 0, in literal: String? = nil) -> SourceLocation {
        let line = start.line + position.line - 1
        var offset = byteOffset
        if byteOffset > 0, let literal {
            offset = sourceOffset(line: position.line, column: position.column, literal: Array(literal.utf8), literalOffset: byteOffset)
        }
        let column = (position.line == 1 ? start.column - 1 : indentation) + position.column + offset
        return SourceLocation(file: start.file, line: line, column: column)
    }

    /// How many source bytes from `column` of Markdown `line` hold the first `literalOffset`
    /// bytes of `literal`; `literalOffset` itself when the two can't be aligned.
    func sourceOffset(line: Int, column: Int, literal: [UInt8], literalOffset: Int) -> Int {
        guard line >= 1, line <= lines.count else { return literalOffset }
        let source = lines[lines.startIndex + line - 1]
        let begin = source.startIndex + column - 1
        guard begin >= source.startIndex, begin <= source.endIndex else { return literalOffset }
        var i = 0  // in the literal
        var j = begin  // in the source
        let end = min(literalOffset, literal.count)
        while i < end {
            guard j < source.endIndex else { return literalOffset }
            let s = source[j]
            let l = literal[i]
            if s == l {
                i += 1
                j += 1
            } else if s == UInt8(ascii: "\\"), j + 1 < source.endIndex, source[j + 1] == l {
                i += 1
                j += 2  // a backslash escape
            } else if l == 0xE2, i + 2 < literal.count, literal[i + 1] == 0x80 {
                // Smart punctuation: ’ ‘ ” “ from ' and ", – from --, — from ---, … from ...
                switch literal[i + 2] {
                case 0x98, 0x99, 0x9C, 0x9D: j += 1
                case 0x93: j += 2
                case 0x94: j += 3
                case 0xA6: j += 3
                default: return literalOffset
                }
                i += 3
            } else if s == UInt8(ascii: "&"), let semicolon = source[j...].prefix(40).firstIndex(of: UInt8(ascii: ";")) {
                i += Self.utf8Length(leadByte: l)  // an entity is one character of the literal
                j = semicolon + 1
            } else {
                return literalOffset
            }
        }
        return j - begin
    }

    static func utf8Length(leadByte b: UInt8) -> Int {
        b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
    }
}
