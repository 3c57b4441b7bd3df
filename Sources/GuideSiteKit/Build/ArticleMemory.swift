import Foundation

/// Entries of the article cache (``ArticleCache``) already decoded by an earlier build of the
/// same process: `guidesite serve` keeps one between its builds, so that a rebuild takes the
/// loaded and linked articles that did not change as they are, instead of checking and decoding
/// them again from the cache file.
///
/// A value is kept under its entry's key and checksum: it is what decoding those bytes gave.
/// After each build, the values that build did not ask for are let go of (``endBuild()``).
/// Lookups come from the loading and linking threads at once: behind a lock.
public final class ArticleMemory: @unchecked Sendable {
    private struct Key: Hashable {
        var entry: ArticleCache.EntryKey
        var checksum: UInt64
    }

    private let lock = NSLock()
    private var values: [Key: Any] = [:]
    private var used: Set<Key> = []
    private var hits = 0

    public init() {}

    /// The value decoded from the entry with this key and checksum, if a build kept it.
    func value<T>(_ entry: ArticleCache.EntryKey, checksum: UInt64, as type: T.Type) -> T? {
        let key = Key(entry: entry, checksum: checksum)
        return lock.withLock {
            guard let value = values[key] as? T else { return nil }
            used.insert(key)
            hits += 1
            return value
        }
    }

    /// Keeps the value decoded from the entry with this key and checksum.
    func keep(_ value: Any, for entry: ArticleCache.EntryKey, checksum: UInt64) {
        let key = Key(entry: entry, checksum: checksum)
        lock.withLock {
            values[key] = value
            used.insert(key)
        }
    }

    /// Lets go of the values the build that just ended did not ask for.
    func endBuild() {
        lock.withLock {
            values = values.filter { used.contains($0.key) }
            used = []
        }
    }

    /// What builds took from memory so far (for tests).
    struct Use { var hits: Int }
    var use: Use { lock.withLock { Use(hits: hits) } }

    /// How many values are kept.
    var count: Int { lock.withLock { values.count } }
}
