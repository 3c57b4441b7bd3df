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
        var lines: [Substring] = []
        let utf8 = self.utf8
        func cut(_ start: Int, _ end: Int) {
            lines.append(self[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)])
        }
        let found: Void? = utf8.withContiguousStorageIfAvailable { bytes in
            var start = 0
            if let base = bytes.baseAddress {
                while start < bytes.count, let feed = memchr(base + start, 0x0A, bytes.count - start) {
                    let end = base.distance(to: feed.assumingMemoryBound(to: UInt8.self))
                    cut(start, end)
                    start = end + 1
                }
            }
            cut(start, bytes.count)
        }
        return found == nil ? split(separator: "\n", omittingEmptySubsequences: false) : lines
    }
}
