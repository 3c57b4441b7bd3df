import Foundation

/// GitHub-style pipe tables, which libcmark (unlike cmark-gfm) leaves as paragraphs.
///
/// A paragraph whose first line has cells separated by `|` and whose second line is a
/// delimiter row (`|---|:---:|`) with as many cells becomes a table. Cells are split on the
/// source text (a `\|` is a literal pipe) and each is parsed as inline Markdown, with positions
/// moved to the cell's place in the file, so citations in tables are found and located.
struct PipeTables {
    let source: SourceLines
    let parser: MarkdownParser

    init(source: String, parser: MarkdownParser) {
        self.source = SourceLines(text: source)
        self.parser = parser
    }

    /// The source's lines, found the first time a paragraph could be a table (most have no `|`).
    /// A line ends at a line feed, a carriage return, or both, as in CommonMark.
    final class SourceLines {
        let text: String
        /// Where each line starts and ends in the UTF-8 bytes (``String/utf8LineBounds(carriageReturnsEndLines:)``:
        /// splitting the whole text by characters cost more than parsing the document); lines
        /// are cut when asked for.
        private lazy var bounds = text.utf8LineBounds(carriageReturnsEndLines: text.containsUTF8Byte(0x0D))

        init(text: String) { self.text = text }

        var count: Int { bounds.starts.count }

        /// Line `k` (from 0), without its line ending.
        subscript(k: Int) -> Substring { text.utf8Slice(bounds.starts[k], bounds.ends[k]) }
    }

    /// Replaces table paragraphs by tables, in the document and in quotes and list items.
    func rewrite(_ node: inout MarkdownNode) {
        for i in node.children.indices {
            switch node.children[i].kind {
            case .paragraph:
                if let table = table(from: node.children[i]) { node.children[i] = table }
            case .document, .blockQuote, .list, .item:
                rewrite(&node.children[i])
            default:
                continue
            }
        }
    }

    /// The table a paragraph is, or nil.
    func table(from paragraph: MarkdownNode) -> MarkdownNode? {
        let first = paragraph.position.line
        let count = 1 + Self.lineBreaks(in: paragraph)
        guard count >= 2, first >= 1, Self.mayHoldPipes(paragraph) else { return nil }
        let lines = source
        guard first - 1 + count <= lines.count else { return nil }
        let indent = paragraph.position.column - 1
        // The paragraph's source lines, without the quote or list prefix.
        let rows: [(text: Substring, column: Int)] = (0..<count).map { k in
            let line = lines[first - 1 + k]
            let prefix = line.prefix(indent).allSatisfy { $0 == " " || $0 == ">" || $0 == "\t" } ? indent : 0
            return (line.dropFirst(prefix), prefix + 1)
        }
        let header = Self.cells(of: rows[0].text)
        guard header.count >= 1, rows[0].text.contains("|"),
              let alignments = Self.alignments(of: rows[1].text), alignments.count == header.count else { return nil }
        var tableRows = [row(header, line: first, column: rows[0].column, width: header.count, isHeader: true)]
        for k in 2..<count {
            let cells = Self.cells(of: rows[k].text)
            tableRows.append(row(cells, line: first + k, column: rows[k].column, width: header.count, isHeader: false))
        }
        return MarkdownNode(.table(alignments: alignments), children: tableRows, position: paragraph.position)
    }

    func row(_ cells: [(text: String, offset: Int)], line: Int, column: Int, width: Int, isHeader: Bool) -> MarkdownNode {
        var children: [MarkdownNode] = []
        for k in 0..<width {
            let position = MarkdownPosition(line: line, column: column + (k < cells.count ? cells[k].offset : 0))
            var cell = MarkdownNode(.tableCell, position: position)
            if k < cells.count { cell.children = inlines(cells[k].text, at: position) }
            children.append(cell)
        }
        return MarkdownNode(.tableRow(header: isHeader), children: children, position: MarkdownPosition(line: line, column: column))
    }

