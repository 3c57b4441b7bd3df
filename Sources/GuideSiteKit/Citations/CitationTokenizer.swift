/// Splits UTF-8 text into words, numbers and punctuation for citation
/// scanning, folding words to lowercase without accents.
enum CitationTokenizer {
    /// Tokenizes `bytes`. `wordID` receives each word's folded bytes and
    /// returns its vocabulary id (or -1).
    static func tokenize(
        _ bytes: UnsafeBufferPointer<UInt8>,
        wordID: ([UInt8]) -> Int32
    ) -> [CitationToken] {
        var tokens: [CitationToken] = []
        tokens.reserveCapacity(bytes.count / 5 + 1)
        var folded: [UInt8] = []
        folded.reserveCapacity(32)
        let count = bytes.count
        var index = 0
        while index < count {
            if bytes[index] == 0x20 {  // the commonest byte
                index += 1
                continue
            }
            let (value, length) = decodeScalar(bytes, at: index)
            switch ScalarFolding.classify(value) {
            case .space, .combiningMark:
                index += length
            case .punctuation(let byte):
                tokens.append(CitationToken(kind: .punctuation, start: index, end: index + length, punctuation: byte))
                index += length
            case .letter, .digit:
                let start = index
                folded.removeAll(keepingCapacity: true)
                var hasLetter = false
                var hasDigit = false
                var groupCount = 1
                var isCapitalized = false
                while index < count {
                    // ASCII letters and digits, most of any text, without decoding or classifying.
                    let byte = bytes[index]
                    if byte >= 0x61 && byte <= 0x7A || byte >= 0x41 && byte <= 0x5A {
                        if !hasLetter && !hasDigit { isCapitalized = byte <= 0x5A }
                        hasLetter = true
                        folded.append(byte | 0x20)
                        index += 1
                        continue
                    }
                    if byte >= 0x30 && byte <= 0x39 {
                        hasDigit = true
                        folded.append(byte)
                        index += 1
                        continue
                    }
                    let (runValue, runLength) = decodeScalar(bytes, at: index)
                    let runClass = ScalarFolding.classify(runValue)
                    if runClass == .letter {
                        let isUppercase = ScalarFolding.appendFoldedLetter(runValue, to: &folded)
                        if !hasLetter && !hasDigit { isCapitalized = isUppercase }
                        hasLetter = true
                    } else if runClass == .digit {
                        hasDigit = true
                        folded.append(UInt8(truncatingIfNeeded: runValue))
                    } else if runClass == .combiningMark {
                        // Part of the previous letter.
                    } else if runValue == 0x2E, hasDigit, !hasLetter, index + 1 < count,
                              bytes[index + 1] >= 0x30, bytes[index + 1] <= 0x39 {
                        groupCount += 1
                        folded.append(0x2E)
                    } else {
                        break
                    }
                    index += runLength
                }
                if hasLetter && !hasDigit {
                    tokens.append(CitationToken(
                        kind: .word, start: start, end: index,
                        wordID: wordID(folded), isCapitalized: isCapitalized))
                } else if hasDigit && !hasLetter {
                    tokens.append(CitationToken(
                        kind: .number, start: start, end: index, numberGroupCount: groupCount))
                } else {
                    tokens.append(CitationToken(kind: .mixed, start: start, end: index))
                }
            }
        }
        return tokens
    }

    /// Decodes the scalar at `index` of well-formed UTF-8, returning its value
    /// and byte length (U+FFFD and 1 on a malformed byte).
    @inline(__always)
    static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), 1) }
        let count = bytes.count
        if lead & 0xE0 == 0xC0, index + 1 < count {
            return ((UInt32(lead & 0x1F) << 6) | UInt32(bytes[index + 1] & 0x3F), 2)
        }
        if lead & 0xF0 == 0xE0, index + 2 < count {
            let value = (UInt32(lead & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6)
                | UInt32(bytes[index + 2] & 0x3F)
            return (value, 3)
        }
        if lead & 0xF8 == 0xF0, index + 3 < count {
            let value = (UInt32(lead & 0x07) << 18) | (UInt32(bytes[index + 1] & 0x3F) << 12)
                | (UInt32(bytes[index + 2] & 0x3F) << 6) | UInt32(bytes[index + 3] & 0x3F)
            return (value, 4)
        }
        return (0xFFFD, 1)
    }
}
