import Foundation

/// Renders every HTML page of an assembled site through the theme's templates.
///
/// Contexts are typed ``TemplateObject``s; their names are the theme contract documented in
/// `docs/themes.md`. Pages render in parallel.
public struct PageRenderer: Sendable {
    public let theme: Theme
    public let site: AssembledSite
    /// The theme's interface strings by language, typeset once (French spacing for French).
    let interfaceStrings: [String: TemplateObject]

    public init(theme: Theme, site: AssembledSite) {
        self.theme = theme
        self.site = site
        var strings: [String: TemplateObject] = [:]
        for (language, locale) in theme.locales {
            strings[language] = TemplateObject(locale.strings.map { name, text in
                (name, .text(language == "fr" ? FrenchTypography.apply(to: text) : text))
            })
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
        /// Makes a hash of everything the page's context is made from, when that is known without
        /// making the context (with the article cache's keys): it then stands for the context's
        /// hash, and a current page's context is not even made. Called on the rendering thread.
        var inputKey: (() -> UInt64?)?
        /// Builds the page-specific context: called on the rendering thread, so that contexts
        /// are built in parallel and never all held at once.
        var context: () -> TemplateObject
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
        /// Output paths left as they are: what they are made from is what they were rendered from.
        public var kept: [String] = []
        /// What every page is made from, by output path (its input key, or its context's hash),
        /// for the next build's cache.
        public var hashes: [String: UInt64] = [:]
        public var diagnostics: [Diagnostic] = []
        public var count: Int { rendered.count + kept.count }
    }

    /// Renders the pages into `sink` as they are made (nothing is held), skipping those for which
    /// `isCurrent(path, hash)` says the output already holds what they are made from: the page's
    /// input key when it has one (its context is then not even made), else its context's hash
    /// (same context, same templates: same bytes).
    ///
    /// - Throws: the first error of the sink (a file that could not be written).
    public func render(reusing isCurrent: (@Sendable (String, UInt64) -> Bool)?, into sink: OutputSink) throws -> Pages {
        var jobs: [PageJob] = []
        // Without a cache to keep pages by, every page is rendered: texts shared by pages are made up front.
        for edition in site.editions {
            // The first edition's jobs are taken as they are: appended, each job would be copied.
            let made = self.jobs(for: edition, makingTextsFirst: isCurrent == nil)
            if jobs.isEmpty { jobs = made } else { jobs += made }
        }
        enum Outcome { case rendered, kept, failed(TemplateRenderError), unwritable(Error) }
        let copies = TemplateLibraryCopies(of: theme.library, strings: interfaceStrings)
        let results = jobs.parallelMap { job -> (path: String, hash: UInt64, outcome: Outcome) in
            let file = job.path.hasSuffix(".html") ? job.path : job.path + "index.html"
            let inputKey = job.inputKey?()
            if let key = inputKey, let isCurrent, isCurrent(file, key) { return (file, key, .kept) }
            return copies.withCopy { copy in
                let (template, context) = self.context(for: job, strings: copy.strings)
                let hash: UInt64
                if let key = inputKey {
                    hash = key
                } else {
                    var hasher = StableHash()
                    hasher.combine(template)
                    hasher.combine(context: context)
                    hash = hasher.value
                    if let isCurrent, isCurrent(file, hash) { return (file, hash, .kept) }
                }
                let html: [UInt8]
                do throws(TemplateRenderError) {
                    html = try copy.library.rendering(template, context)
                } catch {
                    return (file, hash, .failed(error))
                }
                do {
                    try sink.add(OutputFile(path: file, bytes: html))
                } catch {
                    return (file, hash, .unwritable(error))
                }
                return (file, hash, .rendered)
            }
        }
        var pages = Pages()
        pages.hashes.reserveCapacity(results.count)
        // By index: a job copied out of the list costs a retain of each of its strings.
        for i in results.indices {
            let result = results[i]
            pages.hashes[result.path] = result.hash
            switch result.outcome {
            case .rendered: pages.rendered.append(result.path)
            case .kept: pages.kept.append(result.path)
            case let .failed(error):
                pages.diagnostics.append(.error("template '\(jobs[i].template)' could not be rendered for \(jobs[i].path): \(error)", at: nil))
            case let .unwritable(error): throw error
            }
        }
        // Ten thousand jobs hold closures and the values they capture: freed on an idle core,
        // while the build goes on with the feeds, the sitemap and the cache.
        releaseInBackground(consume jobs)
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

    /// The template and whole context of a page; `strings` are the interface strings by
    /// language (``interfaceStrings``, or a copy of them).
    func context(for job: PageJob, strings: [String: TemplateObject]? = nil) -> (String, TemplateObject) {
        let language = job.language
        let loc = locale(language)
        let routes = site.site.routes(for: language)
        let isNotFound = job.template == "not-found"
        let root = isNotFound ? basePath : Routes.root(from: job.path)
        func link(_ target: String) -> String {
            isNotFound ? basePath + target : Routes.relative(from: job.path, to: target)
        }
        let typeset = Typesetter(language: language)
        var context = job.context()
        context["lang"] = .text(language)
        context["site"] = ["title": typeset(site.site.title(in: language)), "description": typeset(site.site.description(in: language)),
                           "regulator": typeset(site.site.regulator(in: language))]
        context["root"] = .text(root)
        context["assets"] = .text(root + "assets/")
        context["page"] = ["title": typeset(job.title), "description": typeset(job.description.isEmpty ? site.site.description(in: language) : job.description),
                           "canonical": .text(absolute(job.path)), "kind": .text(job.kind)]
        context["nav"] = .objects(site.site.navigation.filter { ($0.language ?? site.site.language) == language }.map { entry in
            let isExternal = HTMLEscaping.scheme(of: entry.url) != nil
            let target = String(entry.url.drop { $0 == "/" })
            let current = !isExternal && !target.isEmpty && job.path.hasPrefix(target)
            return ["title": typeset(entry.title), "url": .text(isExternal ? entry.url : link(target)), "current": .bool(current)]
        })
        let translations = job.translationKey.flatMap { site.translations[$0] } ?? [:]
        context["languages"] = .objects(site.site.languages.map { lang in
            let target = translations[lang] ?? site.site.routes(for: lang).home
            return ["lang": .text(lang), "name": typeset(locale(lang)["language_name"]), "url": .text(link(target)), "current": .bool(lang == language)]
        })
        context["alternates"] = .objects(translations.keys.sorted().map { ["lang": .text($0), "url": .text(absolute(translations[$0] ?? ""))] })
        context["search_url"] = .text(link(routes.search))
        context["feed_url"] = .text(link(routes.feed))
        context["home_url"] = .text(link(routes.home))
        context["breadcrumbs"] = .objects(job.breadcrumbs.map { ["title": typeset($0.0), "url": .text(link($0.1))] })
        context["year"] = .text(String(site.latestDate?.year ?? 2026))
        context["t"] = .object((strings ?? interfaceStrings)[language] ?? TemplateObject(loc.strings.map { ($0.key, .text($0.value)) }))
        return (job.template, context)
    }

    // MARK: Pages of one edition

    /// The texts of an article that its cards show on several pages, made once per edition.
    struct ArticleTexts: Sendable {
        var title: TemplateValue
        var summary: TemplateValue
        var dateText: TemplateValue
        var tags: [(name: TemplateValue, page: String)]
        var professions: [(name: TemplateValue, page: String)]
    }

    /// The pages of `edition`, each with its key and a function that makes its context. Texts
    /// that many pages show (an article's typeset title, date and tags on every card) are made
    /// when a page first needs them, or, with `makingTextsFirst`, all at once on every core.
    func jobs(for edition: Edition, makingTextsFirst: Bool = false) -> [PageJob] {
        let language = edition.language
        let loc = locale(language)
        let routes = edition.routes
        let directory = site.directory
        let typeset = Typesetter(language: language)
        var jobs: [PageJob] = []
        func job(_ path: String, _ template: String, _ title: String, description: String = "", kind: String? = nil,
                 key: String? = nil, crumbs: [(String, String)] = [], inputs: ((inout StableHash) -> Void)? = nil,
                 _ context: @escaping @autoclosure () -> TemplateObject) {
            // The page's key: its template, path and translations, and what `inputs` adds.
            let inputKey = inputs.map { add in { pageKey(template, path, key, add) } }
            jobs.append(PageJob(path: path, template: template, title: title, description: description, kind: kind ?? template,
                                language: language, translationKey: key, breadcrumbs: crumbs, inputKey: inputKey, context: context))
        }
        let home = (loc["home"], routes.home)

        // Texts shown on many pages are typeset once; contexts are built relative to each page, so links stay relative.
        // Made when a page first needs them: a rebuild renders few pages.
        let articleTexts = LazyList(count: edition.articles.count, makingAllFirst: makingTextsFirst) { i in
            let e = edition.articles[i]
            return ArticleTexts(title: typeset(e.article.title), summary: typeset(e.article.summary), dateText: typeset(loc.format(e.article.date)),
                                tags: e.article.tags.map { (typeset($0), routes.tag($0)) },
                                professions: e.article.professions.map { (typeset($0), routes.profession($0)) })
        }
        func terms(_ names: [(name: TemplateValue, page: String)], from page: String) -> TemplateValue {
            .objects(names.map { ["name": $0.name, "url": .text(Routes.relative(from: page, to: $0.page))] })
        }
        func card(_ index: Int, from page: String) -> TemplateObject {
            let e = edition.articles[index], texts = articleTexts[index]
            return [
                "title": texts.title, "url": .text(Routes.relative(from: page, to: e.path)),
                "date_iso": .text(e.article.date.description), "date_text": texts.dateText,
                "summary": texts.summary,
                "tags": terms(texts.tags, from: page),
                "professions": terms(texts.professions, from: page),
            ]
        }
        let titles = pageTitles(in: edition, typeset: typeset)

        // Keys of what pages are made from, so that a page whose inputs did not change is kept
        // without making its context (only with the article cache's link environment). Every key
        // holds that environment (site configuration; codes and recommendations as citations see
        // them: titles, numbers, sections, labels; this language's locale and routes), the year of
        // the latest article and the page's translations; each kind of page adds what else it
        // shows: cards, citation counts, "Cité dans" lists, linked texts (an article's by its link
        // key, which holds where its links to other articles led; a recommendation's or
        // provision's by its HTML). Theme and program: the render cache's key.
        let environment = edition.linkEnvironment
        let cardKeys: [UInt64] = environment == nil ? [] : edition.articles.parallelMap(chunkSize: 256) { e in
            var hasher = StableHash()
            hasher.combine(e.article.title)
            hasher.combine(e.article.summary)
            hasher.combine(e.article.date.description)
            hasher.combine(list: e.article.tags)
            hasher.combine(list: e.article.professions)
            hasher.combine(e.path)
            return hasher.value
        }
        func pageKey(_ template: String, _ path: String, _ translationKey: String?, _ add: (inout StableHash) -> Void) -> UInt64? {
            guard let environment else { return nil }
            var hasher = StableHash()
            hasher.combine("page inputs 1")
            hasher.combine(template)
            hasher.combine(path)
            hasher.combine(environment.high)
            hasher.combine(environment.low)
            hasher.combine(UInt64(site.latestDate?.year ?? 2026))
            let translations = translationKey.flatMap { site.translations[$0] } ?? [:]
            hasher.combine(UInt64(translations.count))
            for language in translations.keys.sorted() {
                hasher.combine(language)
                hasher.combine(translations[language] ?? "")
            }
            add(&hasher)
            return hasher.value
        }
        /// An article page: its link key (its file, path, links), and its neighbours' titles and paths.
        func articleInputs(_ i: Int) -> ((inout StableHash) -> Void)? {
            guard let linkKey = edition.articles[i].linkKey else { return nil }
            return { hasher in
                hasher.combine(linkKey.high)
                hasher.combine(linkKey.low)
                for neighbour in [i + 1, i - 1] {
                    if edition.articles.indices.contains(neighbour) {
                        hasher.combine(edition.articles[neighbour].article.title)
                        hasher.combine(edition.articles[neighbour].path)
                    } else {
                        hasher.combine("\u{0}none")
                    }
                }
            }
        }
        func combineCards(_ indices: some Collection<Int>, into hasher: inout StableHash) {
            hasher.combine(UInt64(indices.count))
            for i in indices { hasher.combine(cardKeys[i]) }
        }
        // What a citing page's title adds to a key, once per page that cites.
        @Sendable func titleHash(_ page: String) -> UInt64 {
            var hasher = StableHash()
            if let title = titles[page] {
                hasher.combine(context: title.0)
                hasher.combine(title.1)
            } else {
                hasher.combine("\u{0}untitled")
            }
            return hasher.value
        }
        let citingTitles = edition.citingPages.parallelMap(chunkSize: 512) { titleHash($0) }
        func combineCitedIn(_ key: ProvisionKey, into hasher: inout StableHash) {
            let count = edition.citationCount(of: key)
            guard count > 0 else { return hasher.combine(UInt64(0)) }
            let digests = edition.citationDigests(of: key), documents = edition.citingDocuments(of: key)
            hasher.combine(UInt64(count))
            // Each occurrence by its digest (made when it was linked, and holding its page), and its
            // page's title, by the index of the document that cites: no occurrence is copied out
            // (a retain of each of its strings).
            for k in 0..<count {
                hasher.combine(digests[k])
                hasher.combine(citingTitles[Int(documents[k])])
            }
        }
        func combineCitationCounts(_ codes: [CodeEntry], into hasher: inout StableHash) {
            for c in codes { hasher.combine(UInt64(c.provisions.reduce(0) { $0 + edition.citationCount(of: $1.key) })) }
        }
        func citedIn(_ key: ProvisionKey, from page: String) -> [TemplateObject] {
            // One entry per citing sentence: a sentence that cites a provision twice is listed once.
            // Occurrences come page by page, so only the sentences of the current page are compared.
            var citingPage = "", sentences: [String] = []
            let occurrences = edition.citations(of: key).filter { occurrence in
                if occurrence.page != citingPage {
                    citingPage = occurrence.page
                    sentences = []
                } else if sentences.contains(occurrence.sentence) {
                    return false
                }
                sentences.append(occurrence.sentence)
                return true
            }
            return occurrences.map { occurrence in
                let title = titles[occurrence.page] ?? (typeset(occurrence.page), "page")
                return [
                    "title": title.0, "kind": .text(title.1), "sentence": typeset(occurrence.sentence),
                    "url": .text(Routes.relative(from: page, to: occurrence.page) + (occurrence.anchor.map { "#\($0)" } ?? "")),
                ]
            }
        }
        func provisionLink(_ key: ProvisionKey, from page: String, namingCode: Bool = true) -> TemplateObject {
            ["label": typeset(directory.label(of: key, language: language, locale: loc, namingCode: namingCode)),
             "url": .text(Routes.relative(from: page, to: directory.path(of: key, from: language, routesFor: site.site.routes(for:))))]
        }
        func neighbours(_ context: inout TemplateObject, prev: (TemplateValue, String)?, next: (TemplateValue, String)?, from page: String) {
            if let prev { context["prev"] = ["title": prev.0, "url": .text(Routes.relative(from: page, to: prev.1))] }
            if let next { context["next"] = ["title": next.0, "url": .text(Routes.relative(from: page, to: next.1))] }
        }
        let citationCount: (ProvisionKey) -> Int = { edition.citationCount(of: $0) }
        func recommendationSummary(_ r: RecommendationEntry, from page: String) -> TemplateObject {
            ["number": .number(r.recommendation.number), "title": typeset(r.recommendation.title), "summary": typeset(r.recommendation.summary),
             "url": .text(Routes.relative(from: page, to: r.path))]
        }
        func codeSummary(_ c: CodeEntry, from page: String) -> TemplateObject {
            ["title": typeset(c.code.title), "short_title": typeset(c.code.shortTitle), "citation": typeset(c.code.citation),
             "url": .text(Routes.relative(from: page, to: c.path)), "article_count": .number(c.provisions.count),
             "citation_count": .number(c.provisions.reduce(0) { $0 + citationCount($1.key) }), "profession": typeset(c.code.profession)]
        }

        // Home
        job(routes.home, "home", site.site.title(in: language), description: site.site.description(in: language), key: "home",
            inputs: { hasher in
                combineCards(edition.articles.indices.prefix(6), into: &hasher)
                combineCitationCounts(edition.codes, into: &hasher)
            }, [
            "recommendations": .objects(edition.recommendations.map { recommendationSummary($0, from: routes.home) }),
            "latest": .objects(edition.articles.indices.prefix(6).map { card($0, from: routes.home) }),
            "codes": .objects(edition.codes.map { codeSummary($0, from: routes.home) }),
        ])

        // Articles
        job(routes.articles, "articles", loc["articles"], key: "articles", crumbs: [home],
            inputs: { combineCards(edition.articles.indices, into: &$0) }, [
            "articles": .objects(edition.articles.indices.map { card($0, from: routes.articles) }), "count": .number(edition.articles.count),
        ])
        func articleContext(_ i: Int) -> TemplateObject {
            let e = edition.articles[i]
            let page = e.path
            let texts = articleTexts[i]
            var groups: [TemplateObject] = []
            let cited = Set(e.body.occurrences.map(\.target)).sorted()
            let recs = cited.filter { if case .recommendation = $0 { return true } else { return false } }
            if !recs.isEmpty {
                groups.append(["title": typeset(loc["recommendations"]), "url": .text(Routes.relative(from: page, to: routes.recommendations)),
                               "items": .objects(recs.map { provisionLink($0, from: page) })])
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
                groups.append(["title": typeset(directory.code(code, language: language)?.title ?? code),
                               "url": .text(Routes.relative(from: page, to: directory.path(of: .code(code), from: language, routesFor: site.site.routes(for:)))),
                               "items": .objects(keys.filter { if case .code = $0 { return false } else { return true } }.map { provisionLink($0, from: page, namingCode: false) })])
            }
            var context: TemplateObject = ["article": [
                "title": texts.title, "summary": texts.summary,
                "date_iso": .text(e.article.date.description), "date_text": texts.dateText,
                "has_updated": .bool(e.article.updated != nil),
                "updated_iso": .text(e.article.updated?.description ?? ""), "updated_text": typeset(e.article.updated.map(loc.format) ?? ""),
                "tags": terms(texts.tags, from: page),
                "professions": terms(texts.professions, from: page),
                "body": .text(e.body.html),
                "has_toc": .bool(e.body.tableOfContents.count > 1),
                "toc": .objects(e.body.tableOfContents.filter { $0.level <= 3 }.map {
                    ["title": typeset($0.title), "anchor": .text($0.anchor), "level": .number($0.level), "is_sub": .bool($0.level >= 3)]
                }),
                "has_cites": .bool(!groups.isEmpty), "cites": .objects(groups),
            ]]
            // Previous = older, next = newer.
            let older = i + 1 < edition.articles.count ? i + 1 : nil
            let newer = i > 0 ? i - 1 : nil
            neighbours(&context, prev: older.map { (articleTexts[$0].title, edition.articles[$0].path) },
                       next: newer.map { (articleTexts[$0].title, edition.articles[$0].path) }, from: page)
            return context
        }
        // By index: an entry copied out of the list (and kept by the job's context) costs a
        // retain of each of its strings; the context reads it when the page is made.
        let articleCrumbs = [home, (loc["articles"], routes.articles)]
        for i in edition.articles.indices {
            let key = "article:\(edition.articles[i].article.translationKey)"
            job(edition.articles[i].path, "article", edition.articles[i].article.title, description: edition.articles[i].article.summary,
                key: key, crumbs: articleCrumbs, inputs: articleInputs(i), articleContext(i))
        }

        // Recommendations
        job(routes.recommendations, "recommendations", loc["recommendations"], key: "recommendations", crumbs: [home],
            inputs: { hasher in
                for r in edition.recommendations { hasher.combine(UInt64(citationCount(.recommendation(r.recommendation.number)))) }
            }, [
            "recommendations": .objects(edition.recommendations.map {
                var summary = recommendationSummary($0, from: routes.recommendations)
                summary["citation_count"] = .number(citationCount(.recommendation($0.recommendation.number)))
                return summary
            }),
        ])
        func recommendationContext(_ i: Int, _ r: RecommendationEntry) -> TemplateObject {
            let page = r.path
            let key = ProvisionKey.recommendation(r.recommendation.number)
            let citing = citedIn(key, from: page)
            var context: TemplateObject = ["rec": [
                "number": .number(r.recommendation.number), "title": typeset(r.recommendation.title), "summary": typeset(r.recommendation.summary),
                "body": .text(r.body.html),
                "has_dos": .bool(!r.dos.isEmpty), "dos": .objects(r.dos.map { ["html": .text(Self.unwrapParagraph($0.html))] }),
                "has_donts": .bool(!r.donts.isEmpty), "donts": .objects(r.donts.map { ["html": .text(Self.unwrapParagraph($0.html))] }),
                "has_related": .bool(!r.related.isEmpty), "related": .objects(r.related.map { provisionLink($0, from: page) }),
            ], "has_cited_in": .bool(!citing.isEmpty), "cited_in": .objects(citing)]
            let prev = i > 0 ? edition.recommendations[i - 1] : nil
            let next = i + 1 < edition.recommendations.count ? edition.recommendations[i + 1] : nil
            neighbours(&context, prev: prev.map { (typeset("\($0.recommendation.number). \($0.recommendation.title)"), $0.path) },
                       next: next.map { (typeset("\($0.recommendation.number). \($0.recommendation.title)"), $0.path) }, from: page)
            return context
        }
        for (i, r) in edition.recommendations.enumerated() {
            job(r.path, "recommendation", directory.label(of: .recommendation(r.recommendation.number), language: edition.language, locale: loc),
                description: r.recommendation.summary, key: "rec:\(r.recommendation.number)",
                crumbs: [home, (loc["recommendations"], routes.recommendations)],
                inputs: { hasher in
                    hasher.combine(r.body.html)
                    hasher.combine(list: r.dos.map(\.html))
                    hasher.combine(list: r.donts.map(\.html))
                    combineCitedIn(.recommendation(r.recommendation.number), into: &hasher)
                }, recommendationContext(i, r))
        }

        // Codes and their articles
        job(routes.codes, "codes", loc["codes"], key: "codes", crumbs: [home],
            inputs: { combineCitationCounts(edition.codes, into: &$0) }, [
            "codes": .objects(edition.codes.map { codeSummary($0, from: routes.codes) }),
        ])
        for c in edition.codes {
            let page = c.path
            func provisionRow(_ p: ProvisionEntry) -> TemplateObject {
                let count = citationCount(p.key)
                return ["number": .text(p.article.number), "title": typeset(p.article.title), "url": .text(Routes.relative(from: page, to: p.path)),
                        "count": .number(count), "has_count": .bool(count > 0)]
            }
            func codeContext() -> TemplateObject {
                let sections = c.code.sections.map { s -> TemplateObject in
                    let sectionKey = ProvisionKey.section(code: c.code.id, number: s.number)
                    return ["number": .text(s.number), "title": typeset(s.title), "anchor": .text("section-\(Slug.make(s.number))"),
                            "has_cited_in": .bool(citationCount(sectionKey) > 0), "cited_in": .objects(citedIn(sectionKey, from: page)),
                            "provisions": .objects(c.provisions.filter { $0.article.section == s.number }.map(provisionRow))]
                }
                let unsectioned = c.provisions.filter { $0.article.section == nil }.map(provisionRow)
                let codeCiting = citedIn(.code(c.code.id), from: page)
                return [
                    "code": [
                        "title": typeset(c.code.title), "short_title": typeset(c.code.shortTitle), "citation": typeset(c.code.citation),
                        "profession": typeset(c.code.profession), "has_source": .bool(c.code.sourceURL != nil), "source_url": .text(c.code.sourceURL ?? ""),
                        "sections": .objects(sections), "has_unsectioned": .bool(!unsectioned.isEmpty), "unsectioned": .objects(unsectioned),
                    ],
                    "notice": typeset(loc["summary_notice"]),
                    "has_cited_in": .bool(!codeCiting.isEmpty), "cited_in": .objects(codeCiting),
                ]
            }
            job(page, "code", c.code.title, description: "\(c.code.title) (\(c.code.citation))", key: "code:\(c.code.id)",
                crumbs: [home, (loc["codes"], routes.codes)],
                inputs: { hasher in
                    for p in c.provisions { hasher.combine(UInt64(citationCount(p.key))) }
                    for section in c.code.sections { combineCitedIn(.section(code: c.code.id, number: section.number), into: &hasher) }
                    combineCitedIn(.code(c.code.id), into: &hasher)
                }, codeContext())
            func provisionContext(_ i: Int, _ p: ProvisionEntry) -> TemplateObject {
                let page = p.path
                let citing = citedIn(p.key, from: page)
                let section = c.code.sections.first { $0.number == p.article.section }
                var context: TemplateObject = ["provision": [
                    "label": typeset(directory.label(of: p.key, language: language, locale: loc)),
                    "number": .text(p.article.number), "title": typeset(p.article.title), "text": .text(p.text.html),
                    "code_title": typeset(c.code.title), "code_url": .text(Routes.relative(from: page, to: c.path)),
                    "has_section": .bool(section != nil), "section_title": typeset(section.map { "\($0.number) \($0.title)" } ?? ""),
                    "section_url": .text(Routes.relative(from: page, to: c.path) + "#section-\(Slug.make(section?.number ?? ""))"),
                    "has_source": .bool(c.code.sourceURL != nil), "source_url": .text(c.code.sourceURL ?? ""),
                ], "has_cited_in": .bool(!citing.isEmpty), "cited_in": .objects(citing), "notice": typeset(loc["summary_notice"])]
                let prev = i > 0 ? c.provisions[i - 1] : nil
                let next = i + 1 < c.provisions.count ? c.provisions[i + 1] : nil
                neighbours(&context, prev: prev.map { (typeset("\($0.article.number) \($0.article.title)"), $0.path) },
                           next: next.map { (typeset("\($0.article.number) \($0.article.title)"), $0.path) }, from: page)
                return context
            }
            let provisionCrumbs = [home, (loc["codes"], routes.codes), (c.code.shortTitle, c.path)]
            for (i, p) in c.provisions.enumerated() {
                let key = "provision:\(c.code.id)/\(p.article.number)"
                job(p.path, "provision", directory.label(of: p.key, language: language, locale: loc),
                    description: p.article.title, key: key,
                    crumbs: provisionCrumbs,
                    inputs: { hasher in
                        hasher.combine(p.text.html)
                        combineCitedIn(p.key, into: &hasher)
                    }, provisionContext(i, p))
            }
        }

        // Tags and professions: (slug, name as written, article index). A portal has a few dozen
        // names on thousands of articles: each is made a slug once.
        var slugs: [String: String] = [:]
        func slug(_ name: String) -> String {
            if let known = slugs[name] { return known }
            let made = Slug.make(name)
            slugs[name] = made
            return made
        }
        let tagged = Dictionary(grouping: edition.articles.indices.flatMap { i in edition.articles[i].article.tags.map { (slug($0), $0, i) } }, by: \.0)
        job(routes.tags, "tags", loc["tags"], key: "tags", crumbs: [home],
            inputs: { hasher in
                for slug in tagged.keys.sorted() {
                    hasher.combine(slug)
                    hasher.combine(tagged[slug]?.first?.1 ?? "")
                    hasher.combine(UInt64(tagged[slug]?.count ?? 0))
                }
            }, [
            "tags": .objects(tagged.keys.sorted().compactMap { slug -> TemplateObject? in
                guard let group = tagged[slug], let name = group.first?.1 else { return nil }
                return ["name": typeset(name), "url": .text(Routes.relative(from: routes.tags, to: routes.tag(name))), "count": .number(group.count)]
            }),
        ])
        for slug in tagged.keys.sorted() {
            guard let group = tagged[slug], let name = group.first?.1 else { continue }
            let page = routes.tag(name)
            job(page, "tag", name, kind: "tag", crumbs: [home, (loc["tags"], routes.tags)],
                inputs: { hasher in
                    hasher.combine(name)
                    combineCards(group.map(\.2), into: &hasher)
                }, [
                "tag": ["name": typeset(name)], "articles": .objects(group.map { card($0.2, from: page) }),
            ])
        }
        let byProfession = Dictionary(grouping: edition.articles.indices.flatMap { i in edition.articles[i].article.professions.map { (slug($0), $0, i) } },
                                      by: \.0)
        let codesByProfession = Dictionary(grouping: edition.codes.filter { !$0.code.profession.isEmpty }, by: { slug($0.code.profession) })
        let professionSlugs = Set(byProfession.keys).union(codesByProfession.keys).sorted()
        func professionName(_ slug: String) -> String {
            byProfession[slug]?.first?.1 ?? codesByProfession[slug]?.first?.code.profession ?? slug
        }
        job(routes.professions, "professions", loc["professions"], key: "professions", crumbs: [home],
            inputs: { hasher in
                for slug in professionSlugs {
                    hasher.combine(slug)
                    hasher.combine(professionName(slug))
                    hasher.combine(UInt64(byProfession[slug]?.count ?? 0))
                }
            }, [
            "professions": .objects(professionSlugs.map { slug -> TemplateObject in
                ["name": typeset(professionName(slug)), "url": .text(Routes.relative(from: routes.professions, to: routes.profession(professionName(slug)))),
                 "count": .number(byProfession[slug]?.count ?? 0)]
            }),
        ])
        for slug in professionSlugs {
            let name = professionName(slug)
            let page = routes.profession(name)
            job(page, "profession", name, kind: "profession", crumbs: [home, (loc["professions"], routes.professions)],
                inputs: { hasher in
                    hasher.combine(name)
                    combineCards((byProfession[slug] ?? []).map(\.2), into: &hasher)
                    hasher.combine(list: (codesByProfession[slug] ?? []).map(\.code.id))
                    combineCitationCounts(codesByProfession[slug] ?? [], into: &hasher)
                }, [
                "profession": ["name": typeset(name)],
                "articles": .objects((byProfession[slug] ?? []).map { card($0.2, from: page) }),
                "codes": .objects((codesByProfession[slug] ?? []).map { codeSummary($0, from: page) }),
            ])
        }

        // Correspondence: recommendations × codes
        let correspondencePage = routes.correspondence
        job(correspondencePage, "correspondence", loc["correspondence"], key: "correspondence", crumbs: [home], [
            "columns": .objects(edition.codes.map { ["title": typeset($0.code.shortTitle), "url": .text(Routes.relative(from: correspondencePage, to: $0.path))] }),
            "rows": .objects(edition.recommendations.map { r -> TemplateObject in
                let cited = Set(r.related + r.occurrences.map(\.target))
                return [
                    "number": .number(r.recommendation.number), "title": typeset(r.recommendation.title),
                    "url": .text(Routes.relative(from: correspondencePage, to: r.path)),
                    "cells": .objects(edition.codes.map { c -> TemplateObject in
                        let keys = cited.filter {
                            switch $0 {
                            case let .article(code, _), let .section(code, _): code == c.code.id
                            default: false
                            }
                        }.sorted()
                        return ["has_items": .bool(!keys.isEmpty), "items": .objects(keys.map { key -> TemplateObject in
                            var item = provisionLink(key, from: correspondencePage)
                            if case let .article(_, number) = key { item["label"] = typeset(number) }
                            if case let .section(_, number) = key { item["label"] = typeset("\(loc["section"]) \(number)") }
                            return item
                        })]
                    }),
                ]
            }),
        ])

        job(routes.search, "search", loc["search"], key: "search", crumbs: [home], [:])
        if language == site.site.language {
            job("404.html", "not-found", loc["not_found_title"], kind: "not-found", [:])
        }
        return jobs
    }

    /// The title (typeset) and kind of every page that can cite, by site path, for "Cité dans" lists.
    func pageTitles(in edition: Edition, typeset: Typesetter) -> [String: (TemplateValue, String)] {
        let loc = locale(edition.language)
        var titles: [String: (TemplateValue, String)] = [:]
        titles.reserveCapacity(edition.articles.count + edition.recommendations.count + edition.codes.reduce(0) { $0 + 1 + $1.provisions.count })
        // Articles' titles typeset on every core.
        let articleTitles = Array(edition.articles.indices).parallelMap(chunkSize: 256) { typeset(edition.articles[$0].article.title) }
        for i in edition.articles.indices { titles[edition.articles[i].path] = (articleTitles[i], "article") }
        for r in edition.recommendations {
            titles[r.path] = (typeset(site.directory.label(of: .recommendation(r.recommendation.number), language: edition.language, locale: loc)),
                              "recommendation")
        }
        for c in edition.codes {
            for p in c.provisions {
                titles[p.path] = (typeset(site.directory.label(of: p.key, language: edition.language, locale: loc)), "provision")
            }
        }
        return titles
    }

    /// Makes a text of a page's context as readers of its language see it: French pages get
    /// French spacing (no-break spaces before `: ; ! ?` and inside `« »`) in every title,
    /// summary, label, citing sentence and interface text, never in URLs, identifiers, dates
    /// in ISO form or HTML the Markdown renderer already typeset. Each text is typeset once,
    /// where it enters a context: an article's title and summary once per build, not once per
    /// list that shows its card.
    struct Typesetter: Sendable {
        let french: Bool

        init(language: String) { french = language == "fr" }

        func callAsFunction(_ text: String) -> TemplateValue {
            .text(french ? FrenchTypography.apply(to: text) : text)
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
