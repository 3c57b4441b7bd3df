/// Sentences of plausible French prose about ethics in digital practice.
///
/// Nothing here is meant to be read for its content: the aim is text with the statistics of real
/// guidance (word lengths, accents, elisions, a large vocabulary with a long tail of names,
/// numbers, punctuation, quotations) so that Markdown rendering, citation scanning, stemming and
/// the search index work as hard as on a real portal. Sentences never put a number right after a
/// citation word ("article", "point", "section", "chapitre", "recommandation"…) except in the
/// citations that the article writer inserts on purpose, so every citation resolves.
struct ProseWriter {
    var rng: SplitMix64
    let v = Vocabulary.shared
    /// Words written so far (counted as runs separated by spaces).
    var words = 0

    init(rng: SplitMix64) {
        self.rng = rng
    }

    // MARK: Agreement helpers

    static func startsWithVowelSound(_ s: String) -> Bool {
        guard let c = s.lowercased().first else { return false }
        return "aeiouyéèêëàâîïôûœh".contains(c)
    }

    enum Determiner { case definite, indefinite, demonstrative, possessive, each, several, some, none }

    /// A noun phrase: determiner, noun, maybe an adjective (agreed), maybe a noun complement.
    mutating func phrase(_ noun: Noun, plural: Bool, _ det: Determiner, adjective: Bool = false, complement: Bool = false) -> String {
        var plural = plural
        if det == .each { plural = false }
        if det == .several || det == .some { plural = true }
        let word = plural ? noun.plural : noun.singular
        var core = word
        if adjective {
            let a = rng.zipf(v.adjectives)
            let form = a.form(feminine: noun.feminine, plural: plural)
            core = a.preposed ? form + " " + word : word + " " + form
        }
        if complement {
            let other = rng.zipf(v.things)
            let inner = phrase(other, plural: rng.chance(0.4), rng.chance(0.8) ? .definite : .indefinite)
            core += " " + Self.preposition("de", inner)
        }
        let vowel = Self.startsWithVowelSound(core)
        let f = noun.feminine
        switch det {
        case .definite: return plural ? "les " + core : vowel ? "l'" + core : (f ? "la " : "le ") + core
        case .indefinite: return plural ? "des " + core : (f ? "une " : "un ") + core
        case .demonstrative: return plural ? "ces " + core : f ? (vowel ? "cette " : "cette ") + core : (vowel ? "cet " : "ce ") + core
        case .possessive: return plural ? "ses " + core : (f && !vowel ? "sa " : "son ") + core
        case .each: return "chaque " + core
        case .several: return "plusieurs " + core
        case .some: return (f ? "certaines " : "certains ") + core
        case .none: return core
        }
    }

    /// `de` / `à` followed by a phrase, with the contractions and elision French requires.
    static func preposition(_ p: String, _ phrase: String) -> String {
        if p == "de" {
            if phrase.hasPrefix("le ") { return "du " + phrase.dropFirst(3) }
            if phrase.hasPrefix("les ") { return "des " + phrase.dropFirst(4) }
            if phrase.hasPrefix("des ") { return "de " + phrase.dropFirst(4) }
            if startsWithVowelSound(phrase) && !phrase.hasPrefix("un") && !phrase.hasPrefix("une") { return "d'" + phrase }
            if phrase.hasPrefix("un") { return "d'" + phrase }
            return "de " + phrase
        }
        if p == "à" {
            if phrase.hasPrefix("le ") { return "au " + phrase.dropFirst(3) }
            if phrase.hasPrefix("les ") { return "aux " + phrase.dropFirst(4) }
            return "à " + phrase
        }
        return p + " " + phrase
    }

    /// `que`, `de`, `ne`, `si` elided before a vowel.
    static func elide(_ word: String, _ next: String) -> String {
        if startsWithVowelSound(next) && ["que", "de", "ne", "le", "la", "je", "se", "jusque", "lorsque", "puisque"].contains(word) {
            return String(word.dropLast()) + "'" + next
        }
        return word + " " + next
    }

    static func capitalized(_ s: String) -> String {
        guard let first = s.first else { return s }
        return first.uppercased() + s.dropFirst()
    }

    // MARK: Pieces

