import Testing

@testable import GuideSiteKit

@Suite struct TemplateLibraryCopiesTests {
    /// Every kind of node: texts, variables (escaped or not), sections (inverted, lists,
    /// positions), partials (standalone, dynamic), parents with blocks, and escaping turned off.
    static func library() throws -> TemplateLibrary {
        TemplateLibrary(templates: [
            "page": try Template("""
                <h1>{{title}}</h1>{{! a comment }}
                {{#items}}<li>{{name}}{{^last()}}, {{/last()}}</li>{{/items}}
                {{^missing}}none{{/missing}}
                  {{>card}}
                {{>*dynamic}}
                {{<frame}}{{$body}}<p>{{{html}}}</p>{{/body}}{{/frame}}
                """),
            "card": try Template("<div class=\"card\">\n{{page.title}} & {{.}}\n</div>\n"),
            "other": try Template("{{% CONTENT_TYPE: TEXT }}{{html}}"),
            "frame": try Template("<main>{{$body}}default{{/body}}</main>"),
        ])
    }

    static let context: TemplateObject = [
        "title": "Consentement & <confidentialité>",
        "items": .objects([["name": "un"], ["name": "deux"], ["name": "trois"]]),
        "page": ["title": "La page"],
        "dynamic": "other",
        "html": "<em>déjà</em> en HTML d’un texte plus long que quinze octets",
    ]

    @Test func aCopyRendersTheSameBytes() throws {
        let library = try Self.library()
        let original = try library.rendering("page", Self.context)
        #expect(!original.isEmpty)
        #expect(try library.storageCopy().rendering("page", Self.context) == original)
        let copies = TemplateLibraryCopies(of: library)
        for _ in 0..<3 {
            #expect(try copies.withCopy { copy throws(TemplateRenderError) in try copy.library.rendering("page", Self.context) } == original)
        }
    }

    /// What rendering reads is not shared: the copy's texts and names have storage of their own,
    /// and a copy lent is not lent again before it is returned.
    @Test func copiesShareNoStorage() throws {
        let library = try Self.library()
        func textAddress(_ library: TemplateLibrary) -> UnsafeRawPointer? {
            guard case let .text(bytes)? = library["card"]?.nodes.first else { return nil }
            return bytes.withUnsafeBytes { $0.baseAddress }
        }
        let copy = library.storageCopy()
        #expect(textAddress(library) != nil && textAddress(copy) != nil)
        #expect(textAddress(library) != textAddress(copy))
        let long = "un nom de plus de quinze octets"
        #expect(long.storageCopy() == long)
        var a = long, b = long.storageCopy()
        #expect(a.withUTF8 { $0.baseAddress } != b.withUTF8 { $0.baseAddress })

        let copies = TemplateLibraryCopies(of: library)
        let (outer, inner) = try copies.withCopy { first throws(TemplateRenderError) in
            (textAddress(first.library), try copies.withCopy { second throws(TemplateRenderError) in textAddress(second.library) })
        }
        #expect(outer != inner && outer != textAddress(library) && inner != textAddress(library))
        // The interface strings lent with a copy are the same texts in storage of their own.
        let readMore = "Lire la suite de cet article, qui est plus long que quinze octets"
        let strings = TemplateLibraryCopies(of: library, strings: ["fr": TemplateObject([("lire", .text(readMore))])])
        let lent: TemplateValue? = strings.withCopy { copy in copy.strings["fr"]?["lire"] }
        #expect(lent == .text(readMore))
        if case var .text(text)? = lent {
            var original = readMore
            #expect(text.withUTF8 { $0.baseAddress } != original.withUTF8 { $0.baseAddress })
        }
        // Returned, the copies are lent again rather than made anew.
        let again = copies.withCopy { textAddress($0.library) }
        #expect(again == outer || again == inner)
    }
}
