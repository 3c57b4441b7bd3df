import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the real `guidesite` executable, built next to the test bundle, as a user would.
enum CLIProcess {
    /// The executable in the build folder the tests were built in, if it is there.
    static let executable: URL? = {
        var folders: [URL] = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        if let exe = Bundle.main.executableURL { folders.append(exe.deletingLastPathComponent()) }
        #if os(Linux)
        folders.append(URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent())
        #endif
        for folder in folders {
            let candidate = folder.appendingPathComponent("guidesite")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
        }
        return nil
    }()

    static var isAvailable: Bool { executable != nil }

    struct Outcome {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// A started process whose output goes to files (no pipe to fill up).
    final class Running {
        let process: Process
        let outputURL: URL
        let errorURL: URL

        init(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws {
            let executable = try requireExecutable()
            let id = UUID().uuidString
            outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("guidesite-cli-\(id).out")
            errorURL = FileManager.default.temporaryDirectory.appendingPathComponent("guidesite-cli-\(id).err")
            _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
            _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
            process = Process()
            process.executableURL = executable
            process.arguments = arguments
            process.currentDirectoryURL = directory
            var env = ProcessInfo.processInfo.environment
            env["NO_COLOR"] = nil
            env["CI"] = nil
            for (key, value) in environment { env[key] = value }
            process.environment = env
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = try FileHandle(forWritingTo: outputURL)
            process.standardError = try FileHandle(forWritingTo: errorURL)
            try process.run()
        }

        var standardError: String { (try? String(contentsOf: errorURL, encoding: .utf8)) ?? "" }
        var standardOutput: String { (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "" }

        /// Waits for the process to end, or kills it after `timeout` and throws.
        func wait(timeout: Duration = .seconds(300)) async throws -> Outcome {
            let clock = ContinuousClock()
            let deadline = clock.now.advanced(by: timeout)
            while process.isRunning {
                if clock.now > deadline {
                    process.terminate()
                    throw CLIError(description: "guidesite did not end in time; stderr: \(standardError)")
                }
                try await Task.sleep(for: .milliseconds(20))
            }
            defer {
                try? FileManager.default.removeItem(at: outputURL)
                try? FileManager.default.removeItem(at: errorURL)
            }
            return Outcome(status: process.terminationStatus, standardOutput: standardOutput, standardError: standardError)
        }

        /// Waits until standard error contains `text`, or throws after `timeout`.
        func waitForStandardError(containing text: String, timeout: Duration = .seconds(300)) async throws -> String {
            let clock = ContinuousClock()
            let deadline = clock.now.advanced(by: timeout)
            while clock.now < deadline {
                let current = standardError
                if current.contains(text) { return current }
                if !process.isRunning { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            throw CLIError(description: "no '\(text)' on standard error; got: \(standardError)")
        }

        func signal(_ number: Int32) {
            kill(process.processIdentifier, number)
        }
    }

    struct CLIError: Error, CustomStringConvertible {
        var description: String
    }

    static func requireExecutable() throws -> URL {
        guard let executable else { throw CLIError(description: "the guidesite executable was not built next to the tests") }
        return executable
    }

    /// Runs `guidesite <arguments>` in a folder and waits for it.
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) async throws -> Outcome {
        try await Running(arguments, in: directory, environment: environment).wait()
    }
}
