import Foundation

/// How the values of the article cache are written as bytes, field by field in declaration
/// order. Any change here (a field added, removed or reordered) needs a new
/// ``ArticleCache/formatVersion``, so that older files are read as empty.
extension BinaryWriter {
    mutating func location(_ value: SourceLocation) {
        string(value.file)
        int(value.line)
        int(value.column)
    }

    mutating func optionalLocation(_ value: SourceLocation?) {
        guard let value else { return byte(0) }
        byte(1)
        location(value)
    }

    mutating func diagnostics(_ values: [Diagnostic]) {
        count(values.count)
        for d in values {
            switch d.severity {
            case .error: byte(0)
            case .warning: byte(1)
            case .note: byte(2)
            }
            string(d.message)
            optionalLocation(d.location)
        }
    }

    mutating func date(_ value: ContentDate) {
        int(value.year)
        int(value.month)
        int(value.day)
    }

    /// An article as loaded, without its Markdown body: the file the entry is keyed by holds it.
    mutating func loadedArticle(_ entry: ArticleCache.LoadedEntry) {
        diagnostics(entry.diagnostics)
        guard let a = entry.article else { return byte(0) }
        byte(1)
        int(entry.bodyOffset ?? -1)
        location(a.location)
        string(a.slug)
        string(a.title)
        date(a.date)
        if let updated = a.updated {
            byte(1)
            date(updated)
        } else {
            byte(0)
        }
        string(a.summary)
        strings(a.tags)
        strings(a.professions)
        optionalString(a.codeID)
        optionalLocation(a.codeLocation)
        string(a.language)
        bool(a.isDraft)
        string(a.translationKey)
        int(a.bodyLineOffset)
    }

    /// A code as loaded from its file, or nil (the file was refused), after its diagnostics.
    mutating func loadedCode(_ code: EthicsCode?, diagnostics problems: [Diagnostic]) {
        diagnostics(problems)
        guard let code else { return byte(0) }
        byte(1)
        location(code.location)
        string(code.id)
        string(code.title)
        string(code.shortTitle)
        string(code.citation)
        strings(code.aliases)
        string(code.profession)
        optionalString(code.sourceURL)
        strings(code.articleWords)
        count(code.sections.count)
        for section in code.sections {
            string(section.number)
            string(section.title)
            location(section.location)
        }
        count(code.articles.count)
        for article in code.articles {
            string(article.number)
            string(article.title)
            string(article.text.text)
            location(article.text.location)
            int(article.text.indentation)
            optionalString(article.section)
            location(article.location)
        }
        string(code.language)
    }

    mutating func provisionKey(_ key: ProvisionKey) {
        switch key {
        case let .article(code, number):
            byte(0)
            string(code)
            string(number)
        case let .section(code, number):
            byte(1)
            string(code)
            string(number)
        case let .code(code):
            byte(2)
            string(code)
        case let .recommendation(n):
            byte(3)
            int(n)
        }
    }

    mutating func tableOfContentsEntry(_ entry: TableOfContentsEntry) {
        int(entry.level)
        string(entry.title)
        string(entry.anchor)
    }

    /// A linked document. Section headings are written as the index of their entry in the
    /// table of contents when they are one (they always are); the fields of citation
    /// occurrences that repeat from one to the next (page, file, sentence, section) are written once.
    mutating func linkedDocument(_ document: LinkedDocument, diagnostics problems: [Diagnostic]) {
        diagnostics(problems)
        string(document.html)
        let toc = document.tableOfContents
        count(toc.count)
        for entry in toc { tableOfContentsEntry(entry) }
        count(document.sections.count)
        var next = 0  // headings follow the table of contents in order
        for section in document.sections {
            if let heading = section.heading {
                if let index = toc[next...].firstIndex(of: heading) ?? toc.firstIndex(of: heading) {
                    byte(1)
                    count(index)
                    next = index + 1
                } else {
                    byte(2)
                    tableOfContentsEntry(heading)
                }
            } else {
                byte(0)
            }
            string(section.text)
        }
        count(document.occurrences.count)
        var page: String?, anchor: String?, sentence: String?, file: String?, section: String?
        for o in document.occurrences {
            provisionKey(o.target)
            repeatedString(o.page, last: &page)
            repeatedString(o.anchor, last: &anchor)
            repeatedString(o.sentence, last: &sentence)
            repeatedString(o.location.file, last: &file)
            int(o.location.line)
            int(o.location.column)
            repeatedString(o.section, last: &section)
        }
        for digest in document.occurrenceDigests { fixed(digest) }
        count(document.anchorReferences.count)
        for r in document.anchorReferences {
            string(r.page)
            string(r.anchor)
            location(r.location)
        }
        count(document.articleLookups.count)
        for lookup in document.articleLookups {
            string(lookup.name)
            optionalString(lookup.path)
        }
    }
}

