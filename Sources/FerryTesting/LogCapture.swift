import Logging
import Synchronization

/// Collects log records so a test can assert what was logged (and what was not).
public final class LogCapture: Sendable {
    public struct Entry: Sendable {
        public let level: Logger.Level
        public let message: String
        public let metadata: [String: String]
    }

    private let records = Mutex<[Entry]>([])

    public init() {}

    public var entries: [Entry] { records.withLock { $0 } }

    /// Each record as `level message`.
    public var messages: [String] { entries.map { "\($0.level) \($0.message)" } }

    /// A logger whose records (at `level` and above) land here.
    public func logger(level: Logger.Level = .trace) -> Logger {
        var logger = Logger(label: "capture") { _ in CaptureHandler(capture: self) }
        logger.logLevel = level
        return logger
    }

    fileprivate func append(_ entry: Entry) { records.withLock { $0.append(entry) } }
}

private struct CaptureHandler: LogHandler {
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var flat: [String: String] = [:]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) { flat[key] = "\(value)" }
        capture.append(LogCapture.Entry(level: event.level, message: "\(event.message)", metadata: flat))
    }
}
