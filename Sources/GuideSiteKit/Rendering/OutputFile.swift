/// One file of the built site: where it goes under the output folder and its bytes.
public struct OutputFile: Sendable, Hashable {
    /// Relative to the output folder, with `/` separators and no `..`.
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) {
        self.path = path
        self.bytes = Array(text.utf8)
    }
}
