import Foundation

/// Writes a whole synthetic portal: guidesite's content tree and the same articles as a Hugo site.
public struct PortalGenerator: Sendable {
    /// Bumped whenever the output changes, so cached corpora are regenerated.
    public static let version = 1

    public var articleCount: Int
    public var seed: UInt64
    public var writer: ArticleWriter

    public init(articleCount: Int, seed: UInt64 = 2026) {
        self.articleCount = articleCount
        self.seed = seed
        self.writer = ArticleWriter(seed: seed)
    }

    public struct Summary: Sendable {
        public var articles = 0
        public var words = 0
        public var citations = 0
        public var markdownBytes = 0
        public var codeArticles = 0
    }

    // MARK: guidesite content

    public static var siteYAML: String {
        """
        title: "Portail d'essai : déontologie et pratique numérique"
        description: "Portail synthétique de grande taille, généré pour mesurer la vitesse de guidesite. Textes sans valeur officielle."
        base_url: "https://bench.example.org/"
        language: fr
        languages: [fr]
        regulator: "Portail d'essai guidesite"
        theme: default
        unsafe_html: false
        navigation:
          - title: "Recommandations"
            url: "/recommandations/"
          - title: "Articles"
            url: "/articles/"
          - title: "Codes de déontologie"
            url: "/codes/"
        citations:
          article_words: [article, articles, art., section, sections, point, points]
          section_words: [chapitre, chapitres, ch., chapter, chapters, division]
          recommendation_words: [recommandation, recommandations, recommendation, recommendations]
          this_code_words: ["ce code", "du présent code", "de ce code", "this code"]

        """
    }

    public static func codeYAML(_ code: CodeSpec) -> String {
        var y = "id: \(code.id)\n"
        y += "title: \(yamlString(code.title))\n"
        y += "short_title: \(yamlString(code.shortTitle))\n"
        y += "citation: \(yamlString(code.citation))\n"
        y += "aliases:\n" + code.aliases.map { "  - \(yamlString($0))\n" }.joined()
        y += "profession: \(yamlString(code.profession))\n"
        if code.numbering == .points { y += "article_words: [point, points]\n" }
        y += "sections:\n"
        for s in code.sections { y += "  - number: \(yamlString(s.number))\n    title: \(yamlString(s.title))\n" }
        y += "articles:\n"
        for a in code.articles {
            y += "  - number: \(yamlString(a.number))\n    title: \(yamlString(a.title))\n    section: \(yamlString(a.section))\n    text: \(yamlString(a.text))\n"
        }
        return y
    }

    static let recommendationTitles: [(String, String)] = [
        ("se-tenir-informe", "Connaître les règles avant de publier"),
        ("confidentialite", "Protéger la confidentialité en toute circonstance"),
        ("opinions-personnelles", "Distinguer ses opinions de son rôle professionnel"),
        ("distance-professionnelle", "Garder une distance professionnelle en ligne"),
        ("canaux-professionnels", "Séparer les comptes personnels et professionnels"),
        ("ton-respectueux", "Adopter un ton respectueux et mesuré"),
        ("information-exacte", "Publier une information exacte et pertinente"),
        ("sources-droits", "Citer ses sources et respecter les droits d'auteur"),
        ("consentement-ecrit", "Obtenir un consentement écrit pour toute image"),
        ("reflechir-avant-publier", "Réfléchir avant de publier"),
    ]

