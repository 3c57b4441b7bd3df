import Foundation

/// Renders every HTML page of an assembled site through the theme's templates.
///
/// Contexts are plain dictionaries (swift-mustache reads them without reflection); their keys
/// are the theme contract documented in `docs/themes.md`. Pages render in parallel.
public struct PageRenderer: Sendable {
    public let theme: Theme
    public let site: AssembledSite
    /// The theme's interface strings by language, typeset once (French spacing for French).
    let interfaceStrings: [String: [String: String]]

    public init(theme: Theme, site: AssembledSite) {
        self.theme = theme
        self.site = site
        var strings: [String: [String: String]] = [:]
        for (language, locale) in theme.locales {
            strings[language] = language == "fr" ? locale.strings.mapValues(FrenchTypography.apply) : locale.strings
        }
        self.interfaceStrings = strings
    }

    /// A page to render: its path, template and the page-specific part of its context.
    struct PageJob: @unchecked Sendable {
        var path: String
        var template: String
        var title: String
        var description: String
        var kind: String
        var language: String
        var translationKey: String?
        var breadcrumbs: [(String, String)]
        /// Builds the page-specific context: called on the rendering thread, so that contexts
        /// are built in parallel and never all held at once.
        var context: () -> [String: Any]
    }

    /// Renders all pages in memory; a page whose template fails is a diagnostic, not a crash.
    public func renderAll() -> ([OutputFile], [Diagnostic]) {
        let files = CollectedFiles()
        let pages = (try? render(reusing: nil, into: files)) ?? Pages()
        return (files.sorted(), pages.diagnostics)
    }

    /// The pages of a build: those rendered, those whose output is already current.
    public struct Pages: Sendable {
        /// Output paths of the pages rendered (and handed to the sink).
        public var rendered: [String] = []
        /// Output paths left as they are: their context is the one they were rendered from.
        public var kept: [String] = []
        /// The context hash of every page, by output path, for the next build's cache.
        public var hashes: [String: UInt64] = [:]
        public var diagnostics: [Diagnostic] = []
        public var count: Int { rendered.count + kept.count }
    }

    /// Renders the pages into `sink` as they are made (nothing is held), skipping those for which
    /// `isCurrent(path, contextHash)` says the output already holds what this context gives
    /// (same context, same templates: same bytes).
    ///
    /// - Throws: the first error of the sink (a file that could not be written).
    public func render(reusing isCurrent: (@Sendable (String, UInt64) -> Bool)?, into sink: OutputSink) throws -> Pages {
        var jobs: [PageJob] = []
        for edition in site.editions { jobs += self.jobs(for: edition) }
        enum Outcome { case rendered, kept, failed, unwritable(Error) }
        let results = jobs.parallelMap { job -> (path: String, hash: UInt64, outcome: Outcome) in
            let file = job.path.hasSuffix(".html") ? job.path : job.path + "index.html"
            let (template, context) = self.context(for: job)
            var hasher = StableHash()
            hasher.combine(template)
            hasher.combine(context: context)
            if let isCurrent, isCurrent(file, hasher.value) { return (file, hasher.value, .kept) }
            guard let html = theme.render(template, context) else { return (file, hasher.value, .failed) }
            do {
                try sink.add(OutputFile(path: file, text: html))
            } catch {
                return (file, hasher.value, .unwritable(error))
            }
            return (file, hasher.value, .rendered)
        }
        var pages = Pages()
        for (job, result) in zip(jobs, results) {
            pages.hashes[result.path] = result.hash
            switch result.outcome {
            case .rendered: pages.rendered.append(result.path)
            case .kept: pages.kept.append(result.path)
            case .failed: pages.diagnostics.append(.error("template '\(job.template)' could not be rendered for \(job.path)", at: nil))
            case let .unwritable(error): throw error
            }
        }
        return pages
    }

    // MARK: Common context

    func locale(_ language: String) -> Theme.Locale {
        theme.locales[language] ?? theme.locales[site.site.language] ?? Theme.Locale(strings: [:], months: [], dateFormat: "{year}-{month}-{day}", firstDay: nil)
    }

    func absolute(_ path: String) -> String { site.site.baseURL + path }

