import Foundation
import Testing
@testable import GuideSiteKit

/// A portal in French first and English alongside: languages, translations, switcher, feeds,
/// lists, locale text and dates, French typography, citations and routes per language.
@Suite("A bilingual portal")
struct BilingualTests {
    /// The basic fixture (premier.md has no translation; second.md and second.en.md are one text).
    func built(_ edit: (TemporarySite) throws -> Void = { _ in }) throws -> TemporarySite {
        let site = try TemporarySite(fixture: "basic")
        try edit(site)
        let result = try site.build()
        #expect(result.written, "\(result.diagnostics)")
        return site
    }

    @Test func aPagesLanguageComesFromItsFileNameOrItsLangField() throws {
        let site = try built { site in
            try site.write("articles/guide.md", "---\ntitle: \"A guide\"\ndate: 2026-01-05\nlang: en\n---\nText.\n")
        }
        #expect(site.exists("en/articles/second/index.html"), "second.en.md")
        #expect(site.exists("en/articles/guide/index.html"), "lang: en")
        #expect(!site.exists("articles/guide/index.html"))
        #expect(try site.read("en/articles/guide/index.html").contains("<html lang=\"en\""))
        #expect(try site.read("articles/second/index.html").contains("<html lang=\"fr\""))
    }

    @Test func theSwitcherGoesToTheTranslationOrElseToTheOtherHome() throws {
        let site = try built()
        let translated = try site.read("articles/second/index.html")
        #expect(translated.contains("<a href=\"../../en/articles/second/\" lang=\"en\" hreflang=\"en\">English</a>"))
        let english = try site.read("en/articles/second/index.html")
        #expect(english.contains("<a href=\"../../../articles/second/\" lang=\"fr\" hreflang=\"fr\">Français</a>"))
        let untranslated = try site.read("articles/premier/index.html")
        #expect(untranslated.contains("<a href=\"../../en/\" lang=\"en\" hreflang=\"en\">English</a>"), "no translation: the English home")
    }

    @Test func aTranslationKeyLinksTextsWithDifferentSlugs() throws {
        let site = try built { site in
            try site.write("articles/an-english-first.en.md",
                           "---\ntitle: \"First\"\ndate: 2026-01-10\ntranslation_key: premier\n---\nThe first article.\n")
        }
        let french = try site.read("articles/premier/index.html")
        #expect(french.contains("<a href=\"../../en/articles/an-english-first/\" lang=\"en\""))
        #expect(french.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://essai.example.org/en/articles/an-english-first/\">"))
    }

    @Test func alternatesInTheHeadAndTheSitemapListOnlyExistingTranslations() throws {
        let site = try built()
        let translated = try site.read("articles/second/index.html")
        #expect(translated.contains("<link rel=\"alternate\" hreflang=\"fr\" href=\"https://essai.example.org/articles/second/\">"))
        #expect(translated.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://essai.example.org/en/articles/second/\">"))
        let untranslated = try site.read("articles/premier/index.html")
        #expect(!untranslated.contains("hreflang=\"en\" href=\"https://essai.example.org/en/articles/"))
        let sitemap = try site.read("sitemap.xml")
        #expect(sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://essai.example.org/en/articles/second/\"/>"))
    }

    @Test func eachLanguageHasItsFeedListsAndTags() throws {
        let site = try built()
        let frenchFeed = try site.read("feed.xml")
        let englishFeed = try site.read("en/feed.xml")
        #expect(frenchFeed.contains("https://essai.example.org/articles/premier/"))
        #expect(!frenchFeed.contains("/en/articles/"))
        #expect(englishFeed.contains("https://essai.example.org/en/articles/second/"))
        #expect(!englishFeed.contains("articles/premier/"))
        #expect(englishFeed.contains("xml:lang=\"en\"") || englishFeed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\""))
        let englishList = try site.read("en/articles/index.html")
        #expect(englishList.contains("Second article") && !englishList.contains("Premier article"))
        #expect(site.exists("etiquettes/medias-sociaux/index.html") && site.exists("en/recommendations/index.html"))
    }

    @Test func interfaceTextAndDatesComeFromTheLocale() throws {
        let site = try built()
        let french = try site.read("articles/second/index.html")
        let english = try site.read("en/articles/second/index.html")
        #expect(french.contains("1<sup>er</sup> février 2026") || french.contains("1er février 2026"), "French date")
        #expect(english.contains("February 1, 2026"), "English date")
        #expect(try site.read("codes/dentistes/3.09.10/index.html").contains("Cité dans"))
    }

