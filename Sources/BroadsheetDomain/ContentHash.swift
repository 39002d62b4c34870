/// FNV-1a, 64 bits: a stable fingerprint for cache-busting file names (not for security).
public enum ContentHash {
    /// 16 lowercase hex digits.
    public static func hex(_ data: some Sequence<UInt8>) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let text = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