    mutating func subject() -> (text: String, plural: Bool) {
        let plural = rng.chance(0.3)
        let dets: [Determiner] = [.definite, .definite, .definite, .indefinite, .each, .demonstrative, .some]
        let det = rng.pick(dets)
        let p = det == .each ? false : (det == .some ? true : plural)
        return (phrase(rng.zipf(v.agents), plural: p, det, adjective: rng.chance(0.25)), p)
    }

    mutating func object() -> String {
        let dets: [Determiner] = [.definite, .definite, .indefinite, .possessive, .demonstrative, .several]
        return phrase(rng.zipf(v.things), plural: rng.chance(0.35), rng.pick(dets), adjective: rng.chance(0.45), complement: rng.chance(0.3))
    }

    mutating func circumstance() -> String {
        if rng.chance(0.15) { return "à " + town() }
        if rng.chance(0.1) { return "depuis " + String(rng.int(2012...2025)) }
        return rng.zipf(v.circumstances)
    }

    mutating func town() -> String {
        if rng.chance(0.2) { return "Saint-" + surname() }
        return rng.zipf(v.towns)
    }

    /// A surname from the long tail: a few syllables chosen from a Zipf-distributed index.
    mutating func surname() -> String {
        let index = rng.zipfIndex(60_000)
        var h = SplitMix64(seed: 0x5EED, stream: 7, index: UInt64(index))
        let count = 2 + h.below(2)
        var s = ""
        for _ in 0..<count { s += Lexicon.syllables[h.below(Lexicon.syllables.count)] }
        return Self.capitalized(s)
    }

    mutating func person() -> String {
        rng.zipf(v.givenNames) + " " + surname()
    }

    /// A verb phrase agreeing with a subject, in one of several tenses.
    mutating func predicate(plural: Bool) -> String {
        let verb = rng.zipf(v.verbs)
        let obj = object()
        var adverb = rng.chance(0.25) ? " " + rng.zipf(v.adverbs) : ""
        switch rng.below(9) {
        case 0, 1, 2:
            return (plural ? verb.present3p : verb.present3s) + adverb + " " + obj
        case 3:
            return verb.imperfectStem + (plural ? "aient" : "ait") + adverb + " " + obj
        case 4:
            return verb.futureStem + (plural ? "ont" : "a") + adverb + " " + obj
        case 5:
            return verb.futureStem + (plural ? "aient" : "ait") + adverb + " " + obj
        case 6:
            if adverb.isEmpty { adverb = " déjà" }
            return (plural ? "ont" : "a") + adverb + " " + verb.participle + " " + obj
        default:
            let m = rng.zipf(Lexicon.modals)
            let modal = plural ? m.plural : m.singular
            let inf = verb.infinitive
            let head: String
            if modal.hasSuffix(" de") { head = String(modal.dropLast(3)) + " " + Self.elide("de", inf) } else { head = modal + " " + inf }
            return head + adverb + " " + obj
        }
    }

    mutating func clause() -> String {
        let s = subject()
        var text = s.text + " " + predicate(plural: s.plural)
        if rng.chance(0.45) { text += " " + circumstance() }
        return text
    }

    /// An infinitive phrase, for lists and advice: "vérifier les paramètres de confidentialité".
    mutating func infinitivePhrase() -> String {
        let verb = rng.zipf(v.verbs)
        var text = verb.infinitive + " " + object()
        if rng.chance(0.35) { text += " " + circumstance() }
        return text
    }

    // MARK: Sentences

