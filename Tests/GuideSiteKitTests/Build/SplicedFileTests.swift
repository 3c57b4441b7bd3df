import Foundation
import Testing
@testable import GuideSiteKit

/// A file made of bytes made now and spans of an earlier file is written, joined and hashed as
/// the bytes it stands for.
@Suite("Spliced files")
struct SplicedFileTests {
    @Test func piecesAreTheBytesTheyStandFor() throws {
        let earlier = FileBytes(copying: Array("0123456789abcdef".utf8))
        var file = SplicedFile(path: "data/x.json", source: earlier)
        file.append(Array("<".utf8))
        file.append(copyOf: 2..<5)
        file.append(copyOf: 5..<7)   // extends the span before it
        file.append(copyOf: 7..<7)   // nothing
        file.append([])
        file.append(copyOf: 10..<12)
        file.append(Array(">".utf8))
        let expected = Array("<23456ab>".utf8)
        #expect(file.pieces.count == 4)
        #expect(file.count == expected.count)
        #expect(file.bytes() == expected)

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spliced-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("x.json").path
        #expect(OutputWriter.writeFile(file, to: path) == nil)
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) == expected)

        // The file mapped back is the same bytes; a size other than the one expected is refused.
        let mapped = try #require(FileBytes(mapping: path, size: expected.count))
        #expect([UInt8](mapped.bytes) == expected)
        #expect(FileBytes(mapping: path, size: expected.count + 1) == nil)
        #expect(FileBytes(mapping: folder.path) == nil)
    }

    @Test func aFileComparesWithTheBytesOfAnother() {
        let earlier = FileBytes(copying: Array("0123456789".utf8))
        var same = SplicedFile(path: "a", source: earlier)
        same.append(copyOf: 0..<3)
        same.append(Array("34".utf8))
        same.append(copyOf: 5..<10)
        #expect(same.holdsTheBytes(of: earlier))
        #expect(same.holdsTheBytes(of: FileBytes(copying: Array("0123456789".utf8))), "another copy of the bytes")
        var moved = SplicedFile(path: "a", source: earlier)
        moved.append(copyOf: 5..<10)
        moved.append(copyOf: 0..<5)
        #expect(!moved.holdsTheBytes(of: earlier))
        #expect(moved.holdsTheBytes(of: FileBytes(copying: Array("5678901234".utf8))))
        var other = SplicedFile(path: "a", source: earlier)
        other.append(Array("0123456788".utf8))
        #expect(!other.holdsTheBytes(of: earlier))
        #expect(!same.holdsTheBytes(of: FileBytes(copying: Array("012345678".utf8))), "another size")
        #expect(SplicedFile(path: "b", source: nil).holdsTheBytes(of: FileBytes(copying: [])))
    }

    @Test func aFileOfOneMadePieceIsThatPiece() {
        var file = SplicedFile(path: "a", source: nil)
        file.append(Array("abc".utf8))
        #expect(file.bytes() == Array("abc".utf8))
        #expect(SplicedFile(path: "b", source: nil).bytes().isEmpty)
    }
}
