/// FNV-1a, 64 bits: a stable fingerprint for cache-busting file names and ETags (not for security).
public enum ContentHash {
    /// 16 lowercase hex digits.
    public static func hex(_ data: some Sequence<UInt8>) -> String {
        if let hash = data.withContiguousStorageIfAvailable({ hex(UnsafeRawBufferPointer($0)) }) { return hash }
        return hex(Array(data))
    }

    /// 16 lowercase hex digits of the bytes at `bytes`.
    ///
    /// Not generic on purpose: called from another module, a generic loop ran unspecialised through the
    /// iterator protocol, a tenth of the time of rendering the 17 KB page it hashed.
    public static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let text = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
