/// One generated guidance article: the same file serves guidesite and Hugo.
public struct GeneratedArticle: Sendable {
    public var slug: String
    public var title: String
    /// The whole file: front matter and Markdown body.
    public var text: String
    /// The Markdown body alone.
    public var body: String
    public var words: Int
    public var citations: Int
}

/// Writes article `index` of a corpus; article `i` depends only on the seed and `i`.
public struct ArticleWriter: Sendable {
    public var seed: UInt64
    /// The average length of an article body, in words.
    public var targetWords: Int

    public init(seed: UInt64 = 2026, targetWords: Int = 800) {
        self.seed = seed
        self.targetWords = targetWords
    }

    /// The title and slug of article `index` (cheap: used for links to earlier articles).
    public func heading(of index: Int) -> (title: String, slug: String) {
        var prose = ProseWriter(rng: SplitMix64(seed: seed, stream: 2, index: UInt64(index)))
        let first = ProseWriter.capitalized(prose.phrase(prose.rng.zipf(prose.v.things), plural: prose.rng.chance(0.5), .definite,
                                                          adjective: prose.rng.chance(0.6)))
        let title = first + " : " + lowerFirst(prose.heading())
        let words = slugify(title).split(separator: "-").prefix(6).joined(separator: "-")
        return (title, "\(words)-\(index + 1)")
    }

    private func lowerFirst(_ s: String) -> String {
        guard let f = s.first else { return s }
        // Keep capitals of given names ("Le cas de Julie") but lower the first word.
        return f.lowercased() + s.dropFirst()
    }

    public func article(_ index: Int) -> GeneratedArticle {
        var rng = SplitMix64(seed: seed, stream: 1, index: UInt64(index))
        let codes = CodeCatalog.all
        let code = codes[rng.zipfIndex(codes.count)]
        let (title, slug) = heading(of: index)
        var prose = ProseWriter(rng: SplitMix64(seed: seed, stream: 4, index: UInt64(index)))
        var cite = CitationMaker(code: code, rng: SplitMix64(seed: seed, stream: 5, index: UInt64(index)))

        // Front matter.
        let date = ContentDay(daysSinceEpoch: 16_071 + (index * 7919) % 4_000)  // 2014-01-01 + up to 11 years
        var front = "---\n"
        front += "title: \(yamlString(title))\n"
        front += "date: \(date)\n"
        if rng.chance(0.3) { front += "updated: \(ContentDay(daysSinceEpoch: date.days + rng.int(10...400)))\n" }
        let summary = ProseWriter.capitalized(prose.clause()) + "."
        front += "summary: \(yamlString(summary))\n"
        var tags: [String] = []
        for _ in 0..<rng.int(2...5) {
            let t = rng.zipf(prose.v.tags)
            if !tags.contains(t) { tags.append(t) }
        }
        front += "tags: [\(tags.map(yamlString).joined(separator: ", "))]\n"
        var professions = [code.profession]
        if rng.chance(0.3) {
            let other = rng.pick(codes).profession
            if other != code.profession { professions.append(other) }
        }
        front += "professions: [\(professions.map(yamlString).joined(separator: ", "))]\n"
        front += "code: \(code.id)\n"
        front += "---\n\n"

        // Body.
        let target = targetWords - 120 + rng.below(241)
        var blocks: [String] = []
        var citations = 0
        func citedParagraph(_ sentences: ClosedRange<Int>, citing p: Double) -> String {
            var parts: [String] = []
            let n = prose.rng.int(sentences)
            for _ in 0..<n {
                if prose.rng.chance(p) {
                    parts.append(cite.sentence(&prose))
                    citations += 1
                } else {
                    parts.append(prose.sentence())
                }
            }
            return parts.joined(separator: " ")
        }
        blocks.append(citedParagraph(2...4, citing: 0.3))
        var usedTable = false
        while prose.words < target {
            blocks.append("## " + prose.heading())
            for _ in 0..<rng.int(1...3) { blocks.append(citedParagraph(3...5, citing: 0.18)) }
            switch rng.below(10) {
            case 0, 1, 2:
                blocks.append(prose.listItems(rng.int(3...5)).map { "- " + $0 }.joined(separator: "\n"))
            case 3:
                blocks.append(prose.listItems(rng.int(3...4)).enumerated().map { "\($0.offset + 1). " + $0.element }.joined(separator: "\n"))
            case 4:
                blocks.append("> " + prose.sentence())
            case 5 where !usedTable && rng.chance(0.7):
                usedTable = true
                blocks.append(prose.table())
            case 6:
                blocks.append("### " + prose.heading())
                blocks.append(citedParagraph(2...4, citing: 0.2))
            default:
                break
            }
        }
        // A link to an earlier article, checked by guidesite; Hugo renders it as a plain link.
        if index > 0 {
            let other = heading(of: rng.below(index))
            blocks.append("Pour aller plus loin, lisez aussi [\(other.title)](\(other.slug).md).")
        }
        let body = blocks.joined(separator: "\n\n") + "\n"
        return GeneratedArticle(slug: slug, title: title, text: front + body, body: body, words: prose.words, citations: citations)
    }
}

/// Citations in every form the authors' guide describes, always resolvable.
struct CitationMaker {
    let code: CodeSpec
    var rng: SplitMix64
    let codes = CodeCatalog.all

    init(code: CodeSpec, rng: SplitMix64) {
        self.code = code
        self.rng = rng
    }

