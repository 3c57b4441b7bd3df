/// A file made of pieces: bytes made now, and spans of an earlier file (``FileBytes``), written one
/// after the other without being joined in memory first.
///
/// `data/references.json` is tens of megabytes on a large portal, and a rebuild makes it again
/// mostly from the file the last build wrote: joining the spans into one array, then writing it,
/// cost more than everything else the rebuild does to it.
struct SplicedFile: Sendable {
    enum Piece: Sendable {
        case made([UInt8])
        /// A span of ``source``.
        case copied(Range<Int>)
    }

    let path: String
    /// The earlier file that ``Piece/copied(_:)`` spans are taken from.
    let source: FileBytes?
    private(set) var pieces: [Piece] = []
    /// The file's size so far.
    private(set) var count = 0

    init(path: String, source: FileBytes?) {
        self.path = path
        self.source = source
    }

    /// Adds bytes made now.
    mutating func append(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        pieces.append(.made(bytes))
        count += bytes.count
    }

    /// Adds a span of ``source`` (which must hold it); a span that starts where the last one ends
    /// extends it.
    mutating func append(copyOf range: Range<Int>) {
        guard !range.isEmpty else { return }
        if case let .copied(last)? = pieces.last, last.upperBound == range.lowerBound {
            pieces[pieces.count - 1] = .copied(last.lowerBound..<range.upperBound)
        } else {
            pieces.append(.copied(range))
        }
        count += range.count
    }

    /// Calls `body` with each piece's bytes, in order.
    func forEachPiece(_ body: (UnsafeRawBufferPointer) -> Void) {
        for piece in pieces {
            switch piece {
            case let .made(bytes): bytes.withUnsafeBytes(body)
            case let .copied(range): body(UnsafeRawBufferPointer(rebasing: (source?.bytes ?? UnsafeRawBufferPointer(start: nil, count: 0))[range]))
            }
        }
    }

    /// The whole file in one array (a file of one made piece is not copied).
    func bytes() -> [UInt8] {
        if pieces.count == 1, case let .made(bytes) = pieces[0] { return bytes }
        var joined: [UInt8] = []
        joined.reserveCapacity(count)
        forEachPiece { joined.append(contentsOf: $0) }
        return joined
    }

    /// XXH64 of the whole file with `seed`, read piece by piece.
    func hash(seed: UInt64) -> UInt64 {
        var hasher = XXH64.Streaming(seed: seed)
        forEachPiece { hasher.update($0) }
        return hasher.value
    }
}
