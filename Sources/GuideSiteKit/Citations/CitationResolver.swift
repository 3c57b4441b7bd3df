/// Resolves scanned citations and explicit link targets against a
/// ``ProvisionCatalog``.
///
/// The code of an article or section citation is chosen by three rules, in
/// order:
/// 1. the code named right after (or right before) the citation; "ce code" /
///    "this code" means `defaultCode`;
/// 2. else `defaultCode` (the article's `code` front-matter field);
/// 3. else the one code that has the number. Several codes → an
///    ``CitationProblemKind/ambiguousNumber(number:candidates:)`` warning and
///    nothing linked; none → ``CitationProblemKind/numberInNoCode(number:)``.
///
/// Once a code is chosen, a number it lacks is an error, never a silent
/// fallback to another code. An article citation whose number is a section of
/// the chosen code ("section 3.09 du Code …") resolves to that section.
/// A range yields every provision between its ends inclusive, in the code's
/// order; only its two ends get a link range.
public struct CitationResolver: Sendable {
    private let index: ProvisionCatalogIndex

    /// Creates a resolver over a catalog.
    public init(catalog: ProvisionCatalog) {
        index = ProvisionCatalogIndex(catalog)
    }

    /// Resolves every match of one text with the same default code.
    public func resolve(_ matches: [CitationMatch], defaultCode: String?) -> CitationResolution {
        var resolution = CitationResolution()
        for match in matches {
            resolution.append(resolve(match, defaultCode: defaultCode))
        }
        return resolution
    }

    /// Resolves one match. `defaultCode` is the code of the article being
    /// built, if it has one.
    public func resolve(_ match: CitationMatch, defaultCode: String?) -> CitationResolution {
        var resolution = CitationResolution()
        switch match.kind {
        case .recommendation:
            for item in match.items {
                resolution.append(resolveRecommendation(item))
            }
        case .codeArticle, .codeSection:
            let level: ProvisionLevel = match.kind == .codeArticle ? .article : .section
            var chosenCode: String?
            switch match.namedCode {
            case .code(let id): chosenCode = id
            case .thisCode, nil: chosenCode = defaultCode
            }
            if let chosenCode, index.codesByID[chosenCode] == nil {
                let range = match.namedCodeByteRange ?? match.byteRange
                resolution.problems.append(CitationProblem(kind: .unknownCode(chosenCode), byteRange: range))
                return resolution
            }
            for item in match.items {
                if let chosenCode {
                    resolution.append(resolveProvision(item, level: level, in: chosenCode))
                } else {
                    resolution.append(resolveProvisionInAnyCode(item, level: level))
                }
            }
        }
        return resolution
    }

    /// Resolves an explicit link target; `byteRange` is where its destination
    /// is written. Unlike citations, an explicit article never falls back to
    /// a section.
    public func resolve(_ explicitTarget: ExplicitTarget, byteRange: Range<Int>) -> CitationResolution {
        func found(_ target: CitationTarget) -> CitationResolution {
            CitationResolution(targets: [
                ResolvedCitationTarget(target: target, itemByteRange: byteRange, linkByteRange: byteRange),
            ])
        }
        func problem(_ kind: CitationProblemKind) -> CitationResolution {
            CitationResolution(problems: [CitationProblem(kind: kind, byteRange: byteRange)])
        }
        switch explicitTarget {
        case .malformed(let destination):
            return problem(.malformedLinkTarget(destination: destination))
        case .recommendation(let number):
            return index.recommendationNumbers.contains(number)
                ? found(.recommendation(number)) : problem(.unknownRecommendation(number: String(number)))
        case .code(let code):
            return index.codesByID[code] == nil ? problem(.unknownCode(code)) : found(.code(code))
        case .article(let code, let number):
            guard let entry = index.codesByID[code] else { return problem(.unknownCode(code)) }
            return entry.articles.positions[number] == nil
                ? problem(.unknownArticle(number: number, code: code)) : found(.article(code: code, number: number))
        case .section(let code, let number):
            guard let entry = index.codesByID[code] else { return problem(.unknownCode(code)) }
            return entry.sections.positions[number] == nil
                ? problem(.unknownSection(number: number, code: code)) : found(.section(code: code, number: number))
        }
    }

    // MARK: - Code provisions

    /// Rule 3: the one code that has the number (or both ends of the range).
    private func resolveProvisionInAnyCode(_ item: CitationItem, level: ProvisionLevel) -> CitationResolution {
        let numbers = item.numbers
        var candidates = codes(havingAll: numbers, at: level)
        if candidates.isEmpty && level == .article {
            candidates = codes(havingAll: numbers, at: .section)
        }
        switch candidates.count {
        case 1:
            return resolveProvision(item, level: level, in: candidates[0])
        case 0:
            for number in numbers where codesHaving(number, fallbackFrom: level).isEmpty {
                return CitationResolution(problems: [
                    CitationProblem(kind: .numberInNoCode(number: number.text), byteRange: number.byteRange),
                ])
            }
            let from = numbers[0]
            let to = numbers[numbers.count - 1]
            return CitationResolution(problems: [CitationProblem(
                kind: .invalidRange(from: from.text, to: to.text, reason: "its ends are in different codes"),
                byteRange: item.byteRange)])
        default:
            let text = numbers.map(\.text).joined(separator: " to ")
            return CitationResolution(problems: [CitationProblem(
                kind: .ambiguousNumber(number: text, candidates: candidates), byteRange: item.byteRange)])
        }
    }

