/// One number as written in a citation, with where it is in the scanned text.
public struct CitedNumber: Sendable, Hashable {
    /// The number exactly as written, e.g. "3.09.10" or "04".
    public var text: String
    /// The UTF-8 byte range of the number in the scanned text.
    public var byteRange: Range<Int>

    /// Creates a cited number.
    public init(text: String, byteRange: Range<Int>) {
        self.text = text
        self.byteRange = byteRange
    }
}
