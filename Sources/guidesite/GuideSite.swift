import ArgumentParser
import Cmimalloc
import Foundation
import GuideSiteKit

/// The `guidesite` command: builds, checks and previews a regulator's guidance portal, and starts new content.
@main
struct GuideSite: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guidesite",
        abstract: "Builds a searchable guidance portal from Markdown articles, recommendations and codes of ethics.",
        discussion: "Exit status: 0 success, 1 content errors, 2 usage or I/O problems.",
        subcommands: [Build.self, Check.self, Serve.self, New.self],
        defaultSubcommand: Build.self)

    /// Runs the command with guidesite's exit statuses: 0 success, 1 content errors, 2 usage or I/O.
    static func main() async {
        // mimalloc serves every allocation of the process in place of the C library's malloc
        // (Package.swift); asking its version keeps the library linked where the linker drops
        // libraries whose symbols the command does not name.
        _ = mi_version()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let status = exitCode(for: error)
            if status == .success {
                print(fullMessage(for: error))   // --help, --version
                Foundation.exit(0)
            }
            Console.standardError(fullMessage(for: error) + "\n")
            Foundation.exit(2)
        }
    }
}

/// Writes to the standard streams, unbuffered, from any thread.
enum Console {
    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func standardOutput(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