    /// The base URL's path (`/` or `/guide/`): the 404 page's root, since it is served at any depth.
    var basePath: String {
        if let url = URL(string: site.site.baseURL), !url.path.isEmpty {
            return url.path.hasSuffix("/") ? url.path : url.path + "/"
        }
        return "/"
    }

    /// The template and whole context of a page.
    func context(for job: PageJob) -> (String, [String: Any]) {
        let language = job.language
        let loc = locale(language)
        let routes = site.site.routes(for: language)
        let isNotFound = job.template == "not-found"
        let root = isNotFound ? basePath : Routes.root(from: job.path)
        func link(_ target: String) -> String {
            isNotFound ? basePath + target : Routes.relative(from: job.path, to: target)
        }
        var context = job.context()
        context["lang"] = language
        context["site"] = ["title": site.site.title(in: language), "description": site.site.description(in: language),
                           "regulator": site.site.regulator(in: language)]
        context["root"] = root
        context["assets"] = root + "assets/"
        context["page"] = ["title": job.title, "description": job.description.isEmpty ? site.site.description(in: language) : job.description,
                           "canonical": absolute(job.path), "kind": job.kind]
        context["nav"] = site.site.navigation.filter { ($0.language ?? site.site.language) == language }.map { entry -> [String: Any] in
            let isExternal = HTMLEscaping.scheme(of: entry.url) != nil
            let target = String(entry.url.drop { $0 == "/" })
            let current = !isExternal && !target.isEmpty && job.path.hasPrefix(target)
            return ["title": entry.title, "url": isExternal ? entry.url : link(target), "current": current]
        }
        let translations = job.translationKey.flatMap { site.translations[$0] } ?? [:]
        context["languages"] = site.site.languages.map { lang -> [String: Any] in
            let target = translations[lang] ?? site.site.routes(for: lang).home
            return ["lang": lang, "name": locale(lang)["language_name"], "url": link(target), "current": lang == language]
        }
        context["alternates"] = translations.keys.sorted().map { ["lang": $0, "url": absolute(translations[$0] ?? "")] }
        context["search_url"] = link(routes.search)
        context["feed_url"] = link(routes.feed)
        context["home_url"] = link(routes.home)
        context["breadcrumbs"] = job.breadcrumbs.map { ["title": $0.0, "url": link($0.1)] }
        context["year"] = String(site.latestDate?.year ?? 2026)
        if language == "fr" { context = Self.typeset(context) }
        context["t"] = interfaceStrings[language] ?? loc.strings
        return (job.template, context)
    }

    // MARK: Pages of one edition