extension BinaryReader {
    mutating func location() throws(Malformed) -> SourceLocation {
        SourceLocation(file: try string(), line: try int(), column: try int())
    }

    mutating func optionalLocation() throws(Malformed) -> SourceLocation? {
        try bool() ? try location() : nil
    }

    mutating func diagnostics() throws(Malformed) -> [Diagnostic] {
        let n = try count()
        var values: [Diagnostic] = []
        values.reserveCapacity(n)
        for _ in 0..<n {
            let severity: Diagnostic.Severity
            switch try byte() {
            case 0: severity = .error
            case 1: severity = .warning
            case 2: severity = .note
            default: throw Malformed()
            }
            values.append(Diagnostic(severity, try string(), at: try optionalLocation()))
        }
        return values
    }

    mutating func date() throws(Malformed) -> ContentDate {
        ContentDate(year: try int(), month: try int(), day: try int())
    }

    /// An article as ``BinaryWriter/loadedArticle(_:)`` wrote it, with an empty body.
    mutating func loadedArticle() throws(Malformed) -> ArticleCache.LoadedEntry {
        let problems = try diagnostics()
        guard try bool() else { return ArticleCache.LoadedEntry(article: nil, bodyOffset: nil, diagnostics: problems) }
        let bodyOffset = try int()
        let location = try location(), slug = try string(), title = try string(), date = try date()
        let updated = try bool() ? try self.date() : nil
        let summary = try string(), tags = try strings(), professions = try strings()
        let codeID = try optionalString(), codeLocation = try optionalLocation()
        let language = try string(), isDraft = try bool(), translationKey = try string(), bodyLineOffset = try int()
        var article = GuidanceArticle(location: location, slug: slug, title: title, date: date, updated: updated, summary: summary,
                                      tags: tags, professions: professions, codeID: codeID, language: language, isDraft: isDraft,
                                      translationKey: translationKey, body: "", bodyLineOffset: bodyLineOffset)
        article.codeLocation = codeLocation
        return ArticleCache.LoadedEntry(article: article, bodyOffset: bodyOffset >= 0 ? bodyOffset : nil, diagnostics: problems)
    }

    /// A code as ``BinaryWriter/loadedCode(_:diagnostics:)`` wrote it.
    mutating func loadedCode() throws(Malformed) -> (code: EthicsCode?, diagnostics: [Diagnostic]) {
        let problems = try diagnostics()
        guard try bool() else { return (nil, problems) }
        let location = try location(), id = try string(), title = try string(), shortTitle = try string()
        let citation = try string(), aliases = try strings(), profession = try string(), sourceURL = try optionalString()
        let articleWords = try strings()
        var sections: [EthicsCode.Section] = []
        for _ in 0..<(try count()) {
            sections.append(EthicsCode.Section(number: try string(), title: try string(), location: try self.location()))
        }
        var articles: [EthicsCode.Article] = []
        for _ in 0..<(try count()) {
            let number = try string(), articleTitle = try string()
            let text = MarkdownField(text: try string(), location: try self.location(), indentation: try int())
            articles.append(EthicsCode.Article(number: number, title: articleTitle, text: text, section: try optionalString(),
                                               location: try self.location()))
        }
        let code = EthicsCode(location: location, id: id, title: title, shortTitle: shortTitle, citation: citation, aliases: aliases,
                              profession: profession, sourceURL: sourceURL, articleWords: articleWords, sections: sections,
                              articles: articles, language: try string())
        return (code, problems)
    }

    mutating func provisionKey() throws(Malformed) -> ProvisionKey {
        switch try byte() {
        case 0: return .article(code: try string(), number: try string())
        case 1: return .section(code: try string(), number: try string())
        case 2: return .code(try string())
        case 3: return .recommendation(try int())
        default: throw Malformed()
        }
    }

