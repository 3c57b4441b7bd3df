import Foundation

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
        precondition(range.lowerBound >= 0 && range.upperBound <= (source?.bytes.count ?? 0), "a span outside the earlier file")
        if case let .copied(last)? = pieces.last, last.upperBound == range.lowerBound {
            pieces[pieces.count - 1] = .copied(last.lowerBound..<range.upperBound)
        } else {
            pieces.append(.copied(range))
        }
        count += range.count
    }

    /// Calls `body` with each piece's bytes, in order.
    func forEachPiece(_ body: (UnsafeRawBufferPointer) -> Void) {
        for piece in pieces { forEach(piece, body) }
    }

    /// The whole file in one array (a file of one made piece is not copied).
    func bytes() -> [UInt8] {
        if pieces.count == 1, case let .made(bytes) = pieces[0] { return bytes }
        var joined: [UInt8] = []
        joined.reserveCapacity(count)
        forEachPiece { joined.append(contentsOf: $0) }
        return joined
    }

    /// Whether the file is the bytes of `other`, compared piece by piece (a span of ``source`` at
    /// its own place in `other`, when `other` is the source, is not read).
    func holdsTheBytes(of other: FileBytes) -> Bool {
        guard count == other.bytes.count else { return false }
        guard let start = other.bytes.baseAddress else { return true }  // both empty
        var offset = 0
        var same = true
        for piece in pieces where same {
            if case let .copied(range) = piece, source === other, range.lowerBound == offset {
                offset += range.count
                continue
            }
            forEach(piece) { bytes in
                if let base = bytes.baseAddress, memcmp(base, start + offset, bytes.count) != 0 { same = false }
                offset += bytes.count
            }
        }
        return same
    }

    /// Calls `body` with a piece's bytes.
    private func forEach(_ piece: Piece, _ body: (UnsafeRawBufferPointer) -> Void) {
        switch piece {
        case let .made(bytes): bytes.withUnsafeBytes(body)
        case let .copied(range): body(UnsafeRawBufferPointer(rebasing: (source?.bytes ?? UnsafeRawBufferPointer(start: nil, count: 0))[range]))
        }
    }
}