    /// Resolves an item in a chosen code.
    private func resolveProvision(_ item: CitationItem, level: ProvisionLevel, in code: String) -> CitationResolution {
        guard let entry = index.codesByID[code] else {
            return CitationResolution(problems: [CitationProblem(kind: .unknownCode(code), byteRange: item.byteRange)])
        }
        // An article citation of a section number resolves to the section.
        var effectiveLevel = level
        if level == .article,
           item.numbers.contains(where: { entry.articles.positions[$0.text] == nil }),
           item.numbers.allSatisfy({ entry.sections.positions[$0.text] != nil }) {
            effectiveLevel = .section
        }
        let list = entry.numbers(effectiveLevel)
        func target(_ number: String) -> CitationTarget {
            effectiveLevel == .article ? .article(code: code, number: number) : .section(code: code, number: number)
        }
        func unknown(_ number: CitedNumber) -> CitationProblem {
            let kind: CitationProblemKind = effectiveLevel == .article
                ? .unknownArticle(number: number.text, code: code)
                : .unknownSection(number: number.text, code: code)
            return CitationProblem(kind: kind, byteRange: number.byteRange)
        }
        switch item {
        case .single(let number):
            guard list.positions[number.text] != nil else { return CitationResolution(problems: [unknown(number)]) }
            return CitationResolution(targets: [ResolvedCitationTarget(
                target: target(number.text), itemByteRange: number.byteRange, linkByteRange: number.byteRange)])
        case .range(let from, let to):
            let unknownEnds = [from, to].filter { list.positions[$0.text] == nil }
            guard unknownEnds.isEmpty, let start = list.positions[from.text], let end = list.positions[to.text] else {
                return CitationResolution(problems: unknownEnds.map(unknown))
            }
            guard start < end else {
                return CitationResolution(problems: [CitationProblem(
                    kind: .invalidRange(from: from.text, to: to.text,
                                        reason: start == end ? "its ends are the same" : "its ends are reversed"),
                    byteRange: item.byteRange)])
            }
            var resolution = CitationResolution()
            for position in start...end {
                let linkRange: Range<Int>? = position == start ? from.byteRange : position == end ? to.byteRange : nil
                resolution.targets.append(ResolvedCitationTarget(
                    target: target(list.numbers[position]), itemByteRange: item.byteRange, linkByteRange: linkRange))
            }
            return resolution
        }
    }

    private func codes(havingAll numbers: [CitedNumber], at level: ProvisionLevel) -> [String] {
        guard let first = numbers.first else { return [] }
        var candidates = index.codeIDs(having: first.text, at: level)
        for number in numbers.dropFirst() {
            let having = Set(index.codeIDs(having: number.text, at: level))
            candidates = candidates.filter(having.contains)
        }
        return candidates
    }

    private func codesHaving(_ number: CitedNumber, fallbackFrom level: ProvisionLevel) -> [String] {
        let codes = index.codeIDs(having: number.text, at: level)
        if codes.isEmpty && level == .article {
            return index.codeIDs(having: number.text, at: .section)
        }
        return codes
    }

    // MARK: - Recommendations

    private func resolveRecommendation(_ item: CitationItem) -> CitationResolution {
        var resolution = CitationResolution()
        let numbers = item.numbers
        var values: [Int] = []
        for number in numbers {
            if let value = Int(number.text), index.recommendationNumbers.contains(value) {
                values.append(value)
            } else {
                resolution.problems.append(CitationProblem(
                    kind: .unknownRecommendation(number: number.text), byteRange: number.byteRange))
            }
        }
        guard resolution.problems.isEmpty, let first = values.first, let last = values.last else { return resolution }
        if numbers.count == 2 && first >= last {
            resolution.problems.append(CitationProblem(
                kind: .invalidRange(from: numbers[0].text, to: numbers[1].text,
                                    reason: first == last ? "its ends are the same" : "its ends are reversed"),
                byteRange: item.byteRange))
            return resolution
        }
        for value in first...last where index.recommendationNumbers.contains(value) {
            let linkRange: Range<Int>? = value == first ? numbers[0].byteRange
                : value == last ? numbers[numbers.count - 1].byteRange : nil
            resolution.targets.append(ResolvedCitationTarget(
                target: .recommendation(value), itemByteRange: item.byteRange, linkByteRange: linkRange))
        }
        return resolution
    }
}