    @Test func frenchTextGetsFrenchSpacingButCodeURLsAndNumbersDoNot() throws {
        let site = try built { site in
            try site.write("articles/typo.md", """
                ---
                title: "Titre : sous-titre"
                date: 2026-01-07
                summary: "Vraiment ? Oui !"
                ---
                Il dit « bonjour » ; voir `a:b` et https://example.org/x?y=1 à 10:30, art. 3.06.03.
                """)
            try site.write("articles/typo.en.md", "---\ntitle: \"Title: subtitle\"\ndate: 2026-01-07\n---\nSo? Yes!\n")
        }
        let french = try site.read("articles/typo/index.html")
        #expect(french.contains("<h1>Titre\u{00A0}: sous-titre</h1>") || french.contains("Titre\u{00A0}: sous-titre</h1>"))
        #expect(french.contains("Vraiment\u{202F}? Oui\u{202F}!"))
        #expect(french.contains("«\u{00A0}bonjour\u{00A0}»\u{202F};"))
        #expect(french.contains("<code>a:b</code>"))
        #expect(french.contains("https://example.org/x?y=1"))
        #expect(french.contains("10:30"))
        let english = try site.read("en/articles/typo/index.html")
        #expect(english.contains("Title: subtitle") && english.contains("So? Yes!"))
    }

    @Test func englishCitationsResolveAndFallBackToTheFrenchCodePage() throws {
        let site = try built { site in
            try site.write("articles/cites.en.md",
                           "---\ntitle: \"Citing\"\ndate: 2026-01-08\ncode: dentistes\n---\nSee section 3.06.03 of this code and recommendation 2.\n")
        }
        let html = try site.read("en/articles/cites/index.html")
        #expect(html.contains("href=\"../../../codes/dentistes/3.06.03/\""), "no English code: the French page")
        #expect(html.contains("href=\"../../recommendations/2/\"") || html.contains("href=\"../../../recommandations/2/\""))
    }

    @Test func theFolderOfALanguageIsConfigurable() throws {
        let site = try built { site in
            var yaml = try String(contentsOf: site.content.appendingPathComponent("site.yaml"), encoding: .utf8)
            yaml += "language_paths:\n  en: english\n"
            try site.write("site.yaml", yaml)
        }
        #expect(site.exists("english/articles/second/index.html"))
        #expect(site.exists("english/feed.xml"))
        #expect(!site.exists("en/articles/second/index.html"))
        #expect(try site.read("articles/second/index.html").contains("href=\"../../english/articles/second/\""))
    }

    @Test func aBadLanguageFolderIsAnError() throws {
        let site = try TemporarySite(fixture: "basic")
        var yaml = try String(contentsOf: site.content.appendingPathComponent("site.yaml"), encoding: .utf8)
        yaml += "language_paths:\n  de: deutsch\n  en: \"../en\"\n"
        try site.write("site.yaml", yaml)
        let result = try site.build()
        let found = result.diagnostics.map(\.description)
        #expect(found.contains("Content/site.yaml:13:3: error: language_paths: 'de' is not one of the site's other languages (en)"), "\(found)")
        #expect(found.contains("Content/site.yaml:14:7: error: language_paths: the folder of 'en' must be lower-case letters, digits and hyphens, like 'en'"), "\(found)")
    }

    @Test func theSitesTitleAndDescriptionHaveOneTextPerLanguage() throws {
        let site = try built { site in
            var yaml = try String(contentsOf: site.content.appendingPathComponent("site.yaml"), encoding: .utf8)
            yaml = yaml.replacingOccurrences(of: "title: \"Portail d'essai\"", with: "title:\n  fr: \"Portail d'essai\"\n  en: \"Test portal\"")
            try site.write("site.yaml", yaml)
            try site.write("recommendations/02-secret.en.yaml", "number: 2\ntitle: \"Keep secrets\"\nsummary: \"Nothing.\"\nbody: \"Text.\"\n")
        }
        #expect(try site.read("en/index.html").contains("<title>Test portal</title>"))
        #expect(try site.read("index.html").contains("<title>Portail d"))
        #expect(try site.read("en/feed.xml").contains("<title>Test portal</title>"))
        #expect(try site.read("en/recommendations/2/index.html").contains("Recommendation 2: "), "English: no space before the colon")
        #expect(try site.read("recommandations/2/index.html").contains("Recommandation 2\u{00A0}: "), "French: a no-break space")
    }
}
