import ArgumentParser
import Foundation
import GuideSiteKit

/// Options shared by the commands that read a content folder.
struct ContentOptions: ParsableArguments {
    @Option(help: "The content folder (site.yaml, articles/, recommendations/, codes/).")
    var content: String = "Content"

    @Option(help: "The theme folder (default: Themes/<theme of site.yaml, or 'default'>).")
    var theme: String?

    @Option(name: .customLong("base-url"), help: "The site's public address, overriding base_url (e.g. http://127.0.0.1:8080/guide/).")
    var baseURL: String?

    @Flag(help: "Include articles marked 'draft: true'.")
    var drafts = false

    func validate() throws {
        if let baseURL, !(baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://")) {
            throw ValidationError("--base-url must be an http:// or https:// address, not '\(baseURL)'.")
        }
    }

    func buildOptions(output: String) -> BuildOptions {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return BuildOptions(
            content: URL(fileURLWithPath: content, relativeTo: cwd).standardizedFileURL,
            theme: theme.map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL },
            output: URL(fileURLWithPath: output, relativeTo: cwd).standardizedFileURL,
            baseURL: baseURL, includeDrafts: drafts, displayBase: cwd)
    }
}

extension ColorChoice: ExpressibleByArgument {}

/// How `build` and `check` report: `--quiet`, `--verbose`, `--color`, `--diagnostics`.
struct ReportOptions: ParsableArguments {
    /// The format of diagnostics.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Flag(name: .shortAndLong, help: "Print only errors and the summary line (no progress, warnings or notes).")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Also print how long each build step took.")
    var verbose = false

    @Option(help: "Colour 'error:' and 'warning:': auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorChoice = .auto

    @Option(help: "text: compiler-style lines on standard error; json: one JSON report on standard output (see docs/cli.md).")
    var diagnostics: Format = .text

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together.") }
    }

    var verbosity: Verbosity { quiet ? .quiet : verbose ? .verbose : .normal }

    /// A reporter writing to the process's standard streams.
    func reporter(command: String) -> BuildReporter {
        let settings = ReportSettings.resolve(verbosity: verbosity, color: color, json: diagnostics == .json,
                                              standardErrorIsTerminal: Terminal.standardErrorIsTerminal,
                                              environment: ProcessInfo.processInfo.environment)
        return BuildReporter(settings: settings, command: command,
                             standardError: { Console.standardError($0) },
                             standardOutput: { Console.standardOutput($0) })
    }
}
