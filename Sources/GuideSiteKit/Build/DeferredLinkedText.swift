import Foundation

/// The HTML and section texts of a linked article taken from the article cache, decoded from
/// the cache file's bytes the first time they are asked for: a rebuild renders few article
/// pages again and indexes unchanged articles from the search cache, so most are never decoded.
///
/// The bytes were checked (checksum and structure) when the entry was read; each text is
/// decoded at most once, on whichever thread asks first.
final class DeferredLinkedText: @unchecked Sendable {
    private let file: Data
    private let htmlOffset: Int
    private let sectionsOffset: Int
    private let tableOfContents: [TableOfContentsEntry]
    /// How many sections have a heading, known without decoding them.
    let headedSections: Int
    private let lock = NSLock()
    private var decodedHTML: String?
    private var decodedSections: [DocumentSection]?

    /// `html` and `sections` are where those fields of an entry written by
    /// ``BinaryWriter/linkedDocument(_:diagnostics:)`` start in `file`.
    init(file: Data, html: Int, sections: Int, tableOfContents: [TableOfContentsEntry], headedSections: Int) {
        self.headedSections = headedSections
        self.file = file
        htmlOffset = html
        sectionsOffset = sections
        self.tableOfContents = tableOfContents
    }

    var html: String {
        lock.withLock {
            if let decodedHTML { return decodedHTML }
            let html = read(at: htmlOffset) { reader throws(BinaryReader.Malformed) in try reader.string() } ?? ""
            decodedHTML = html
            return html
        }
    }

    var sections: [DocumentSection] {
        lock.withLock {
            if let decodedSections { return decodedSections }
            let toc = tableOfContents
            let sections = read(at: sectionsOffset) { reader throws(BinaryReader.Malformed) in try reader.sections(toc: toc, decoding: true).sections } ?? []
            decodedSections = sections
            return sections
        }
    }

    private func read<T>(at offset: Int, _ body: (inout BinaryReader) throws(BinaryReader.Malformed) -> T) -> T? {
        file.withUnsafeBytes { raw -> T? in
            guard offset <= raw.count else { return nil }
            var reader = BinaryReader(raw, offset: offset)
            return try? body(&reader)
        }
    }
}
