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
        var out = ""
        render(node, into: &out, tight: false)
        return out
    }

    /// The HTML of a node's children only (inline content of a paragraph, for instance).
    public func renderChildren(_ node: MarkdownNode) -> String {
        var out = ""
        for child in node.children { render(child, into: &out, tight: false) }
        return out
    }

    private func text(_ s: String) -> String {
        HTMLEscaping.escape(frenchTypography ? FrenchTypography.apply(to: s) : s)
    }

    private func renderRow(_ row: MarkdownNode, alignments: [TableAlignment], into out: inout String) {
        let header: Bool
        if case let .tableRow(isHeader) = row.kind { header = isHeader } else { header = false }
        let tag = header ? "th" : "td"
        out += "<tr>"
        for (column, cell) in row.children.enumerated() {
            out += "<\(tag)"
            if header { out += " scope=\"col\"" }
            switch column < alignments.count ? alignments[column] : .none {
            case .none: break
            case .left: out += " class=\"align-left\""
            case .center: out += " class=\"align-center\""
            case .right: out += " class=\"align-right\""
            }
            out += ">"
            for child in cell.children { render(child, into: &out, tight: false) }
            out += "</\(tag)>"
        }
        out += "</tr>\n"
    }

    private func render(_ node: MarkdownNode, into out: inout String, tight: Bool) {
        switch node.kind {
        case .document:
            for child in node.children { render(child, into: &out, tight: false) }
        case .blockQuote:
            out += "<blockquote>\n"
            for child in node.children { render(child, into: &out, tight: false) }
            out += "</blockquote>\n"
        case let .list(ordered, start, isTight):
            if ordered {
                out += start == 1 ? "<ol>\n" : "<ol start=\"\(start)\">\n"
            } else {
                out += "<ul>\n"
            }
            for child in node.children { render(child, into: &out, tight: isTight) }
            out += ordered ? "</ol>\n" : "</ul>\n"
        case .item:
            out += "<li>"
            for (index, child) in node.children.enumerated() {
                if tight, case .paragraph = child.kind {
                    for inline in child.children { render(inline, into: &out, tight: tight) }
                    if index < node.children.count - 1 { out += "\n" }
                } else {
                    if index == 0 { out += "\n" }
                    render(child, into: &out, tight: tight)
                }
            }
            out += "</li>\n"
        case let .codeBlock(info, literal):
            let language = info.split(separator: " ").first.map(String.init) ?? ""
            if language.isEmpty {
                out += "<pre><code>"
            } else {
                out += "<pre><code class=\"language-\(HTMLEscaping.escape(language))\">"
            }
            out += HTMLEscaping.escape(literal)
            out += "</code></pre>\n"
        case let .htmlBlock(html):
            if allowsRawHTML { out += html }
        case .paragraph:
            out += "<p>"
            for child in node.children { render(child, into: &out, tight: tight) }
            out += "</p>\n"
        case let .heading(level, anchor):
            if let anchor {
                out += "<h\(level) id=\"\(HTMLEscaping.escape(anchor))\">"
            } else {
                out += "<h\(level)>"
            }
            for child in node.children { render(child, into: &out, tight: tight) }
            out += "</h\(level)>\n"
        case .thematicBreak:
            out += "<hr>\n"
        case let .table(alignments):
            out += "<div class=\"table-wrap\"><table>\n"
            for (index, row) in node.children.enumerated() {
                if index == 0 { out += "<thead>\n" }
                if index == 1 { out += "<tbody>\n" }
                renderRow(row, alignments: alignments, into: &out)
                if index == 0 { out += "</thead>\n" }
            }
            if node.children.count > 1 { out += "</tbody>\n" }
            out += "</table></div>\n"
        case .tableRow:
            renderRow(node, alignments: [], into: &out)
        case .tableCell:
            for child in node.children { render(child, into: &out, tight: tight) }
        case let .text(s):
            out += text(s)
        case .softBreak:
            out += "\n"
        case .lineBreak:
            out += "<br>\n"
        case let .code(s):
            out += "<code>" + HTMLEscaping.escape(s) + "</code>"
        case let .htmlInline(html):
            if allowsRawHTML { out += html }
        case .emphasis:
            out += "<em>"
            for child in node.children { render(child, into: &out, tight: tight) }
            out += "</em>"
        case .strong:
            out += "<strong>"
            for child in node.children { render(child, into: &out, tight: tight) }
            out += "</strong>"
        case let .link(destination, title):
            out += "<a"
            if HTMLEscaping.isSafeURL(destination) {
                out += " href=\"" + HTMLEscaping.escapeURL(destination) + "\""
            }
            if !title.isEmpty { out += " title=\"" + HTMLEscaping.escape(title) + "\"" }
            out += ">"
            for child in node.children { render(child, into: &out, tight: tight) }
            out += "</a>"
        case let .reference(href, title, id):
            out += "<a class=\"ref\""
            if let id { out += " id=\"" + HTMLEscaping.escape(id) + "\"" }
            out += " href=\"" + HTMLEscaping.escapeURL(href) + "\""
            if !title.isEmpty { out += " title=\"" + HTMLEscaping.escape(title) + "\"" }
            out += ">"
            for child in node.children { render(child, into: &out, tight: tight) }
            out += "</a>"
        case let .image(source, title):
            out += "<img src=\""
            if HTMLEscaping.isSafeURL(source) || source.lowercased().hasPrefix("data:image/") {
                out += HTMLEscaping.escapeURL(source)
            }
            out += "\" alt=\"" + HTMLEscaping.escape(node.plainText) + "\""
            if !title.isEmpty { out += " title=\"" + HTMLEscaping.escape(title) + "\"" }
            out += ">"
        }
    }
}
