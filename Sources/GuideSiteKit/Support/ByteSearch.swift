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
