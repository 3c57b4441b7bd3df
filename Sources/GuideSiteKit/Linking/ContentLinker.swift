import Foundation

/// One heading of a page, for its table of contents.
public struct TableOfContentsEntry: Sendable, Hashable {
    public var level: Int
    public var title: String
    public var anchor: String
}

/// One place where a text cites a provision: what it cites, where, and the sentence that does.
public struct CitationOccurrence: Sendable, Hashable {
    public var target: ProvisionKey
    /// The page that cites (site-relative path).
    public var page: String
    /// The id of the link in that page, so readers land on the citing sentence.
    public var anchor: String?
    public var sentence: String
    public var location: SourceLocation
    /// The anchor of the heading the citation is under; nil before the first heading.
    public var section: String? = nil
}

extension CitationOccurrence {
    /// A hash of what pages show of a citation (all but its source location, which only
    /// `references.json` shows): what the keys of pages that list citations combine instead of
    /// the texts themselves (``LinkedDocument/occurrenceDigests`` keeps them). A line added above
    /// a citation moves its location, not its digest, and re-renders no provision page.
    var digest: UInt64 {
        var hasher = StableHash()
        hasher.combine(target.description)
        hasher.combine(page)
        hasher.combine(anchor ?? "\u{0}none")
        hasher.combine(sentence)
        hasher.combine(section ?? "\u{0}none")
        return hasher.value
    }
}

/// A link to another article's heading that can only be checked once every page is linked.
public struct AnchorReference: Sendable, Hashable {
    public var page: String
    public var anchor: String
    public var location: SourceLocation
}

/// What the linker knows about the site: articles by file name, provisions, pages.
public struct LinkContext: Sendable {
    public var routes: Routes
    /// Article pages by the file's base name (`autre-article` for `autre-article.md`): the page in
    /// this language, or in the default language when the article has no translation.
    public var articlePaths: [String: String]
    public var finder: any CitationFinding
    /// The site path of a provision's page, in the citing text's language.
    public var provisionPath: @Sendable (ProvisionKey) -> String
    /// How a provision is named in a link text or title (`art. 3.09.10`, `Recommandation 4`).
    public var provisionLabel: @Sendable (ProvisionKey) -> String
    public var allowsRawHTML: Bool
}

/// Rewrites a Markdown tree in place: anchors on headings, links to provisions and articles,
/// citations in plain text turned into checked links; reports what does not resolve.
///
/// One linker handles one Markdown document of one page. It is the only pass that changes the
/// tree; the renderer then only prints it.
public struct ContentLinker {
    public let context: LinkContext
    public let source: DocumentSource
    /// The site path of the page this document appears on.
    public let page: String
    public let defaultCode: String?
    /// Prefix for citation anchors, so several documents on one page don't collide.
    public let anchorPrefix: String

    public private(set) var tableOfContents: [TableOfContentsEntry] = []
    public private(set) var occurrences: [CitationOccurrence] = []
    public private(set) var anchorReferences: [AnchorReference] = []
    /// Every file name looked up in ``LinkContext/articlePaths``, once each, in the order of
    /// first use, with what it resolved to.
    public private(set) var articleLookups: [ArticleLookup] = []
    private var lookedUp: Set<String> = []
    public private(set) var diagnostics: [Diagnostic] = []
    private var anchors: AnchorAllocator
    private var citationCount = 0
    private var warnedRawHTML = false
    private var blockText = ""     // plain text of the current block, for citing sentences
    private var blockOffset = 0    // bytes of it already walked
    private var currentSection: String?  // anchor of the last heading walked
    private var rowText: String?  // inside a table row: the row, which is the citing "sentence"

    public init(context: LinkContext, source: DocumentSource, page: String, defaultCode: String?,
                anchorPrefix: String = "cite", reservedAnchors: Set<String> = []) {
        self.context = context
        self.source = source
        self.page = page
        self.defaultCode = defaultCode
        self.anchorPrefix = anchorPrefix
        self.anchors = AnchorAllocator(reserved: reservedAnchors)
    }

    /// Links `document` and returns the rewritten tree.
    public mutating func link(_ document: MarkdownNode) -> MarkdownNode {
        var node = document
        visitBlock(&node)
        return node
    }

    // MARK: Blocks

    private mutating func visitBlock(_ node: inout MarkdownNode) {
        switch node.kind {
        case let .heading(level, _):
            let title = node.plainText
            let anchor = anchors.allocate(for: title)
            node.kind = .heading(level: level, anchor: anchor)
            tableOfContents.append(TableOfContentsEntry(level: level, title: title, anchor: anchor))
            currentSection = anchor
            fillEmptyLinkLabels(&node.children)
            beginBlock(node)
            visitInlines(&node.children)
        case .tableRow:
            rowText = node.children.map { $0.plainText.trimmingWhitespace() }.filter { !$0.isEmpty }
                .joined(separator: " — ")
            for i in node.children.indices { visitBlock(&node.children[i]) }
            rowText = nil
        case .paragraph, .tableCell:
            fillEmptyLinkLabels(&node.children)
            beginBlock(node)
            visitInlines(&node.children)
        case .htmlBlock:
            warnRawHTML(at: node.position)
        case .codeBlock, .thematicBreak:
            break
        default:
            for i in node.children.indices { visitBlock(&node.children[i]) }
        }
    }

