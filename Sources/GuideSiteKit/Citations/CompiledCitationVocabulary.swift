/// A ``CitationVocabulary`` turned into word ids and phrase tables, ready for
/// fast matching against tokens.
struct CompiledCitationVocabulary: Sendable {
    /// Every word of every phrase.
    private(set) var words = VocabularyWordTable()
    /// Introducer phrases with the citation kind they introduce.
    private(set) var introducers = VocabularyPhraseTable<CitationKind>()
    /// For each word id, whether an introducer phrase starts with that word.
    private(set) var startsIntroducer: [Bool] = []
    /// Number signs ("no", "n°").
    private(set) var numberSigns = VocabularyPhraseTable<Bool>()
    /// List conjunctions; the value tells whether the phrase is a bare comma.
    private(set) var listConjunctions = VocabularyPhraseTable<Bool>()
    /// Range words.
    private(set) var rangeWords = VocabularyPhraseTable<Bool>()
    /// Linking words ("du", "of the").
    private(set) var linkingWords = VocabularyPhraseTable<Bool>()
    /// Genitive linking words ("de", "of"); the value tells whether the
    /// phrase is plain ASCII, in which case it matches only ASCII text, so
    /// that "dès" is not "des".
    private(set) var genitiveWords = VocabularyPhraseTable<Bool>()
    /// Subdivision words ("al.", "paragraphe").
    private(set) var subdivisionWords = VocabularyPhraseTable<Bool>()
    /// Code names, this-code phrases, portal phrases and other instruments.
    private(set) var namedInstruments = VocabularyPhraseTable<NamedInstrument>()
    /// Ids of the single words that name a kind of instrument.
    private(set) var otherInstrumentWordIDs: Set<Int32> = []

    /// Compiles `vocabulary`.
    init(_ vocabulary: CitationVocabulary) {
        var collected: [(String, (inout CompiledCitationVocabulary, [PhraseElement]) -> Void)] = []
        func register(_ phrases: [String], _ add: @escaping (inout CompiledCitationVocabulary, [PhraseElement]) -> Void) {
            for phrase in phrases { collected.append((phrase, add)) }
        }
        register(vocabulary.articleWords) { $0.introducers.add($1, value: .codeArticle) }
        register(vocabulary.sectionWords) { $0.introducers.add($1, value: .codeSection) }
        register(vocabulary.recommendationWords) { $0.introducers.add($1, value: .recommendation) }
        register(vocabulary.numberSigns) { $0.numberSigns.add($1, value: true) }
        register(vocabulary.listConjunctions) {
            $0.listConjunctions.add($1, value: $1 == [.punctuation(UInt8(ascii: ","))])
        }
        register(vocabulary.rangeWords + ["-"]) { $0.rangeWords.add($1, value: true) }
        register(vocabulary.linkingWords) { $0.linkingWords.add($1, value: true) }
        for phrase in vocabulary.genitiveWords {
            let isASCII = phrase.utf8.allSatisfy { $0 < 0x80 }
            collected.append((phrase, { $0.genitiveWords.add($1, value: isASCII) }))
        }
        register(vocabulary.subdivisionWords) { $0.subdivisionWords.add($1, value: true) }
        register(vocabulary.thisCodeWords) { $0.namedInstruments.add($1, value: .thisCode) }
        register(vocabulary.portalWords) { $0.namedInstruments.add($1, value: .portal) }
        register(vocabulary.otherInstrumentNames) { $0.namedInstruments.add($1, value: .otherInstrument) }
        for (name, codeID) in vocabulary.codeNames.sorted(by: { $0.key < $1.key }) {
            collected.append((name, { $0.namedInstruments.add($1, value: .code(codeID)) }))
        }
        register(vocabulary.otherInstrumentWords) { compiled, elements in
            if elements.count == 1, case .word(let id) = elements[0] {
                compiled.otherInstrumentWordIDs.insert(id)
            }
        }

        for (phrase, add) in collected {
            if let elements = Self.elements(of: phrase, words: &words) {
                add(&self, elements)
            }
        }
        startsIntroducer = (0..<words.count).map { id in
            introducers.hasPhrase(startingWith: .word(Int32(id)))
        }
    }

    /// Whether the word with this id starts an introducer phrase.
    @inline(__always)
    func isIntroducerStart(_ wordID: Int32) -> Bool {
        wordID >= 0 && Int(wordID) < startsIntroducer.count && startsIntroducer[Int(wordID)]
    }

    /// The phrase elements of `phrase`, adding its words to `words`; nil when
    /// the phrase is empty or contains a number.
    private static func elements(of phrase: String, words: inout VocabularyWordTable) -> [PhraseElement]? {
        var phrase = phrase
        let tokens = phrase.withUTF8 { bytes in
            CitationTokenizer.tokenize(bytes) { folded in words.insert(folded) }
        }
        var elements: [PhraseElement] = []
        for token in tokens {
            switch token.kind {
            case .word: elements.append(.word(token.wordID))
            case .punctuation: elements.append(.punctuation(token.punctuation))
            case .number, .mixed: return nil
            }
        }
        return elements.isEmpty ? nil : elements
    }
}
