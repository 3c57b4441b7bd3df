/// The text of a document from one heading to the next: the unit search indexes.
public struct DocumentSection: Sendable, Hashable {
    /// The heading that opens the section; nil for the text before the first heading.
    public var heading: TableOfContentsEntry?
    /// The plain text of the section, heading excluded.
    public var text: String

    public init(heading: TableOfContentsEntry?, text: String) {
        self.heading = heading
        self.text = text
    }

    /// Cuts a linked document at its top-level headings.
    ///
    /// `headings` are the document's headings in order, as the linker anchored them; headings
    /// nested in quotes or lists stay in the text of their section.
    public static func split(_ document: MarkdownNode, headings: [TableOfContentsEntry]) -> [DocumentSection] {
        var sections = [DocumentSection(heading: nil, text: "")]
        var nextHeading = headings.makeIterator()
        for block in document.children {
            if case let .heading(level, anchor) = block.kind, let anchor {
                // The linker anchored every heading in document order; pick this one's entry.
                var entry = nextHeading.next()
                while let e = entry, e.anchor != anchor { entry = nextHeading.next() }
                sections.append(DocumentSection(heading: entry ?? TableOfContentsEntry(level: level, title: block.plainText, anchor: anchor), text: ""))
                continue
            }
            let last = sections.count - 1
            if !sections[last].text.isEmpty { sections[last].text += "\n" }
            block.appendPlainText(to: &sections[last].text)
        }
        if sections[0].text.isEmpty && sections.count > 1 { sections.removeFirst() }
        return sections
    }
}
