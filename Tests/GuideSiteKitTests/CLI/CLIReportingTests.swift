import Foundation
import Testing
@testable import GuideSiteKit

/// What `build` and `check` print, tested on captured text.
@Suite("Reporting builds")
struct CLIReportingTests {
    let located = Diagnostic.error("unknown article 3.09.99 of code 'dentistes'", at: SourceLocation(file: "Content/articles/x.md", line: 12, column: 5))
    let warning = Diagnostic.warning("'updated' is before 'date'", at: SourceLocation(file: "Content/articles/y.md", line: 4, column: 1))

    @Test func withoutColourADiagnosticIsItsDescription() {
        let formatter = DiagnosticFormatter(color: false)
        #expect(formatter.format(located) == "Content/articles/x.md:12:5: error: unknown article 3.09.99 of code 'dentistes'")
        #expect(formatter.format([located, warning]) == located.description + "\n" + warning.description + "\n")
        #expect(formatter.formatLine("error: the build failed") == "error: the build failed")
    }

    @Test func withColourTheSeverityIsColouredLikeACompiler() {
        let formatter = DiagnosticFormatter(color: true)
        #expect(formatter.format(located)
                == "\u{1B}[1mContent/articles/x.md:12:5:\u{1B}[0m \u{1B}[1;31merror:\u{1B}[0m \u{1B}[1munknown article 3.09.99 of code 'dentistes'\u{1B}[0m")
        #expect(formatter.format(warning).contains("\u{1B}[1;35mwarning:\u{1B}[0m"))
        #expect(formatter.format(.error("no file", at: nil)) == "\u{1B}[1;31merror:\u{1B}[0m \u{1B}[1mno file\u{1B}[0m")
        #expect(formatter.formatLine("error: the build failed") == "\u{1B}[1;31merror:\u{1B}[0m the build failed")
        #expect(formatter.formatLine("built 3 pages") == "built 3 pages")
    }

    @Test(arguments: [
        (ColorChoice.auto, true, [String: String](), true),
        (.auto, false, [:], false),
        (.auto, true, ["NO_COLOR": ""], false),
        (.auto, true, ["NO_COLOR": "1"], false),
        (.auto, true, ["TERM": "dumb"], false),
        (.always, false, ["NO_COLOR": "1"], true),
        (.never, true, [:], false),
    ])
    func colourChoices(_ choice: ColorChoice, _ terminal: Bool, _ environment: [String: String], _ expected: Bool) {
        #expect(choice.resolve(isTerminal: terminal, environment: environment) == expected)
    }

    @Test func progressOnlyOnATerminalOutsideCIAndNotWhenQuiet() {
        func progress(_ verbosity: Verbosity, terminal: Bool, _ environment: [String: String] = [:]) -> Bool {
            ReportSettings.resolve(verbosity: verbosity, color: .auto, json: false, standardErrorIsTerminal: terminal,
                                   environment: environment).progress
        }
        #expect(progress(.normal, terminal: true))
        #expect(progress(.verbose, terminal: true))
        #expect(!progress(.normal, terminal: false))
        #expect(!progress(.quiet, terminal: true))
        #expect(!progress(.normal, terminal: true, ["CI": "true"]))
        #expect(progress(.normal, terminal: true, ["CI": "false"]))
    }

    @Test func theSummaryLinesKeepTheirWording() {
        #expect(BuildSummary.built(pages: 120, files: 310, output: "Output", seconds: 0.8449, warnings: 1)
                == "built 120 pages (310 files) into Output in 0.84 s, 1 warning, 0 errors")
        #expect(BuildSummary.built(pages: 2, files: 3, output: nil, seconds: 12.005, warnings: 2)
                == "built 2 pages (3 files) in 12.01 s, 2 warnings, 0 errors")
        #expect(BuildSummary.failed(errors: 1, warnings: 0)
                == "error: the build failed with 1 error and 0 warnings; the previous output was left untouched")
        #expect(BuildSummary.checked(errors: 2, warnings: 1) == "checked: 2 errors, 1 warning")
        #expect(BuildSummary.failedWhileServing(errors: 1, warnings: 1, seconds: 0.5)
                == "error: the build failed with 1 error and 1 warning in 0.50 s; still serving the last good site")
    }

    @Test func theJSONReportFollowsItsSchema() throws {
        let report = DiagnosticReport(command: "build", status: 1, summary: "error: \"quoted\"\tand\\back",
                                      diagnostics: [.error("a\nb \u{1}", at: nil), located])
        #expect(report.json == """
            {
              "version": 1,
              "command": "build",
              "status": 1,
              "errors": 2,
              "warnings": 0,
              "pages": null,
              "summary": "error: \\"quoted\\"\\tand\\\\back",
              "diagnostics": [
                {"file": null, "line": null, "column": null, "severity": "error", "message": "a\\nb \\u0001"},
                {"file": "Content/articles/x.md", "line": 12, "column": 5, "severity": "error", "message": "unknown article 3.09.99 of code 'dentistes'"}
              ]
            }

            """)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
        #expect(parsed["summary"] as? String == "error: \"quoted\"\tand\\back")
        let empty = DiagnosticReport(command: "check", status: 0, pages: 3, summary: "checked: 0 errors, 0 warnings", diagnostics: [])
        #expect(empty.json.contains("\"pages\": 3,\n"))
        #expect(empty.json.contains("\"diagnostics\": []\n"))
    }

    /// Standard error and standard output, as a reporter wrote them.
    final class Captured: @unchecked Sendable {
        private let lock = NSLock()
        private var err = ""
        private var out = ""
        var standardError: String { lock.withLock { err } }
        var standardOutput: String { lock.withLock { out } }

        func reporter(_ settings: ReportSettings, command: String = "build") -> BuildReporter {
            BuildReporter(settings: settings, command: command,
                          standardError: { text in self.lock.withLock { self.err += text } },
                          standardOutput: { text in self.lock.withLock { self.out += text } })
        }
    }

    @Test func normalPrintsEveryDiagnosticThenTheSummary() {
        let captured = Captured()
        captured.reporter(ReportSettings()).finish(diagnostics: [located, warning], timings: [], summary: "checked: 1 error, 1 warning",
                                                   status: 1, pages: nil)
        #expect(captured.standardError == located.description + "\n" + warning.description + "\nchecked: 1 error, 1 warning\n")
        #expect(captured.standardOutput.isEmpty)
    }

    @Test func quietPrintsOnlyErrorsAndTheSummary() {
        let captured = Captured()
        let reporter = captured.reporter(ReportSettings(verbosity: .quiet, progress: true))
        #expect(!reporter.settings.progress)
        reporter.stepStarted(.loading)
        reporter.finish(diagnostics: [located, warning], timings: [], summary: "s", status: 1, pages: nil)
        #expect(captured.standardError == located.description + "\ns\n")
    }

    @Test func verbosePrintsStepTimings() {
        let captured = Captured()
        let timings = [BuildStepTiming(step: .loading, duration: .milliseconds(12)),
                       BuildStepTiming(step: .assembling(files: 1), duration: .milliseconds(1500), peakMemory: 96 * 1024 * 1024)]
        captured.reporter(ReportSettings(verbosity: .verbose)).finish(diagnostics: [], timings: timings, summary: "s", status: 0, pages: 1)
        #expect(captured.standardError == "timings:\n    0.012 s  loading content\n    1.500 s  assembling 1 file (peak 96 MiB)\ns\n")
    }

    @Test func jsonGoesToStandardOutputAndOnlyTheSummaryToStandardError() throws {
        let captured = Captured()
        captured.reporter(ReportSettings(json: true)).finish(diagnostics: [located], timings: [], summary: "s", status: 1, pages: nil)
        #expect(captured.standardError == "s\n")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(captured.standardOutput.utf8)) as? [String: Any])
        #expect((parsed["diagnostics"] as? [[String: Any]])?.count == 1)
    }

    @Test func theProgressLineIsRedrawnInPlaceThenErased() {
        let captured = Captured()
        let reporter = captured.reporter(ReportSettings(progress: true), command: "check")
        reporter.stepStarted(.loading)
        reporter.stepStarted(.assembling(files: 35))
        reporter.finish(diagnostics: [], timings: [], summary: "checked: 0 errors, 0 warnings", status: 0, pages: nil)
        #expect(captured.standardError == "\r\u{1B}[2K[1/4] loading content…\r\u{1B}[2K[2/4] assembling 35 files…\r\u{1B}[2K"
                + "checked: 0 errors, 0 warnings\n")
    }

    @Test func aFailureBeforeTheContentIsReportedWithStatusTwo() throws {
        let captured = Captured()
        captured.reporter(ReportSettings(json: true)).fail(.missing(path: "Absent", what: "content folder"))
        #expect(captured.standardError == "error: content folder not found at 'Absent'\n")
        #expect(captured.standardOutput.contains("\"status\": 2,"))
        #expect(captured.standardOutput.contains("\"message\": \"content folder not found at 'Absent'\""))
    }

    @Test func theStepTimerSeesEveryStepOfARealBuild() throws {
        let site = try TemporarySite(fixture: "basic")
        let seen = Captured()
        let timer = BuildStepTimer(onStep: { step in seen.reporter(ReportSettings(progress: true)).stepStarted(step) })
        var options = site.options
        options.progress = timer.hook
        let result = try SiteBuilder(options: options).build()
        #expect(result.written)
        let timings = timer.finish()
        #expect(timings.map(\.step.ordinal) == [1, 2, 3, 4, 5])
        #expect(timings.allSatisfy { $0.duration >= .zero })
        #expect(seen.standardError.contains("[5/5] writing "))
    }
}
