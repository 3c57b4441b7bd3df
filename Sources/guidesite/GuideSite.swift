import ArgumentParser
import Foundation
import GuideSiteKit

/// The `guidesite` command: builds and checks a regulator's guidance portal.
@main
struct GuideSite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guidesite",
        abstract: "Builds a searchable guidance portal from Markdown articles, recommendations and codes of ethics.",
        subcommands: [Build.self, Check.self],
        defaultSubcommand: Build.self)

    /// Runs the command with guidesite's exit statuses: 0 success, 1 content errors, 2 usage or I/O.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let status = exitCode(for: error)
            if status == .success {
                print(fullMessage(for: error))   // --help, --version
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

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

    func buildOptions(output: String) -> BuildOptions {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return BuildOptions(
            content: URL(fileURLWithPath: content, relativeTo: cwd).standardizedFileURL,
            theme: theme.map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL },
            output: URL(fileURLWithPath: output, relativeTo: cwd).standardizedFileURL,
            baseURL: baseURL, includeDrafts: drafts, displayBase: cwd)
    }
}

/// Prints diagnostics compiler-style on standard error.
enum DiagnosticPrinter {
    static func print(_ diagnostics: [Diagnostic]) {
        var text = ""
        for d in diagnostics { text += d.description + "\n" }
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func summary(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

extension GuideSite {
    /// `guidesite build`: builds the portal into the output folder.
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the portal into the output folder (left untouched if the content has errors).")

        @OptionGroup var options: ContentOptions

        @Option(help: "The output folder, replaced as a whole when the build succeeds.")
        var output: String = "Output"

        func run() throws {
            let start = Date()
            let result: BuildResult
            do {
                result = try SiteBuilder(options: options.buildOptions(output: output)).build()
            } catch let error as GuideSiteError {
                DiagnosticPrinter.summary(error.description)
                throw ExitCode(2)
            }
            DiagnosticPrinter.print(result.diagnostics)
            let seconds = String(format: "%.2f", Date().timeIntervalSince(start))
            let errors = result.diagnostics.errorCount, warnings = result.diagnostics.warningCount
            if !result.written {
                DiagnosticPrinter.summary(GuideSiteError.contentHasErrors(errors: errors, warnings: warnings).description)
                throw ExitCode(1)
            }
            DiagnosticPrinter.summary("built \(result.pageCount) pages (\(result.files.count + result.assets.count) files) into \(output) in \(seconds) s, \(warnings) warning\(warnings == 1 ? "" : "s"), 0 errors")
        }
    }

    /// `guidesite check`: loads and resolves everything, writes nothing.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the content (citations, links, fields) without writing anything.")

        @OptionGroup var options: ContentOptions

        @Flag(help: "Fail on warnings too.")
        var strict = false

        func run() throws {
            let result: BuildResult
            do {
                result = try SiteBuilder(options: options.buildOptions(output: "Output")).prepare()
            } catch let error as GuideSiteError {
                DiagnosticPrinter.summary(error.description)
                throw ExitCode(2)
            }
            DiagnosticPrinter.print(result.diagnostics)
            let errors = result.diagnostics.errorCount, warnings = result.diagnostics.warningCount
            DiagnosticPrinter.summary("checked: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
            if errors > 0 || (strict && warnings > 0) { throw ExitCode(1) }
        }
    }
}
