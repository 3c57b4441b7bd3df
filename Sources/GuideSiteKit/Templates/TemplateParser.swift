/// Turns a template's text into ``TemplateNode``s, over UTF-8 bytes.
///
/// Whitespace follows swift-mustache, which the themes were written against (and which the
/// tests compare this engine with): a line holding only a section, comment, partial, parent,
/// block or delimiter tag is "standalone" and leaves no trace; a standalone partial's
/// indentation is kept and given to every line of the partial.
struct TemplateParser {
    let bytes: [UInt8]
    var position = 0
    /// Where the tag being read starts (its opening delimiter), for errors.
    var tagStart = 0

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// What the parser knows of where it is.
    struct State {
        /// The open section, block or parent and where its tag starts.
        var open: (name: String, offset: Int)?
        var newLine = true
        /// Inside a `{{<parent}}` tag, where only block definitions may be.
        var inParent = false
        /// Directly inside a `{{<parent}}` (not nested in one of its blocks).
        var parentTopLevel = false
        var startDelimiter: [UInt8] = Array("{{".utf8)
        var endDelimiter: [UInt8] = Array("}}".utf8)
        /// The indentation of the first line inside a parent's block, removed from the next lines.
        var parentIndentation: ArraySlice<UInt8>?

        func opening(_ name: String, at offset: Int, newLine: Bool) -> State {
            var state = self
            state.open = (name, offset)
            state.parentTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func openingParent(_ name: String, at offset: Int) -> State {
            var state = self
            state.open = (name, offset)
            state.newLine = true
            state.inParent = true
            state.parentTopLevel = true
            return state
        }
    }

    enum Stop { case newline, tag, end }

    static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    mutating func parse() throws(TemplateSyntaxError) -> [TemplateNode] {
        try parseNodes(State())
    }

    // MARK: Nodes

