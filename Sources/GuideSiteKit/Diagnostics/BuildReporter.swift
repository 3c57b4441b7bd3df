import Foundation

/// How much a command prints: `--quiet`, normal, `--verbose`.
public enum Verbosity: Sendable, Equatable {
    /// Errors and the summary line only: no progress, no warnings, no notes.
    case quiet
    /// Progress on a terminal, every diagnostic, the summary line.
    case normal
    /// As normal, plus the time each build step took.
    case verbose
}

/// The output settings of `build` and `check`, resolved from the flags and the terminal.
public struct ReportSettings: Sendable, Equatable {
    public var verbosity: Verbosity
    /// Colour `error:` and `warning:` (already resolved from `--color` and the terminal).
    public var color: Bool
    /// Draw a progress line on standard error (only on a terminal, never with `--quiet`).
    public var progress: Bool
    /// Print a ``DiagnosticReport`` as JSON on standard output (`--diagnostics json`).
    public var json: Bool

    public init(verbosity: Verbosity = .normal, color: Bool = false, progress: Bool = false, json: Bool = false) {
        self.verbosity = verbosity
        self.color = color
        self.progress = progress && verbosity != .quiet
        self.json = json
    }

    /// The settings from the flags, for a standard error that is or is not a terminal.
    ///
    /// - Parameters:
    ///   - verbosity: from `--quiet` / `--verbose`.
    ///   - color: `--color`.
    ///   - json: whether `--diagnostics json` was given.
    ///   - standardErrorIsTerminal: `isatty(2)`.
    ///   - environment: for `NO_COLOR`, `TERM` and `CI` (no progress line in CI even on a terminal).
    public static func resolve(verbosity: Verbosity, color: ColorChoice, json: Bool, standardErrorIsTerminal: Bool,
                               environment: [String: String]) -> ReportSettings {
        let inCI = (environment["CI"].map { !$0.isEmpty && $0 != "false" && $0 != "0" }) ?? false
        return ReportSettings(verbosity: verbosity,
                              color: color.resolve(isTerminal: standardErrorIsTerminal, environment: environment),
                              progress: standardErrorIsTerminal && !inCI && environment["TERM"] != "dumb",
                              json: json)
    }
}

/// Prints what `build` and `check` have to say: progress while building, then diagnostics,
/// step timings, the summary line (standard error) and the JSON report (standard output).
///
/// Output goes through the two closures, so tests read exactly what a terminal or a CI log gets.
public final class BuildReporter: @unchecked Sendable {
    public let settings: ReportSettings
    /// `build` or `check`.
    public let command: String
    private let progressLine: ProgressLine
    private let standardError: @Sendable (String) -> Void
    private let standardOutput: @Sendable (String) -> Void
    private let lock = NSLock()
    private var progressShown = false

    /// Creates a reporter.
    ///
    /// - Parameters:
    ///   - settings: what to print.
    ///   - command: `build` (5 steps) or `check` (4 steps: nothing is written).
    ///   - standardError: writes text to standard error.
    ///   - standardOutput: writes text to standard output.
    public init(settings: ReportSettings, command: String,
                standardError: @escaping @Sendable (String) -> Void,
                standardOutput: @escaping @Sendable (String) -> Void) {
        self.settings = settings
        self.command = command
        self.progressLine = ProgressLine(totalSteps: command == "check" ? 4 : 5)
        self.standardError = standardError
        self.standardOutput = standardOutput
    }

    private var formatter: DiagnosticFormatter { DiagnosticFormatter(color: settings.color) }

    /// Called as each build step starts (from the building thread): redraws the progress line.
    public func stepStarted(_ step: BuildStep) {
        guard settings.progress else { return }
        lock.withLock {
            progressShown = true
            standardError(progressLine.text(for: step))
        }
    }

    /// Erases the progress line, if one was drawn.
    public func endProgress() {
        lock.withLock {
            if progressShown { standardError(ProgressLine.erase) }
            progressShown = false
        }
    }

    /// Reports a finished build or check.
    ///
    /// - Parameters:
    ///   - diagnostics: everything found, sorted.
    ///   - timings: the steps' durations (printed with `--verbose`).
    ///   - summary: the summary line.
    ///   - status: the exit status the command will end with.
    ///   - pages: pages written, when the site was written.
    public func finish(diagnostics: [Diagnostic], timings: [BuildStepTiming], summary: String, status: Int32, pages: Int?) {
        endProgress()
        var text = ""
        if !settings.json {
            let shown = settings.verbosity == .quiet ? diagnostics.filter { $0.severity == .error } : diagnostics
            text += formatter.format(shown)
        }
        if settings.verbosity == .verbose, !timings.isEmpty {
            text += "timings:\n" + ProgressLine.timings(timings)
        }
        text += formatter.formatLine(summary) + "\n"
        standardError(text)
        if settings.json {
            standardOutput(DiagnosticReport(command: command, status: status, pages: pages, summary: summary,
                                            diagnostics: diagnostics).json)
        }
    }

    /// Reports a problem that stopped the command before or outside the content (exit status 2).
    public func fail(_ error: GuideSiteError) {
        let message = error.description.hasPrefix("error: ") ? String(error.description.dropFirst(7)) : error.description
        finish(diagnostics: settings.json ? [.error(message, at: nil)] : [], timings: [],
               summary: error.description, status: 2, pages: nil)
    }
}