    mutating func tableOfContentsEntry() throws(Malformed) -> TableOfContentsEntry {
        TableOfContentsEntry(level: try int(), title: try string(), anchor: try string())
    }

    mutating func linkedDocument() throws(Malformed) -> (LinkedDocument, [Diagnostic]) {
        try linkedDocument(deferringTextsOf: nil, at: 0)
    }

    /// What ``BinaryWriter/linkedDocument(_:diagnostics:)`` wrote. With `file` (the bytes this
    /// reader reads, from `start` on), the HTML and the sections' texts are checked but not
    /// decoded: the document decodes them from `file` when first asked (``DeferredLinkedText``).
    mutating func linkedDocument(deferringTextsOf file: Data?, at start: Int) throws(Malformed) -> (LinkedDocument, [Diagnostic]) {
        let problems = try diagnostics()
        let htmlStart = offset
        let html = file == nil ? try string() : ""
        if file != nil { try skipString() }
        var toc: [TableOfContentsEntry] = []
        let tocCount = try count()
        toc.reserveCapacity(tocCount)
        for _ in 0..<tocCount { toc.append(try tableOfContentsEntry()) }
        let sectionsStart = offset
        let (sections, headed) = try sections(toc: toc, decoding: file == nil)
        let texts = file.map {
            DeferredLinkedText(file: $0, html: start + htmlStart, sections: start + sectionsStart, tableOfContents: toc, headedSections: headed)
        }
        var occurrences: [CitationOccurrence] = []
        let occurrenceCount = try count()
        occurrences.reserveCapacity(occurrenceCount)
        var page: String?, anchor: String?, sentence: String?, file: String?, section: String?
        for _ in 0..<occurrenceCount {
            let target = try provisionKey()
            guard let p = try repeatedString(last: &page) else { throw Malformed() }
            let a = try repeatedString(last: &anchor)
            guard let s = try repeatedString(last: &sentence), let f = try repeatedString(last: &file) else { throw Malformed() }
            let location = SourceLocation(file: f, line: try int(), column: try int())
            occurrences.append(CitationOccurrence(target: target, page: p, anchor: a, sentence: s, location: location,
                                                  section: try repeatedString(last: &section)))
        }
        var digests: [UInt64] = []
        digests.reserveCapacity(occurrenceCount)
        for _ in 0..<occurrenceCount { digests.append(try fixed()) }
        var references: [AnchorReference] = []
        let referenceCount = try count()
        references.reserveCapacity(referenceCount)
        for _ in 0..<referenceCount {
            references.append(AnchorReference(page: try string(), anchor: try string(), location: try location()))
        }
        var lookups: [ArticleLookup] = []
        let lookupCount = try count()
        lookups.reserveCapacity(lookupCount)
        for _ in 0..<lookupCount {
            let name = try string()
            lookups.append(ArticleLookup(name: name, path: try optionalString()))
        }
        var document = LinkedDocument(html: html, tableOfContents: toc, sections: sections, occurrences: occurrences,
                                      occurrenceDigests: digests, anchorReferences: references, articleLookups: lookups)
        if let texts { document.defer(to: texts) }
        return (document, problems)
    }

    /// The sections of a linked document (headings given by their place in `toc`, or whole),
    /// and how many have a heading; without `decoding`, they are only checked and skipped (and
    /// none is returned).
    mutating func sections(toc: [TableOfContentsEntry], decoding: Bool) throws(Malformed) -> (sections: [DocumentSection], headed: Int) {
        var sections: [DocumentSection] = []
        var headed = 0
        let sectionCount = try count()
        if decoding { sections.reserveCapacity(sectionCount) }
        for _ in 0..<sectionCount {
            var heading: TableOfContentsEntry?
            let kind = try byte()
            if kind != 0 { headed += 1 }
            switch kind {
            case 0: heading = nil
            case 1:
                let index = try count()
                guard index < toc.count else { throw Malformed() }
                if decoding { heading = toc[index] }
            case 2:
                if decoding {
                    heading = try tableOfContentsEntry()
                } else {
                    _ = try int()
                    try skipString()
                    try skipString()
                }
            default: throw Malformed()
            }
            if decoding {
                sections.append(DocumentSection(heading: heading, text: try string()))
            } else {
                try skipString()
            }
        }
        return (sections, headed)
    }
}
