/// FNV-1a, 64 bits: a stable fingerprint for cache-busting file names (not for security).
public enum ContentHash {
    /// 16 lowercase hex digits.
    public static func hex(_ data: some Sequence<UInt8>) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        // Over contiguous bytes (a page's) the loop runs on a plain pointer: going through the generic iterator
        // made hashing a 17 KB page a tenth of the time of rendering it.
        let hashed: Void? = data.withContiguousStorageIfAvailable { bytes in
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
        }
        if hashed == nil {
            for byte in data {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
        }
        let text = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
