/// One element of a vocabulary phrase: a word by id, or a punctuation byte.
enum PhraseElement: Hashable, Sendable {
    /// A vocabulary word.
    case word(Int32)
    /// A folded punctuation byte.
    case punctuation(UInt8)

    /// Whether `token` is this element.
    @inline(__always)
    func matches(_ token: CitationToken) -> Bool {
        switch self {
        case .word(let id):
            return token.kind == .word && token.wordID == id
        case .punctuation(let byte):
            return token.kind == .punctuation && token.punctuation == byte
        }
    }

    /// The element a token would match, if any.
    init?(token: CitationToken) {
        switch token.kind {
        case .word where token.wordID >= 0: self = .word(token.wordID)
        case .punctuation: self = .punctuation(token.punctuation)
        default: return nil
        }
    }
}

/// A set of vocabulary phrases with a value each, matched against tokens,
/// longest phrase first.
struct VocabularyPhraseTable<Value: Sendable>: Sendable {
    /// A phrase and its value.
    struct Entry: Sendable {
        var elements: [PhraseElement]
        var value: Value
    }

    private var entriesByFirstElement: [PhraseElement: [Entry]] = [:]
    private(set) var entries: [Entry] = []

    /// Adds a phrase; empty phrases are ignored.
    mutating func add(_ elements: [PhraseElement], value: Value) {
        guard let first = elements.first else { return }
        let entry = Entry(elements: elements, value: value)
        entries.append(entry)
        var bucket = entriesByFirstElement[first, default: []]
        bucket.append(entry)
        bucket.sort { $0.elements.count > $1.elements.count }
        entriesByFirstElement[first] = bucket
    }

    /// Whether some phrase starts with `element`.
    func hasPhrase(startingWith element: PhraseElement) -> Bool {
        entriesByFirstElement[element] != nil
    }

    /// All phrases that match at `index`, longest first, with the index just
    /// past each.
    func matches(in tokens: [CitationToken], at index: Int) -> [(value: Value, end: Int)] {
        guard index < tokens.count, let first = PhraseElement(token: tokens[index]),
              let bucket = entriesByFirstElement[first] else { return [] }
        var found: [(value: Value, end: Int)] = []
        for entry in bucket where Self.entry(entry, matches: tokens, at: index) {
            found.append((entry.value, index + entry.elements.count))
        }
        return found
    }

    /// The longest phrase that matches at `index`, with the index just past it.
    func longestMatch(in tokens: [CitationToken], at index: Int) -> (value: Value, end: Int)? {
        guard index < tokens.count, let first = PhraseElement(token: tokens[index]),
              let bucket = entriesByFirstElement[first] else { return nil }
        for entry in bucket where Self.entry(entry, matches: tokens, at: index) {
            return (entry.value, index + entry.elements.count)
        }
        return nil
    }

    /// The longest phrase that ends just before `end`, with its first index.
    func longestMatch(in tokens: [CitationToken], endingAt end: Int) -> (value: Value, start: Int)? {
        var best: (value: Value, start: Int)?
        for entry in entries {
            let start = end - entry.elements.count
            guard start >= 0, Self.entry(entry, matches: tokens, at: start) else { continue }
            if best.map({ start < $0.start }) ?? true { best = (entry.value, start) }
        }
        return best
    }

    private static func entry(_ entry: Entry, matches tokens: [CitationToken], at index: Int) -> Bool {
        guard index + entry.elements.count <= tokens.count else { return false }
        for (offset, element) in entry.elements.enumerated() where !element.matches(tokens[index + offset]) {
            return false
        }
        return true
    }
}