    func jobs(for edition: Edition) -> [PageJob] {
        let language = edition.language
        let loc = locale(language)
        let routes = edition.routes
        let directory = site.directory
        var jobs: [PageJob] = []
        func job(_ path: String, _ template: String, _ title: String, description: String = "", kind: String? = nil,
                 key: String? = nil, crumbs: [(String, String)] = [], _ context: @escaping @autoclosure () -> [String: Any]) {
            jobs.append(PageJob(path: path, template: template, title: title, description: description, kind: kind ?? template,
                                language: language, translationKey: key, breadcrumbs: crumbs, context: context))
        }
        let home = (loc["home"], routes.home)

        // Contexts are built relative to each page, so links stay relative.
        func card(_ e: ArticleEntry, from page: String) -> [String: Any] {
            [
                "title": e.article.title, "url": Routes.relative(from: page, to: e.path),
                "date_iso": e.article.date.description, "date_text": loc.format(e.article.date),
                "summary": e.article.summary,
                "tags": e.article.tags.map { ["name": $0, "url": Routes.relative(from: page, to: routes.tag($0))] },
                "professions": e.article.professions.map { ["name": $0, "url": Routes.relative(from: page, to: routes.profession($0))] },
            ]
        }
        let titles = pageTitles(in: edition)
        func citedIn(_ key: ProvisionKey, from page: String) -> [[String: Any]] {
            // One entry per citing sentence: a sentence that cites a provision twice is listed once.
            var seen = Set<String>()
            let occurrences = (edition.citedBy[key] ?? []).filter { seen.insert($0.page + "\u{0}" + $0.sentence).inserted }
            return occurrences.map { occurrence in
                let title = titles[occurrence.page] ?? (occurrence.page, "page")
                return [
                    "title": title.0, "kind": title.1, "sentence": occurrence.sentence,
                    "url": Routes.relative(from: page, to: occurrence.page) + (occurrence.anchor.map { "#\($0)" } ?? ""),
                ]
            }
        }
        func provisionLink(_ key: ProvisionKey, from page: String, namingCode: Bool = true) -> [String: Any] {
            ["label": directory.label(of: key, language: language, locale: loc, namingCode: namingCode),
             "url": Routes.relative(from: page, to: directory.path(of: key, from: language, routesFor: site.site.routes(for:)))]
        }
        func neighbours(_ context: inout [String: Any], prev: (String, String)?, next: (String, String)?, from page: String) {
            if let prev { context["prev"] = ["title": prev.0, "url": Routes.relative(from: page, to: prev.1)] }
            if let next { context["next"] = ["title": next.0, "url": Routes.relative(from: page, to: next.1)] }
        }
        let citationCount: (ProvisionKey) -> Int = { edition.citedBy[$0]?.count ?? 0 }

        // Home
        job(routes.home, "home", site.site.title(in: language), description: site.site.description(in: language), key: "home", [
            "recommendations": edition.recommendations.map {
                ["number": $0.recommendation.number, "title": $0.recommendation.title, "summary": $0.recommendation.summary,
                 "url": Routes.relative(from: routes.home, to: $0.path)] as [String: Any]
            },
            "latest": edition.articles.prefix(6).map { card($0, from: routes.home) },
            "codes": edition.codes.map { codeSummary($0, from: routes.home, count: citationCount) },
        ])

        // Articles
        job(routes.articles, "articles", loc["articles"], key: "articles", crumbs: [home], [
            "articles": edition.articles.map { card($0, from: routes.articles) }, "count": edition.articles.count,
        ])
        func articleContext(_ i: Int, _ e: ArticleEntry) -> [String: Any] {
            let page = e.path
            var groups: [[String: Any]] = []
            let cited = Set(e.body.occurrences.map(\.target)).sorted()
            let recs = cited.filter { if case .recommendation = $0 { return true } else { return false } }
            if !recs.isEmpty {
                groups.append(["title": loc["recommendations"], "url": Routes.relative(from: page, to: routes.recommendations),
                               "items": recs.map { provisionLink($0, from: page) }])
            }
            var byCode: [String: [ProvisionKey]] = [:]
            for key in cited {
                switch key {
                case let .article(code, _), let .section(code, _), let .code(code): byCode[code, default: []].append(key)
                case .recommendation: break
                }
            }
            for code in byCode.keys.sorted() {
                let keys = byCode[code] ?? []
                groups.append(["title": directory.code(code, language: language)?.title ?? code,
                               "url": Routes.relative(from: page, to: directory.path(of: .code(code), from: language, routesFor: site.site.routes(for:))),
                               "items": keys.filter { if case .code = $0 { return false } else { return true } }.map { provisionLink($0, from: page, namingCode: false) }])
            }
            var context: [String: Any] = ["article": [
                "title": e.article.title, "summary": e.article.summary,
                "date_iso": e.article.date.description, "date_text": loc.format(e.article.date),
                "has_updated": e.article.updated != nil,
                "updated_iso": e.article.updated?.description ?? "", "updated_text": e.article.updated.map(loc.format) ?? "",
                "tags": e.article.tags.map { ["name": $0, "url": Routes.relative(from: page, to: routes.tag($0))] },
                "professions": e.article.professions.map { ["name": $0, "url": Routes.relative(from: page, to: routes.profession($0))] },
                "body": e.body.html,
                "has_toc": e.body.tableOfContents.count > 1,
                "toc": e.body.tableOfContents.filter { $0.level <= 3 }.map {
                    ["title": $0.title, "anchor": $0.anchor, "level": $0.level, "is_sub": $0.level >= 3] as [String: Any]
                },
                "has_cites": !groups.isEmpty, "cites": groups,
            ] as [String: Any]]
            // Newer article is "next" in reading order by date? Previous = older, next = newer.
            let older = i + 1 < edition.articles.count ? edition.articles[i + 1] : nil
            let newer = i > 0 ? edition.articles[i - 1] : nil
            neighbours(&context, prev: older.map { ($0.article.title, $0.path) }, next: newer.map { ($0.article.title, $0.path) }, from: page)
            return context
        }
        for (i, e) in edition.articles.enumerated() {
            job(e.path, "article", e.article.title, description: e.article.summary, key: "article:\(e.article.translationKey)",
                crumbs: [home, (loc["articles"], routes.articles)], articleContext(i, e))
        }

        // Recommendations
        job(routes.recommendations, "recommendations", loc["recommendations"], key: "recommendations", crumbs: [home], [
            "recommendations": edition.recommendations.map {
                ["number": $0.recommendation.number, "title": $0.recommendation.title, "summary": $0.recommendation.summary,
                 "url": Routes.relative(from: routes.recommendations, to: $0.path),
                 "citation_count": citationCount(.recommendation($0.recommendation.number))] as [String: Any]
            },
        ])
        func recommendationContext(_ i: Int, _ r: RecommendationEntry) -> [String: Any] {
            let page = r.path
            let key = ProvisionKey.recommendation(r.recommendation.number)
            let citing = citedIn(key, from: page)
            var context: [String: Any] = ["rec": [
                "number": r.recommendation.number, "title": r.recommendation.title, "summary": r.recommendation.summary,
                "body": r.body.html,
                "has_dos": !r.dos.isEmpty, "dos": r.dos.map { ["html": Self.unwrapParagraph($0.html)] },
                "has_donts": !r.donts.isEmpty, "donts": r.donts.map { ["html": Self.unwrapParagraph($0.html)] },
                "has_related": !r.related.isEmpty, "related": r.related.map { provisionLink($0, from: page) },
            ] as [String: Any], "has_cited_in": !citing.isEmpty, "cited_in": citing]
            let prev = i > 0 ? edition.recommendations[i - 1] : nil
            let next = i + 1 < edition.recommendations.count ? edition.recommendations[i + 1] : nil
            neighbours(&context, prev: prev.map { ("\($0.recommendation.number). \($0.recommendation.title)", $0.path) },
                       next: next.map { ("\($0.recommendation.number). \($0.recommendation.title)", $0.path) }, from: page)
            return context
        }
        for (i, r) in edition.recommendations.enumerated() {
            job(r.path, "recommendation", directory.label(of: .recommendation(r.recommendation.number), language: edition.language, locale: loc),
                description: r.recommendation.summary, key: "rec:\(r.recommendation.number)",
                crumbs: [home, (loc["recommendations"], routes.recommendations)], recommendationContext(i, r))
        }

        // Codes and their articles
        job(routes.codes, "codes", loc["codes"], key: "codes", crumbs: [home], [
            "codes": edition.codes.map { codeSummary($0, from: routes.codes, count: citationCount) },
        ])
        for c in edition.codes {
            let page = c.path
            func provisionRow(_ p: ProvisionEntry) -> [String: Any] {
                let count = citationCount(p.key)
                return ["number": p.article.number, "title": p.article.title, "url": Routes.relative(from: page, to: p.path),
                        "count": count, "has_count": count > 0]
            }
            let sections = c.code.sections.map { s -> [String: Any] in
                let sectionKey = ProvisionKey.section(code: c.code.id, number: s.number)
                return ["number": s.number, "title": s.title, "anchor": "section-\(Slug.make(s.number))",
                        "has_cited_in": citationCount(sectionKey) > 0, "cited_in": citedIn(sectionKey, from: page),
                        "provisions": c.provisions.filter { $0.article.section == s.number }.map(provisionRow)]
            }
            let unsectioned = c.provisions.filter { $0.article.section == nil }.map(provisionRow)
            let codeCiting = citedIn(.code(c.code.id), from: page)
            job(page, "code", c.code.title, description: "\(c.code.title) (\(c.code.citation))", key: "code:\(c.code.id)",
                crumbs: [home, (loc["codes"], routes.codes)], [
                    "code": [
                        "title": c.code.title, "short_title": c.code.shortTitle, "citation": c.code.citation,
                        "profession": c.code.profession, "has_source": c.code.sourceURL != nil, "source_url": c.code.sourceURL ?? "",
                        "sections": sections, "has_unsectioned": !unsectioned.isEmpty, "unsectioned": unsectioned,
                    ] as [String: Any],
                    "notice": loc["summary_notice"],
                    "has_cited_in": !codeCiting.isEmpty, "cited_in": codeCiting,
                ])
            func provisionContext(_ i: Int, _ p: ProvisionEntry) -> [String: Any] {
                let page = p.path
                let citing = citedIn(p.key, from: page)
                let section = c.code.sections.first { $0.number == p.article.section }
                var context: [String: Any] = ["provision": [
                    "label": directory.label(of: p.key, language: language, locale: loc),
                    "number": p.article.number, "title": p.article.title, "text": p.text.html,
                    "code_title": c.code.title, "code_url": Routes.relative(from: page, to: c.path),
                    "has_section": section != nil, "section_title": section.map { "\($0.number) \($0.title)" } ?? "",
                    "section_url": Routes.relative(from: page, to: c.path) + "#section-\(Slug.make(section?.number ?? ""))",
                    "has_source": c.code.sourceURL != nil, "source_url": c.code.sourceURL ?? "",
                ] as [String: Any], "has_cited_in": !citing.isEmpty, "cited_in": citing, "notice": loc["summary_notice"]]
                let prev = i > 0 ? c.provisions[i - 1] : nil
                let next = i + 1 < c.provisions.count ? c.provisions[i + 1] : nil
                neighbours(&context, prev: prev.map { ("\($0.article.number) \($0.article.title)", $0.path) },
                           next: next.map { ("\($0.article.number) \($0.article.title)", $0.path) }, from: page)
                return context
            }
            for (i, p) in c.provisions.enumerated() {
                job(p.path, "provision", "\(directory.label(of: p.key, language: language, locale: loc))",
                    description: p.article.title, key: "provision:\(c.code.id)/\(p.article.number)",
                    crumbs: [home, (loc["codes"], routes.codes), (c.code.shortTitle, c.path)], provisionContext(i, p))
            }
        }

        // Tags and professions
        let tagged = Dictionary(grouping: edition.articles.flatMap { e in e.article.tags.map { (Slug.make($0), $0, e) } }, by: \.0)
        job(routes.tags, "tags", loc["tags"], key: "tags", crumbs: [home], [
            "tags": tagged.keys.sorted().compactMap { slug -> [String: Any]? in
                guard let group = tagged[slug], let name = group.first?.1 else { return nil }
                return ["name": name, "url": Routes.relative(from: routes.tags, to: routes.tag(name)), "count": group.count]
            },
        ])
        for slug in tagged.keys.sorted() {
            guard let group = tagged[slug], let name = group.first?.1 else { continue }
            let page = routes.tag(name)
            job(page, "tag", name, kind: "tag", crumbs: [home, (loc["tags"], routes.tags)], [
                "tag": ["name": name], "articles": group.map { card($0.2, from: page) },
            ])
        }
        let byProfession = Dictionary(grouping: edition.articles.flatMap { e in e.article.professions.map { (Slug.make($0), $0, e) } }, by: \.0)
        let codesByProfession = Dictionary(grouping: edition.codes.filter { !$0.code.profession.isEmpty }, by: { Slug.make($0.code.profession) })
        let professionSlugs = Set(byProfession.keys).union(codesByProfession.keys).sorted()
        func professionName(_ slug: String) -> String {
            byProfession[slug]?.first?.1 ?? codesByProfession[slug]?.first?.code.profession ?? slug
        }
        job(routes.professions, "professions", loc["professions"], key: "professions", crumbs: [home], [
            "professions": professionSlugs.map { slug -> [String: Any] in
                ["name": professionName(slug), "url": Routes.relative(from: routes.professions, to: routes.profession(professionName(slug))),
                 "count": byProfession[slug]?.count ?? 0]
            },
        ])
        for slug in professionSlugs {
            let name = professionName(slug)
            let page = routes.profession(name)
            job(page, "profession", name, kind: "profession", crumbs: [home, (loc["professions"], routes.professions)], [
                "profession": ["name": name],
                "articles": (byProfession[slug] ?? []).map { card($0.2, from: page) },
                "codes": (codesByProfession[slug] ?? []).map { codeSummary($0, from: page, count: citationCount) },
            ])
        }

        // Correspondence: recommendations × codes
        let correspondencePage = routes.correspondence
        job(correspondencePage, "correspondence", loc["correspondence"], key: "correspondence", crumbs: [home], [
            "columns": edition.codes.map { ["title": $0.code.shortTitle, "url": Routes.relative(from: correspondencePage, to: $0.path)] },
            "rows": edition.recommendations.map { r -> [String: Any] in
                let cited = Set(r.related + r.occurrences.map(\.target))
                return [
                    "number": r.recommendation.number, "title": r.recommendation.title,
                    "url": Routes.relative(from: correspondencePage, to: r.path),
                    "cells": edition.codes.map { c -> [String: Any] in
                        let keys = cited.filter {
                            switch $0 {
                            case let .article(code, _), let .section(code, _): code == c.code.id
                            default: false
                            }
                        }.sorted()
                        return ["has_items": !keys.isEmpty, "items": keys.map { key -> [String: Any] in
                            var item = provisionLink(key, from: correspondencePage)
                            if case let .article(_, number) = key { item["label"] = number }
                            if case let .section(_, number) = key { item["label"] = "\(loc["section"]) \(number)" }
                            return item
                        }]
                    },
                ]
            },
        ])

        job(routes.search, "search", loc["search"], key: "search", crumbs: [home], [:])
        if language == site.site.language {
            job("404.html", "not-found", loc["not_found_title"], kind: "not-found", [:])
        }
        return jobs
    }

