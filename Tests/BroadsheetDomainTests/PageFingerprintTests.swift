import BroadsheetDomain
import Testing

@Suite("Page fingerprints (ETags)")
struct PageFingerprintTests {
    private func fingerprint(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { PageFingerprint.hex($0) }
    }

    @Test("the same bytes always give the same 16 hex digits, on any machine")
    func stable() {
        let page = Array("<!doctype html><title>Київ</title>".utf8)
        #expect(fingerprint(page) == fingerprint(page))
        #expect(fingerprint(page).count == 16)
        #expect(fingerprint(page).allSatisfy { "0123456789abcdef".contains($0) })
        // A fixed value: a change of algorithm would change every ETag, and should be deliberate.
        #expect(fingerprint(Array("Broadsheet".utf8)) == "fd17abd57b2030ef")
        #expect(fingerprint([]) != fingerprint([0]))
    }

    @Test("changing any one byte, or the length, changes the fingerprint", arguments: [1, 7, 8, 9, 63, 64, 65, 1000])
    func sensitive(length: Int) {
        let page = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let original = fingerprint(page)
        var seen: Set<String> = [original]
        for index in page.indices {
            var changed = page
            changed[index] ^= 0x01
            seen.insert(fingerprint(changed))
        }
        #expect(seen.count == page.count + 1, "a one-bit change gave a fingerprint already seen")
        #expect(fingerprint(page + [0]) != original)
        #expect(fingerprint(Array(page.dropLast())) != original)
    }
}
