import Foundation
import Testing
@testable import GuideSiteKit

/// The real executable: exit statuses, what goes to which stream, `new`, and `serve` stopped by a signal.
@Suite("The guidesite command", .enabled(if: CLIProcess.isAvailable, "the guidesite executable is built with the tests"))
struct CLICommandTests {
    /// A copy of the basic fixture as `Content/`, with the default theme given explicitly.
    func site() throws -> TemporarySite { try TemporarySite(fixture: "basic") }

    var theme: String { Repository.defaultTheme.path }

    @Test func aCleanBuildSaysSoInOneLine() async throws {
        let site = try site()
        let run = try await CLIProcess.run(["build", "--theme", theme], in: site.folder)
        #expect(run.status == 0, "\(run.standardError)")
        let lines = run.standardError.split(separator: "\n")
        #expect(lines.count == 1, "piped: no progress, just the summary: \(run.standardError)")
        #expect(lines.last?.hasPrefix("built ") == true)
        #expect(lines.last?.contains(" pages (") == true)
        #expect(lines.last?.hasSuffix(" s, 0 warnings, 0 errors") == true)
        #expect(!run.standardError.contains("\u{1B}"), "no colour when piped")
        #expect(run.standardOutput.isEmpty)
        #expect(site.exists("index.html"))
    }

    @Test func contentErrorsExitWithOneAndKeepTheOutput() async throws {
        let site = try site()
        _ = try await CLIProcess.run(["build", "--theme", theme], in: site.folder)
        let before = try site.read("articles/premier/index.html")
        try site.write("articles/premier.md", "---\ntitle: \"Premier\"\ndate: 2026-01-10\ncode: dentistes\n---\nVoir l'article 3.09.99.\n")
        let run = try await CLIProcess.run(["build", "--theme", theme, "--color", "always"], in: site.folder)
        #expect(run.status == 1)
        #expect(run.standardError.contains("\u{1B}[1mContent/articles/premier.md:6:"))
        #expect(run.standardError.contains("\u{1B}[1;31merror:\u{1B}[0m"))
        #expect(run.standardError.contains("the previous output was left untouched"))
        #expect(try site.read("articles/premier/index.html") == before)
    }

    @Test func jsonDiagnosticsGoToStandardOutput() async throws {
        let site = try site()
        try site.write("articles/premier.md", "---\ntitle: \"Premier\"\ndate: 2026-01-10\ncode: dentistes\n---\nVoir l'article 3.09.99.\n")
        let run = try await CLIProcess.run(["check", "--theme", theme, "--diagnostics", "json"], in: site.folder)
        #expect(run.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(report["version"] as? Int == 1)
        #expect(report["command"] as? String == "check")
        #expect(report["status"] as? Int == 1)
        #expect(report["errors"] as? Int == 1)
        let diagnostics = try #require(report["diagnostics"] as? [[String: Any]])
        let first = try #require(diagnostics.first)
        #expect(first["file"] as? String == "Content/articles/premier.md")
        #expect(first["line"] as? Int == 6)
        #expect(first["column"] as? Int == 16)
        #expect(first["severity"] as? String == "error")
        #expect(first["message"] as? String == "unknown article 3.09.99 of code 'dentistes'")
        #expect(run.standardError == "checked: 1 error, 0 warnings\n", "stderr keeps only the summary")
    }

    @Test func anIOErrorExitsWithTwoAndIsInTheJSONToo() async throws {
        let site = try site()
        let run = try await CLIProcess.run(["build", "--content", "Absent", "--theme", theme, "--diagnostics", "json"], in: site.folder)
        #expect(run.status == 2)
        #expect(run.standardError == "error: content folder not found at 'Absent'\n")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(report["status"] as? Int == 2)
        let diagnostics = try #require(report["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.first?["file"] is NSNull)
    }

