import COpenSSL

/// HMAC-SHA256 and a constant-time comparison, both from OpenSSL's libcrypto.
enum HMACSHA256 {
    static let length = 32

    /// The 32-byte tag of `data` under `key`, or nil if OpenSSL fails (it should not).
    static func authenticate(_ data: some Collection<UInt8>, key: [UInt8]) -> [UInt8]? {
        let message = Array(data)
        var tag = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var tagLength: UInt32 = 0
        // One-shot HMAC with our own output buffer is thread-safe (no static storage).
        let result = key.withUnsafeBytes { keyBytes in
            message.withUnsafeBufferPointer { messageBytes in
                tag.withUnsafeMutableBufferPointer { output in
                    HMAC(EVP_sha256(), keyBytes.baseAddress, Int32(keyBytes.count),
                         messageBytes.baseAddress, messageBytes.count, output.baseAddress, &tagLength)
                }
            }
        }
        guard result != nil, tagLength == UInt32(length) else { return nil }
        return Array(tag.prefix(length))
    }

    /// Equal-length byte strings compared without an early exit, so timing leaks no prefix.
    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        guard !lhs.isEmpty else { return true }
        return lhs.withUnsafeBytes { left in
            rhs.withUnsafeBytes { right in
                CRYPTO_memcmp(left.baseAddress, right.baseAddress, left.count) == 0
            }
        }
    }
}
