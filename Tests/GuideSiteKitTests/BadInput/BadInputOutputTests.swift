import Foundation
import Testing
@testable import GuideSiteKit

/// The output side of "nothing is lost": the writer never writes outside its folder, every page has
/// a path of its own, and an output folder that cannot be written fails cleanly.
@Suite("Bad inputs: the output folder")
struct BadInputOutputTests {
    /// Paths that try to leave the output folder, handed straight to the writer.
    @Test(arguments: ["../evasion.html", "/tmp/evasion.html", "a/../../evasion.html", "a/b/../../../evasion.html", "nul\0.html", ""])
    func writerRefusesPathsThatLeaveTheOutput(path: String) throws {
        let site = try BadInputSandbox()
        let first = site.buildWithLibrary(output: site.output)
        try #require(first.exit == 0, "\(first)")
        let before = BadInputSandbox.snapshot(site.folder)
        let files = [OutputFile(path: "index.html", text: "nouveau"), OutputFile(path: path, text: "<p>évadé</p>")]
        #expect(throws: GuideSiteError.self) {
            try OutputWriter(output: site.output).write(files, copying: [])
        }
        let after = BadInputSandbox.snapshot(site.folder)
        #expect(BadInputSandbox.differences(before, after).isEmpty, "\(BadInputSandbox.differences(before, after))")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/evasion.html") || path != "/tmp/evasion.html")
    }

    /// Two pages at one path means one overwrites the other: the site's files must have distinct,
    /// normalised paths (no `//`, no `./`).
    @Test func everyFileHasAPathOfItsOwn() throws {
        let site = try BadInputSandbox()
        let result = try SiteBuilder(options: site.options(output: site.output)).prepare()
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics)")
        Self.checkPaths(result.files.map(\.path))
    }

    static func checkPaths(_ paths: [String]) {
        var seen: Set<String> = []
        for path in paths {
            #expect(!path.contains("//") && !path.hasPrefix("/") && !path.split(separator: "/").contains(".") && OutputWriter.isContained(path),
                    "path '\(path)' is not a clean relative path")
            let normalised = path.split(separator: "/").joined(separator: "/")
            #expect(seen.insert(normalised).inserted, "two files at '\(normalised)'")
        }
    }

    /// A tag or a profession that folds to nothing must not take the index page's path.
    @Test func emptyTagSlugsDoNotOverwriteTheIndex() throws {
        let site = try BadInputSandbox()
        try site.write("Content/articles/x.md", "---\ntitle: \"X\"\ndate: 2026-01-01\ntags: [\"!!!\"]\nprofessions: [\"???\"]\n---\nCorps.\n")
        let result = try SiteBuilder(options: site.options(output: site.output)).prepare()
        let paths = result.files.map(\.path)
        #expect(!paths.contains("etiquettes//index.html"))
        #expect(!paths.contains("professions//index.html"))
        #expect(result.diagnostics.hasErrors)
    }

    /// An output folder that is a symbolic link to the content folder is the content folder.
    @Test func refusesOutputLinkedToTheContent() throws {
        let site = try BadInputSandbox()
        let link = site.url("Sortie")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: site.content.path)
        let before = BadInputSandbox.snapshot(site.content)
        let outcome = site.buildWithLibrary(output: link)
        #expect(outcome.exit == 2)
        #expect(outcome.lines == ["error: refusing to write the site into '\(link.path)': it is the folder 'Content' the site is built from"])
        #expect(BadInputSandbox.differences(before, BadInputSandbox.snapshot(site.content)).isEmpty)
    }

    /// A read-only parent folder: the output cannot be made there. Root ignores permissions, so this
    /// only runs for other users; the corpus case `output-under-a-file` checks the same failure path
    /// for every user (a regular file where the parent folder should be).
    @Test(.enabled(if: geteuid() != 0, "root writes through read-only folders: see the corpus case output-under-a-file"))
    func readOnlyParentFailsCleanly() throws {
        let site = try BadInputSandbox()
        let locked = site.url("verrou")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        chmod(locked.path, 0o555)
        defer { chmod(locked.path, 0o755) }
        let outcome = site.buildWithLibrary(output: locked.appendingPathComponent("Output"))
        #expect(outcome.exit == 2, "\(outcome)")
        #expect(outcome.lines.first?.hasPrefix("error: cannot write '\(locked.path)") == true, "\(outcome)")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: locked.path)) == [])
    }

    /// Whoever runs the tests: root ignores folder permissions, which is why the corpus makes an
    /// unwritable output with a regular file in the way rather than with chmod.
    @Test func unwritableOutputIsTestedForRootToo() throws {
        let names = BadInputCase.all().map(\.name)
        #expect(names.contains("output-under-a-file"))
    }
}
