/// Renders a ``MarkdownNode`` tree as HTML.
///
/// Raw HTML from authors is dropped unless ``allowsRawHTML`` (the site's `unsafe_html`);
/// links with a `javascript:`-like scheme lose their `href`; French text gets French spacing.
public struct HTMLRenderer: Sendable {
    /// Whether raw HTML written in Markdown is copied to the page.
    public var allowsRawHTML: Bool
    /// Whether French typographic spacing is applied to text.
    public var frenchTypography: Bool

    public init(allowsRawHTML: Bool = false, frenchTypography: Bool = false) {
        self.allowsRawHTML = allowsRawHTML
        self.frenchTypography = frenchTypography
    }

    /// The HTML of a document or of any node.
    public func render(_ node: MarkdownNode) -> String {
        var out = HTMLOutput()
        render(node, into: &out, tight: false)
        return out.string
    }

    /// The HTML of a node's children only (inline content of a paragraph, for instance).
    public func renderChildren(_ node: MarkdownNode) -> String {
        var out = HTMLOutput()
        for child in node.children { render(child, into: &out, tight: false) }
        return out.string
    }

    /// Text as it is shown: French spacing when the page is French, then escaped.
    private func text(_ s: String, into out: inout HTMLOutput) {
        out.escaped(frenchTypography ? FrenchTypography.apply(to: s) : s)
    }

    private func renderRow(_ row: MarkdownNode, alignments: [TableAlignment], into out: inout HTMLOutput) {
        let header: Bool
        if case let .tableRow(isHeader) = row.kind { header = isHeader } else { header = false }
        out.raw("<tr>")
        for (column, cell) in row.children.enumerated() {
            out.raw(header ? "<th" : "<td")
            if header { out.raw(" scope=\"col\"") }
            switch column < alignments.count ? alignments[column] : .none {
            case .none: break
            case .left: out.raw(" class=\"align-left\"")
            case .center: out.raw(" class=\"align-center\"")
            case .right: out.raw(" class=\"align-right\"")
            }
            out.raw(">")
            for child in cell.children { render(child, into: &out, tight: false) }
            out.raw(header ? "</th>" : "</td>")
        }
        out.raw("</tr>\n")
    }

    private func render(_ node: MarkdownNode, into out: inout HTMLOutput, tight: Bool) {
        switch node.kind {
        case .document:
            for child in node.children { render(child, into: &out, tight: false) }
        case .blockQuote:
            out.raw("<blockquote>\n")
            for child in node.children { render(child, into: &out, tight: false) }
            out.raw("</blockquote>\n")
        case let .list(ordered, start, isTight):
            if ordered {
                if start == 1 {
                    out.raw("<ol>\n")
                } else {
                    out.raw("<ol start=\"")
                    out.append(String(start))
                    out.raw("\">\n")
                }
            } else {
                out.raw("<ul>\n")
            }
            for child in node.children { render(child, into: &out, tight: isTight) }
            out.raw(ordered ? "</ol>\n" : "</ul>\n")
        case .item:
            out.raw("<li>")
            for (index, child) in node.children.enumerated() {
                if tight, case .paragraph = child.kind {
                    for inline in child.children { render(inline, into: &out, tight: tight) }
                    if index < node.children.count - 1 { out.raw("\n") }
                } else {
                    if index == 0 { out.raw("\n") }
                    render(child, into: &out, tight: tight)
                }
            }
            out.raw("</li>\n")
        case let .codeBlock(info, literal):
            let language = info.split(separator: " ").first.map(String.init) ?? ""
            if language.isEmpty {
                out.raw("<pre><code>")
            } else {
                out.raw("<pre><code class=\"language-")
                out.escaped(language)
                out.raw("\">")
            }
            out.escaped(literal)
            out.raw("</code></pre>\n")
        case let .htmlBlock(html):
            if allowsRawHTML { out.append(html) }
        case .paragraph:
            out.raw("<p>")
            for child in node.children { render(child, into: &out, tight: tight) }
            out.raw("</p>\n")
        case let .heading(level, anchor):
            out.raw("<h")
            out.append(String(level))
            if let anchor {
                out.raw(" id=\"")
                out.escaped(anchor)
                out.raw("\"")
            }
            out.raw(">")
            for child in node.children { render(child, into: &out, tight: tight) }
            out.raw("</h")
            out.append(String(level))
            out.raw(">\n")
        case .thematicBreak:
            out.raw("<hr>\n")
        case let .table(alignments):
            out.raw("<div class=\"table-wrap\"><table>\n")
            for (index, row) in node.children.enumerated() {
                if index == 0 { out.raw("<thead>\n") }
                if index == 1 { out.raw("<tbody>\n") }
                renderRow(row, alignments: alignments, into: &out)
                if index == 0 { out.raw("</thead>\n") }
            }
            if node.children.count > 1 { out.raw("</tbody>\n") }
            out.raw("</table></div>\n")
        case .tableRow:
            renderRow(node, alignments: [], into: &out)
        case .tableCell:
            for child in node.children { render(child, into: &out, tight: tight) }
        case let .text(s):
            text(s, into: &out)
        case .softBreak:
            out.raw("\n")
        case .lineBreak:
            out.raw("<br>\n")
        case let .code(s):
            out.raw("<code>")
            out.escaped(s)
            out.raw("</code>")
        case let .htmlInline(html):
            if allowsRawHTML { out.append(html) }
        case .emphasis:
            out.raw("<em>")
            for child in node.children { render(child, into: &out, tight: tight) }
            out.raw("</em>")
        case .strong:
            out.raw("<strong>")
            for child in node.children { render(child, into: &out, tight: tight) }
            out.raw("</strong>")
        case let .link(destination, title):
            out.raw("<a")
            if HTMLEscaping.isSafeURL(destination) {
                out.raw(" href=\"")
                out.append(HTMLEscaping.escapeURL(destination))
                out.raw("\"")
            }
            out.title(title)
            out.raw(">")
            for child in node.children { render(child, into: &out, tight: tight) }
            out.raw("</a>")
        case let .reference(href, title, id):
            out.raw("<a class=\"ref\"")
            if let id {
                out.raw(" id=\"")
                out.escaped(id)
                out.raw("\"")
            }
            out.raw(" href=\"")
            out.append(HTMLEscaping.escapeURL(href))
            out.raw("\"")
            out.title(title)
            out.raw(">")
            for child in node.children { render(child, into: &out, tight: tight) }
            out.raw("</a>")
        case let .image(source, title):
            out.raw("<img src=\"")
            if HTMLEscaping.isSafeURL(source) || source.lowercased().hasPrefix("data:image/") {
                out.append(HTMLEscaping.escapeURL(source))
            }
            out.raw("\" alt=\"")
            out.escaped(node.plainText)
            out.raw("\"")
            out.title(title)
            out.raw(">")
        }
    }
}

/// The HTML being written, as UTF-8 bytes: appending bytes costs less than appending strings
/// (a document is written in hundreds of small pieces), and escaping writes straight into them.
private struct HTMLOutput {
    var bytes: [UInt8] = []

    /// The HTML written, as a string.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Markup, as it is.
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Text that is already HTML (raw HTML an author may write, an escaped URL, a number).
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Text, escaped (``HTMLEscaping/escape(_:)``).
    mutating func escaped(_ text: String) {
        HTMLEscaping.escape(text, into: &bytes)
    }

    /// ` title="…"` when the title is not empty.
    mutating func title(_ title: String) {
        guard !title.isEmpty else { return }
        raw(" title=\"")
        escaped(title)
        raw("\"")
    }
}
