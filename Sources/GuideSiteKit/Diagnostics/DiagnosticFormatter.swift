#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// When to colour diagnostics: `auto` colours a terminal unless `NO_COLOR` is set.
public enum ColorChoice: String, Sendable, CaseIterable {
    case auto, always, never

    /// Whether to colour, given whether the stream is a terminal and the environment.
    ///
    /// - Parameters:
    ///   - isTerminal: whether the stream the text goes to is a terminal.
    ///   - environment: the process environment; `NO_COLOR` (any value) and `TERM=dumb` turn `auto` off.
    public func resolve(isTerminal: Bool, environment: [String: String]) -> Bool {
        switch self {
        case .always: true
        case .never: false
        case .auto: isTerminal && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
        }
    }
}

/// Whether a file descriptor is a terminal (`isatty`): progress and colour are for people, not pipes.
public enum Terminal {
    /// Standard error, where diagnostics, progress and the summary go.
    public static var standardErrorIsTerminal: Bool { isatty(2) == 1 }
    /// Standard output.
    public static var standardOutputIsTerminal: Bool { isatty(1) == 1 }
}

/// Prints diagnostics the way compilers do, optionally with ANSI colours:
/// `Content/articles/x.md:12:5: error: unknown article 3.09.99 of code 'dentistes'`.
///
/// Without colour the text is exactly ``Diagnostic/description``; with colour the location and
/// message are bold and the severity is red (`error:`), magenta (`warning:`) or cyan (`note:`),
/// as clang and swiftc show them.
public struct DiagnosticFormatter: Sendable {
    /// Whether to add ANSI colour sequences.
    public var color: Bool

    /// Creates a formatter.
    public init(color: Bool) {
        self.color = color
    }

    static let reset = "\u{1B}[0m"
    static let bold = "\u{1B}[1m"

    /// The ANSI sequence of a severity: bold red, bold magenta, bold cyan.
    static func style(of severity: Diagnostic.Severity) -> String {
        switch severity {
        case .error: "\u{1B}[1;31m"
        case .warning: "\u{1B}[1;35m"
        case .note: "\u{1B}[1;36m"
        }
    }

    /// One diagnostic on one line (no final newline).
    public func format(_ diagnostic: Diagnostic) -> String {
        guard color else { return diagnostic.description }
        let severity = Self.style(of: diagnostic.severity) + diagnostic.severity.rawValue + ":" + Self.reset
        let message = Self.bold + diagnostic.message + Self.reset
        if let location = diagnostic.location {
            return Self.bold + location.description + ":" + Self.reset + " " + severity + " " + message
        }
        return severity + " " + message
    }

    /// Diagnostics, one a line, each ending with a newline.
    public func format(_ diagnostics: [Diagnostic]) -> String {
        var text = ""
        for diagnostic in diagnostics { text += format(diagnostic) + "\n" }
        return text
    }

    /// A line that starts with `error: ` or `warning: ` (a summary, an I/O error) with that word coloured.
    public func formatLine(_ line: String) -> String {
        guard color else { return line }
        for severity in [Diagnostic.Severity.error, .warning, .note] where line.hasPrefix(severity.rawValue + ": ") {
            return Self.style(of: severity) + severity.rawValue + ":" + Self.reset + line.dropFirst(severity.rawValue.count + 1)
        }
        return line
    }
}