    @Test func verboseTimesEachStepQuietHidesWarnings() async throws {
        let site = try site()
        try site.write("articles/premier.md", "---\ntitle: \"Premier\"\ndate: 2026-01-10\nupdated: 2025-01-01\n---\nTexte.\n")
        let verbose = try await CLIProcess.run(["build", "--theme", theme, "--verbose"], in: site.folder)
        #expect(verbose.status == 0)
        #expect(verbose.standardError.contains("warning: 'updated' (2025-01-01) is before 'date' (2026-01-10)"))
        for step in ["loading content", "assembling ", "rendering pages", "indexing ", "writing "] {
            #expect(verbose.standardError.contains(" s  \(step)"), "timing of \(step)")
        }
        let quiet = try await CLIProcess.run(["build", "--theme", theme, "--quiet"], in: site.folder)
        #expect(quiet.status == 0)
        #expect(!quiet.standardError.contains("warning:"))
        #expect(quiet.standardError.hasSuffix(", 1 warning, 0 errors\n"))
        let both = try await CLIProcess.run(["build", "--quiet", "--verbose"], in: site.folder)
        #expect(both.status == 2)
        #expect(both.standardError.contains("--quiet and --verbose cannot be used together"))
    }

    @Test func newFilesPassCheckAndAreNeverOverwritten() async throws {
        let site = try site()
        let created = try await CLIProcess.run(["new", "article", "Titre de l'article"], in: site.folder)
        #expect(created.status == 0, "\(created.standardError)")
        #expect(created.standardOutput == "Content/articles/titre-de-l-article.md\n")
        let text = try String(contentsOf: site.content.appendingPathComponent("articles/titre-de-l-article.md"), encoding: .utf8)
        #expect(text.contains("title: \"Titre de l'article\"\n"))
        let again = try await CLIProcess.run(["new", "article", "Titre de l'article"], in: site.folder)
        #expect(again.status == 2)
        #expect(again.standardError.contains("already exists; guidesite new never overwrites a file"))
        let recommendation = try await CLIProcess.run(["new", "recommendation", "Vérifier ses paramètres"], in: site.folder)
        #expect(recommendation.standardOutput == "Content/recommendations/03-verifier-ses-parametres.yaml\n")
        let code = try await CLIProcess.run(["new", "code", "pharmaciens", "Code de déontologie des pharmaciens"], in: site.folder)
        #expect(code.standardOutput == "Content/codes/pharmaciens.yaml\n")
        for drafts in [[], ["--drafts"]] {
            let check = try await CLIProcess.run(["check", "--theme", theme, "--strict"] + drafts, in: site.folder)
            #expect(check.status == 0, "\(check.standardError)")
            #expect(check.standardError == "checked: 0 errors, 0 warnings\n")
        }
        let badID = try await CLIProcess.run(["new", "code", "Bad Id", "Titre"], in: site.folder)
        #expect(badID.status == 2)
        #expect(badID.standardError.contains("try 'bad-id'"))
        let noTitle = try await CLIProcess.run(["new", "article", "  "], in: site.folder)
        #expect(noTitle.status == 2)
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func serveStopsOnASignalAndLeavesNothingBehind(_ signal: Int32) async throws {
        let site = try site()
        let temporary = site.folder.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        let serve = try CLIProcess.Running(["serve", "--port", "0", "--theme", theme], in: site.folder,
                                           environment: ["TMPDIR": temporary.path])
        let said: String
        do {
            said = try await serve.waitForStandardError(containing: "serving http://")
        } catch {
            serve.signal(SIGKILL)
            throw error
        }
        #expect(said.contains("built "))
        let address = try #require(said.split(separator: " ").first { $0.hasPrefix("http://") }.map(String.init))
        let page = try await HTTPTestClient.get(try #require(URL(string: address)))
        #expect(page.status == 200)
        #expect(page.text.contains("/__guidesite/reload.js?g=1"))
        let during = try FileManager.default.contentsOfDirectory(atPath: temporary.path)
        #expect(during.count == 1 && during.first?.hasPrefix("guidesite-serve-") == true, "\(during)")
        serve.signal(signal)
        let outcome = try await serve.wait()
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("stopped (\(signal == SIGINT ? "Ctrl-C" : "SIGTERM")); the temporary folder was removed"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty, "nothing left behind")
        #expect(!site.exists(""), "Output/ untouched")
    }

    @Test func serveRefusesOtherAddresses() async throws {
        let site = try site()
        let run = try await CLIProcess.run(["serve", "--host", "0.0.0.0"], in: site.folder)
        #expect(run.status == 2)
        #expect(run.standardError.contains("--host must be a loopback address"))
    }

    @Test func helpListsEveryCommand() async throws {
        let site = try site()
        let run = try await CLIProcess.run(["--help"], in: site.folder)
        #expect(run.status == 0)
        for command in ["build", "check", "serve", "new"] {
            #expect(run.standardOutput.contains("  \(command) "), "\(command) in help")
        }
    }
}
