import Mustache

/// A Mustache syntax error told as a theme author needs it: what is wrong, with the tags named,
/// at the tag that is wrong (swift-mustache gives an enum case and where its parser stopped).
struct TemplateSyntaxError {
    var message: String
    var line: Int
    var column: Int

    /// A tag of the template text: its name, kind character (`#`, `^`, `/`, …) and place.
    struct Tag {
        var kind: Character?
        var name: String
        var line: Int
        var column: Int
        var offset: Int  // in bytes
    }

    init(_ error: MustacheTemplate.ParserError, text: String) {
        let line = error.context.lineNumber, column = error.context.columnNumber
        let stop = Self.offset(line: line, column: column, in: text)
        let tags = Self.tags(in: text)
        switch error.error {
        case MustacheTemplate.Error.sectionCloseNameIncorrect:
            // The closing tag the parser stopped in, and the innermost section still open before it.
            let closing = tags.last { $0.kind == "/" && $0.offset < stop }
            if let closing, let section = Self.openSections(tags, before: closing.offset).last {
                message = "'{{/\(closing.name)}}' does not close the open section '\(section.name)' (opened on line \(section.line))"
                self.line = closing.line
                self.column = closing.column
                return
            }
            message = "a closing tag does not match the section it closes"
        case MustacheTemplate.Error.unfinishedName:
            if let open = Self.lastOpening(before: stop, in: text) {
                message = "'{{' is not closed by '}}'"
                self.line = open.line
                self.column = open.column
                return
            }
            message = "a tag is not closed by '}}'"
        case MustacheTemplate.Error.expectedSectionEnd:
            if let section = Self.openSections(tags, before: Int.max).last {
                message = "the section '\(section.name)' opened here is never closed (add '{{/\(section.name)}}')"
                self.line = section.line
                self.column = section.column
                return
            }
            message = "a section is never closed"
        case MustacheTemplate.Error.invalidSetDelimiter: message = "a '{{=…=}}' tag that sets delimiters is badly formed"
        case MustacheTemplate.Error.transformAppliedToInheritanceSection: message = "a transform cannot apply to an inherited section"
        case MustacheTemplate.Error.illegalTokenInsideInheritSection: message = "only '{{$block}}' sections may appear inside '{{<parent}}'"
        case MustacheTemplate.Error.textInsideInheritSection: message = "text inside '{{<parent}}' must be in a '{{$block}}' section"
        case MustacheTemplate.Error.invalidConfigVariableSyntax, MustacheTemplate.Error.unrecognisedConfigVariable:
            message = "a '{{% … }}' pragma is badly formed or unknown"
        default: message = "\(error.error)"
        }
        self.line = line
        self.column = column
    }

    /// The sections still open before `offset`, outermost first.
    static func openSections(_ tags: [Tag], before offset: Int) -> [Tag] {
        var open: [Tag] = []
        for tag in tags where tag.offset < offset {
            if let kind = tag.kind, "#^$<".contains(kind) { open.append(tag) } else if tag.kind == "/" { _ = open.popLast() }
        }
        return open
    }

    /// Every `{{…}}` tag, in order.
    static func tags(in text: String) -> [Tag] {
        let bytes = Array(text.utf8)
        var tags: [Tag] = []
        var line = 1, lineStart = 0, i = 0
        while i + 1 < bytes.count {
            if bytes[i] == 0x0A { line += 1; lineStart = i + 1; i += 1; continue }
            guard bytes[i] == UInt8(ascii: "{"), bytes[i + 1] == UInt8(ascii: "{") else { i += 1; continue }
            var j = i + 2
            while j + 1 < bytes.count, !(bytes[j] == UInt8(ascii: "}") && bytes[j + 1] == UInt8(ascii: "}")), bytes[j] != 0x0A { j += 1 }
            var inner = String(decoding: bytes[(i + 2)..<min(j, bytes.count)], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            var kind: Character?
            if let first = inner.first, "#^/$<>!&{=%".contains(first) {
                kind = first
                inner = String(inner.dropFirst()).trimmingCharacters(in: .whitespaces)
            }
            tags.append(Tag(kind: kind, name: inner, line: line, column: i - lineStart + 1, offset: i))
            i = j + 2
        }
        return tags
    }

    /// The last `{{` before `offset`, with its line and column.
    static func lastOpening(before offset: Int, in text: String) -> (line: Int, column: Int)? {
        let bytes = Array(text.utf8)
        var found: (Int, Int)?
        var line = 1, lineStart = 0, i = 0
        while i + 1 < min(offset, bytes.count) {
            if bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
            if bytes[i] == UInt8(ascii: "{"), bytes[i + 1] == UInt8(ascii: "{") { found = (line, i - lineStart + 1); i += 2; continue }
            i += 1
        }
        return found
    }

    /// The byte offset of a line and column (both from 1).
    static func offset(line: Int, column: Int, in text: String) -> Int {
        var current = 1, offset = 0
        for byte in text.utf8 {
            if current == line { break }
            if byte == 0x0A { current += 1 }
            offset += 1
        }
        return offset + max(0, column - 1)
    }
}
