import Foundation

/// The running guidesite executable, as build caches tell builds apart: size, date and inode of
/// the file. A cache written by another build of the program is not trusted, since its
/// rendering or indexing code may differ even where the version constants were not bumped.
enum ProgramIdentity {
    static let current: String = {
        let path = FileManager.default.fileExists(atPath: "/proc/self/exe") ? "/proc/self/exe" : (Bundle.main.executablePath ?? "")
        var info = stat()
        guard stat(path, &info) == 0 else { return "unknown" }
        return "\(info.st_size)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)-\(info.st_ino)"
    }()
}
