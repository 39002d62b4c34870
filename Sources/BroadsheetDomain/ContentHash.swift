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
        hex(of: fnv1a(basis, bytes))
    }

    /// FNV-1a's starting value: `fnv1a(basis, ...)` hashes from nothing.
    public static let basis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// Carries the hash `start` on over `bytes`, so that a long input can be hashed a piece at a time.
    public static func fnv1a(_ start: UInt64, _ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash = start
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    /// A hash as 16 lowercase hex digits.
    public static func hex(of hash: UInt64) -> String {
        let text = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}

/// A 64-bit fingerprint of a page for its ETag, eight bytes at a time (the round and final mix of xxHash64):
/// FNV-1a's byte-at-a-time loop took a fiftieth of an uncached page. Stable across processes and machines,
/// so every node gives a page the same ETag; not for security.
public enum PageFingerprint {
    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9

    /// 16 lowercase hex digits.
    public static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
        var hash = prime3 &+ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            hash ^= round(word)
            hash = rotate(hash, 27) &* prime1 &+ prime2
            offset += 8
        }
        while offset < bytes.count {
            hash ^= UInt64(bytes[offset]) &* prime3
            hash = rotate(hash, 11) &* prime1
            offset += 1
        }
        hash ^= hash >> 33
        hash = hash &* prime2
        hash ^= hash >> 29
        hash = hash &* prime3
        hash ^= hash >> 32
        let text = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }

    private static func round(_ word: UInt64) -> UInt64 {
        rotate(word &* prime2, 31) &* prime1
    }

    private static func rotate(_ value: UInt64, _ bits: UInt64) -> UInt64 {
        (value << bits) | (value >> (64 - bits))
    }
}
