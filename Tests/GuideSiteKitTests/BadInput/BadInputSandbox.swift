import Foundation
import Testing
@testable import GuideSiteKit

/// A throw-away site for one bad-input case: `Content/` (from `bad-inputs/_base`), `Themes/default`
/// (a copy of the repository's theme, so a case can break it), and an `Output/` built once from the
/// valid site, so that a failed build can be checked to leave it byte for byte as it was.
final class BadInputSandbox {
    let folder: URL
    /// The content folder, relative to ``folder``.
    let contentPath: String
    var content: URL { folder.appendingPathComponent(contentPath, isDirectory: true) }
    var output: URL { folder.appendingPathComponent("Output", isDirectory: true) }
    var themes: URL { content.deletingLastPathComponent().appendingPathComponent("Themes", isDirectory: true) }

    static let base = BadInputCase.corpus.appendingPathComponent("_base/Content", isDirectory: true)

    init(contentPath: String = "Content") throws {
        self.contentPath = contentPath
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("guidesite-badinput-\(UUID().uuidString)", isDirectory: true)
        let fm = FileManager.default
        try fm.createDirectory(at: content.deletingLastPathComponent(), withIntermediateDirectories: true)
        try fm.copyItem(at: Self.base, to: content)
        try fm.createDirectory(at: themes, withIntermediateDirectories: true)
        try fm.copyItem(at: Repository.defaultTheme, to: themes.appendingPathComponent("default"))
    }

    deinit {
        // Give back write permission wherever a case took it away, then remove everything.
        if let enumerator = FileManager.default.enumerator(atPath: folder.path) {
            for case let path as String in enumerator {
                chmod(folder.appendingPathComponent(path).path, 0o755)
            }
        }
        try? FileManager.default.removeItem(at: folder)
    }

    func url(_ relative: String) -> URL { folder.appendingPathComponent(relative) }

