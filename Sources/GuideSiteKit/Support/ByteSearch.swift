import Foundation

extension String {
    /// Whether the UTF-8 form of the string holds `byte`, found with `memchr` over its storage:
    /// whole articles are searched for a byte (`|` for tables, a carriage return), which
    /// `utf8.contains` does one index at a time.
    func containsUTF8Byte(_ byte: UInt8) -> Bool {
        let found = utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
            return memchr(base, Int32(byte), bytes.count) != nil
        }
        return found ?? utf8.contains(byte)
    }
}

extension String {
    /// The string's lines, split at each line feed (`split(separator: "\n")` keeping empty
    /// lines), found with `memchr`: splitting by characters, or with the UTF-8 view's `split`,
    /// walks the text one index at a time.
    func linesSplitAtLineFeeds() -> [Substring] {
        let bounds = utf8LineBounds(carriageReturnsEndLines: false)
        return zip(bounds.starts, bounds.ends).map { utf8Slice($0, $1) }
    }

    /// Where each line starts and ends (its line ending excluded) in the UTF-8 bytes. Lines end
    /// at a line feed, found with `memchr`; with `carriageReturnsEndLines`, also at a carriage
    /// return, a CR LF being one line end, as in CommonMark.
    func utf8LineBounds(carriageReturnsEndLines: Bool) -> (starts: [Int], ends: [Int]) {
        var starts = [0], ends: [Int] = []
        func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            if !carriageReturnsEndLines {
                while offset < bytes.count, let feed = memchr(base + offset, 0x0A, bytes.count - offset) {
                    let end = base.distance(to: feed.assumingMemoryBound(to: UInt8.self))
                    ends.append(end)
                    offset = end + 1
                    starts.append(offset)
                }
                return
            }
            while offset < bytes.count {
                let byte = bytes[offset]
                offset += 1
                guard byte == 0x0A || byte == 0x0D else { continue }
                ends.append(offset - 1)
                if byte == 0x0D, offset < bytes.count, bytes[offset] == 0x0A { offset += 1 }
                starts.append(offset)
            }
        }
        if utf8.withContiguousStorageIfAvailable(scan) == nil { Array(utf8).withUnsafeBufferPointer(scan) }
        ends.append(utf8.count)
        return (starts, ends)
    }

    /// The part of the string between two offsets in its UTF-8 bytes (at scalar boundaries).
    func utf8Slice(_ start: Int, _ end: Int) -> Substring {
        self[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)]
    }
}
