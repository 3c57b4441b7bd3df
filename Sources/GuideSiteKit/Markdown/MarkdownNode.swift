/// A position in a Markdown text: line and byte column, from 1 (as libcmark reports them).
public struct MarkdownPosition: Hashable, Sendable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// One node of a parsed Markdown document: a Swift value, with no pointer into libcmark.
///
/// The tree is built by ``MarkdownParser`` and rewritten by passes such as ``ContentLinker``
/// before ``HTMLRenderer`` turns it into HTML.
public struct MarkdownNode: Sendable {
    /// What kind of node this is, with the data that kind carries.
    public enum Kind: Sendable {
        // Blocks
        case document
        case blockQuote
        case list(ordered: Bool, start: Int, tight: Bool)
        case item
        case codeBlock(info: String, literal: String)
        case htmlBlock(String)
        case paragraph
        case heading(level: Int, anchor: String?)
        case thematicBreak
        /// A pipe table (GitHub style); its children are rows, the first the header.
        case table(alignments: [TableAlignment])
        case tableRow(header: Bool)
        /// A cell; its children are inlines.
        case tableCell
        // Inlines
        case text(String)
        case softBreak
        case lineBreak
        case code(String)
        case htmlInline(String)
        case emphasis
        case strong
        case link(destination: String, title: String)
        case image(source: String, title: String)
        /// A link made by guidesite (a resolved citation or cross-reference); `id` marks its place.
        case reference(href: String, title: String, id: String?)
    }

    public var kind: Kind
    public var children: [MarkdownNode]
    /// Where the node starts in the Markdown text.
    public var position: MarkdownPosition

    public init(_ kind: Kind, children: [MarkdownNode] = [], position: MarkdownPosition) {
        self.kind = kind
        self.children = children
        self.position = position
    }

    /// Whether this is a block-level node.
    public var isBlock: Bool {
        switch kind {
        case .document, .blockQuote, .list, .item, .codeBlock, .htmlBlock, .paragraph, .heading, .thematicBreak,
             .table, .tableRow, .tableCell:
            true
        default:
            false
        }
    }

    /// The text a reader sees in this node and its children (code included, markup dropped).
    public var plainText: String {
        var out = ""
        appendPlainText(to: &out)
        return out
    }

    func appendPlainText(to out: inout String) {
        switch kind {
        case let .text(s), let .code(s):
            out += s
        case .softBreak, .lineBreak:
            out += " "
        case let .codeBlock(_, literal):
            out += literal
        case .htmlBlock, .htmlInline:
            break
        default:
            for child in children {
                child.appendPlainText(to: &out)
                if child.isBlock { out += "\n" }
            }
        }
    }
}

/// How a table column is aligned, from the colons of its delimiter row.
public enum TableAlignment: Sendable, Hashable {
    case none, left, center, right
}
