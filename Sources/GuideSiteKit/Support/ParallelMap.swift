import Dispatch
import Foundation

/// Raw storage that several threads fill, each at its own indices.
private final class ResultSlots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
    let count: Int

    init(count: Int) {
        self.count = count
        base = UnsafeMutablePointer<T>.allocate(capacity: Swift.max(count, 1))
    }

    /// Moves the (fully initialised) values out into an array: moved, not copied, so that no
    /// value's references are retained by the copy and released with the slots.
    func takeAll() -> [T] {
        Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            guard let target = buffer.baseAddress else { return }  // no room: no values
            target.moveInitialize(from: base, count: count)
            initialized = count
        }
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

/// Runs `first` and `second` at the same time and returns both results: `second` on another
/// thread, `first` on this one.
///
/// Not through `concurrentPerform`: Dispatch divides the width of an apply nested in another
/// among the outer one's iterations, so every ``Array/parallelMap(chunkSize:_:)`` inside either
/// function would run on one thread, even once the other function is done.
func inParallel<A: Sendable, B: Sendable>(_ first: @Sendable () -> A, _ second: @Sendable () -> B) -> (A, B) {
    let b = ResultSlots<B>(count: 1)
    let done = DispatchGroup()
    let a = withoutActuallyEscaping(second) { second in
        // The closure does not outlive this call: the group is waited for before it returns.
        DispatchQueue.global(qos: .userInitiated).async(group: done) { b.base.initialize(to: second()) }
        let a = first()
        done.wait()
        return a
    }
    return (a, b.takeAll()[0])
}

/// Lets go of `value` on another thread: freeing a large graph of arrays and strings (an
/// assembled site of 10,000 articles takes a tenth of a second) is work the caller need not wait
/// for, and a command that exits right after does not wait for it at all.
func releaseInBackground<T: Sendable>(_ value: consuming T) {
    let box = ReleaseBox(value)
    DispatchQueue.global(qos: .utility).async { box.drop() }
}

/// Keeps `value` alive until the process ends, which takes its memory back at once: for a
/// command that exits right after, freeing a large structure object by object is wasted work.
func keepUntilProcessEnds<T: Sendable>(_ value: consuming T) {
    KeptUntilExit.shared.keep(ReleaseBox(value))
}

/// What ``keepUntilProcessEnds(_:)`` keeps.
private final class KeptUntilExit: @unchecked Sendable {
    static let shared = KeptUntilExit()
    private let lock = NSLock()
    private var values: [AnyObject] = []

    func keep(_ value: AnyObject) {
        lock.withLock { values.append(value) }
    }
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

    /// The value, once made, given away: this holds it no more, so that its one reader can
    /// change it in place. Nil once taken. Only one thread may take it.
    func take() -> T? {
        done.wait()
        defer { result = nil }
        return result
    }
}

/// A list whose items are made when first read, each at most once, from any thread; or, when
/// most will be read anyway, all at once on every core (then read without a lock).
final class LazyList<T: Sendable>: @unchecked Sendable {
    private let make: @Sendable (Int) -> T
    private var items: [T?]
    private let made: [T]?
    private let lock = NSLock()

    init(count: Int, makingAllFirst: Bool = false, _ make: @escaping @Sendable (Int) -> T) {
        self.make = make
        made = makingAllFirst ? Array(0..<count).parallelMap(chunkSize: 256, make) : nil
        items = makingAllFirst ? [] : Array(repeating: nil, count: count)
    }

    subscript(index: Int) -> T {
        if let made { return made[index] }
        if let item = lock.withLock({ items[index] }) { return item }
        // Made outside the lock; two threads that race make the same value, the first one stays.
        let item = make(index)
        return lock.withLock {
            if let first = items[index] { return first }
            items[index] = item
            return item
        }
    }
}
