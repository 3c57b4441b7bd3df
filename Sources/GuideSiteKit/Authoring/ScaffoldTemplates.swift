/// The text of new content files, in the portal's formats (see `docs/guide-auteurs.md`).
///
/// Every template passes `guidesite check` as it is: the placeholders are plain prose that
/// cites nothing, and every required field is there.
enum ScaffoldTemplates {
    /// A YAML double-quoted scalar: `"Titre de l'article"`, with `\` and `"` escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            default:
                if scalar.properties.generalCategory == .control {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A draft article: front matter with every field an author usually fills, then a short body.
    static func article(title: String, date: ContentDate) -> String {
        """
        ---
        title: \(quoted(title))
        date: \(date)
        summary: "Une ou deux phrases qui présentent l'article dans les listes."
        tags: []
        professions: []
        # code: dentistes
        draft: true
        ---

        Introduction : de quoi parle cet article, et à qui il s'adresse.

        ## Premier intertitre

        Texte de la première partie.

        ## Deuxième intertitre

        Texte de la deuxième partie.

        """
    }

    /// A recommendation: number, title, summary and body, with one thing to do and one to avoid.
    static func recommendation(number: Int, title: String) -> String {
        """
        number: \(number)
        title: \(quoted(title))
        summary: "Une phrase qui résume la recommandation."
        body: |
          Premier paragraphe, en Markdown.

          Deuxième paragraphe. Quand vous citez une disposition, nommez toujours le code.
        do:
          - "Une pratique à adopter."
        dont:
          - "Une pratique à éviter."
        # codes:
        #   - "dentistes 3.09.10"

        """
    }

    /// A code of ethics with one section and one provision, whose text is a summary to write.
    static func code(id: String, title: String) -> String {
        """
        id: \(id)
        title: \(quoted(title))
        short_title: \(quoted(title))
        citation: "Référence officielle à compléter"
        profession: "Profession à préciser"
        # source_url: "https://www.legisquebec.gouv.qc.ca/…"
        sections:
          - number: "1"
            title: "Dispositions générales"
        articles:
          - number: "1"
            title: "Première disposition"
            section: "1"
            text: "Résumé : à rédiger dans vos propres mots, jamais le texte officiel."

        """
    }
}