    func write(_ relative: String, _ bytes: some Sequence<UInt8>) throws {
        let url = url(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func write(_ relative: String, _ text: String) throws { try write(relative, Array(text.utf8)) }

    /// Lays a case's files over the site: `Content/…` goes to the content folder, `Themes/…` next to it.
    func apply(_ testCase: BadInputCase) throws {
        for relative in testCase.overlayFiles() {
            let source = testCase.folder.appendingPathComponent(relative)
            let target: URL
            if relative.hasPrefix("Content/") {
                target = content.appendingPathComponent(String(relative.dropFirst("Content/".count)))
            } else if relative.hasPrefix("Themes/") {
                target = themes.appendingPathComponent(String(relative.dropFirst("Themes/".count)))
            } else {
                target = url(relative)
            }
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: source, to: target)
        }
        for relative in testCase.removals {
            let path = relative.hasPrefix("Content/") ? content.appendingPathComponent(String(relative.dropFirst(8)))
                : relative.hasPrefix("Themes/") ? themes.appendingPathComponent(String(relative.dropFirst(7))) : url(relative)
            try FileManager.default.removeItem(at: path)
        }
        for name in testCase.generators {
            try BadInputGenerators.run(name, in: self)
        }
    }

    // MARK: Building

    /// What a build answered: the exit status `guidesite build` gives, and the lines it prints.
    struct Outcome: CustomStringConvertible {
        var exit: Int
        var lines: [String]
        var description: String { "exit \(exit)\n" + lines.joined(separator: "\n") }
    }

    func options(output: URL) -> BuildOptions {
        BuildOptions(content: content, theme: nil, output: output, displayBase: folder)
    }

    /// Builds through the library, mapping the result the way `Sources/guidesite` does:
    /// a thrown ``GuideSiteError`` is 2, a build with errors is 1, a written site is 0.
    func buildWithLibrary(output: URL) -> Outcome {
        do {
            let result = try SiteBuilder(options: options(output: output)).build()
            return Outcome(exit: result.written ? 0 : 1, lines: result.diagnostics.map(\.description))
        } catch let error as GuideSiteError {
            return Outcome(exit: 2, lines: [error.description])
        } catch {
            return Outcome(exit: 2, lines: ["unexpected error type \(type(of: error)): \(error)"])
        }
    }

    /// Runs the `guidesite` executable, when it was built next to the tests.
    func buildWithExecutable(_ executable: URL, output: String) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["build", "--content", contentPath, "--output", output]
        process.currentDirectoryURL = folder
        let errors = Pipe(), standard = Pipe()
        process.standardError = errors
        process.standardOutput = standard
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // read before waiting, so a full pipe cannot block the child
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        let outputData = standard.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: errorData + outputData, as: UTF8.self)
        let status = process.terminationReason == .uncaughtSignal ? 128 + Int(process.terminationStatus) : Int(process.terminationStatus)
        return Outcome(exit: status, lines: text.split(separator: "\n").map(String.init))
    }

    /// The `guidesite` executable built with these tests (same products folder), if there is one.
    static let executable: URL? = {
        if let path = ProcessInfo.processInfo.environment["GUIDESITE_EXECUTABLE"] { return URL(fileURLWithPath: path) }
        var candidates: [URL] = []
        let argument0 = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        candidates.append(argument0.deletingLastPathComponent())
        // macOS: …/debug/guidesitePackageTests.xctest/Contents/MacOS/guidesitePackageTests
        candidates.append(argument0.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent())
        candidates.append(Bundle.main.bundleURL)
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        for folder in candidates {
            let url = folder.appendingPathComponent("guidesite")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }()

    // MARK: Snapshots

    /// Every file and symbolic link under a folder, with its bytes (a link: `-> target`).
    static func snapshot(_ root: URL, excluding excluded: [URL] = []) -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        let fm = FileManager.default
        let rootPath = root.standardizedFileURL.path
        let excludedPaths = excluded.map { $0.standardizedFileURL.path }
        func visit(_ path: String) {
            if excludedPaths.contains(path) { return }
            let relative = path == rootPath ? "." : String(path.dropFirst(rootPath.count + 1))
            if let destination = try? fm.destinationOfSymbolicLink(atPath: path) {
                out[relative] = Array("-> \(destination)".utf8)
                return
            }
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
            if isDirectory.boolValue {
                out[relative + "/"] = []
                for name in ((try? fm.contentsOfDirectory(atPath: path)) ?? []).sorted() {
                    visit(path + "/" + name)
                }
            } else if let attributes = try? fm.attributesOfItem(atPath: path),
                      let type = attributes[.type] as? FileAttributeType, type != .typeRegular {
                out[relative] = Array("<\(type.rawValue)>".utf8)  // a pipe or a device: never read
            } else if let attributes = try? fm.attributesOfItem(atPath: path),
                      let size = attributes[.size] as? Int, size > 1_000_000 {
                out[relative] = Array("<\(size) bytes, \(String(describing: attributes[.modificationDate]))>".utf8)
            } else {
                out[relative] = (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))) ?? Array("<unreadable>".utf8)
            }
        }
        visit(rootPath)
        return out
    }

    /// Changes outside the output folder, less the render cache: `.guidesite-cache/` next to the
    /// output folder is the one place a build writes outside it on purpose (see `RenderCache`; it is
    /// safe to delete). Anything else is reported.
    func changesOutside(_ before: [String: [UInt8]], _ after: [String: [UInt8]], output: URL) -> [String] {
        let parent = output.standardizedFileURL.deletingLastPathComponent().path
        let root = folder.standardizedFileURL.path
        let relativeParent = parent == root ? "" : String(parent.dropFirst(root.count + 1)) + "/"
        let cache = relativeParent + ".guidesite-cache/"
        let sanctioned = { (key: String) in key.hasPrefix(cache) }
        return Self.differences(before.filter { !sanctioned($0.key) }, after.filter { !sanctioned($0.key) })
    }

    /// The differences between two snapshots, for a readable failure.
    static func differences(_ before: [String: [UInt8]], _ after: [String: [UInt8]]) -> [String] {
        var out: [String] = []
        for key in Set(before.keys).union(after.keys).sorted() {
            switch (before[key], after[key]) {
            case (nil, _): out.append("added \(key)")
            case (_, nil): out.append("removed \(key)")
            case let (a?, b?) where a != b: out.append("changed \(key)")
            default: break
            }
        }
        return out
    }
}
