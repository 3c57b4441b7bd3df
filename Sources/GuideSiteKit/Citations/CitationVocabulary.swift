/// The words the citation scanner recognises, as data built from the site
/// configuration and the code files (never hard-wired in the scanner).
///
/// Every entry is a word or a short phrase as an author would write it.
/// Matching is case-insensitive and accent-tolerant: "Médecins", "medecins"
/// and "MÉDECINS" are the same entry, typographic and straight apostrophes are
/// the same character, and non-breaking spaces count as spaces. Entries are
/// compared word by word, so "l'article" is found through the entry "article",
/// and "art." must be listed with its period.
///
/// The five fields of the citation interface (`articleWords`, `sectionWords`,
/// `recommendationWords`, `thisCodeWords`, `codeNames`) have no default. The
/// grammar fields (list conjunctions, range words, number signs, linking and
/// genitive words, subdivision words, other instruments, portal phrases) have
/// French and English defaults that a site may replace.
public struct CitationVocabulary: Sendable, Hashable {
    /// Words that introduce article numbers: "article", "articles", "art.",
    /// "point", "points", "section".
    public var articleWords: [String]
    /// Words that introduce section (division) numbers: "chapitre", "ch.",
    /// "chapter", "division".
    public var sectionWords: [String]
    /// Words that introduce recommendation numbers: "recommandation",
    /// "recommendations".
    public var recommendationWords: [String]
    /// Phrases that mean "the code of the current article": "ce code",
    /// "du présent code", "this code". They may include the linking word.
    public var thisCodeWords: [String]
    /// Names and aliases of the portal's codes as authors write them, mapped
    /// to the code id: "Code de déontologie des dentistes" → "dentistes".
    public var codeNames: [String: String]
    /// Names of instruments that are not codes of the portal but look like one
    /// ("Code des professions", "Charte des droits et libertés de la
    /// personne", "Code de déontologie des médecins vétérinaires"). A citation
    /// followed by one of them is skipped; listing them also prevents a longer
    /// foreign name from being read as a shorter portal code name.
    public var otherInstrumentNames: [String]
    /// Single words that name a kind of instrument or document ("loi",
    /// "charte", "règlement", "act", "guide", "form"). A citation followed by
    /// a linking word and one of these (or by a capitalised word that is not a
    /// known code name) cites another instrument and is skipped.
    public var otherInstrumentWords: [String]
    /// Phrases by which a text refers to the portal itself ("de ce guide",
    /// "of this guide"). A recommendation followed by one stays a citation;
    /// an article or a section followed by one is skipped.
    public var portalWords: [String]
    /// Words and phrases that join list items: ",", "et", "and", "ou", "or".
    public var listConjunctions: [String]
    /// Words that join the two ends of a range: "à", "au", "to", "through",
    /// "-". Dashes are always accepted in addition.
    public var rangeWords: [String]
    /// Number signs that may stand between the introducer and the number:
    /// "no", "nº", "n°", "nos", "numéro", "number", "#".
    public var numberSigns: [String]
    /// Words that join a citation to the instrument named after it: "du",
    /// "de la", "d'", "of", "of the", "under".
    public var linkingWords: [String]
    /// Linking words that make the next word the owner of the cited number
    /// ("de", "du", "des", "d'", "of"). After one of these, any word that is
    /// not a known code name, this-code or portal phrase names another
    /// instrument ("l'article 3 de sa charte interne", "section 2 of the terms
    /// of use"), and the citation is skipped. Entries without accents are
    /// matched accent-sensitively ("dès" is not "des").
    public var genitiveWords: [String]
    /// Words of a subdivision that may follow a number and is tolerated (the
    /// article itself is cited): "al.", "alinéa", "par.", "paragraphe",
    /// "paragraph", "subparagraph".
    public var subdivisionWords: [String]

    /// Creates a vocabulary. Only the five interface fields are required.
    public init(
        articleWords: [String],
        sectionWords: [String],
        recommendationWords: [String],
        thisCodeWords: [String],
        codeNames: [String: String],
        otherInstrumentNames: [String] = [],
        otherInstrumentWords: [String] = CitationVocabulary.defaultOtherInstrumentWords,
        portalWords: [String] = CitationVocabulary.defaultPortalWords,
        listConjunctions: [String] = CitationVocabulary.defaultListConjunctions,
        rangeWords: [String] = CitationVocabulary.defaultRangeWords,
        numberSigns: [String] = CitationVocabulary.defaultNumberSigns,
        linkingWords: [String] = CitationVocabulary.defaultLinkingWords,
        genitiveWords: [String] = CitationVocabulary.defaultGenitiveWords,
        subdivisionWords: [String] = CitationVocabulary.defaultSubdivisionWords
    ) {
        self.articleWords = articleWords
        self.sectionWords = sectionWords
        self.recommendationWords = recommendationWords
        self.thisCodeWords = thisCodeWords
        self.codeNames = codeNames
        self.otherInstrumentNames = otherInstrumentNames
        self.otherInstrumentWords = otherInstrumentWords
        self.portalWords = portalWords
        self.listConjunctions = listConjunctions
        self.rangeWords = rangeWords
        self.numberSigns = numberSigns
        self.linkingWords = linkingWords
        self.genitiveWords = genitiveWords
        self.subdivisionWords = subdivisionWords
    }

    /// Default kinds of instruments, French and English.
    public static let defaultOtherInstrumentWords: [String] = [
        "loi", "lois", "charte", "règlement", "règlements", "code", "codes",
        "convention", "directive", "directives", "politique", "norme", "normes",
        "guide", "rapport", "formulaire", "document", "annexe", "contrat",
        "entente", "décret", "site", "page", "questionnaire", "liste", "ordre",
        "act", "acts", "charter", "regulation", "regulations", "law", "laws",
        "policy", "standard", "standards", "report", "form", "appendix",
        "contract", "agreement", "website", "list", "agenda",
    ]
    /// Default phrases by which a text refers to the portal itself.
    public static let defaultPortalWords: [String] = [
        "du présent guide", "de ce guide", "du guide", "de ce portail", "du portail",
        "of this guide", "of the guide", "in this guide", "of this portal",
    ]
    /// Default list conjunctions.
    public static let defaultListConjunctions: [String] = [
        ",", "et", "ou", ", et", ", ou", "ainsi que", "and", "or", ", and", ", or", "&",
    ]
    /// Default range words.
    public static let defaultRangeWords: [String] = [
        "à", "au", "to", "through", "-",
    ]
    /// Default number signs.
    public static let defaultNumberSigns: [String] = [
        "no", "no.", "nº", "n°", "nos", "nos.", "numéro", "numéros", "number", "numbers", "#",
    ]
    /// Default linking words, longest phrases are preferred when matching.
    public static let defaultLinkingWords: [String] = [
        "du", "de", "des", "de la", "de l'", "d'", "de ce", "de cette", "du présent",
        "de la présente", "au", "aux", "selon le", "selon la",
        "of", "of the", "of this", "in", "in the", "in this", "under", "under the",
        "under this", "from", "from the", "from this",
    ]
    /// Default genitive linking words.
    public static let defaultGenitiveWords: [String] = ["de", "du", "des", "d'", "of"]
    /// Default subdivision words.
    public static let defaultSubdivisionWords: [String] = [
        "al.", "alinéa", "alinéas", "par.", "paragraphe", "paragraphes", "sous-paragraphe",
        "para.", "paragraph", "paragraphs", "subpara.", "subparagraph", "subsection", "ss.",
    ]
}
