/// One value still open in a `JSONStreamWriter`: the value a `JSONSlotEncoder` was handed
/// (nothing written yet), or an object or array whose closing bracket is still to come.
struct JSONStreamFrame {
    enum Content: Equatable {
        /// Nothing written yet: closed as `{}`, as Foundation writes a value that encoded nothing.
        case nothing
        case object
        case array
        /// A single value already written in full.
        case scalar
    }

    var content: Content
    /// Members or elements written so far: a comma goes before every one but the first.
    var count = 0
    /// Unique within one encoding, so a container can tell that its frame was closed (and
    /// perhaps replaced by a sibling's at the same depth) behind its back.
    let generation: UInt32
    /// The key or index under which this value sits in its parent, for `codingPath`.
    let key: (any CodingKey)?

    init(_ content: Content, generation: UInt32, key: (any CodingKey)?) {
        self.content = content
        self.generation = generation
        self.key = key
    }

    /// The bytes that end this value.
    var closingBytes: StaticString {
        switch content {
        case .nothing: "{}"
        case .object: "}"
        case .array: "]"
        case .scalar: ""
        }
    }
}