    mutating func sentence() -> String {
        let out: String
        switch rng.below(16) {
        case 0, 1, 2:
            out = Self.capitalized(clause()) + "."
        case 3, 4:
            out = rng.zipf(v.connectors) + ", " + clause() + "."
        case 5:
            out = Self.capitalized(Self.elide("lorsque", clause())) + ", " + clause() + "."
        case 6:
            let adj = rng.pick(["essentiel", "prudent", "utile", "préférable", "nécessaire", "raisonnable", "important", "délicat"])
            out = "Il est " + adj + " " + Self.elide("de", infinitivePhrase()) + " avant " + Self.elide("de", infinitivePhrase()) + "."
        case 7:
            let s = subject()
            let m = rng.pick(["ne devrait jamais", "ne peut pas", "ne doit pas"])
            let verb = rng.zipf(v.verbs)
            let mm = s.plural ? m.replacingOccurrences(of: "devrait", with: "devraient").replacingOccurrences(of: "peut", with: "peuvent")
                .replacingOccurrences(of: "doit", with: "doivent") : m
            out = Self.capitalized(s.text) + " " + mm + " " + verb.infinitive + " " + object() + " sans " + object() + "."
        case 8:
            out = "Que faire " + Self.elide("lorsque", clause()) + " ?"
        case 9:
            let quoted = clause()
            out = "« " + Self.capitalized(quoted) + " », " + rng.pick(["résume", "explique", "observe", "rappelle", "souligne", "nuance"]) + " "
                + person() + ", " + phrase(rng.zipf(v.agents), plural: false, .none) + " à " + town() + "."
        case 10:
            let year = rng.int(2014...2025)
            let share = rng.int(3...97)
            out = "En \(year), près de \(share) % " + Self.preposition("de", phrase(rng.zipf(v.agents), plural: true, .definite))
                + " interrogés " + rng.pick(["disaient", "affirmaient", "reconnaissaient", "estimaient"]) + " "
                + Self.elide("que", clause()) + "."
        case 11:
            out = Self.capitalized(clause()) + ", mais " + clause() + "."
        case 12:
            out = Self.capitalized(clause()) + " ; " + clause() + "."
        case 13:
            out = "Il faut " + Self.elide("que", subjunctiveClause()) + "."
        case 14:
            out = "Selon " + person() + ", " + clause() + "."
        default:
            out = Self.capitalized(infinitivePhrase()) + " : voilà ce " + Self.elide("que", clause()) + "."
        }
        words += out.split(separator: " ").count
        return out
    }

    mutating func subjunctiveClause() -> String {
        let s = subject()
        let verb = rng.zipf(v.verbs)
        let form = s.plural ? (verb.subjunctive3s.hasSuffix("e") ? verb.subjunctive3s + "nt" : verb.subjunctive3s + "ent") : verb.subjunctive3s
        return s.text + " " + form + " " + object()
    }

    mutating func paragraph(sentences: ClosedRange<Int>) -> String {
        let n = rng.int(sentences)
        return (0..<n).map { _ in sentence() }.joined(separator: " ")
    }

    /// A heading, short and without numbers.
    mutating func heading() -> String {
        let h: String
        switch rng.below(8) {
        case 0: h = Self.capitalized(phrase(rng.zipf(v.things), plural: rng.chance(0.4), .definite, adjective: rng.chance(0.5)))
        case 1: h = Self.capitalized(phrase(rng.zipf(v.things), plural: false, .definite)) + " et " + phrase(rng.zipf(v.things), plural: true, .definite)
        case 2: h = "Quand " + clause() + " ?"
        case 3: h = "Le cas " + Self.preposition("de", rng.zipf(v.givenNames))
        case 4: h = Self.capitalized(infinitivePhrase())
        case 5: h = "Ce que " + phrase(rng.zipf(v.agents), plural: false, .definite) + " " + rng.pick(["doit savoir", "peut faire", "devrait éviter", "ne peut pas faire"])
        case 6: h = "Questions fréquentes sur " + phrase(rng.zipf(v.things), plural: true, .definite)
        default: h = Self.capitalized(phrase(rng.zipf(v.things), plural: rng.chance(0.5), .definite, complement: true))
        }
        words += h.split(separator: " ").count
        return h
    }

    mutating func listItems(_ count: Int) -> [String] {
        (0..<count).map { i in
            let item = Self.capitalized(infinitivePhrase())
            words += item.split(separator: " ").count
            return item + (i == count - 1 ? "." : " ;")
        }
    }

    /// A pipe table: plain text for CommonMark (guidesite), a real table for Hugo's Markdown.
    mutating func table() -> String {
        var rows = ["| Situation | Risque | Bonne pratique |", "| --- | --- | --- |"]
        for _ in 0..<rng.int(3...5) {
            let a = Self.capitalized(phrase(rng.zipf(v.things), plural: rng.chance(0.4), .definite, adjective: true))
            let b = Self.capitalized(phrase(rng.zipf(v.things), plural: false, .indefinite, adjective: rng.chance(0.5)))
            let c = Self.capitalized(infinitivePhrase())
            rows.append("| \(a) | \(b) | \(c) |")
            words += (a + " " + b + " " + c).split(separator: " ").count
        }
        return rows.joined(separator: "\n")
    }
}

import Foundation
