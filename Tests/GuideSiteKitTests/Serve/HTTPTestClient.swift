import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fetches pages from a test server with URLSession (no cache, no cookies).
enum HTTPTestClient {
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        configuration.timeoutIntervalForRequest = 300
        return URLSession(configuration: configuration)
    }()

    /// The status, body and `Content-Type` of a GET (redirects followed).
    static func get(_ url: URL) async throws -> (status: Int, text: String, type: String?) {
        let (data, response) = try await session.data(for: URLRequest(url: url))
        let http = response as? HTTPURLResponse
        return (http?.statusCode ?? 0, String(decoding: data, as: UTF8.self), http?.value(forHTTPHeaderField: "Content-Type"))
    }

    /// Long-polls `/__guidesite/events` until a build after `generation` has finished.
    ///
    /// The deadline is a safety net for a hung server, not a measure of speed: when the whole
    /// suite runs on two cores, other tests can hold every thread for a while.
    static func waitForBuild(at base: URL, after generation: Int, timeout: Duration = .seconds(300)) async throws -> [String: Any] {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while clock.now < deadline {
            guard let url = URL(string: base.absoluteString + "__guidesite/events?since=\(generation)") else { break }
            let (status, text, _) = try await get(url)
            if status == 200, let state = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
               let current = state["generation"] as? Int, current != generation {
                return state
            }
        }
        throw TestTimeout(what: "a build after generation \(generation)")
    }

    struct TestTimeout: Error, CustomStringConvertible {
        var what: String
        var description: String { "timed out waiting for \(what)" }
    }

    /// Sends a request exactly as written (URLSession would remove `..` segments) and returns the
    /// status code and the whole response. The blocking socket calls run on a Dispatch queue, so
    /// that they never hold one of the few threads the server itself needs.
    static func raw(port: UInt16, target: String) async throws -> (status: Int, text: String) {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try blockingRaw(port: port, target: target) })
            }
        }
    }

    private static func blockingRaw(port: UInt16, target: String) throws -> (status: Int, text: String) {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw RawError(what: "socket") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 300, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw RawError(what: "connect") }
        let request = Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)
        var sent = 0
        while sent < request.count {
            let n = request[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { throw RawError(what: "send") }
            sent += n
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            received += buffer[0..<n]
        }
        let text = String(decoding: received, as: UTF8.self)
        let statusLine = text.split(separator: "\r\n", maxSplits: 1).first ?? ""
        let status = statusLine.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return (status, text)
    }

    struct RawError: Error {
        var what: String
    }
}