    /// A citation phrase: its text and whether it is plural.
    mutating func phrase() -> (text: String, plural: Bool) {
        let own = code
        switch rng.below(14) {
        case 0, 1, 2:  // bare, own code
            let n = rng.pick(own.articles).number
            return own.word == "point" ? ("le point \(n)", false) : (rng.chance(0.3) ? "l'art. \(n)" : "l'article \(n)", false)
        case 3, 4:  // list, own code
            let (a, b) = pair(own)
            if own.word == "point" { return ("les points \(a) et \(b)", true) }
            return (rng.chance(0.4) ? "les art. \(a) et \(b)" : "les articles \(a) et \(b)", true)
        case 5:  // range within a section
            let (a, b) = pair(own)
            return (own.word == "point" ? "les points \(a) à \(b)" : "les articles \(a) à \(b)", true)
        case 6, 7, 8:  // named code
            let other = rng.pick(codes)
            let n = rng.pick(other.articles).number
            return ("\(other.word == "point" ? "le point" : "l'article") \(n) du \(other.citeName)", false)
        case 9:  // section
            if rng.chance(0.5) {
                let s = rng.pick(own.sections).number
                return (own.sectionWord == "division" ? "la division \(s)" : "le chapitre \(s)", false)
            }
            let other = rng.pick(codes)
            let s = rng.pick(other.sections).number
            return ("\(other.sectionWord == "division" ? "la division" : "le chapitre") \(s) du \(other.citeName)", false)
        case 10:
            let n = rng.pick(own.articles).number
            return ("\(own.word == "point" ? "le point" : "l'article") \(n) \(rng.chance(0.5) ? "du présent code" : "de ce code")", false)
        case 11:
            return ("la recommandation \(rng.int(1...10))", false)
        case 12:
            let a = rng.int(1...9)
            return ("les recommandations \(a) et \(rng.int((a + 1)...10))", true)
        default:
            let (a, b) = pair(own)
            return ("\(own.word == "point" ? "les points" : "les articles") \(a), \(b)", true)
        }
    }

    /// Two distinct provisions of one section of `code`, in order.
    mutating func pair(_ code: CodeSpec) -> (String, String) {
        let bySection = code.articlesBySection
        let section = rng.pick(code.sections).number
        let list = bySection[section] ?? code.articles.map(\.number)
        let i = rng.below(list.count - 1)
        let j = i + 1 + rng.below(list.count - i - 1)
        return (list[i], list[j])
    }

    /// A sentence that cites something.
    mutating func sentence(_ prose: inout ProseWriter) -> String {
        let out: String
        if rng.chance(0.18) {
            out = explicitLink(&prose)
        } else {
            let c = phrase()
            let verb = prose.rng.zipf(prose.v.verbs)
            switch rng.below(7) {
            case 0, 1:
                out = ProseWriter.capitalized(c.text) + " " + (c.plural ? verb.present3p : verb.present3s) + " " + prose.object() + "."
            case 2:
                out = "Selon " + c.text + ", " + prose.clause() + "."
            case 3:
                out = prose.rng.zipf(prose.v.connectors) + ", " + prose.clause() + ", comme " + (c.plural ? "le rappellent " : "le rappelle ") + c.text + "."
            case 4:
                out = "C'est ce que " + (c.plural ? "visent " : "vise ") + c.text + "."
            case 5:
                out = "Il faut relire " + c.text + " avant " + ProseWriter.elide("de", prose.infinitivePhrase()) + "."
            default:
                out = "Conformément " + ProseWriter.preposition("à", c.text) + ", " + prose.clause() + "."
            }
        }
        prose.words += out.split(separator: " ").count
        return out
    }

    mutating func explicitLink(_ prose: inout ProseWriter) -> String {
        switch rng.below(5) {
        case 0:
            let other = rng.pick(codes)
            let a = rng.pick(other.articles)
            return "Voyez aussi [\(a.title.lowercased())](code:\(other.id)/\(a.number)), qui " + prose.predicate(plural: false) + "."
        case 1:
            let other = rng.pick(codes)
            return "Le texte de [](code:\(other.id)/\(rng.pick(other.articles).number)) mérite une lecture attentive."
        case 2:
            let k = rng.int(1...10)
            return "La [recommandation \(k)](rec:\(k)) " + prose.predicate(plural: false) + "."
        case 3:
            let other = rng.pick(codes)
            return "Le [\(other.shortTitle.lowercased())](code:\(other.id)) " + prose.predicate(plural: false) + "."
        default:
            let a = rng.pick(code.articles)
            return "Sur ce sujet, [cette règle](code:\(code.id)/\(a.number)) " + prose.predicate(plural: false) + "."
        }
    }
}

/// A calendar day, for front matter.
struct ContentDay: CustomStringConvertible {
    var days: Int

    init(daysSinceEpoch: Int) { days = daysSinceEpoch }

    var description: String {
        // Howard Hinnant's civil-from-days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(y)-\(two(m))-\(two(d))"
    }
}

/// A double-quoted YAML scalar.
func yamlString(_ s: String) -> String {
    "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}

/// Lower-case ASCII letters, digits and hyphens.
func slugify(_ s: String) -> String {
    let folded = s.replacingOccurrences(of: "œ", with: "oe").replacingOccurrences(of: "Œ", with: "oe")
        .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
    var out = ""
    var dash = false
    for c in folded.unicodeScalars {
        if (c >= "a" && c <= "z") || (c >= "0" && c <= "9") {
            out.unicodeScalars.append(c); dash = false
        } else if !dash && !out.isEmpty {
            out += "-"; dash = true
        }
    }
    while out.hasSuffix("-") { out.removeLast() }
    return out
}

import Foundation
