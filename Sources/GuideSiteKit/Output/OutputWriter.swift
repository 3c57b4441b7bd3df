import Foundation

/// Writes a built site so that the previous one survives any failure.
///
/// Files go to a staging folder next to the output folder; only when every file is written is
/// the old output moved aside and the staging folder renamed into place (two renames on one
/// file system), and the old output removed. If anything fails, the staging folder is removed
/// and the previous output is left as it was.
public struct OutputWriter: Sendable {
    public var output: URL

    public init(output: URL) {
        self.output = output.standardizedFileURL
    }

    /// Refuses output folders that would overwrite or swallow the user's sources.
    public static func checkSafe(output: URL, protecting sources: [URL], workingDirectory: URL) throws {
        let out = output.standardizedFileURL.resolvingSymlinksInPath().path
        let cwd = workingDirectory.standardizedFileURL.resolvingSymlinksInPath().path
        if out == "/" || out == FileManager.default.homeDirectoryForCurrentUser.standardizedFileURL.path
            || cwd == out || cwd.hasPrefix(out + "/") {
            throw GuideSiteError.unsafeOutput(path: output.path, reason: "it is the root, the home folder or the current folder (or one of its parents)")
        }
        for source in sources {
            let src = source.standardizedFileURL.resolvingSymlinksInPath().path
            if src == out {
                throw GuideSiteError.unsafeOutput(path: output.path, reason: "it is the folder '\(source.lastPathComponent)' the site is built from")
            }
            if src.hasPrefix(out + "/") {
                throw GuideSiteError.unsafeOutput(path: output.path, reason: "it contains '\(source.lastPathComponent)', which the build would overwrite")
            }
            if out.hasPrefix(src + "/") {
                throw GuideSiteError.unsafeOutput(path: output.path, reason: "it is inside '\(source.lastPathComponent)', which it would pollute")
            }
        }
    }

    /// Whether a relative output path stays inside the output folder.
    public static func isContained(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/").contains("..") && !path.contains("\0")
    }

    /// Writes every file, then swaps the new site into place.
    public func write(_ files: [OutputFile], copying assets: [(path: String, url: URL)]) throws {
        let fm = FileManager.default
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = parent.appendingPathComponent(".\(name).staging-\(pid)", isDirectory: true)
        let previous = parent.appendingPathComponent(".\(name).previous-\(pid)", isDirectory: true)
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw GuideSiteError.unwritable(path: parent.path, reason: error.localizedDescription)
        }
        try? fm.removeItem(at: staging)
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            var folders: Set<String> = []
            for file in files {
                guard Self.isContained(file.path) else {
                    throw GuideSiteError.unsafeOutput(path: file.path, reason: "the path leaves the output folder")
                }
                let url = staging.appendingPathComponent(file.path)
                let folder = url.deletingLastPathComponent().path
                if folders.insert(folder).inserted {
                    try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
                }
                guard fm.createFile(atPath: url.path, contents: Data(file.bytes)) else {
                    throw GuideSiteError.unwritable(path: url.path, reason: "the file could not be created")
                }
            }
            for asset in assets {
                guard Self.isContained(asset.path) else { continue }
                let url = staging.appendingPathComponent("assets/" + asset.path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try fm.copyItem(at: asset.url, to: url)
            }
        } catch let error as GuideSiteError {
            try? fm.removeItem(at: staging)
            throw error
        } catch {
            try? fm.removeItem(at: staging)
            throw GuideSiteError.unwritable(path: staging.path, reason: error.localizedDescription)
        }
        // Swap: old output aside, new in place, old removed.
        let hadOutput = fm.fileExists(atPath: output.path)
        do {
            if hadOutput { try fm.moveItem(at: output, to: previous) }
        } catch {
            try? fm.removeItem(at: staging)
            throw GuideSiteError.unwritable(path: output.path, reason: error.localizedDescription)
        }
        do {
            try fm.moveItem(at: staging, to: output)
        } catch {
            if hadOutput { try? fm.moveItem(at: previous, to: output) }
            try? fm.removeItem(at: staging)
            throw GuideSiteError.unwritable(path: output.path, reason: error.localizedDescription)
        }
        if hadOutput { try? fm.removeItem(at: previous) }
    }
}
