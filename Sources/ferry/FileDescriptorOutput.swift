#if canImport(Glibc)
import Glibc
#endif

/// Writes to a file descriptor with write(2): the C `stdout`/`stderr` globals are not
/// concurrency-safe in Swift 6.
struct FileDescriptorOutput {
    let descriptor: Int32

    static let standardOutput = FileDescriptorOutput(descriptor: 1)
    static let standardError = FileDescriptorOutput(descriptor: 2)

    func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return }
                offset += written
            }
        }
    }

    func print(_ text: String) { write(Array((text + "\n").utf8)) }
}
