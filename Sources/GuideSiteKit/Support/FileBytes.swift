import Foundation

/// A file's bytes held read-only for as long as the value lives: mapped into memory from disk
/// (a large output file read back without being copied into an array), or copied from an array.
///
/// A mapping holds the file as it was when opened only as long as the file is replaced, not
/// written into: a file renamed over it, or its removal, leaves the mapping as it was (the build
/// replaces its output files that way). Another program writing into the file would show
/// through, and one truncating it would make reading past the new end fail: files are mapped
/// only where guidesite alone writes. Immutable once made, so it is shared between threads.
final class FileBytes: @unchecked Sendable {
    /// The bytes.
    let bytes: UnsafeRawBufferPointer
    private let mapped: Bool

    /// Maps the file at `path`; nil when it is not a regular file that can be opened and mapped,
    /// when `size` is given and the file has another size, or when `accepting` refuses what
    /// `fstat` says of the file opened.
    init?(mapping path: String, size expected: Int? = nil, accepting: (stat) -> Bool = { _ in true }) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, accepting(info) else { return nil }
        let size = Int(info.st_size)
        if let expected, expected != size { return nil }
        mapped = size > 0
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else { return nil }
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    /// A copy of `array`.
    init(copying array: [UInt8]) {
        mapped = false
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: array.count, alignment: 8)
        array.withUnsafeBytes { copy.copyMemory(from: $0) }
        bytes = UnsafeRawBufferPointer(copy)
    }

    deinit {
        guard let start = bytes.baseAddress else { return }
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: start), bytes.count)
        } else {
            UnsafeMutableRawPointer(mutating: start).deallocate()
        }
    }
}
