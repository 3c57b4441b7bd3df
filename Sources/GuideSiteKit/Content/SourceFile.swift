import Foundation

/// One content file read from disk as text, ready for parsing.
///
/// Reading checks what would otherwise be lost silently: invalid UTF-8 is an error at the line
/// and column of the first bad byte; a byte-order mark is dropped; CRLF and CR become LF.
public struct SourceFile: Sendable {
    /// The path shown in diagnostics.
    public var path: String
    /// The text, with LF line ends and no BOM.
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// Files larger than this are refused rather than read (a guidance text is a few kB).
    public static let maximumSize = 8 * 1024 * 1024

    /// Reads and checks a file; a problem becomes a diagnostic and the result is nil.
    public static func read(url: URL, displayPath: String, diagnostics: inout [Diagnostic]) -> SourceFile? {
        let location = SourceLocation(file: displayPath)
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            if let size = attributes[.size] as? Int, size > maximumSize {
                diagnostics.append(.error("file is \(size / 1_048_576) MB, more than the \(maximumSize / 1_048_576) MB a content file may be", at: location))
                return nil
            }
            data = try Data(contentsOf: url)
        } catch {
            diagnostics.append(.error("cannot read file: \(error.localizedDescription)", at: location))
            return nil
        }
        return decode(data, displayPath: displayPath, diagnostics: &diagnostics)
    }

    /// Decodes bytes as UTF-8 text, reporting the first invalid byte at its line and column.
    public static func decode(_ data: Data, displayPath: String, diagnostics: inout [Diagnostic]) -> SourceFile? {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let (line, column) = firstInvalidUTF8(in: bytes)
            diagnostics.append(.error("file is not valid UTF-8 text (save it as UTF-8)",
                                      at: SourceLocation(file: displayPath, line: line, column: column)))
            return nil
        }
        if bytes.contains(0) {
            diagnostics.append(.error("file contains a NUL byte: it is not a text file", at: SourceLocation(file: displayPath)))
            return nil
        }
        guard bytes.contains(0x0D) else { return SourceFile(path: displayPath, text: text) }
        var normalized = [UInt8]()
        normalized.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0D {
                normalized.append(0x0A)
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
            } else {
                normalized.append(bytes[i])
            }
            i += 1
        }
        return SourceFile(path: displayPath, text: String(decoding: normalized, as: UTF8.self))
    }

    private static func firstInvalidUTF8(in bytes: [UInt8]) -> (Int, Int) {
        var line = 1, lineStart = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return (line, i - lineStart + 1)
            }
            if i + length > bytes.count { return (line, i - lineStart + 1) }
            let sequence = Array(bytes[i..<(i + length)])
            if length > 1, String(validating: sequence, as: UTF8.self) == nil { return (line, i - lineStart + 1) }
            if b == 0x0A {
                line += 1
                lineStart = i + 1
            }
            i += length
        }
        return (line, 1)
    }
}
