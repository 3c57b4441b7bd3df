import Dispatch

/// Raw storage that several threads fill, each at its own indices.
private final class ResultSlots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
    let count: Int

    init(count: Int) {
        self.count = count
        base = UnsafeMutablePointer<T>.allocate(capacity: Swift.max(count, 1))
    }

    /// Moves the (fully initialised) values out into an array.
    func takeAll() -> [T] {
        let values = Array(UnsafeBufferPointer(start: base, count: count))
        base.deinitialize(count: count)
        return values
    }

    deinit { base.deallocate() }
}

extension Array where Element: Sendable {
    /// Maps the elements on every core, keeping their order.
    ///
    /// Work is handed out in chunks so that small items don't drown in scheduling. Each index is
    /// initialised by exactly one iteration, which is what makes the shared storage safe.
    public func parallelMap<T: Sendable>(chunkSize: Int = 4, _ transform: @Sendable (Element) -> T) -> [T] {
        if count <= 1 { return map(transform) }
        let slots = ResultSlots<T>(count: count)
        let chunks = (count + chunkSize - 1) / chunkSize
        withoutActuallyEscaping(transform) { transform in
            self.withUnsafeBufferPointer { elements in
                nonisolated(unsafe) let elements = elements
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    let start = chunk * chunkSize
                    let end = Swift.min(start + chunkSize, elements.count)
                    for i in start..<end {
                        (slots.base + i).initialize(to: transform(elements[i]))
                    }
                }
            }
        }
        return slots.takeAll()
    }
}

/// Runs `first` and `second` at the same time (on two threads when the machine has them) and
/// returns both results.
func inParallel<A: Sendable, B: Sendable>(_ first: @Sendable () -> A, _ second: @Sendable () -> B) -> (A, B) {
    let a = ResultSlots<A>(count: 1), b = ResultSlots<B>(count: 1)
    withoutActuallyEscaping(first) { first in
        withoutActuallyEscaping(second) { second in
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                if index == 0 { a.base.initialize(to: first()) } else { b.base.initialize(to: second()) }
            }
        }
    }
    return (a.takeAll()[0], b.takeAll()[0])
}

/// Lets go of `value` on another thread: freeing a large graph of arrays and strings (an
/// assembled site of 10,000 articles takes a tenth of a second) is work the caller need not wait
/// for, and a command that exits right after does not wait for it at all.
func releaseInBackground<T: Sendable>(_ value: consuming T) {
    let box = ReleaseBox(value)
    DispatchQueue.global(qos: .utility).async { box.drop() }
}

/// Holds a value until ``drop()``.
private final class ReleaseBox<T: Sendable>: @unchecked Sendable {
    private var value: T?
    init(_ value: consuming T) { self.value = value }
    /// Called once, by the one thread that runs the release.
    func drop() { value = nil }
}

/// A value made on another thread from the moment it is created; ``value`` waits for it.
final class BackgroundValue<T: Sendable>: @unchecked Sendable {
    private var result: T?
    private let done = DispatchGroup()

    init(_ make: @escaping @Sendable () -> T) {
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            result = make()
            done.leave()
        }
    }

    /// The value, once made (the group's wait orders the write before this read).
    var value: T {
        done.wait()
        guard let result else { fatalError("BackgroundValue: made without a value") }
        return result
    }
}
