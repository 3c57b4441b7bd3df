import Foundation

/// Where the files of a build go as they are made: a folder being written (``OutputSession``)
/// or memory (``CollectedFiles``). `add` is called from every rendering thread at once.
public protocol OutputSink: Sendable {
    /// Takes one file of the site; throws when it cannot be written.
    func add(_ file: OutputFile) throws
}

extension OutputSink {
    /// Adds files on every core; throws the first error once all were tried.
    public func add(all files: [OutputFile]) throws {
        let failures = files.parallelMap(chunkSize: 8) { file -> Error? in
            do { try add(file); return nil } catch { return error }
        }
        if let failure = failures.compactMap({ $0 }).first { throw failure }
    }
}

/// Files kept in memory, for `guidesite check` and for tests that look at bytes.
public final class CollectedFiles: OutputSink, @unchecked Sendable {
    private let lock = NSLock()
    private var files: [OutputFile] = []

    public init() {}

    public func add(_ file: OutputFile) {
        lock.withLock { files.append(file) }
    }

    /// Every file added, sorted by path.
    public func sorted() -> [OutputFile] {
        lock.withLock { files.sorted { $0.path < $1.path } }
    }
}
