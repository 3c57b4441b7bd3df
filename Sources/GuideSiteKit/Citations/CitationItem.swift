/// One item of a citation's list: a single number or a range of numbers.
public enum CitationItem: Sendable, Hashable {
    /// A single number: "3.09.10".
    case single(CitedNumber)
    /// A range, both ends included: "3.09.01 à 3.09.05", "2 to 5".
    case range(from: CitedNumber, to: CitedNumber)

    /// The UTF-8 byte range of the item, from its first number to its last.
    public var byteRange: Range<Int> {
        switch self {
        case .single(let number):
            return number.byteRange
        case .range(let from, let to):
            return from.byteRange.lowerBound..<to.byteRange.upperBound
        }
    }

    /// The numbers of the item: one for a single number, the two ends of a range.
    public var numbers: [CitedNumber] {
        switch self {
        case .single(let number):
            return [number]
        case .range(let from, let to):
            return [from, to]
        }
    }
}