    /// Gives `[](code:…)` links their provision's name before the block's text is taken,
    /// so the citing sentence reads as the page does.
    private func fillEmptyLinkLabels(_ nodes: inout [MarkdownNode]) {
        for i in nodes.indices {
            if case let .link(destination, _) = nodes[i].kind {
                guard nodes[i].plainText.allSatisfy(\.isWhitespace),
                      case let .target(key)? = context.finder.resolveLink(destination, defaultCode: defaultCode) else { continue }
                nodes[i].children = [MarkdownNode(.text(context.provisionLabel(key)), position: nodes[i].position)]
            } else if !nodes[i].children.isEmpty {
                fillEmptyLinkLabels(&nodes[i].children)
            }
        }
    }

    private mutating func beginBlock(_ node: MarkdownNode) {
        blockText = node.plainText
        blockOffset = 0
    }

    private mutating func warnRawHTML(at position: MarkdownPosition) {
        guard !context.allowsRawHTML, !warnedRawHTML else { return }
        warnedRawHTML = true
        diagnostics.append(.warning("raw HTML is left out of the page (set 'unsafe_html: true' in site.yaml to allow it)",
                                    at: source.location(of: position)))
    }

    // MARK: Inlines

    private mutating func visitInlines(_ nodes: inout [MarkdownNode]) {
        var result: [MarkdownNode] = []
        result.reserveCapacity(nodes.count)
        for var node in nodes {
            switch node.kind {
            case let .text(text):
                result += linkCitations(in: text, node: node)
                blockOffset += text.utf8.count
            case let .code(text):
                blockOffset += text.utf8.count
                result.append(node)
            case .softBreak, .lineBreak:
                blockOffset += 1
                result.append(node)
            case .htmlInline:
                warnRawHTML(at: node.position)
                result.append(node)
            case let .link(destination, title):
                let textLength = node.plainText.utf8.count
                result.append(rewriteLink(node, destination: destination, title: title))
                blockOffset += textLength
            case .image:
                blockOffset += node.plainText.utf8.count
                result.append(node)
            default:
                visitInlines(&node.children)
                result.append(node)
            }
        }
        nodes = result
    }

    private mutating func rewriteLink(_ node: MarkdownNode, destination: String, title: String) -> MarkdownNode {
        var node = node
        let location = source.location(of: node.position)
        if let resolution = context.finder.resolveLink(destination, defaultCode: defaultCode) {
            switch resolution {
            case let .problem(message):
                diagnostics.append(.error(message, at: location))
                return node
            case let .target(key):
                let id = nextCitationAnchor()
                if node.plainText.allSatisfy(\.isWhitespace) {  // outside a paragraph or heading (e.g. a table cell)
                    node.children = [MarkdownNode(.text(context.provisionLabel(key)), position: node.position)]
                }
                occurrences.append(CitationOccurrence(target: key, page: page, anchor: id,
                                                      sentence: sentence(around: blockOffset, length: node.plainText.utf8.count),
                                                      location: location, section: currentSection))
                node.kind = .reference(href: Routes.relative(from: page, to: context.provisionPath(key)),
                                       title: title.isEmpty ? context.provisionLabel(key) : title, id: id)
                return node
            }
        }
        if let (file, fragment) = Self.markdownFileLink(destination) {
            let found = context.articlePaths[file]
            if lookedUp.insert(file).inserted {
                articleLookups.append(ArticleLookup(name: file, path: found))
            }
            guard let target = found else {
                diagnostics.append(.error("link to '\(destination)': there is no article '\(file).md'", at: location))
                return node
            }
            if let fragment, !fragment.isEmpty {
                anchorReferences.append(AnchorReference(page: target, anchor: fragment, location: location))
            }
            node.kind = .link(destination: Routes.relative(from: page, to: target) + (fragment.map { "#\($0)" } ?? ""),
                              title: title)
        }
        return node
    }

    /// `autre-article.md#section` → (`autre-article`, `section`); nil for anything that is not a local `.md` file.
    static func markdownFileLink(_ destination: String) -> (String, String?)? {
        guard HTMLEscaping.scheme(of: destination) == nil, !destination.hasPrefix("/") else { return nil }
        let parts = destination.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        guard path.hasSuffix(".md") else { return nil }
        var name = String(path.dropLast(3))
        if name.hasPrefix("./") { name.removeFirst(2) }
        if let slash = name.lastIndex(of: "/") { name = String(name[name.index(after: slash)...]) }
        return (name, parts.count > 1 ? String(parts[1]) : nil)
    }

