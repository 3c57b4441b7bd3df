import Foundation

extension BuildStep {
    /// What the step does, for people: `assembling 35 files`.
    public var summary: String {
        switch self {
        case .loading: "loading content"
        case let .assembling(files): "assembling \(files) file\(files == 1 ? "" : "s")"
        case .rendering: "rendering pages"
        case let .indexing(documents): "indexing \(documents) document\(documents == 1 ? "" : "s") for search"
        case let .renderingAndIndexing(documents):
            "rendering pages and indexing \(documents) document\(documents == 1 ? "" : "s") for search"
        case let .writing(files): "writing \(files) file\(files == 1 ? "" : "s")"
        }
    }

    /// The step's place in a build, from 1: loading, assembling, rendering, indexing, writing
    /// (rendering and indexing at once count as rendering).
    public var ordinal: Int {
        switch self {
        case .loading: 1
        case .assembling: 2
        case .rendering, .renderingAndIndexing: 3
        case .indexing: 4
        case .writing: 5
        }
    }
}

/// How long one step of a build took, and the process's peak memory when it ended.
public struct BuildStepTiming: Sendable, Equatable {
    public var step: BuildStep
    public var duration: Duration
    /// The largest resident set the process had reached by the end of the step, in bytes.
    public var peakMemory: Int?

    public init(step: BuildStep, duration: Duration, peakMemory: Int? = nil) {
        self.step = step
        self.duration = duration
        self.peakMemory = peakMemory
    }

    /// The process's peak resident set so far, in bytes.
    public static func currentPeakMemory() -> Int? {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return nil }
        return Int(usage.ru_maxrss) * 1024
    }

    /// The duration in seconds.
    public var seconds: Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// Records when each step of a build starts, through ``BuildOptions/progress``, and tells how long
/// each took once the build returns.
///
/// The builder calls ``record(_:)`` from its own thread; the timer is safe to share.
/// Pass ``hook`` as `options.progress`, then call ``finish()`` when `build()` or `prepare()` returns.
public final class BuildStepTimer: @unchecked Sendable {
    private let lock = NSLock()
    private let clock = ContinuousClock()
    private var starts: [(step: BuildStep, at: ContinuousClock.Instant, peakBefore: Int?)] = []
    private let onStep: (@Sendable (BuildStep) -> Void)?

    /// Creates a timer.
    ///
    /// - Parameter onStep: also called as each step starts (for a progress display), after recording it.
    public init(onStep: (@Sendable (BuildStep) -> Void)? = nil) {
        self.onStep = onStep
    }

    /// The closure to set as `BuildOptions.progress`.
    public var hook: @Sendable (BuildStep) -> Void {
        { [self] step in self.record(step) }
    }

    /// Notes that a step starts now.
    public func record(_ step: BuildStep) {
        let now = clock.now
        let peak = BuildStepTiming.currentPeakMemory()
        lock.withLock { starts.append((step, now, peak)) }
        onStep?(step)
    }

    /// The steps seen so far; the last one ends now.
    public func finish() -> [BuildStepTiming] {
        let now = clock.now
        let peakNow = BuildStepTiming.currentPeakMemory()
        return lock.withLock {
            starts.indices.map { index in
                let end = index + 1 < starts.count ? starts[index + 1].at : now
                let peak = index + 1 < starts.count ? starts[index + 1].peakBefore : peakNow
                return BuildStepTiming(step: starts[index].step, duration: starts[index].at.duration(to: end), peakMemory: peak)
            }
        }
    }
}

/// The text of a one-line progress display on a terminal: `[2/5] assembling 35 files…`,
/// redrawn in place (carriage return, erase line) as each step starts, and erased at the end.
public struct ProgressLine: Sendable {
    /// How many steps the command runs: 5 for `build`, 4 for `check` (no writing).
    public var totalSteps: Int

    public init(totalSteps: Int) {
        self.totalSteps = totalSteps
    }

    /// Moves to the start of the line and erases it.
    public static let erase = "\r\u{1B}[2K"

    /// What to write when a step starts (no newline: the next step overwrites it).
    public func text(for step: BuildStep) -> String {
        Self.erase + "[\(min(step.ordinal, totalSteps))/\(totalSteps)] \(step.summary)…"
    }

    /// The lines of `--verbose`: one per step with its time and, when known, the peak memory
    /// reached by its end, e.g. `  0.012 s  loading content (peak 41 MiB)`.
    public static func timings(_ timings: [BuildStepTiming]) -> String {
        var out = ""
        for timing in timings {
            out += "  " + String(format: "%7.3f s", timing.seconds) + "  " + timing.step.summary
            if let peak = timing.peakMemory { out += " (peak \(peak / (1024 * 1024)) MiB)" }
            out += "\n"
        }
        return out
    }
}
