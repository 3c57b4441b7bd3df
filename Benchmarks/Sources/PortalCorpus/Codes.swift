/// The six (fictional, example) codes of ethics of the synthetic portal: 754 provisions in all,
/// numbered in the styles a real portal meets (`3.09.10`, `20`, `6.1.6`, `3.14`).
public struct CodeSpec: Sendable {
    public enum Numbering: Sendable { case threeLevel, flat, points, twoLevel }

    public var id: String
    public var title: String
    public var shortTitle: String
    public var citation: String
    /// The first alias is the name used in sentences ("du Code de déontologie des dentistes").
    public var aliases: [String]
    public var profession: String
    public var numbering: Numbering
    public var sections: [(number: String, title: String)]
    public var articles: [(number: String, title: String, section: String, text: String)]

    /// The name used in citations.
    public var citeName: String { aliases[0] }
    /// "article" or "point": the word that introduces this code's provisions.
    public var word: String { numbering == .points ? "point" : "article" }
    /// "division" for dotted section numbers, "chapitre" otherwise.
    public var sectionWord: String { numbering == .threeLevel ? "division" : "chapitre" }
    /// Provisions grouped by section, in order.
    public var articlesBySection: [String: [String]] {
        var out: [String: [String]] = [:]
        for a in articles { out[a.section, default: []].append(a.number) }
        return out
    }
}

enum CodeCatalog {
    static let sectionTitles = [
        "Dispositions générales", "Devoirs envers le public", "Devoirs envers le client", "Secret professionnel",
        "Publicité et représentation", "Accès aux dossiers", "Conflits d'intérêts", "Honoraires et avantages",
        "Qualité des services", "Relations avec l'ordre", "Pratique en ligne", "Consentement aux soins",
        "Tenue des dossiers", "Indépendance professionnelle", "Relations avec les collègues", "Communications publiques",
        "Sécurité de l'information", "Recherche et enseignement", "Supervision des stagiaires", "Cessation d'exercice",
        "Urgences et disponibilité", "Médias sociaux", "Témoignages et avis", "Distance professionnelle",
        "Intégrité et honnêteté", "Collaboration interprofessionnelle", "Documents et attestations", "Prescription",
        "Tarification", "Plaintes et signalements",
    ]

    static let articleTitles = [
        "Champ d'application", "Pratique en ligne", "Respect et dignité", "Consentement libre et éclairé",
        "Retrait du consentement", "Information du client", "Secret professionnel", "Divulgation autorisée",
        "Conversations indiscrètes", "Accès au dossier", "Rectification du dossier", "Conservation des dossiers",
        "Publicité exacte", "Publicité trompeuse", "Personnes vulnérables", "Annonce des prix", "Prix exceptionnels",
        "Durée d'une offre", "Concours et cadeaux", "Témoignages d'appui", "Comparaisons", "Publicité faite par autrui",
        "Copie des publicités", "Titres et diplômes", "Conflit d'intérêts", "Commissions et ristournes",
        "Cadeaux des fournisseurs", "Indépendance du jugement", "Relation de confiance", "Familiarité avec le client",
        "Relations intimes", "Comptes personnels", "Messagerie avec les clients", "Téléconsultation",
        "Identité du professionnel", "Lieu d'exercice", "Sécurité des communications", "Mots de passe",
        "Perte de renseignements", "Signalement d'un incident", "Déclarations publiques", "Opinions personnelles",
        "Vulgarisation", "Information exacte au public", "Respect des collègues", "Dénigrement",
        "Collaboration avec le syndic", "Réponse à l'ordre", "Inspection professionnelle", "Compétence",
        "Formation continue", "Limites de compétence", "Référence à un collègue", "Continuité des services",
        "Fin de la relation", "Urgence", "Honoraires justes", "Entente préalable sur les honoraires",
        "Avance d'honoraires", "Reçus et factures",
    ]

