import Ccmark

/// Parses CommonMark with libcmark and converts the C tree into ``MarkdownNode`` values.
///
/// This is the only file that touches libcmark. Parsing never fails: any text is Markdown.
/// Adjacent text nodes are merged (libcmark splits text at punctuation), and content nested
/// deeper than ``maximumDepth`` is kept as plain text so that later passes can recurse safely.
public struct MarkdownParser: Sendable {
    /// Nesting deeper than this is flattened into text (and reported by ``Result/wasFlattened``).
    public var maximumDepth: Int

    public init(maximumDepth: Int = 64) {
        self.maximumDepth = maximumDepth
    }

    /// The parsed document and whether some of it was nested too deep.
    public struct Result: Sendable {
        public var document: MarkdownNode
        /// True when nesting beyond ``MarkdownParser/maximumDepth`` was flattened into text.
        public var wasFlattened: Bool
    }

    /// Parses `text` into a document tree.
    public func parse(_ text: String) -> Result {
        let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8
        // Parsed from the string's own bytes, not a copy of them.
        var text = text
        let root: OpaquePointer? = text.withUTF8 { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return cmark_parse_document("", 0, options) }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { cmark_parse_document($0, buffer.count, options) }
        }
        guard let root else {
            return Result(document: MarkdownNode(.document, position: .init(line: 1, column: 1)), wasFlattened: false)
        }
        defer { cmark_node_free(root) }
        var result = convert(root)
        if text.containsUTF8Byte(UInt8(ascii: "|")) {
            PipeTables(source: text, parser: self).rewrite(&result.document)
        }
        return result
    }

    /// Converts with an explicit stack (libcmark's iterator), so deep input cannot overflow ours.
    private func convert(_ root: OpaquePointer) -> Result {
        guard let iterator = cmark_iter_new(root) else {
            return Result(document: MarkdownNode(.document, position: .init(line: 1, column: 1)), wasFlattened: false)
        }
        defer { cmark_iter_free(iterator) }

        var stack: [MarkdownNode] = []
        var flattenedDepth = 0   // > 0 while inside a subtree that is too deep
        var flattenedText = ""
        var wasFlattened = false

        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let isContainer = Self.isContainer(type)

            if flattenedDepth > 0 {
                if event == CMARK_EVENT_ENTER {
                    if let literal = Self.literal(node) { flattenedText += literal + " " }
                    if isContainer { flattenedDepth += 1 }
                } else if event == CMARK_EVENT_EXIT, isContainer {
                    flattenedDepth -= 1
                    if flattenedDepth == 0 {
                        let text = MarkdownNode(.text(flattenedText), position: Self.position(node))
                        let paragraph = MarkdownNode(.paragraph, children: [text], position: Self.position(node))
                        stack[stack.count - 1].children.append(paragraph)
                        flattenedText = ""
                    }
                }
                continue
            }

            if event == CMARK_EVENT_ENTER {
                let value = MarkdownNode(Self.kind(node, type), position: Self.position(node))
                if isContainer {
                    if stack.count >= maximumDepth {
                        flattenedDepth = 1
                        wasFlattened = true
                        continue
                    }
                    stack.append(value)
                } else if !stack.isEmpty {
                    Self.append(value, to: &stack[stack.count - 1])
                }
            } else if event == CMARK_EVENT_EXIT, isContainer {
                guard let finished = stack.popLast() else { continue }
                if stack.isEmpty {
                    return Result(document: finished, wasFlattened: wasFlattened)
                }
                Self.append(finished, to: &stack[stack.count - 1])
            }
        }
        return Result(document: stack.first ?? MarkdownNode(.document, position: .init(line: 1, column: 1)),
                      wasFlattened: wasFlattened)
    }

    /// Appends a child, merging it into a preceding text node when both are text.
    private static func append(_ child: MarkdownNode, to parent: inout MarkdownNode) {
        if case let .text(new) = child.kind, let last = parent.children.indices.last, case var .text(old) = parent.children[last].kind {
            // A placeholder while the text grows, so that it is its only holder and grows in
            // place: libcmark splits French text at every apostrophe and quote.
            parent.children[last].kind = .softBreak
            old += new
            parent.children[last].kind = .text(old)
        } else {
            parent.children.append(child)
        }
    }

    private static func isContainer(_ type: cmark_node_type) -> Bool {
        switch type {
        case CMARK_NODE_DOCUMENT, CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM,
             CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_EMPH, CMARK_NODE_STRONG,
             CMARK_NODE_LINK, CMARK_NODE_IMAGE, CMARK_NODE_CUSTOM_BLOCK, CMARK_NODE_CUSTOM_INLINE:
            true
        default:
            false
        }
    }

    private static func position(_ node: OpaquePointer) -> MarkdownPosition {
        MarkdownPosition(line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)))
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    private static func literal(_ node: OpaquePointer) -> String? {
        cmark_node_get_literal(node).map { String(cString: $0) }
    }

    private static func kind(_ node: OpaquePointer, _ type: cmark_node_type) -> MarkdownNode.Kind {
        switch type {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST:
            return .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                         start: Int(cmark_node_get_list_start(node)),
                         tight: cmark_node_get_list_tight(node) != 0)
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK:
            return .codeBlock(info: string(cmark_node_get_fence_info(node)), literal: string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock(string(cmark_node_get_literal(node)))
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)), anchor: nil)
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text(string(cmark_node_get_literal(node)))
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code(string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_INLINE: return .htmlInline(string(cmark_node_get_literal(node)))
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK:
            return .link(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case CMARK_NODE_IMAGE:
            return .image(source: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        default:
            return .text(literal(node) ?? "")
        }
    }
}
