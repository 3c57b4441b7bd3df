/// Finds citations of code provisions and recommendations in plain text.
///
/// Call ``scan(_:)`` on one run of plain text (a paragraph, a list item, a
/// table cell, a heading), never on code or link text. The scanner works on
/// UTF-8 bytes: text without an ASCII digit is skipped at once, and the rest
/// is tokenized once and matched against the compiled vocabulary. It is a
/// value type and safe to share between tasks.
public struct CitationScanner: Sendable {
    private let compiledVocabulary: CompiledCitationVocabulary

    /// Creates a scanner for a vocabulary.
    public init(vocabulary: CitationVocabulary) {
        compiledVocabulary = CompiledCitationVocabulary(vocabulary)
    }

    /// The citations in `text`, in order, with UTF-8 byte ranges into `text`.
    public func scan(_ text: String) -> [CitationMatch] {
        var text = text
        return text.withUTF8 { bytes in
            guard Self.containsDigit(bytes) else { return [] }
            let vocabulary = compiledVocabulary
            let tokens = CitationTokenizer.tokenize(bytes) { vocabulary.words.id(of: $0) }
            return CitationTokenParser(tokens: tokens, vocabulary: vocabulary, bytes: bytes).parseAll()
        }
    }

    private static func containsDigit(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte &- 0x30 < 10 {
            return true
        }
        return false
    }
}
