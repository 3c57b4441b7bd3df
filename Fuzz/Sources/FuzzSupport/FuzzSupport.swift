import CFuzzerDriver
import Foundation
import GuideSiteKit

/// The signature of `LLVMFuzzerTestOneInput`.
public typealias FuzzTest = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// Runs libFuzzer's driver on `test`: what each target's `<module>_main` does.
public func runLibFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ test: FuzzTest) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, test)
}

/// What every fuzz target shares: turning libFuzzer's bytes into input, and failing loudly.
public enum Fuzz {
    /// The input as bytes.
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// The input as text, invalid UTF-8 replaced (what a caller holding a `String` can pass).
    public static func text(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Stops the run with a message when an invariant does not hold: libFuzzer saves the input.
    public static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                               file: StaticString = #fileID, line: UInt = #line) {
        if !condition() {
            FileHandle.standardError.write(Data("invariant failed: \(message())\n".utf8))
            fatalError("invariant failed: \(message())", file: file, line: line)
        }
    }

    /// The repository root (this file is Fuzz/Sources/FuzzSupport/FuzzSupport.swift).
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// How many lines a text has, as libcmark and the loader count them: LF, CRLF and a lone CR
    /// each end a line (a final line without an end counts; an empty text has one).
    public static func lineCount(_ text: String) -> Int {
        let bytes = Array(text.utf8)
        var lines = 1
        for (i, b) in bytes.enumerated() where b == 0x0A || (b == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A)) {
            lines += 1
        }
        return lines
    }

    /// Whether a diagnostic's location is a real place of a file of `lines` lines.
    /// YAML reports an unexpected end of stream one line past the last one; that line is allowed.
    public static func checkLocation(_ d: Diagnostic, file: String, lines: Int) {
        guard let location = d.location else { return }
        require(location.file == file, "diagnostic in another file: \(d)")
        require(location.line >= 1 && location.line <= lines + 1, "line out of the file (\(lines) lines): \(d)")
        require(location.column >= 1, "column before the line: \(d)")
    }
}

/// Checks that HTML produced by guidesite's Markdown renderer can run no script.
///
/// The renderer escapes every `<` of text, so each `<` in its output opens a tag it wrote itself:
/// the tag and attribute names must be ones it writes, and URLs must be harmless.
public enum HTMLOracle {
    static let tags: Set<String> = ["p", "a", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote",
                                    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br", "img",
                                    "div", "table", "thead", "tbody", "tr", "th", "td"]  // pipe tables
    static let attributes: Set<String> = ["href", "title", "src", "alt", "class", "id", "start", "scope"]

    /// An attribute value as the browser reads it (the entities the renderer writes).
    static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        return s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// A description of the first problem, or nil when the HTML is inert.
    public static func problem(in html: String) -> String? {
        let b = Array(html.utf8)
        var i = 0
        func isName(_ c: UInt8) -> Bool { (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x2D }
        while i < b.count {
            guard b[i] == UInt8(ascii: "<") else { i += 1; continue }
            var j = i + 1
            if j < b.count, b[j] == UInt8(ascii: "/") { j += 1 }
            let nameStart = j
            while j < b.count, isName(b[j]) { j += 1 }
            let name = String(decoding: b[nameStart..<j], as: UTF8.self).lowercased()
            guard tags.contains(name) else { return "unexpected tag or '<' at byte \(i): \(name.isEmpty ? "bare '<'" : name)" }
            // attributes: name="value" pairs until '>'
            while j < b.count, b[j] != UInt8(ascii: ">") {
                if b[j] == UInt8(ascii: " ") { j += 1; continue }
                let attrStart = j
                while j < b.count, isName(b[j]) { j += 1 }
                let attr = String(decoding: b[attrStart..<j], as: UTF8.self).lowercased()
                guard attributes.contains(attr) else { return "unexpected attribute '\(attr)' in <\(name)> at byte \(attrStart)" }
                guard j + 1 < b.count, b[j] == UInt8(ascii: "="), b[j + 1] == UInt8(ascii: "\"") else {
                    return "attribute '\(attr)' without a quoted value at byte \(attrStart)"
                }
                j += 2
                let valueStart = j
                while j < b.count, b[j] != UInt8(ascii: "\"") {
                    if b[j] == UInt8(ascii: "<") || b[j] == UInt8(ascii: ">") { return "unescaped '<' or '>' in attribute '\(attr)'" }
                    j += 1
                }
                guard j < b.count else { return "unterminated attribute '\(attr)'" }
                let value = decodeEntities(String(decoding: b[valueStart..<j], as: UTF8.self))
                if attr == "href" || attr == "src" {
                    let compact = String(value.unicodeScalars.filter { $0.value > 0x20 }).lowercased()
                    for scheme in ["javascript:", "vbscript:", "file:", "data:"] where compact.hasPrefix(scheme) {
                        if !(attr == "src" && compact.hasPrefix("data:image/")) { return "\(attr) with scheme \(scheme) \(value)" }
                    }
                }
                j += 1
            }
            i = j
        }
        return nil
    }
}
