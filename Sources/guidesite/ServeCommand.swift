import ArgumentParser
import Foundation
import GuideSiteKit

extension GuideSite {
    /// `guidesite serve`: builds into a temporary folder, serves it, rebuilds and reloads on change.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Preview the portal: build it, serve it on this machine, rebuild and reload pages when files change.",
            discussion: """
                The site is built into a temporary folder (Output/ is never touched) and served on \
                http://127.0.0.1:<port>/. The content and theme folders are watched; every change rebuilds \
                the site and open pages reload by themselves. When a build fails, its errors are printed here \
                and shown over the page in the browser, and the last good site stays served. \
                Ctrl-C stops the server and removes the temporary folder.
                """)

        @OptionGroup var options: ContentOptions

        @Option(name: .shortAndLong, help: "The port to listen on (0: any free port).")
        var port: Int = 8080

        @Option(help: "The address to listen on: 127.0.0.1, ::1 or localhost (serve never listens on the network).")
        var host: String = "127.0.0.1"

        @Option(help: "Colour 'error:' and 'warning:': auto (on a terminal, unless NO_COLOR is set), always or never.")
        var color: ColorChoice = .auto

        @Flag(name: .shortAndLong, help: "Print only errors and the summary line of each build.")
        var quiet = false

        func validate() throws {
            guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, not \(port).") }
            guard ServeOptions.isLoopback(host) else {
                throw ValidationError("--host must be a loopback address (127.0.0.1, ::1 or localhost), not '\(host)'.")
            }
        }

        func run() async throws {
            let signals = StopSignals()
            let printer = ServePrinter(
                formatter: DiagnosticFormatter(color: color.resolve(isTerminal: Terminal.standardErrorIsTerminal,
                                                                    environment: ProcessInfo.processInfo.environment)),
                quiet: quiet)
            let serveOptions = ServeOptions(build: options.buildOptions(output: "Output"), host: host, port: UInt16(port))
            let server = PreviewServer(options: serveOptions) { printer.print($0) }
            do {
                try await server.start()
            } catch let error as ServeError {
                signals.restore()
                Console.standardError(printer.formatter.formatLine(error.description) + "\n")
                throw ExitCode(2)
            }
            let received = await signals.next()
            await server.stop()
            Console.standardError("\nstopped (\(received == SIGINT ? "Ctrl-C" : "SIGTERM")); the temporary folder was removed\n")
        }
    }
}

/// Prints the preview server's events on standard error, compiler-style.
struct ServePrinter: Sendable {
    let formatter: DiagnosticFormatter
    let quiet: Bool

    func print(_ event: PreviewEvent) {
        switch event {
        case let .rebuilding(changed):
            guard !quiet else { return }
            let what = changed.count == 1 ? changed[0] : "\(changed.count) files"
            Console.standardError("changed: \(what); rebuilding…\n")
        case let .built(result, seconds):
            var text = quiet ? "" : formatter.format(result.diagnostics)
            text += BuildSummary.built(pages: result.pageCount, files: result.paths.count + result.assets.count,
                                              written: result.changes.written + result.changes.removed,
                                       output: nil, seconds: seconds, warnings: result.diagnostics.warningCount) + "\n"
            Console.standardError(text)
        case let .failed(diagnostics, seconds):
            var text = formatter.format(quiet ? diagnostics.filter { $0.severity == .error } : diagnostics)
            text += formatter.formatLine(BuildSummary.failedWhileServing(
                errors: diagnostics.errorCount, warnings: diagnostics.warningCount, seconds: seconds)) + "\n"
            Console.standardError(text)
        case let .listening(url, watching):
            Console.standardError("serving \(url.absoluteString) (watching \(watching.joined(separator: ", ")); Ctrl-C to stop)\n")
        }
    }
}
