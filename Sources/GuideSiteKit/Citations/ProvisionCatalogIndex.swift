/// The level of a code provision: article (or point) or section.
enum ProvisionLevel {
    case article
    case section
}

/// Lookup tables over a ``ProvisionCatalog``: positions of numbers within each
/// code, and the codes that have each number.
struct ProvisionCatalogIndex: Sendable {
    /// The numbers of one code at one level, with their positions.
    struct NumberList: Sendable {
        var numbers: [String]
        var positions: [String: Int]

        init(_ numbers: [String]) {
            self.numbers = numbers
            var positions: [String: Int] = [:]
            for (position, number) in numbers.enumerated() where positions[number] == nil {
                positions[number] = position
            }
            self.positions = positions
        }
    }

    /// The tables of one code.
    struct CodeEntry: Sendable {
        var articles: NumberList
        var sections: NumberList

        func numbers(_ level: ProvisionLevel) -> NumberList {
            level == .article ? articles : sections
        }
    }

    private(set) var codesByID: [String: CodeEntry] = [:]
    private var codeIDsByArticle: [String: [String]] = [:]
    private var codeIDsBySection: [String: [String]] = [:]
    /// The recommendation numbers.
    let recommendationNumbers: Set<Int>

    init(_ catalog: ProvisionCatalog) {
        recommendationNumbers = catalog.recommendationNumbers
        for code in catalog.codes where codesByID[code.id] == nil {
            codesByID[code.id] = CodeEntry(
                articles: NumberList(code.articleNumbers), sections: NumberList(code.sectionNumbers))
            for number in Set(code.articleNumbers) { codeIDsByArticle[number, default: []].append(code.id) }
            for number in Set(code.sectionNumbers) { codeIDsBySection[number, default: []].append(code.id) }
        }
    }

    /// The ids of the codes that have `number` at `level`, in catalog order.
    func codeIDs(having number: String, at level: ProvisionLevel) -> [String] {
        (level == .article ? codeIDsByArticle : codeIDsBySection)[number] ?? []
    }
}