    mutating func parseNodes(_ initial: State) throws(TemplateSyntaxError) -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        var state = initial
        var leading: ArraySlice<UInt8> = []  // the spaces that start the line, until something is written
        func flushLeading() {
            if !leading.isEmpty {
                nodes.append(.text(Array(leading)))
                leading = []
            }
        }
        while position < bytes.count {
            if state.newLine {
                let whiteSpace = readSpacesAndTabs()
                if state.inParent && !state.parentTopLevel {
                    if let indentation = state.parentIndentation {
                        leading = whiteSpace.dropFirst(indentation.count)
                    } else {
                        state.parentIndentation = whiteSpace
                    }
                } else {
                    leading = whiteSpace
                }
            }
            let (text, stop) = readText(state)
            if stop == .newline {
                var line = Array(leading)
                line += text
                let newlineLength = bytes[position] == Self.carriageReturn ? 2 : 1
                line += bytes[position..<(position + newlineLength)]
                nodes.append(.text(line))
                position += newlineLength
                leading = []
                state.newLine = true
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(Array(leading) + text))
                leading = []
                state.newLine = false
            }
            if stop == .end { break }
            guard position < bytes.count, bytes[position] != Self.lineFeed, bytes[position] != Self.carriageReturn else {
                throw unclosed(state)
            }
            var standalone = false
            let kind = bytes[position]
            switch kind {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                let offset = tagStart
                position += 1
                let name = try readName(state)
                if isStandalone(state) { standalone = true } else { flushLeading() }
                let inner = try parseNodes(state.opening(name.written, at: offset, newLine: standalone))
                nodes.append(.section(name, inner, inverted: kind == UInt8(ascii: "^")))

            case UInt8(ascii: "/"):
                let offset = tagStart
                position += 1
                let name = try readName(state, closing: true)
                guard let open = state.open, open.name == name.written else {
                    throw closingError(name.written, at: offset, state)
                }
                if !isStandalone(state) { flushLeading() }
                return nodes

            case UInt8(ascii: "!"):
                position += 1
                guard let end = find(state.endDelimiter, from: position) else { throw unclosed(state) }
                position = end + state.endDelimiter.count
                standalone = isStandalone(state)

            case UInt8(ascii: "{"):
                flushLeading()
                position += 1
                let name = try readName(state)
                guard position < bytes.count, bytes[position] == UInt8(ascii: "}") else { throw unclosed(state) }
                position += 1
                nodes.append(.variable(name, escaped: false))

            case UInt8(ascii: "&"):
                flushLeading()
                position += 1
                nodes.append(.variable(try readName(state), escaped: false))

            case UInt8(ascii: ">"):
                position += 1
                skipWhitespace()
                var dynamic = false
                if position < bytes.count, bytes[position] == UInt8(ascii: "*") {
                    position += 1
                    dynamic = true
                }
                let name = try readPartialName(state)
                let indentation = Array(leading)
                flushLeading()
                if isStandalone(state) {
                    standalone = true
                    nodes.append(.partial(name, dynamic: dynamic, indentation: indentation, overrides: nil))
                } else {
                    nodes.append(.partial(name, dynamic: dynamic, indentation: nil, overrides: nil))
                }

            case UInt8(ascii: "<"):
                let offset = tagStart
                position += 1
                skipWhitespace()
                let written = try readPartialName(state)
                let indentation = Array(leading)
                flushLeading()
                if isStandalone(state) { standalone = true }
                let inner = try parseNodes(state.openingParent(written, at: offset))
                var overrides: [String: [TemplateNode]] = [:]
                for node in inner {
                    switch node {
                    case let .blockDefinition(name, blockNodes): overrides[name] = blockNodes
                    case .text: break
                    default: throw error("only '{{$block}}' sections may appear inside '{{<\(written)}}'", at: offset)
                    }
                }
                let dynamic = written.hasPrefix("*")
                nodes.append(.partial(dynamic ? String(written.dropFirst()) : written, dynamic: dynamic,
                                      indentation: indentation, overrides: overrides))

            case UInt8(ascii: "$"):
                let offset = tagStart
                position += 1
                let name = try readName(state)
                guard name.transforms.isEmpty else { throw error("a transform cannot apply to a block ('{{$\(name.written)}}')", at: offset) }
                if state.parentTopLevel {
                    standalone = isStandalone(state)
                    let inner = try parseNodes(state.opening(name.written, at: offset, newLine: standalone))
                    nodes.append(.blockDefinition(name.written, inner))
                } else {
                    let indentation = Array(leading)
                    flushLeading()
                    standalone = isStandalone(state)
                    let inner = try parseNodes(state.opening(name.written, at: offset, newLine: standalone))
                    nodes.append(.block(name.written, defaultNodes: inner, indentation: indentation))
                }

            case UInt8(ascii: "="):
                position += 1
                state = try readDelimiters(state)
                standalone = isStandalone(state)

            case UInt8(ascii: "%"):
                position += 1
                nodes.append(try readPragma(state))
                standalone = isStandalone(state)

            default:
                flushLeading()
                nodes.append(.variable(try readName(state), escaped: true))
            }
            state.newLine = standalone
        }
        if let open = state.open {
            throw error("the section '\(open.name)' opened here is never closed (add '\(text(state.startDelimiter))/\(open.name)\(text(state.endDelimiter))')",
                        at: open.offset)
        }
        return nodes
    }

    // MARK: Reading

    /// Text up to a newline (left unread), a tag (its opening delimiter read) or the end.
    mutating func readText(_ state: State) -> (ArraySlice<UInt8>, Stop) {
        let start = position
        let first = state.startDelimiter[0]
        while position < bytes.count {
            let byte = bytes[position]
            if byte == Self.lineFeed { return (bytes[start..<position], .newline) }
            if byte == Self.carriageReturn, position + 1 < bytes.count, bytes[position + 1] == Self.lineFeed {
                return (bytes[start..<position], .newline)
            }
            if byte == first, matches(state.startDelimiter, at: position) {
                let text = bytes[start..<position]
                tagStart = position
                position += state.startDelimiter.count
                return (text, .tag)
            }
            position += 1
        }
        return (bytes[start..<position], .end)
    }

    mutating func readSpacesAndTabs() -> ArraySlice<UInt8> {
        let start = position
        while position < bytes.count, bytes[position] == Self.space || bytes[position] == Self.tab { position += 1 }
        return bytes[start..<position]
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == lineFeed || byte == carriageReturn || byte == 0x0B || byte == 0x0C
    }

    mutating func skipWhitespace() {
        while position < bytes.count, Self.isWhitespace(bytes[position]) { position += 1 }
    }

    /// Whether the tag just read is alone on its line; if so, the rest of the line is read.
    mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if position >= bytes.count { return true }
        var end = position
        while end < bytes.count, bytes[end] == Self.space || bytes[end] == Self.tab { end += 1 }
        guard end < bytes.count else { return false }
        if bytes[end] == Self.lineFeed {
            position = end + 1
            return true
        }
        if bytes[end] == Self.carriageReturn, end + 1 < bytes.count, bytes[end + 1] == Self.lineFeed {
            position = end + 2
            return true
        }
        return false
    }

    func matches(_ delimiter: [UInt8], at offset: Int) -> Bool {
        guard offset + delimiter.count <= bytes.count else { return false }
        for (index, byte) in delimiter.enumerated() where bytes[offset + index] != byte { return false }
        return true
    }

    func find(_ delimiter: [UInt8], from offset: Int) -> Int? {
        var index = offset
        while index + delimiter.count <= bytes.count {
            if matches(delimiter, at: index) { return index }
            index += 1
        }
        return nil
    }

    static func isNameByte(_ byte: UInt8, brackets: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "?"), UInt8(ascii: "*"):
            true
        case UInt8(ascii: "("), UInt8(ascii: ")"): brackets
        default: false
        }
    }

    /// A tag's name up to its closing delimiter (read), with its transforms: `first(items)`.
    /// A closing tag may name a parent in a subfolder: `{{/partials/layout}}`.
    mutating func readName(_ state: State, closing: Bool = false) throws(TemplateSyntaxError) -> TemplateName {
        skipWhitespace()
        let start = position
        while position < bytes.count, Self.isNameByte(bytes[position], brackets: true) || (closing && bytes[position] == UInt8(ascii: "/")) {
            position += 1
        }
        let written = String(decoding: bytes[start..<position], as: UTF8.self)
        skipWhitespace()
        guard matches(state.endDelimiter, at: position) else { throw unclosed(state) }
        position += state.endDelimiter.count
        guard let (name, transforms) = Self.splitTransforms(written) else {
            throw error("'\(written)' is not a name or a transform applied to a name, such as 'first(items)'", at: tagStart)
        }
        let scope: TemplateName.Scope
        let parts = name.split(separator: ".").map(String.init)
        if name == "." {
            scope = .current
        } else if name.isEmpty, !transforms.isEmpty {
            scope = .position
        } else if parts.isEmpty {
            scope = .current
        } else if name.hasPrefix(".") {
            scope = .innermost
        } else {
            scope = .stack
        }
        return TemplateName(scope: scope, parts: parts, transforms: transforms.reversed(), written: written)
    }

    /// `a(b(c))` → (`c`, [`a`, `b`]); nil when the brackets do not pair up.
    static func splitTransforms(_ written: String) -> (String, [String])? {
        guard written.contains("(") || written.contains(")") else { return (written, []) }
        var transforms: [String] = []
        var rest = Substring(written)
        while let open = rest.firstIndex(of: "(") {
            let word = rest[..<open]
            guard !word.contains(")") else { return nil }
            transforms.append(String(word))
            rest = rest[rest.index(after: open)...]
        }
        guard let close = rest.firstIndex(of: ")") else { return nil }
        let name = String(rest[..<close])
        let closing = rest[close...]
        guard closing.count == transforms.count, closing.allSatisfy({ $0 == ")" }) else { return nil }
        return (name, transforms)
    }

    mutating func readPartialName(_ state: State) throws(TemplateSyntaxError) -> String {
        skipWhitespace()
        let start = position
        while position < bytes.count, Self.isNameByte(bytes[position], brackets: true) || bytes[position] == UInt8(ascii: "/") {
            position += 1
        }
        let name = String(decoding: bytes[start..<position], as: UTF8.self)
        skipWhitespace()
        guard matches(state.endDelimiter, at: position) else { throw unclosed(state) }
        position += state.endDelimiter.count
        return name
    }

    /// `{{=<% %>=}}`: the delimiters of the rest of this template (or section).
    mutating func readDelimiters(_ state: State) throws(TemplateSyntaxError) -> State {
        let offset = tagStart
        let badlyFormed = error("a '\(text(state.startDelimiter))=…=\(text(state.endDelimiter))' tag that sets delimiters is badly formed", at: offset)
        skipWhitespace()
        let startBegin = position
        while position < bytes.count, !Self.isWhitespace(bytes[position]) { position += 1 }
        guard position < bytes.count else { throw badlyFormed }
        let start = Array(bytes[startBegin..<position])
        skipWhitespace()
        let endBegin = position
        while position < bytes.count, !Self.isWhitespace(bytes[position]), bytes[position] != UInt8(ascii: "=") { position += 1 }
        guard position < bytes.count else { throw badlyFormed }
        let end = Array(bytes[endBegin..<position])
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else { throw badlyFormed }
        position += 1
        guard matches(state.endDelimiter, at: position), !start.isEmpty, !end.isEmpty else { throw badlyFormed }
        position += state.endDelimiter.count
        var state = state
        state.startDelimiter = start
        state.endDelimiter = end
        state.parentTopLevel = false
        return state
    }

    /// `{{% CONTENT_TYPE: HTML }}` (escaped variables, the default) or `TEXT` (not escaped).
    mutating func readPragma(_ state: State) throws(TemplateSyntaxError) -> TemplateNode {
        let offset = tagStart
        let bad = error("a '\(text(state.startDelimiter))% … \(text(state.endDelimiter))' pragma is badly formed or unknown (known: CONTENT_TYPE: HTML or TEXT)",
                        at: offset)
        func word() -> String {
            skipWhitespace()
            let start = position
            while position < bytes.count, Self.isNameByte(bytes[position], brackets: false) { position += 1 }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }
        let variable = word()
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw bad }
        position += 1
        let value = word()
        skipWhitespace()
        guard matches(state.endDelimiter, at: position), variable == "CONTENT_TYPE" else { throw bad }
        position += state.endDelimiter.count
        switch value {
        case "HTML": return .escaping(true)
        case "TEXT": return .escaping(false)
        default: throw bad
        }
    }

    // MARK: Errors

    func text(_ delimiter: [UInt8]) -> String { String(decoding: delimiter, as: UTF8.self) }

    func error(_ message: String, at offset: Int) -> TemplateSyntaxError {
        var line = 1, lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == Self.lineFeed {
            line += 1
            lineStart = index + 1
        }
        return TemplateSyntaxError(message: message, line: line, column: offset - lineStart + 1)
    }

    func unclosed(_ state: State) -> TemplateSyntaxError {
        error("'\(text(state.startDelimiter))' is not closed by '\(text(state.endDelimiter))'", at: tagStart)
    }

    func closingError(_ name: String, at offset: Int, _ state: State) -> TemplateSyntaxError {
        let tag = "'\(text(state.startDelimiter))/\(name)\(text(state.endDelimiter))'"
        guard let open = state.open else { return error("\(tag) closes a section that is not open", at: offset) }
        let opened = error("", at: open.offset)
        return error("\(tag) does not close the open section '\(open.name)' (opened on line \(opened.line))", at: offset)
    }
}