    static let all: [CodeSpec] = {
        var codes: [CodeSpec] = []
        var rng = SplitMix64(seed: 0xC0DE, stream: 3, index: 0)

        func summary(_ rng: inout SplitMix64, _ profession: String) -> String {
            var prose = ProseWriter(rng: rng)
            let text = "Résumé : " + ProseWriter.elide("le", profession) + " " + prose.predicate(plural: false) + " " + prose.circumstance()
                + ". " + ProseWriter.capitalized(prose.clause()) + "."
            rng = prose.rng
            return text
        }

        func make(id: String, name: String, profession: String, member: String, numbering: CodeSpec.Numbering,
                  sections: [String], articles: [(String, String)]) -> CodeSpec {
            var s: [(String, String)] = []
            for (i, n) in sections.enumerated() { s.append((n, sectionTitles[(i * 7 + id.count) % sectionTitles.count])) }
            var a: [(String, String, String, String)] = []
            for (i, (number, section)) in articles.enumerated() {
                let title = articleTitles[(i * 13 + id.count * 5) % articleTitles.count]
                a.append((number, title, section, summary(&rng, member)))
            }
            return CodeSpec(
                id: id, title: "Code de déontologie des \(name) (exemple)", shortTitle: "Code des \(name)",
                citation: "Code de déontologie d'un ordre fictif des \(name), rédigé pour les essais de performance",
                aliases: ["Code de déontologie des \(name)", "code des \(name)"], profession: profession,
                numbering: numbering, sections: s, articles: a)
        }

        // Dentists: divisions 3.01 … 3.15, articles 3.01.01 … 3.15.12 (180), so 3.09.10 exists.
        var sections: [String] = []
        var articles: [(String, String)] = []
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        for s in 1...15 {
            let sec = "3.\(two(s))"
            sections.append(sec)
            for n in 1...12 { articles.append(("\(sec).\(two(n))", sec)) }
        }
        codes.append(make(id: "dentistes", name: "dentistes", profession: "Dentistes", member: "dentiste", numbering: .threeLevel,
                          sections: sections, articles: articles))

        // Physicians: chapters 1 … 8, articles 1 … 160.
        sections = (1...8).map(String.init)
        articles = (1...160).map { (String($0), String(($0 - 1) / 20 + 1)) }
        codes.append(make(id: "medecins", name: "médecins", profession: "Médecins", member: "médecin", numbering: .flat,
                          sections: sections, articles: articles))

        // Massage therapists: chapters 1 … 12, points 1.1.1 … 12.3.4 (144).
        sections = (1...12).map(String.init)
        articles = []
        for c in 1...12 { for s in 1...3 { for n in 1...4 { articles.append(("\(c).\(s).\(n)", String(c))) } } }
        codes.append(make(id: "massotherapeutes", name: "massothérapeutes", profession: "Massothérapeutes", member: "massothérapeute",
                          numbering: .points, sections: sections, articles: articles))

        // Pharmacists: chapters 1 … 6, articles 1.1 … 6.20 (120).
        sections = (1...6).map(String.init)
        articles = []
        for c in 1...6 { for n in 1...20 { articles.append(("\(c).\(n)", String(c))) } }
        codes.append(make(id: "pharmaciens", name: "pharmaciens", profession: "Pharmaciens", member: "pharmacien",
                          numbering: .twoLevel, sections: sections, articles: articles))

        // Nurses: chapters 1 … 6, articles 1 … 90.
        sections = (1...6).map(String.init)
        articles = (1...90).map { (String($0), String(($0 - 1) / 15 + 1)) }
        codes.append(make(id: "infirmieres", name: "infirmières", profession: "Infirmières", member: "infirmière", numbering: .flat,
                          sections: sections, articles: articles))

        // Psychologists: chapters 1 … 5, articles 1.01 … 5.12 (60).
        sections = (1...5).map(String.init)
        articles = []
        for c in 1...5 { for n in 1...12 { articles.append(("\(c).\(n < 10 ? "0" : "")\(n)", String(c))) } }
        codes.append(make(id: "psychologues", name: "psychologues", profession: "Psychologues", member: "psychologue",
                          numbering: .twoLevel, sections: sections, articles: articles))
        return codes
    }()
}
