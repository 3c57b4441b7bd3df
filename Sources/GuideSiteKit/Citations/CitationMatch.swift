/// A citation found in a run of plain text by ``CitationScanner``.
///
/// All ranges are UTF-8 byte offsets into the scanned string.
public struct CitationMatch: Sendable, Hashable {
    /// What the citation points at.
    public var kind: CitationKind
    /// The cited numbers and ranges, in text order; never empty.
    public var items: [CitationItem]
    /// The citation from its introducer word through its last number.
    public var byteRange: Range<Int>
    /// The code named right after the citation ("du Code de déontologie des
    /// dentistes", "of this code"), or right before it ("Code de déontologie
    /// des dentistes, art. 3.09.10"); nil when none is named.
    public var namedCode: NamedCode?
    /// Where the named code is written, when there is one.
    public var namedCodeByteRange: Range<Int>?

    /// Creates a citation match.
    public init(
        kind: CitationKind,
        items: [CitationItem],
        byteRange: Range<Int>,
        namedCode: NamedCode? = nil,
        namedCodeByteRange: Range<Int>? = nil
    ) {
        self.kind = kind
        self.items = items
        self.byteRange = byteRange
        self.namedCode = namedCode
        self.namedCodeByteRange = namedCodeByteRange
    }
}
