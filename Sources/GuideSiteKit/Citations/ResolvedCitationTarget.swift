/// A target produced by one item of a citation.
public struct ResolvedCitationTarget: Sendable, Hashable {
    /// The destination.
    public var target: CitationTarget
    /// The UTF-8 byte range of the item (a number or a whole range) that
    /// produced the target.
    public var itemByteRange: Range<Int>
    /// The UTF-8 byte range of the number to turn into a link to the target:
    /// the number itself, or an end of a range; nil for the articles strictly
    /// inside a range, which are cited but have no text of their own.
    public var linkByteRange: Range<Int>?

    /// Creates a resolved target.
    public init(target: CitationTarget, itemByteRange: Range<Int>, linkByteRange: Range<Int>?) {
        self.target = target
        self.itemByteRange = itemByteRange
        self.linkByteRange = linkByteRange
    }
}
