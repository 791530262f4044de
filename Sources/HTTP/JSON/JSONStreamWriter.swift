#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The state of one `StreamingJSONEncoder.encode` call: the bytes written so far and the stack
/// of values still open. Containers close lazily: writing to a container first closes every
/// frame nested deeper than it (its nested containers are finished by then), and a value's
/// frame is closed when its `encode(to:)` returns. A container whose frame is already closed
/// cannot be written to; that is detected (frame generations) and reported, never written wrong.
final class JSONStreamWriter {
    // Unchecked: run-time exclusivity checks on these two were a fifth of encoding time, and
    // only this class's own methods touch them, never with an access still open across a call
    // into code that could come back here (a value's encode(to:) runs with none open).
    @exclusivity(unchecked) private(set) var bytes: [UInt8] = []
    @exclusivity(unchecked) private var frames: [JSONStreamFrame] = []
    private var lastGeneration: UInt32 = 0
    /// Types of nested values met in this document that are neither `JSONObjectEncodable` nor
    /// String-keyed dictionaries: asking the runtime (`as? any StringKeyedDictionary`) for every
    /// nested value was a tenth of encoding time, and a document has few types. Bounded in case
    /// one has many.
    private var plainTypes: [ObjectIdentifier] = []
    /// The first misuse seen: also thrown at the end, in case the code that met it swallowed it.
    private var failure: (any Error)?

    init(reservingCapacity capacity: Int) {
        bytes.reserveCapacity(capacity)
        frames.reserveCapacity(8)  // documents nest a few levels: no regrowth while they open
    }

