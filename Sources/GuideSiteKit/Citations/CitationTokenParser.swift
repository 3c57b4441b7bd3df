/// The citation grammar over the tokens of one text:
///
///     citation  := introducer [number-sign] item (conjunction item)* [named]
///     item      := number suffix* [range-word number suffix*]
///     suffix    := "(" short ")" | [","] subdivision number | [","] ordinal subdivision
///     named     := [","] [linking] (code name | this-code | portal | other instrument)
///
/// List items after the first must have as many dot-separated groups as the
/// first; an item after a bare comma must be followed by a boundary
/// (punctuation, a conjunction, a linking word or the end), so that
/// "l'article 20, 3 options" cites only article 20. A citation followed by a
/// genitive word ("de", "of") and any word that is not a known name ("de la
/// Charte", "de sa charte interne", "of the terms of use"), or by another
/// linking word and a capitalised or instrument word ("under the Act"),
/// cites another instrument and is skipped.
struct CitationTokenParser {
    let tokens: [CitationToken]
    let vocabulary: CompiledCitationVocabulary
    let bytes: UnsafeBufferPointer<UInt8>

    /// Every citation of the text, in order.
    func parseAll() -> [CitationMatch] {
        var matches: [CitationMatch] = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if token.kind == .word, vocabulary.isIntroducerStart(token.wordID),
               let (match, next) = parseCitation(at: index) {
                if let match { matches.append(match) }
                index = max(next, index + 1)
            } else {
                index += 1
            }
        }
        return matches
    }

    /// Parses a citation whose introducer starts at `start`. Returns nil when
    /// there is none; a nil match with an index when one was found but cites
    /// another instrument.
    private func parseCitation(at start: Int) -> (CitationMatch?, Int)? {
        guard let (kind, afterIntroducer) = vocabulary.introducers.longestMatch(in: tokens, at: start) else {
            return nil
        }
        var cursor = afterIntroducer
        if let sign = vocabulary.numberSigns.longestMatch(in: tokens, at: cursor), isNumber(at: sign.end) {
            cursor = sign.end
        }
        guard isNumber(at: cursor) else { return nil }
        let groupCount = tokens[cursor].numberGroupCount
        let (firstItem, firstItemEnd) = parseItem(at: cursor)
        var items = [firstItem]
        var end = firstItemEnd
        while true {
            let afterSuffixes = skipSuffixes(from: end)
            guard let conjunction = vocabulary.listConjunctions.longestMatch(in: tokens, at: afterSuffixes),
                  isNumber(at: conjunction.end),
                  tokens[conjunction.end].numberGroupCount == groupCount else { break }
            let (item, afterItem) = parseItem(at: conjunction.end)
            if conjunction.value && !isBoundary(at: skipSuffixes(from: afterItem)) { break }
            items.append(item)
            end = afterItem
        }
        let lastNumberEnd = tokens[end - 1].end
        let afterSuffixes = skipSuffixes(from: end)
        var next = afterSuffixes
        var namedCode: NamedCode?
        var namedCodeByteRange: Range<Int>?
        if let named = namedInstrument(at: afterSuffixes) {
            next = named.end
            switch named.instrument {
            case .otherInstrument:
                return (nil, next)
            case .portal:
                if kind != .recommendation { return (nil, next) }
            case .thisCode:
                if kind != .recommendation {
                    namedCode = .thisCode
                    namedCodeByteRange = named.byteRange
                }
            case .code(let id):
                if kind != .recommendation {
                    namedCode = .code(id)
                    namedCodeByteRange = named.byteRange
                }
            }
        } else if kind != .recommendation, let before = codeNamedBefore(start) {
            namedCode = .code(before.id)
            namedCodeByteRange = before.byteRange
        }
        let match = CitationMatch(
            kind: kind,
            items: items,
            byteRange: tokens[start].start..<lastNumberEnd,
            namedCode: namedCode,
            namedCodeByteRange: namedCodeByteRange)
        return (match, next)
    }

    /// Parses a number or a range at `index` (which holds a number).
    private func parseItem(at index: Int) -> (CitationItem, Int) {
        let from = citedNumber(at: index)
        let afterFrom = index + 1
        if let range = vocabulary.rangeWords.longestMatch(in: tokens, at: afterFrom),
           isNumber(at: range.end),
           tokens[range.end].numberGroupCount == tokens[index].numberGroupCount {
            return (.range(from: from, to: citedNumber(at: range.end)), range.end + 1)
        }
        return (.single(from), afterFrom)
    }

    /// Skips tolerated subdivision suffixes ("al. 2", "(2°)", ", 2e alinéa").
    private func skipSuffixes(from index: Int) -> Int {
        var cursor = index
        for _ in 0..<4 {
            if let end = parenthesizedSuffixEnd(at: cursor) {
                cursor = end
                continue
            }
            let afterComma = isPunctuation(at: cursor, ",") ? cursor + 1 : cursor
            if let subdivision = vocabulary.subdivisionWords.longestMatch(in: tokens, at: afterComma),
               subdivision.end < tokens.count,
               tokens[subdivision.end].kind == .number || tokens[subdivision.end].kind == .mixed {
                cursor = subdivision.end + 1
                if isPunctuation(at: cursor, "#") { cursor += 1 }
                continue
            }
            if afterComma < tokens.count,
               tokens[afterComma].kind == .mixed || tokens[afterComma].kind == .word,
               let subdivision = vocabulary.subdivisionWords.longestMatch(in: tokens, at: afterComma + 1) {
                cursor = subdivision.end
                continue
            }
            break
        }
        return cursor
    }

    /// The end of a short parenthesised suffix such as "(2°)", "(a)" or
    /// "(iii)" at `index`, if there is one.
    private func parenthesizedSuffixEnd(at index: Int) -> Int? {
        guard isPunctuation(at: index, "(") else { return nil }
        var cursor = index + 1
        var contentCount = 0
        while cursor < tokens.count, contentCount < 8 {
            let token = tokens[cursor]
            switch token.kind {
            case .punctuation where token.punctuation == UInt8(ascii: ")"):
                return contentCount > 0 ? cursor + 1 : nil
            case .punctuation where token.punctuation == UInt8(ascii: "#")
                || token.punctuation == UInt8(ascii: ",") || token.punctuation == UInt8(ascii: "-"):
                break
            case .number, .mixed:
                break
            case .word where isShortEnumerator(token):
                break
            default:
                return nil
            }
            contentCount += 1
            cursor += 1
        }
        return nil
    }

    /// Whether a word is a one-letter or roman-numeral enumerator.
    private func isShortEnumerator(_ token: CitationToken) -> Bool {
        let length = token.end - token.start
        if length == 1 { return true }
        guard length <= 4 else { return false }
        for offset in token.start..<token.end {
            switch bytes[offset] | 0x20 {
            case UInt8(ascii: "i"), UInt8(ascii: "v"), UInt8(ascii: "x"): continue
            default: return false
            }
        }
        return true
    }

    /// Whether a list item can end before `index`.
    private func isBoundary(at index: Int) -> Bool {
        guard index < tokens.count else { return true }
        let token = tokens[index]
        switch token.kind {
        case .punctuation:
            return true
        case .number, .mixed:
            return false
        case .word:
            guard token.wordID >= 0 else { return false }
            return !vocabulary.listConjunctions.matches(in: tokens, at: index).isEmpty
                || !vocabulary.linkingWords.matches(in: tokens, at: index).isEmpty
                || !vocabulary.rangeWords.matches(in: tokens, at: index).isEmpty
                || !vocabulary.namedInstruments.matches(in: tokens, at: index).isEmpty
                || !vocabulary.subdivisionWords.matches(in: tokens, at: index).isEmpty
        }
    }

    /// The instrument named at `index`: directly, after a linking word or
    /// after a comma; or another instrument recognised by a capitalised or
    /// instrument word after a linking word.
    private func namedInstrument(at index: Int) -> (instrument: NamedInstrument, byteRange: Range<Int>, end: Int)? {
        var best: (instrument: NamedInstrument, byteRange: Range<Int>, end: Int)?
        func consider(_ nameStart: Int) {
            guard let name = vocabulary.namedInstruments.longestMatch(in: tokens, at: nameStart) else { return }
            if best.map({ name.end > $0.end }) ?? true {
                best = (name.value, tokens[nameStart].start..<tokens[name.end - 1].end, name.end)
            }
        }
        let starts = isPunctuation(at: index, ",") ? [index, index + 1] : [index]
        for start in starts {
            consider(start)
            for linking in vocabulary.linkingWords.matches(in: tokens, at: start) {
                consider(linking.end)
            }
        }
        if let best { return best }
        for genitive in vocabulary.genitiveWords.matches(in: tokens, at: index) where genitive.end < tokens.count {
            if genitive.value && !isASCII(tokens[index..<genitive.end]) { continue }
            let word = tokens[genitive.end]
            if word.kind == .word {
                return (.otherInstrument, word.start..<word.end, genitive.end + 1)
            }
        }
        for linking in vocabulary.linkingWords.matches(in: tokens, at: index) where linking.end < tokens.count {
            let word = tokens[linking.end]
            guard word.kind == .word else { continue }
            if word.isCapitalized || vocabulary.otherInstrumentWordIDs.contains(word.wordID) {
                return (.otherInstrument, word.start..<word.end, linking.end + 1)
            }
        }
        return nil
    }

    /// A portal code named just before the citation and a comma:
    /// "Code de déontologie des dentistes, art. 3.09.10".
    private func codeNamedBefore(_ start: Int) -> (id: String, byteRange: Range<Int>)? {
        guard start >= 2, isPunctuation(at: start - 1, ","),
              let name = vocabulary.namedInstruments.longestMatch(in: tokens, endingAt: start - 1),
              case .code(let id) = name.value else { return nil }
        return (id, tokens[name.start].start..<tokens[start - 2].end)
    }

    private func isASCII(_ range: ArraySlice<CitationToken>) -> Bool {
        range.allSatisfy { token in (token.start..<token.end).allSatisfy { bytes[$0] < 0x80 } }
    }

    private func isNumber(at index: Int) -> Bool {
        index < tokens.count && tokens[index].kind == .number
    }

    private func isPunctuation(at index: Int, _ character: Unicode.Scalar) -> Bool {
        index < tokens.count && tokens[index].kind == .punctuation
            && tokens[index].punctuation == UInt8(ascii: character)
    }

    private func citedNumber(at index: Int) -> CitedNumber {
        let token = tokens[index]
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self)
        return CitedNumber(text: text, byteRange: token.start..<token.end)
    }
}
