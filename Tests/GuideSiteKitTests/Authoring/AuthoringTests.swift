import Foundation
import Testing
@testable import GuideSiteKit

@Suite("Starting new content")
struct AuthoringTests {
    let day = ContentDate(year: 2026, month: 3, day: 5)

    func scaffolder(_ site: TemporarySite) -> ContentScaffolder {
        ContentScaffolder(content: site.content, displayBase: site.folder)
    }

    @Test(arguments: [
        ("Titre de l'article", "titre-de-l-article"),
        ("  Œuvres, « guillemets » et accents : été ", "oeuvres-guillemets-et-accents-ete"),
        ("Les 10 règles d'or", "les-10-regles-d-or"),
        ("Un titre vraiment très long qui continue encore et encore bien au-delà de soixante caractères",
         "un-titre-vraiment-tres-long-qui-continue-encore-et-encore"),
    ])
    func slugsAreFoldedFromTheTitle(_ title: String, _ slug: String) {
        #expect(ContentScaffolder.slug(for: title) == slug)
        #expect(ContentScaffolder.slug(for: title).count <= ContentScaffolder.maximumSlugLength)
    }

    @Test func anArticleIsADraftDatedTheGivenDay() throws {
        let site = try TemporarySite(fixture: "basic")
        let file = try scaffolder(site).plan(.article(title: "Le \"secret\" et l'\\antislash"), date: day)
        #expect(file.relativePath == "articles/le-secret-et-l-antislash.md")
        #expect(file.text.hasPrefix("""
            ---
            title: "Le \\"secret\\" et l'\\\\antislash"
            date: 2026-03-05
            summary: "Une ou deux phrases qui présentent l'article dans les listes."
            tags: []
            professions: []
            # code: dentistes
            draft: true
            ---

            """))
    }

    @Test func recommendationsTakeTheNumberAfterTheHighest() throws {
        let site = try TemporarySite(fixture: "basic")
        let first = try scaffolder(site).plan(.recommendation(title: "Vérifier ses paramètres"), date: day)
        #expect(first.relativePath == "recommendations/03-verifier-ses-parametres.yaml")
        #expect(first.text.hasPrefix("number: 3\ntitle: \"Vérifier ses paramètres\"\n"))
        // The field counts, not the file name; translations share their number.
        try site.write("recommendations/07-autre.yaml", "number: 9\ntitle: \"Autre\"\nsummary: \"s\"\nbody: \"b\"\n")
        try site.write("recommendations/07-autre.en.yaml", "number: 9\ntitle: \"Other\"\nsummary: \"s\"\nbody: \"b\"\n")
        let next = try scaffolder(site).plan(.recommendation(title: "Suite"), date: day)
        #expect(next.relativePath == "recommendations/10-suite.yaml")
    }

    @Test func numberNinetyNineIsTheLast() throws {
        let site = try TemporarySite(fixture: "basic")
        try site.write("recommendations/99-derniere.yaml", "number: 99\ntitle: \"D\"\nsummary: \"s\"\nbody: \"b\"\n")
        #expect(throws: AuthoringError.noFreeRecommendationNumber) {
            try scaffolder(site).plan(.recommendation(title: "Une de trop"), date: day)
        }
    }

    @Test func codesAreNamedByTheirId() throws {
        let site = try TemporarySite(fixture: "basic")
        let file = try scaffolder(site).plan(.code(id: "pharmaciens", title: "Code de déontologie des pharmaciens"), date: day)
        #expect(file.relativePath == "codes/pharmaciens.yaml")
        #expect(file.text.hasPrefix("id: pharmaciens\ntitle: \"Code de déontologie des pharmaciens\"\n"))
        #expect(throws: AuthoringError.invalidCodeID("Pharmaciens")) {
            try scaffolder(site).plan(.code(id: "Pharmaciens", title: "X"), date: day)
        }
        #expect(throws: AuthoringError.alreadyExists(path: "Content/codes/dentistes.yaml")) {
            try scaffolder(site).plan(.code(id: "dentistes", title: "X"), date: day)
        }
        try site.write("codes/autre-nom.yaml", "id: infirmieres\ntitle: \"I\"\n")
        #expect(throws: AuthoringError.duplicateCodeID(id: "infirmieres", path: "Content/codes/autre-nom.yaml")) {
            try scaffolder(site).plan(.code(id: "infirmieres", title: "X"), date: day)
        }
        try site.write("codes/medecins.en.yaml", "id: medecins\ntitle: \"Physicians\"\n")
        #expect(try scaffolder(site).plan(.code(id: "medecins", title: "Code des médecins"), date: day).relativePath == "codes/medecins.yaml",
                "a translation alone does not take its id")
    }

    @Test func nothingIsEverOverwritten() throws {
        let site = try TemporarySite(fixture: "basic")
        #expect(throws: AuthoringError.alreadyExists(path: "Content/articles/premier.md")) {
            try scaffolder(site).create(.article(title: "Premier"), date: day)
        }
        let url = site.content.appendingPathComponent("articles/premier.md")
        let fixture = try String(contentsOf: Repository.fixtures.appendingPathComponent("sites/basic/articles/premier.md"), encoding: .utf8)
        #expect(try String(contentsOf: url, encoding: .utf8) == fixture, "the existing article is untouched")
    }

    @Test func aSecondCreateIsRefused() throws {
        let site = try TemporarySite(fixture: "basic")
        let url = try scaffolder(site).create(.article(title: "Nouvel article"), date: day)
        try Data("modifié par l'auteur".utf8).write(to: url)
        #expect(throws: AuthoringError.alreadyExists(path: "Content/articles/nouvel-article.md")) {
            try scaffolder(site).create(.article(title: "Nouvel article"), date: day)
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == "modifié par l'auteur")
    }

    @Test(arguments: ["", "   ", "deux\nlignes", "tab\u{7}"])
    func badTitlesAreRefused(_ title: String) throws {
        let site = try TemporarySite(fixture: "basic")
        #expect(throws: AuthoringError.self) { try scaffolder(site).plan(.article(title: title), date: day) }
    }

    @Test func aTitleWithoutLettersGivesNoFileName() throws {
        let site = try TemporarySite(fixture: "basic")
        #expect(throws: AuthoringError.emptySlug(title: "« ? »")) { try scaffolder(site).plan(.article(title: "« ? »"), date: day) }
    }

    @Test func aMissingContentFolderIsAnIOError() throws {
        let site = try TemporarySite()
        #expect(throws: AuthoringError.io(.missing(path: "Content", what: "content folder"))) {
            try scaffolder(site).create(.article(title: "Titre"), date: day)
        }
    }

    @Test func missingSubfoldersAreMade() throws {
        let site = try TemporarySite()
        try site.write("site.yaml", "title: \"T\"\n")
        let url = try scaffolder(site).create(.code(id: "pharmaciens", title: "Code des pharmaciens"), date: day)
        #expect(FileManager.default.fileExists(atPath: url.path))
    }

    /// What `guidesite check` says of a site, with drafts or without.
    func check(_ site: TemporarySite, drafts: Bool) throws -> [Diagnostic] {
        var options = site.options
        options.includeDrafts = drafts
        return try SiteBuilder(options: options).prepare().diagnostics
    }

    @Test(arguments: [
        NewContent.article(title: "Les courriels aux clients : « bonnes pratiques »"),
        .recommendation(title: "Vérifier ses paramètres de confidentialité"),
        .code(id: "pharmaciens", title: "Code de déontologie des pharmaciens"),
    ])
    func everyNewFilePassesCheck(_ item: NewContent) throws {
        let site = try TemporarySite(fixture: "basic")
        let before = try check(site, drafts: true)
        try scaffolder(site).create(item, date: day)
        for drafts in [false, true] {
            let after = try check(site, drafts: drafts)
            #expect(!after.hasErrors, "\(after)")
            #expect(after.warningCount <= before.warningCount, "no new warning: \(after)")
        }
    }

    @Test func aNewArticleIsBuiltWithDrafts() throws {
        let site = try TemporarySite(fixture: "basic")
        try scaffolder(site).create(.article(title: "Aperçu d'un brouillon"), date: day)
        var options = site.options
        options.includeDrafts = true
        let result = try SiteBuilder(options: options).build()
        #expect(result.written, "\(result.diagnostics)")
        let page = try site.read("articles/apercu-d-un-brouillon/index.html")
        #expect(page.contains("Aperçu d’un brouillon") || page.contains("Aperçu d&#39;un brouillon") || page.contains("Aperçu d'un brouillon"))
        #expect(page.contains("Premier intertitre"))
    }
}