    private mutating func nextCitationAnchor() -> String {
        citationCount += 1
        return "\(anchorPrefix)-\(citationCount)"
    }

    /// Splits one text node around the citations it contains.
    private mutating func linkCitations(in text: String, node: MarkdownNode) -> [MarkdownNode] {
        let found = context.finder.citations(in: text, defaultCode: defaultCode)
        guard !found.isEmpty else { return [node] }
        let bytes = Array(text.utf8)
        var pieces: [MarkdownNode] = []
        var cursor = 0
        func piece(_ range: Range<Int>) -> String {
            String(decoding: bytes[range.clamped(to: 0..<bytes.count)], as: UTF8.self)
        }
        for citation in found {
            for problem in citation.problems {
                diagnostics.append(Diagnostic(problem.severity, problem.message,
                                              at: source.location(of: node.position, byteOffset: problem.offset, in: text)))
            }
            let sentence = self.sentence(around: blockOffset + citation.range.lowerBound, length: citation.range.count)
            var firstAnchor: String?
            for span in citation.links where span.range.lowerBound >= cursor {
                if span.range.lowerBound > cursor {
                    pieces.append(MarkdownNode(.text(piece(cursor..<span.range.lowerBound)), position: node.position))
                }
                let id = nextCitationAnchor()
                if firstAnchor == nil { firstAnchor = id }
                let label = MarkdownNode(.text(piece(span.range)), position: node.position)
                pieces.append(MarkdownNode(.reference(href: Routes.relative(from: page, to: context.provisionPath(span.target)),
                                                      title: context.provisionLabel(span.target), id: id),
                                           children: [label], position: node.position))
                cursor = span.range.upperBound
            }
            let location = source.location(of: node.position, byteOffset: citation.range.lowerBound, in: text)
            for key in citation.cited {
                occurrences.append(CitationOccurrence(target: key, page: page, anchor: firstAnchor, sentence: sentence,
                                                      location: location, section: currentSection))
            }
        }
        if cursor < bytes.count {
            pieces.append(MarkdownNode(.text(piece(cursor..<bytes.count)), position: node.position))
        }
        return pieces
    }

    // MARK: Sentences

    private static let abbreviations: Set<String> = ["art", "arts", "ch", "no", "al", "p", "par", "ex", "etc", "sect", "c", "r", "m", "mme", "dr"]

    /// The sentence of the current block around a byte offset, trimmed to a readable length.
    func sentence(around offset: Int, length: Int) -> String {
        if let rowText { return rowText.count > 320 ? String(rowText.prefix(317)) + "…" : rowText }
        let bytes = Array(blockText.utf8)
        guard !bytes.isEmpty else { return "" }
        let at = min(max(0, offset), bytes.count - 1)
        var start = 0
        var i = at - 1
        while i > 0 {
            if Self.isSentenceEnd(bytes, i) { start = i + 1; break }
            i -= 1
        }
        var end = bytes.count
        var j = min(at + length, bytes.count - 1)
        while j < bytes.count - 1 {
            if Self.isSentenceEnd(bytes, j) { end = j + 1; break }
            j += 1
        }
        var sentence = Self.collapsingSpaces(bytes[start..<end])
        if sentence.utf8.count > 320, sentence.count > 320 {
            sentence = String(sentence.prefix(317)) + "…"
        }
        return sentence
    }

    /// The text with runs of spaces and line breaks made one space, none at either end.
    static func collapsingSpaces(_ bytes: ArraySlice<UInt8>) -> String {
        guard !bytes.contains(0x0D) else {
            // A CR LF is one character: split as characters, as the text is read.
            return String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == " " }).joined(separator: " ")
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        for byte in bytes {
            if byte == 0x0A || byte == 0x20 {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the byte at `i` ends a sentence: `.`, `!` or `?` before a space, not after an abbreviation.
    private static func isSentenceEnd(_ bytes: [UInt8], _ i: Int) -> Bool {
        let b = bytes[i]
        guard b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") else { return false }
        guard i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: " ") || bytes[i + 1] == UInt8(ascii: "\n") else { return false }
        if b == UInt8(ascii: ".") {
            var k = i - 1
            while k >= 0, (bytes[k] >= UInt8(ascii: "a") && bytes[k] <= UInt8(ascii: "z")) || (bytes[k] >= UInt8(ascii: "A") && bytes[k] <= UInt8(ascii: "Z")) {
                k -= 1
            }
            let word = String(decoding: bytes[(k + 1)..<i], as: UTF8.self).lowercased()
            if abbreviations.contains(word) { return false }
        }
        return true
    }
}
