import COpenSSL

/// Bytes from OpenSSL's CSPRNG, which is seeded from the OS (getrandom) and thread-safe.
enum SecureRandom {
    /// `count` random bytes, or nil in the practically impossible case that OpenSSL cannot seed.
    static func bytes(_ count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        let status = bytes.withUnsafeMutableBufferPointer { buffer in
            RAND_bytes(buffer.baseAddress, Int32(buffer.count))
        }
        return status == 1 ? bytes : nil
    }
}
