/// Renders parsed templates into UTF-8 bytes: one renderer per page, one output buffer, the
/// context stack kept as an array that sections push onto and pop.
///
/// What each value does in a section, a variable or a transform is swift-mustache's behaviour
/// (see ``Template``), so a theme renders the same: a list repeats the section for each item, a
/// boolean shows it or not, any other value shows it once with that value innermost.
struct TemplateRenderer {
    let library: TemplateLibrary
    var out: [UInt8] = []
    /// The values sections have opened, innermost last; names are looked up from the end.
    var stack: [TemplateValue]
    /// How many partials and parents are open; past ``maximumDepth``, rendering stops.
    var depth = 0
    /// The partial that went past ``maximumDepth``, if one did (the page is then not written).
    var tooDeep: String?

    static let maximumDepth = 100

    init(library: TemplateLibrary, root: TemplateValue) {
        self.library = library
        stack = [root]
    }

    /// Where the renderer is, besides the stack.
    struct Frame {
        /// Put before each line of a standalone partial or block.
        var indentation: [UInt8]?
        /// The blocks that child templates override (`{{<parent}}{{$block}}…{{/block}}{{/parent}}`).
        var overrides: [String: [TemplateNode]]?
        /// The item's place while a list renders, for `{{#first()}}` and the like.
        var position: ListPosition?
        /// Whether `{{name}}` is HTML-escaped (`{{% CONTENT_TYPE: TEXT }}` turns it off).
        var escapes = true
    }

    /// An item's place in the list being rendered.
    struct ListPosition {
        var index: Int
        var isLast: Bool
    }

    static let lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    mutating func render(_ nodes: [TemplateNode], _ frame: Frame) {
        var frame = frame
        guard let indentation = frame.indentation, !indentation.isEmpty else {
            for node in nodes { render(node, &frame) }
            return
        }
        // Indented: a node that writes something at the start of a line (of what this call
        // wrote) gets the indentation first.
        let start = out.count
        for node in nodes {
            let atLineStart = endsLine(since: start)
            let before = out.count
            render(node, &frame)
            if atLineStart, out.count > before { out.insert(contentsOf: indentation, at: before) }
        }
    }

    /// Whether what was written since `start` ends with a line feed (a CR LF counts as one character, not a line feed).
    func endsLine(since start: Int) -> Bool {
        let count = out.count
        guard count > start, out[count - 1] == Self.lineFeed else { return false }
        return count - 1 == start || out[count - 2] != Self.carriageReturn
    }

    mutating func render(_ node: TemplateNode, _ frame: inout Frame) {
        switch node {
        case let .text(bytes):
            out.append(contentsOf: bytes)
        case let .variable(name, escaped):
            guard let value = lookup(name, frame) else { return }
            write(value, escaped: escaped && frame.escapes)
        case let .section(name, nodes, inverted):
            let value = lookup(name, frame)
            if inverted { renderInverted(value, nodes, frame) } else { renderSection(value, nodes, frame) }
        case let .partial(name, dynamic, indentation, overrides):
            var templateName = name
            if dynamic {
                guard case let .text(named)? = lookup(TemplateName(scope: .stack, parts: name.split(separator: ".").map(String.init),
                                                                   transforms: [], written: name), frame) else { return }
                templateName = named
            }
            guard let template = library[templateName], tooDeep == nil else { return }
            guard depth < Self.maximumDepth else {
                tooDeep = templateName
                return
            }
            depth += 1
            defer { depth -= 1 }
            var inner = Frame()
            inner.indentation = indentation.map { (frame.indentation ?? []) + $0 } ?? frame.indentation
            inner.overrides = frame.overrides
            if let overrides {
                // The outermost override of a block wins: a child's blocks beat its parent's.
                inner.overrides = (frame.overrides ?? [:]).merging(overrides) { outer, _ in outer }
            }
            render(template.nodes, inner)
        case let .block(name, defaultNodes, indentation):
            var inner = frame
            inner.indentation = (frame.indentation ?? []) + indentation
            inner.position = nil
            render(frame.overrides?[name] ?? defaultNodes, inner)
        case .blockDefinition:
            break
        case let .escaping(escapes):
            frame.escapes = escapes
        }
    }

    mutating func renderSection(_ value: TemplateValue?, _ nodes: [TemplateNode], _ frame: Frame) {
        switch value {
        case nil:
            return
        case let .list(items)?:
            var inner = frame
            for (index, item) in items.enumerated() {
                stack.append(item)
                inner.position = ListPosition(index: index, isLast: index == items.count - 1)
                render(nodes, inner)
                stack.removeLast()
            }
        case let .bool(shown)?:
            if shown { render(nodes, frame) }
        case let value?:
            stack.append(value)
            var inner = frame
            inner.position = nil
            render(nodes, inner)
            stack.removeLast()
        }
    }

    mutating func renderInverted(_ value: TemplateValue?, _ nodes: [TemplateNode], _ frame: Frame) {
        switch value {
        case nil:
            render(nodes, frame)
        case let .list(items)? where items.isEmpty:
            stack.append(.list(items))
            var inner = frame
            inner.position = nil
            render(nodes, inner)
            stack.removeLast()
        case let .bool(shown)?:
            if !shown { render(nodes, frame) }
        default:
            return
        }
    }

    /// A name's value: its first part from the innermost value that has it, outwards; then transforms.
    func lookup(_ name: TemplateName, _ frame: Frame) -> TemplateValue? {
        var value: TemplateValue?
        var transforms = name.transforms[...]
        switch name.scope {
        case .current:
            value = stack.last
        case .position:
            guard let position = frame.position, let first = transforms.popFirst() else { return nil }
            value = TemplateTransforms.apply(first, to: position)
        case .innermost:
            value = stack.last
            for part in name.parts {
                value = value?.child(named: part)
            }
        case .stack:
            let first = name.parts[0]
            for object in stack.reversed() {
                if let child = object.child(named: first) {
                    value = child
                    break
                }
            }
            for part in name.parts.dropFirst() {
                value = value?.child(named: part)
            }
        }
        for transform in transforms {
            guard let current = value else { return nil }
            value = TemplateTransforms.apply(transform, to: current)
        }
        return value
    }

    /// A value in `{{name}}`: text (escaped or not), a number, `true` or `false`; a list or an object writes nothing.
    mutating func write(_ value: TemplateValue, escaped: Bool) {
        switch value {
        case let .text(text):
            if escaped { HTMLEscaping.escape(text, into: &out) } else { out.append(contentsOf: text.utf8) }
        case let .number(number):
            out.append(contentsOf: String(number).utf8)
        case let .bool(flag):
            out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .list, .object:
            return
        }
    }
}
