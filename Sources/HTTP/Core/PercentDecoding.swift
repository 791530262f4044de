/// Decodes `%XX` escapes (and `+` as space for form encoding) into a UTF-8 string.
/// Malformed escapes are kept literally, as browsers and Python's `unquote` do.
public func percentDecode(_ text: Substring, plusAsSpace: Bool) -> String {
    guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || (plusAsSpace && $0 == UInt8(ascii: "+")) })
    else { return String(text) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    var iterator = Array(text.utf8)[...]
    while let byte = iterator.popFirst() {
        if byte == UInt8(ascii: "+") && plusAsSpace {
            bytes.append(UInt8(ascii: " "))
        } else if byte == UInt8(ascii: "%"), iterator.count >= 2,
                  let high = hexValue(iterator[iterator.startIndex]),
                  let low = hexValue(iterator[iterator.startIndex + 1]) {
            bytes.append(high << 4 | low)
            iterator = iterator.dropFirst(2)
        } else {
            bytes.append(byte)
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}

private func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    default: return nil
    }
}
