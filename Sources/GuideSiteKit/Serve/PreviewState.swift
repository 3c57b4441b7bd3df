import Foundation

/// The preview server's shared state: what is served now, and the clients waiting for it to change.
///
/// Builds publish their outcome here; HTTP handlers read snapshots and long-poll for changes.
actor PreviewState {
    private(set) var snapshot = PreviewSnapshot()
    private var waiters: [UUID: CheckedContinuation<PreviewSnapshot, Never>] = [:]

    /// A build succeeded: serve its folder, drop the error panel, wake the waiting pages.
    func publishSuccess(root: URL) {
        snapshot.generation += 1
        snapshot.siteRoot = root
        snapshot.failure = nil
        wakeAll()
    }

    /// A build failed: keep serving the last good site, with these diagnostics over it.
    func publishFailure(_ diagnostics: [Diagnostic]) {
        snapshot.generation += 1
        snapshot.failure = diagnostics
        wakeAll()
    }

    /// Shutting down: answer every waiting client now so that connections close.
    func stop() {
        snapshot.isStopping = true
        wakeAll()
    }

    /// The snapshot once its generation differs from `generation`, or after `timeout`, whichever comes first.
    func waitForChange(after generation: Int, timeout: Duration) async -> PreviewSnapshot {
        if snapshot.generation != generation || snapshot.isStopping { return snapshot }
        let id = UUID()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                waiters[id] = continuation
                Task { [weak self] in
                    try? await Task.sleep(for: timeout)
                    await self?.wake(id)
                }
            }
        } onCancel: {
            Task { await self.wake(id) }
        }
    }

    /// How many clients are waiting (for tests).
    var waitingCount: Int { waiters.count }

    private func wake(_ id: UUID) {
        waiters.removeValue(forKey: id)?.resume(returning: snapshot)
    }

    private func wakeAll() {
        let waiting = waiters
        waiters = [:]
        for continuation in waiting.values { continuation.resume(returning: snapshot) }
    }
}
