import Testing
@testable import GuideSiteKit

/// Slugs and folding: the fast Latin path gives what Foundation's folding gives.
@Suite("Slug folding")
struct SlugFoldingTests {
    @Test(arguments: [
        "« Écrire à l'Ordre »", "Cœur, ÆTHER et straße", "Ça déborde : où ? Là !", "ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸàâäçéèêëîïôöùûüÿ",
        "e\u{301}te\u{301}", "E\u{301}TE\u{300}", "İstanbul", "Łódź Œuvre", "3.09.10 — art. 1", "",
        String((0x20..<0x180).compactMap { Unicode.Scalar(UInt32($0)) }.map(Character.init)),
        "L\u{2019}article 3.09.10\u{202F}: l\u{2019}écrit — «\u{202F}oui\u{202F}» …",
    ] + (0x2000...0x206F).compactMap { Unicode.Scalar(UInt32($0)) }.map { "a\(Character($0))É\(Character($0))" })
    func theQuickFoldAgreesWithFoundation(_ text: String) {
        #expect(Slug.fold(text) == Slug.slowFold(text))
        #expect(Slug.make(text) == Slug.slowMake(text))
    }

    @Test func foldsOutsideLatinThroughFoundation() {
        #expect(Slug.fold("Ωμέγα Ärger") == Slug.slowFold("Ωμέγα Ärger"))
        #expect(Slug.make("Ωμέγα") == "")
    }

    @Test func makesSlugs() {
        #expect(Slug.make("« Écrire à l'Ordre »") == "ecrire-a-l-ordre")
        #expect(Slug.make("Cœur et æther") == "coeur-et-aether")
        #expect(Slug.make("  --  ") == "")
    }
}