    /// Encodes `value` as the whole document.
    func encodeDocument<T: Encodable>(_ value: T) throws -> [UInt8] {
        let generation = pushFrame(.nothing, key: nil)
        try writeValue(value, intoSlot: 0, generation: generation)
        if let failure { throw failure }
        guard let top = frames.first, top.content != .nothing else {
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: [], debugDescription: "Top-level \(T.self) did not encode any values."))
        }
        closeFrames(from: 0)
        return bytes
    }

    // MARK: frames

    func codingPath(through depth: Int) -> [any CodingKey] {
        frames.prefix(max(0, depth + 1)).compactMap(\.key)
    }

    private func pushFrame(_ content: JSONStreamFrame.Content, key: (any CodingKey)?) -> UInt32 {
        lastGeneration += 1
        frames.append(JSONStreamFrame(content, generation: lastGeneration, key: key))
        return lastGeneration
    }

    /// Writes the end of every frame from `depth` up and removes them.
    private func closeFrames(from depth: Int) {
        while frames.count > depth {
            let frame = frames.removeLast()
            append(frame.closingBytes)
        }
    }

    /// Makes frame `depth` the innermost one so it can be written to, or records why not: the
    /// frame was closed because something outside it has been written since.
    private func activate(_ depth: Int, _ generation: UInt32) -> Bool {
        guard depth < frames.count, frames[depth].generation == generation else {
            if failure == nil { failure = JSONStreamingUnsupported.containerUsedOutOfOrder(at: codingPath(through: depth - 1)) }
            return false
        }
        if frames.count > depth + 1 { closeFrames(from: depth + 1) }
        return true
    }

    private func activateOrThrow(_ depth: Int, _ generation: UInt32) throws {
        guard activate(depth, generation) else { throw failure! }
    }

    /// A value threw after its key or comma (and perhaps part of it) was written. Should the
    /// error be caught inside an `encode(to:)` and encoding go on, those bytes cannot be taken back.
    private func recordAbandonedValue() {
        if failure == nil { failure = JSONStreamingUnsupported.valueAbandoned(at: codingPath(through: frames.count - 1)) }
    }

    private func recordMisuse(_ description: String, at depth: Int) {
        if failure == nil {
            failure = EncodingError.invalidValue((), EncodingError.Context(
                codingPath: codingPath(through: depth), debugDescription: description))
        }
    }

    // MARK: what containers and encoders ask for

    /// Turns the value at `depth` into an object or array (or continues the one it already is,
    /// as Foundation merges a second `container(keyedBy:)`), answering the generation a
    /// container must present, or 0 (which never matches) when that is not possible.
    func openContainer(_ content: JSONStreamFrame.Content, inSlot depth: Int, generation: UInt32) -> UInt32 {
        guard activate(depth, generation) else { return 0 }
        let current = frames[depth].content
        if current == .nothing {
            frames[depth].content = content
            bytes.append(content == .object ? UInt8(ascii: "{") : UInt8(ascii: "["))
        } else if current != content {
            recordMisuse("Attempt to push a new \(content) container where a value of another kind was already encoded", at: depth)
            return 0
        }
        return generation
    }

    /// Claims the value at `depth` for a scalar the caller writes next.
    func beginSingleScalar(inSlot depth: Int, generation: UInt32) throws {
        try checkSingleValue(inSlot: depth, generation: generation)
        frames[depth].content = .scalar
    }

    /// Writes `value` as the value at `depth`, through a single value container.
    func writeSingleValue<T: Encodable>(_ value: T, inSlot depth: Int, generation: UInt32) throws {
        try checkSingleValue(inSlot: depth, generation: generation)
        try writeValue(value, intoSlot: depth, generation: generation)
    }

    private func checkSingleValue(inSlot depth: Int, generation: UInt32) throws {
        try activateOrThrow(depth, generation)
        guard frames[depth].content == .nothing else {
            recordMisuse("Attempt to encode a value through a single value container when a value was already encoded", at: depth)
            throw failure!
        }
    }

    /// Writes `,` if needed and the snake_case form of `key` followed by `:`.
    func beginMember(_ key: some CodingKey, depth: Int, generation: UInt32) throws {
        guard beginMemberIfPossible(key, depth: depth, generation: generation) else { throw failure! }
    }

    func beginMemberIfPossible(_ key: some CodingKey, depth: Int, generation: UInt32) -> Bool {
        guard activate(depth, generation) else { return false }
        beginEntry(depth)
        JSONKeyCache.appendSnakeCaseKey(key.stringValue, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        return true
    }

    /// A member of a `JSONObjectEncodable` written directly: its key is already in its final,
    /// plain form. The object's own frame is the innermost one, unless a nested value failed
    /// part-way and the error was caught (recorded: the document will not be used).
    func beginDirectMember(_ key: StaticString, first: Bool, depth: Int) {
        if frames.count > depth + 1 { closeFrames(from: depth + 1) }
        // `,"key":` assembled on the stack and appended at once: one append per member, not five.
        key.withUTF8Buffer { utf8 in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: utf8.count + 4) { buffer in
                var end = 0
                if !first { buffer[end] = UInt8(ascii: ","); end += 1 }
                buffer[end] = UInt8(ascii: "\"")
                _ = UnsafeMutableBufferPointer(rebasing: buffer[(end + 1)...]).initialize(fromContentsOf: utf8)
                end += 1 + utf8.count
                buffer[end] = UInt8(ascii: "\"")
                buffer[end + 1] = UInt8(ascii: ":")
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<(end + 2)]))
            }
        }
    }

    /// A member of a String-keyed dictionary: the key as it is (Foundation does not convert
    /// dictionary keys). The dictionary's own frame is the innermost one.
    func beginDictionaryMember(_ key: String, depth: Int) {
        beginEntry(depth)
        JSONStringEscaping.appendQuoted(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Writes `,` if needed before an element; answers the element's index.
    func beginElement(depth: Int, generation: UInt32) throws -> Int {
        guard let index = beginElementIfPossible(depth: depth, generation: generation) else { throw failure! }
        return index
    }

    func beginElementIfPossible(depth: Int, generation: UInt32) -> Int? {
        guard activate(depth, generation) else { return nil }
        let index = frames[depth].count
        beginEntry(depth)
        return index
    }

    private func beginEntry(_ depth: Int) {
        if frames[depth].count > 0 { bytes.append(UInt8(ascii: ",")) }
        frames[depth].count += 1
    }

    /// Elements written to the array at `depth` (0 once it is closed).
    func count(depth: Int, generation: UInt32) -> Int {
        depth < frames.count && frames[depth].generation == generation ? frames[depth].count : 0
    }

    /// Opens a nested object or array, or an empty slot for a super encoder, right after a key or comma.
    func pushNested(_ content: JSONStreamFrame.Content, key: any CodingKey) -> (depth: Int, generation: UInt32) {
        let depth = frames.count
        let generation = pushFrame(content, key: key)
        switch content {
        case .object: bytes.append(UInt8(ascii: "{"))
        case .array: bytes.append(UInt8(ascii: "["))
        case .nothing, .scalar: break
        }
        return (depth, generation)
    }

    // MARK: values

    /// Writes `value` right after a key or comma: in place when it is a scalar, otherwise
    /// in a frame of its own that is closed when its `encode(to:)` returns.
    func writeValue<T: Encodable>(_ value: T, key: any CodingKey) throws {
        if try writeScalar(value, codingPath: codingPath(through: frames.count - 1) + [key]) { return }
        let depth = frames.count
        let generation = pushFrame(.nothing, key: key)
        try writeComposite(value, inSlot: depth, generation: generation)
        closeFrames(from: depth)
    }

    /// Writes `value` as the value of the empty frame at `depth`.
    private func writeValue<T: Encodable>(_ value: T, intoSlot depth: Int, generation: UInt32) throws {
        if try writeScalar(value, codingPath: codingPath(through: depth)) {
            frames[depth].content = .scalar
            return
        }
        try writeComposite(value, inSlot: depth, generation: generation)
    }

    private func writeComposite<T: Encodable>(_ value: T, inSlot depth: Int, generation: UInt32) throws {
        do {
            switch writtenDirectly(value) {
            case .object(let object):
                try writeMembers(of: object, inSlot: depth)
            case .dictionary(let dictionary):
                frames[depth].content = .object
                bytes.append(UInt8(ascii: "{"))
                try dictionary.writeMembers(to: self, depth: depth)
            case nil:
                try value.encode(to: JSONSlotEncoder(writer: self, depth: depth, generation: generation))
            }
        } catch {
            recordAbandonedValue()
            throw error
        }
    }

    /// The two kinds of value written without their `encode(to:)`.
    private enum DirectValue {
        case object(any JSONObjectEncodable)
        case dictionary(any StringKeyedDictionary)
    }

    /// `value` as a `JSONObjectEncodable` or a String-keyed dictionary, or nil. A type remembered
    /// as neither may still wrap one (an Optional): its `encode(to:)` then hands it back here.
    private func writtenDirectly<T: Encodable>(_ value: T) -> DirectValue? {
        let type = ObjectIdentifier(T.self)
        if plainTypes.contains(type) { return nil }
        if let object = value as? any JSONObjectEncodable { return .object(object) }
        if let dictionary = value as? any StringKeyedDictionary { return .dictionary(dictionary) }
        if plainTypes.count < 16 { plainTypes.append(type) }
        return nil
    }

    /// Has `object` write its members straight into the empty slot at `depth`.
    private func writeMembers(of object: some JSONObjectEncodable, inSlot depth: Int) throws {
        frames[depth].content = .object
        bytes.append(UInt8(ascii: "{"))
        var members = JSONObjectMembers(writer: self, depth: depth)
        try object.encodeMembers(to: &members)
    }

    /// Writes `object` right after a key or comma, in a frame of its own, as `writeValue` would
    /// but knowing statically what it is.
    func writeObject(_ object: some JSONObjectEncodable, key: any CodingKey) throws {
        let depth = frames.count
        _ = pushFrame(.nothing, key: key)
        do {
            try writeMembers(of: object, inSlot: depth)
        } catch {
            recordAbandonedValue()
            throw error
        }
        closeFrames(from: depth)
    }

    /// Writes an array of objects right after a key or comma, without `Array`'s unkeyed container.
    func writeObjects(_ objects: [some JSONObjectEncodable], key: any CodingKey) throws {
        let depth = frames.count
        _ = pushFrame(.array, key: key)
        bytes.append(UInt8(ascii: "["))
        // By index: `enumerated()` of a generic element was a fifth of the page's encoding time
        // (tuple metadata and copies per element), unspecialized across modules.
        for index in objects.indices {
            beginEntry(depth)
            try writeObject(objects[index], key: JSONPathKey.index(index))
        }
        closeFrames(from: depth)
    }

    /// Values encoded before, as an array, right after a key.
    func writeEncoded(_ values: [EncodedJSON]) {
        bytes.append(UInt8(ascii: "["))
        for index in values.indices {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: values[index].bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// The types written without asking them to encode themselves: JSON's own, and those
    /// Foundation's encoder gives a fixed form (Date, Data, URL, Decimal). Answers false for others.
    private func writeScalar<T: Encodable>(_ value: T, codingPath: @autoclosure () -> [any CodingKey]) throws -> Bool {
        if T.self == String.self {
            writeString(value as! String)
        } else if T.self == Int.self {
            writeInteger(value as! Int)
        } else if T.self == Bool.self {
            writeBool(value as! Bool)
        } else if T.self == Double.self {
            try writeFloatingPoint(value as! Double, codingPath: codingPath())
        } else if T.self == Date.self {
            writeDate(value as! Date)
        } else if T.self == Decimal.self {
            append((value as! Decimal).description)
        } else if T.self == URL.self {
            writeString((value as! URL).absoluteString)
        } else if T.self == Data.self {
            writeString((value as! Data).base64EncodedString())
        } else {
            return false
        }
        return true
    }

    // MARK: scalars

    func writeNull() { append("null") }

    func writeBool(_ value: Bool) { append(value ? "true" : "false") }

    func writeString(_ value: String) { JSONStringEscaping.appendQuoted(value, to: &bytes) }

    func writeDate(_ value: Date) { RFC3339Timestamp.appendQuoted(value, to: &bytes) }

    func writeInteger(_ value: some FixedWidthInteger) { append(value.description) }

    /// `description`'s digits, written without making a String: ids and counts are most members.
    func writeInteger(_ value: Int) {
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// The shortest text that reads back as the same value, as Foundation writes it:
    /// `description` without a trailing `.0`. JSON has no NaN or infinity.
    func writeFloatingPoint<F: BinaryFloatingPoint & CustomStringConvertible>(
        _ value: F, codingPath: @autoclosure () -> [any CodingKey]
    ) throws {
        guard value.isFinite else {
            recordAbandonedValue()
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: codingPath(), debugDescription: "Unable to encode \(F.self).\(value) directly in JSON."))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        append(text)
    }

    private func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }
}
