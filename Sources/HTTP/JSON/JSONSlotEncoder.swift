/// The `Encoder` a value's `encode(to:)` is handed: it stands for one value in the output
/// (a frame of the writer), which the first container asked of it starts.
struct JSONSlotEncoder: Encoder {
    let writer: JSONStreamWriter
    let depth: Int
    let generation: UInt32

    var codingPath: [any CodingKey] { writer.codingPath(through: depth) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let generation = writer.openContainer(.object, inSlot: depth, generation: generation)
        return KeyedEncodingContainer(JSONKeyedStreamContainer<Key>(writer: writer, depth: depth, generation: generation))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let generation = writer.openContainer(.array, inSlot: depth, generation: generation)
        return JSONUnkeyedStreamContainer(writer: writer, depth: depth, generation: generation)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONSingleValueStreamContainer(writer: writer, depth: depth, generation: generation)
    }
}
