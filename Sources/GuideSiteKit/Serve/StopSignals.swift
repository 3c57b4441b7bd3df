import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Catches SIGINT (Ctrl-C) and SIGTERM so that `serve` can stop cleanly and remove its temporary folder.
///
/// Once created, the signals no longer kill the process: ``next()`` returns the first one received
/// (even one that arrived before it was called). After that first signal the default action is
/// restored, so a second Ctrl-C ends a stop that hangs.
public final class StopSignals: @unchecked Sendable {
    private let signals: [Int32]
    private let sources: [any DispatchSourceSignal]
    private let stream: AsyncStream<Int32>

    /// Starts catching the signals.
    public init(_ signals: [Int32] = [SIGINT, SIGTERM]) {
        self.signals = signals
        var continuation: AsyncStream<Int32>.Continuation?
        stream = AsyncStream(bufferingPolicy: .bufferingNewest(4)) { continuation = $0 }
        let queue = DispatchQueue(label: "guidesite.signals")
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { continuation?.yield(number) }
            source.resume()
            return source
        }
    }

    /// Waits for the first signal; restores the default actions before returning it.
    public func next() async -> Int32 {
        var iterator = stream.makeAsyncIterator()
        let received = await iterator.next() ?? SIGTERM
        restore()
        return received
    }

    /// Stops catching: the signals kill the process again.
    public func restore() {
        for source in sources { source.cancel() }
        for number in signals { signal(number, SIG_DFL) }
    }
}
