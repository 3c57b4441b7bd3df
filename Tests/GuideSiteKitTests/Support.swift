import Foundation
@testable import GuideSiteKit

/// Paths of the repository, found from this file.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Tests/Fixtures")
    static let defaultTheme = root.appendingPathComponent("Themes/default")
}

/// A throw-away folder holding a content tree written by a test.
final class TemporarySite {
    let folder: URL
    var content: URL { folder.appendingPathComponent("Content") }
    var output: URL { folder.appendingPathComponent("Output") }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("guidesite-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Copies a fixture site (`Tests/Fixtures/sites/<name>/`) as the content folder.
    convenience init(fixture name: String) throws {
        try self.init()
        try FileManager.default.copyItem(at: Repository.fixtures.appendingPathComponent("sites/\(name)"), to: content)
    }

    func write(_ relativePath: String, _ text: String) throws {
        let url = content.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func writeBytes(_ relativePath: String, _ bytes: [UInt8]) throws {
        let url = content.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func remove(_ relativePath: String) throws {
        try FileManager.default.removeItem(at: content.appendingPathComponent(relativePath))
    }

    var options: BuildOptions {
        BuildOptions(content: content, theme: Repository.defaultTheme, output: output, displayBase: folder)
    }

    func build() throws -> BuildResult { try SiteBuilder(options: options).build() }

    func read(_ outputPath: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(outputPath), encoding: .utf8)
    }

    func exists(_ outputPath: String) -> Bool {
        FileManager.default.fileExists(atPath: output.appendingPathComponent(outputPath).path)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}
