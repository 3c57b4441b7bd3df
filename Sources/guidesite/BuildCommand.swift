import ArgumentParser
import Foundation
import GuideSiteKit

extension GuideSite {
    /// `guidesite build`: builds the portal into the output folder.
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the portal into the output folder (left untouched if the content has errors).")

        @OptionGroup var options: ContentOptions
        @OptionGroup var report: ReportOptions

        @Option(help: "The output folder, replaced as a whole when the build succeeds.")
        var output: String = "Output"

        @Flag(name: .customLong("no-cache"),
              help: "Make everything again: neither read nor write .guidesite-cache/ (next to the output folder).")
        var noCache = false

        func run() throws {
            let reporter = report.reporter(command: "build")
            let timer = BuildStepTimer(onStep: { reporter.stepStarted($0) })
            var buildOptions = options.buildOptions(output: output)
            buildOptions.usesCache = !noCache
            buildOptions.progress = timer.hook
            buildOptions.processEndsAfterBuild = true
            let start = ContinuousClock.now
            let result: BuildResult
            do {
                result = try SiteBuilder(options: buildOptions).build()
            } catch let error as GuideSiteError {
                reporter.fail(error)
                throw ExitCode(2)
            }
            let elapsed = start.duration(to: .now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let errors = result.diagnostics.errorCount, warnings = result.diagnostics.warningCount
            if !result.written {
                reporter.finish(diagnostics: result.diagnostics, timings: timer.finish(),
                                summary: BuildSummary.failed(errors: errors, warnings: warnings), status: 1, pages: nil)
                throw ExitCode(1)
            }
            let summary = BuildSummary.built(pages: result.pageCount, files: result.paths.count + result.assets.count,
                                              written: result.changes.written + result.changes.removed,
                                             output: output, seconds: seconds, warnings: warnings)
            reporter.finish(diagnostics: result.diagnostics, timings: timer.finish(), summary: summary, status: 0,
                            pages: result.pageCount)
        }
    }

    /// `guidesite check`: loads and resolves everything, writes nothing.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the content (citations, links, fields) without writing anything.")

        @OptionGroup var options: ContentOptions
        @OptionGroup var report: ReportOptions

        @Flag(help: "Fail on warnings too.")
        var strict = false

        func run() throws {
            let reporter = report.reporter(command: "check")
            let timer = BuildStepTimer(onStep: { reporter.stepStarted($0) })
            var buildOptions = options.buildOptions(output: "Output")
            buildOptions.progress = timer.hook
            let result: BuildResult
            do {
                result = try SiteBuilder(options: buildOptions).prepare()
            } catch let error as GuideSiteError {
                reporter.fail(error)
                throw ExitCode(2)
            }
            let errors = result.diagnostics.errorCount, warnings = result.diagnostics.warningCount
            let failed = errors > 0 || (strict && warnings > 0)
            reporter.finish(diagnostics: result.diagnostics, timings: timer.finish(),
                            summary: BuildSummary.checked(errors: errors, warnings: warnings), status: failed ? 1 : 0, pages: nil)
            if failed { throw ExitCode(1) }
        }
    }
}