    /// The ten recommendations, as (file name, YAML).
    public func recommendations() -> [(String, String)] {
        let codes = CodeCatalog.all
        return Self.recommendationTitles.enumerated().map { i, entry in
            let number = i + 1
            var prose = ProseWriter(rng: SplitMix64(seed: seed, stream: 6, index: UInt64(number)))
            var y = "number: \(number)\n"
            y += "title: \(yamlString(entry.1))\n"
            y += "summary: \(yamlString(ProseWriter.capitalized(prose.clause()) + "."))\n"
            y += "body: |\n"
            var related: [String] = []
            for p in 0..<4 {
                var text = prose.paragraph(sentences: 3...5)
                let code = codes[(i + p) % codes.count]
                let a = code.articles[(i * 17 + p * 29) % code.articles.count]
                related.append("\(code.id) \(a.number)")
                text += " " + ProseWriter.capitalized(code.word == "point" ? "le point" : "l'article") + " \(a.number) du \(code.citeName) "
                    + prose.predicate(plural: false) + "."
                if p == 3 && number < 10 { text += " La recommandation \(number + 1) prolonge cette réflexion." }
                y += "  " + text + "\n"
                if p < 3 { y += "\n" }
            }
            y += "do:\n" + prose.listItems(3).map { "  - \(yamlString($0.trimmingCharacters(in: CharacterSet(charactersIn: " ;."))))\n" }.joined()
            y += "dont:\n" + prose.listItems(2).map { "  - \(yamlString($0.trimmingCharacters(in: CharacterSet(charactersIn: " ;."))))\n" }.joined()
            y += "codes:\n" + related.map { "  - \(yamlString($0))\n" }.joined()
            return (String(format: "%02d-%@.yaml", number, entry.0), y)
        }
    }

    // MARK: Writing

    /// Writes `guidesite/` (site.yaml, articles/, recommendations/, codes/) and `hugo/` under `folder`.
    public func write(to folder: URL, hugo: Bool = true) throws -> Summary {
        let fm = FileManager.default
        let g = folder.appendingPathComponent("guidesite")
        let h = folder.appendingPathComponent("hugo")
        for sub in ["articles", "recommendations", "codes"] {
            try fm.createDirectory(at: g.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        try Self.siteYAML.write(to: g.appendingPathComponent("site.yaml"), atomically: false, encoding: .utf8)
        let codes = CodeCatalog.all
        for code in codes {
            try Self.codeYAML(code).write(to: g.appendingPathComponent("codes/\(code.id).yaml"), atomically: false, encoding: .utf8)
        }
        let recs = recommendations()
        for (name, yaml) in recs {
            try yaml.write(to: g.appendingPathComponent("recommendations/\(name)"), atomically: false, encoding: .utf8)
        }
        if hugo { try HugoSite.writeSkeleton(to: h, codes: codes, recommendations: recs) }

        // Articles, on every core; each article is independent, so the order does not matter.
        let count = articleCount
        let stats = Stats(count: count)
        let writer = self.writer
        let errors = ErrorBox()
        DispatchQueue.concurrentPerform(iterations: count) { i in
            let a = writer.article(i)
            let data = Data(a.text.utf8)
            do {
                try data.write(to: g.appendingPathComponent("articles/\(a.slug).md"))
                if hugo { try data.write(to: h.appendingPathComponent("content/articles/\(a.slug).md")) }
            } catch {
                errors.set(error)
            }
            stats.record(i, words: a.words, citations: a.citations, bytes: data.count)
        }
        if let e = errors.error { throw e }
        var summary = Summary()
        summary.articles = count
        summary.words = stats.words.reduce(0, +)
        summary.citations = stats.citations.reduce(0, +)
        summary.markdownBytes = stats.bytes.reduce(0, +)
        summary.codeArticles = codes.reduce(0) { $0 + $1.articles.count }
        return summary
    }
}

/// Per-article counts written by several threads, each at its own index.
private final class Stats: @unchecked Sendable {
    var words: [Int], citations: [Int], bytes: [Int]
    private let lock = NSLock()
    init(count: Int) {
        words = Array(repeating: 0, count: count)
        citations = words
        bytes = words
    }
    func record(_ i: Int, words w: Int, citations c: Int, bytes b: Int) {
        lock.lock(); defer { lock.unlock() }
        words[i] = w; citations[i] = c; bytes[i] = b
    }
}

private final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var error: Error?
    func set(_ e: Error) { lock.lock(); if error == nil { error = e }; lock.unlock() }
}
