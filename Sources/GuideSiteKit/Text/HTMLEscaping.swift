/// Escaping for HTML text, HTML attributes, XML and URLs, done over UTF-8 bytes.
public enum HTMLEscaping {
    /// Escapes `&`, `<`, `>`, `"` and `'`: safe in text and in double- or single-quoted attributes.
    public static func escape(_ text: String) -> String {
        // Over the UTF-8 bytes: the five characters are ASCII, never part of a longer scalar.
        // French text holds apostrophes in most sentences, so most texts go the long way.
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            escape(bytes, into: &out)
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    /// ``escape(_:)`` appended to UTF-8 bytes: the same five characters, the same entities.
    public static func escape(_ text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { escape($0, into: &out) }
    }

    /// ``escape(_:)`` of UTF-8 bytes, appended to UTF-8 bytes.
    static func escape(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var run = 0
        for index in 0..<bytes.count {
            let entity: StaticString
            switch bytes[index] {
            case 0x26: entity = "&amp;"
            case 0x3C: entity = "&lt;"
            case 0x3E: entity = "&gt;"
            case 0x22: entity = "&quot;"
            case 0x27: entity = "&#39;"
            default: continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
            out.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
            run = index + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<bytes.count]))
    }

    /// Schemes that never become links: they run code or reach the reader's disk.
    static let forbiddenSchemes: Set<String> = ["javascript", "vbscript", "file", "data"]

    /// The URL's scheme in lower case (`https`, `mailto`, `code`), or nil for a relative URL.
    public static func scheme(of url: String) -> String? {
        var scheme = ""
        for scalar in url.unicodeScalars {
            if scalar == ":" { return scheme.isEmpty ? nil : scheme.lowercased() }
            let isLetter = (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
            let isOther = (scalar >= "0" && scalar <= "9") || scalar == "+" || scalar == "-" || scalar == "."
            if isLetter || (isOther && !scheme.isEmpty) {
                scheme.unicodeScalars.append(scalar)
            } else {
                return nil
            }
        }
        return nil
    }

    /// Whether a URL may appear in `href` or `src` (no `javascript:` and the like, whatever its case or spaces).
    public static func isSafeURL(_ url: String) -> Bool {
        let compact = String(url.unicodeScalars.filter { $0.value > 0x20 })
        guard let scheme = scheme(of: compact) else { return true }
        return !forbiddenSchemes.contains(scheme)
    }

    /// Percent-encodes what is not allowed in a URL attribute, then escapes it for HTML.
    public static func escapeURL(_ url: String) -> String {
        // Most URLs (the site's own relative links) need nothing: given back as they are.
        guard url.utf8.contains(where: { !isKeptInURL($0) }) else { return url }
        var out: [UInt8] = []
        out.reserveCapacity(url.utf8.count + 16)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in url.utf8 {
            if isKeptInURL(byte) {
                out.append(byte)
            } else if byte == UInt8(ascii: "&") {
                out += "&amp;".utf8
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `byte` stays as it is in a URL attribute: letters, digits and the marks URLs use.
    @inline(__always) static func isKeptInURL(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"), UInt8(ascii: "!"),
             UInt8(ascii: "*"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ";"), UInt8(ascii: "/"),
             UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "="), UInt8(ascii: "+"),
             UInt8(ascii: "$"), UInt8(ascii: ","), UInt8(ascii: "%"), UInt8(ascii: "#"):
            true
        default:
            false
        }
    }
}
