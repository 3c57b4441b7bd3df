import Foundation

extension String {
    /// `trimmingCharacters(in: .whitespaces)`, without going through Foundation when neither end
    /// can be whitespace: a string whose first and last bytes are ASCII and neither a space nor
    /// a tab is returned as it is (Foundation's scan of a string's ends costs more than most
    /// uses of it: front matter values, tags, table cells). Any other string goes to Foundation.
    func trimmingWhitespace() -> String {
        guard let first = utf8.first, let last = utf8.last else { return "" }
        func plain(_ byte: UInt8) -> Bool { byte < 0x80 && byte != 0x20 && byte != 0x09 }
        return plain(first) && plain(last) ? self : trimmingCharacters(in: .whitespaces)
    }
}