    /// A cell's text parsed as inline Markdown, positioned in the file.
    func inlines(_ text: String, at position: MarkdownPosition) -> [MarkdownNode] {
        guard !text.isEmpty else { return [] }
        let parsed = parser.parse(text).document
        guard parsed.children.count == 1, case .paragraph = parsed.children[0].kind else {
            return [MarkdownNode(.text(text), position: position)]  // "# x" or "- x" in a cell is text
        }
        return parsed.children[0].children.map { Self.moved($0, to: position) }
    }

    /// A node parsed on its own (line 1) moved to `position`.
    static func moved(_ node: MarkdownNode, to position: MarkdownPosition) -> MarkdownNode {
        var node = node
        node.position = MarkdownPosition(line: position.line, column: position.column + node.position.column - 1)
        node.children = node.children.map { moved($0, to: position) }
        return node
    }

    /// The cells of a row: split on `|` not preceded by a backslash, outer pipes dropped,
    /// trimmed; each with its byte offset in the row.
    static func cells(of row: Substring) -> [(text: String, offset: Int)] {
        let bytes = Array(row.utf8)
        var cells: [(String, Int)] = []
        var start = 0
        var k = 0
        func add(_ range: Range<Int>) {
            var lower = range.lowerBound, upper = range.upperBound
            while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0x09 { lower += 1 }
            while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 { upper -= 1 }
            var text = String(decoding: bytes[lower..<upper], as: UTF8.self)
            if bytes[lower..<upper].contains(UInt8(ascii: "\\")) { text = text.replacingOccurrences(of: "\\|", with: "|") }
            cells.append((text, lower))
        }
        while k < bytes.count {
            if bytes[k] == UInt8(ascii: "\\") { k += 2; continue }
            if bytes[k] == UInt8(ascii: "|") {
                add(start..<k)
                start = k + 1
            }
            k += 1
        }
        add(start..<bytes.count)
        // A leading or trailing pipe leaves an empty first or last cell.
        if let first = cells.first, first.0.isEmpty, bytes.first(where: { $0 != 0x20 }) == UInt8(ascii: "|") { cells.removeFirst() }
        if let last = cells.last, last.0.isEmpty, bytes.last(where: { $0 != 0x20 }) == UInt8(ascii: "|"), !cells.isEmpty { cells.removeLast() }
        return cells
    }

    /// The alignments of a delimiter row (`| :--- | :---: | ---: |`), or nil if it is not one.
    static func alignments(of row: Substring) -> [TableAlignment]? {
        guard row.contains("-") else { return nil }
        var result: [TableAlignment] = []
        for (cell, _) in cells(of: row) {
            let left = cell.hasPrefix(":"), right = cell.hasSuffix(":")
            let dashes = cell.dropFirst(left ? 1 : 0).dropLast(right && cell.count > 1 ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            result.append(left && right ? .center : left ? .left : right ? .right : .none)
        }
        return result.isEmpty ? nil : result
    }

    /// Whether a `|` appears anywhere in the node's text (a table's delimiter row always has one).
    static func mayHoldPipes(_ node: MarkdownNode) -> Bool {
        switch node.kind {
        case let .text(s), let .code(s), let .htmlInline(s):
            if s.containsUTF8Byte(UInt8(ascii: "|")) { return true }
        case let .link(destination, title), let .image(destination, title):
            if destination.utf8.contains(UInt8(ascii: "|")) || title.utf8.contains(UInt8(ascii: "|")) { return true }
        default:
            break
        }
        return node.children.contains { mayHoldPipes($0) }
    }

    /// Soft and hard line breaks anywhere in a node.
    static func lineBreaks(in node: MarkdownNode) -> Int {
        var count = 0
        for child in node.children {
            switch child.kind {
            case .softBreak, .lineBreak: count += 1
            default: count += lineBreaks(in: child)
            }
        }
        return count
    }
}