    func codeSummary(_ c: CodeEntry, from page: String, count: (ProvisionKey) -> Int) -> [String: Any] {
        ["title": c.code.title, "short_title": c.code.shortTitle, "citation": c.code.citation,
         "url": Routes.relative(from: page, to: c.path), "article_count": c.provisions.count,
         "citation_count": c.provisions.reduce(0) { $0 + count($1.key) }, "profession": c.code.profession]
    }

    /// The title and kind of every page that can cite, by site path, for "Cité dans" lists.
    func pageTitles(in edition: Edition) -> [String: (String, String)] {
        let loc = locale(edition.language)
        var titles: [String: (String, String)] = [:]
        for a in edition.articles { titles[a.path] = (a.article.title, "article") }
        for r in edition.recommendations {
            titles[r.path] = (site.directory.label(of: .recommendation(r.recommendation.number), language: edition.language, locale: loc), "recommendation")
        }
        for c in edition.codes {
            for p in c.provisions {
                titles[p.path] = (site.directory.label(of: p.key, language: edition.language, locale: loc), "provision")
            }
        }
        return titles
    }

    /// Context keys whose values are URLs, identifiers or HTML already typeset by the Markdown renderer.
    static let untypesetKeys: Set<String> = [
        "url", "canonical", "root", "assets", "search_url", "feed_url", "home_url", "source_url", "code_url", "section_url",
        "lang", "kind", "anchor", "date_iso", "updated_iso", "body", "html", "text", "year", "number",
    ]

    /// French spacing (no-break spaces before `: ; ! ?` and inside `« »`) for every text of a
    /// page's context: titles, summaries, citing sentences, interface strings.
    static func typeset(_ context: [String: Any]) -> [String: Any] {
        var out = context
        for (key, value) in context where !untypesetKeys.contains(key) {
            out[key] = typeset(value)
        }
        return out
    }

    static func typeset(_ value: Any) -> Any {
        switch value {
        case let s as String: FrenchTypography.apply(to: s)
        case let d as [String: Any]: typeset(d)
        case let a as [[String: Any]]: a.map { typeset($0) }
        case let a as [Any]: a.map { typeset($0) }
        default: value
        }
    }

    /// `<p>text</p>\n` → `text`, for one-paragraph list items.
    static func unwrapParagraph(_ html: String) -> String {
        var s = html
        while s.hasSuffix("\n") { s.removeLast() }
        if s.hasPrefix("<p>"), s.hasSuffix("</p>"), !s.dropFirst(3).contains("<p>") {
            return String(s.dropFirst(3).dropLast(4))
        }
        return s
    }
}
