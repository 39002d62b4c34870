import Foundation

/// Escaping for the XML that machines read (feeds, sitemaps): text nodes, double-quoted
/// attribute values and CDATA sections. Every function first drops the characters XML 1.0
/// forbids (`Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]`),
/// so that the output is well-formed whatever the input holds.
enum XMLText {
    /// Whether XML 1.0 allows `scalar` anywhere in a document (even as a character reference).
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF: true
        case 0xE000...0xFFFD: true
        case 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// `text` without the characters XML 1.0 forbids; everything else is kept as it is.
    static func clean(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy(isAllowed) { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where isAllowed(scalar) {
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// `text` for an element's content: & < > escaped (">" always, so "]]>" cannot occur), and
    /// carriage returns as `&#13;` so that a parser's line-end normalisation keeps them.
    static func text(_ text: String) -> String {
        escape(text, quotes: false)
    }

    /// `text` for a double- or single-quoted attribute value: & < > " ' escaped, and tab, line
    /// feed and carriage return as character references so that attribute-value normalisation
    /// keeps them.
    static func attribute(_ text: String) -> String {
        escape(text, quotes: true)
    }

    /// `text` as one or more CDATA sections: any "]]>" inside is split across two sections
    /// ("]]" ends one, ">" starts the next), which a parser joins back into the original text.
    static func cdata(_ text: String) -> String {
        "<![CDATA[" + clean(text).replacingOccurrences(of: "]]>", with: "]]]]><![CDATA[>") + "]]>"
    }

    private static func escape(_ text: String, quotes: Bool) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\r": out.append(contentsOf: "&#13;".unicodeScalars)
            case "\"" where quotes: out.append(contentsOf: "&quot;".unicodeScalars)
            case "'" where quotes: out.append(contentsOf: "&apos;".unicodeScalars)
            case "\t" where quotes: out.append(contentsOf: "&#9;".unicodeScalars)
            case "\n" where quotes: out.append(contentsOf: "&#10;".unicodeScalars)
            default:
                if isAllowed(scalar) { out.append(scalar) }
            }
        }
        return String(out)
    }
}

/// A small writer of indented XML; every value passes through `XMLText`.
struct XMLWriter {
    private(set) var output = ""
    private var depth = 0

    init(capacity: Int = 16_384) {
        output.reserveCapacity(capacity)
    }

    mutating func declaration() {
        output += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    }

    mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        line("<" + name + Self.attributes(attributes) + ">")
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        line("</" + name + ">")
    }

    mutating func element(_ name: String, _ text: String, _ attributes: [(String, String)] = []) {
        line("<" + name + Self.attributes(attributes) + ">" + XMLText.text(text) + "</" + name + ">")
    }

    mutating func empty(_ name: String, _ attributes: [(String, String)]) {
        line("<" + name + Self.attributes(attributes) + "/>")
    }

    /// Appends markup as it is: only for markup built here with `XMLText`.
    mutating func raw(_ markup: String) {
        line(markup)
    }

    private mutating func line(_ text: String) {
        output += String(repeating: "  ", count: depth) + text + "\n"
    }

    private static func attributes(_ attributes: [(String, String)]) -> String {
        attributes.map { " " + $0.0 + "=\"" + XMLText.attribute($0.1) + "\"" }.joined()
    }
}

/// The date formats feeds and sitemaps use, always in UTC and with English names whatever
/// the process locale. Computed arithmetically (proleptic Gregorian calendar), so they are
/// pure, thread-safe and cheap. Fractions of a second are dropped (rounded down).
enum MachineDate {
    private static let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// RFC 822 / RFC 1123 as RSS 2.0 wants it: "Mon, 30 Jun 2025 16:53:00 +0000".
    static func rfc822(_ date: Date) -> String {
        let p = parts(date)
        return "\(days[p.dayNumber]), \(pad(p.day, 2)) \(months[p.month - 1]) \(pad(p.year, 4)) "
            + "\(pad(p.hour, 2)):\(pad(p.minute, 2)):\(pad(p.second, 2)) +0000"
    }

    /// RFC 3339 / W3C Datetime in UTC: "2025-06-30T16:53:00Z" (Atom, JSON Feed, sitemaps, and every page's
    /// `<time datetime>` through `ISO8601`). Written as bytes: every headline carries one.
    static func rfc3339(_ date: Date) -> String {
        let p = parts(date)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        func digits(_ number: Int, _ width: Int, then separator: Character?) {
            var place = 1
            for _ in 1..<width { place *= 10 }
            while place > 0 {
                bytes.append(UInt8(48 + number / place % 10))
                place /= 10
            }
            if let separator { bytes.append(separator.asciiValue!) }
        }
        digits(p.year, 4, then: "-")
        digits(p.month, 2, then: "-")
        digits(p.day, 2, then: "T")
        digits(p.hour, 2, then: ":")
        digits(p.minute, 2, then: ":")
        digits(p.second, 2, then: "Z")
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func pad(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private struct Parts {
        let year, month, day, hour, minute, second: Int
        let dayNumber: Int  // index into `days`
    }

    private static func parts(_ date: Date) -> Parts {
        let interval = date.timeIntervalSince1970
        // Four-digit years only (0001-9999): what every consumer of these formats can read.
        let clamped = min(max(interval.rounded(.down), -62_135_596_800), 253_402_300_799)
        let seconds = Int(clamped)
        let (dayCount, secondOfDay) = floorDivide(seconds, 86_400)
        // Howard Hinnant's civil_from_days.
        let z = dayCount + 719_468
        let era = floorDivide(z, 146_097).0
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return Parts(
            year: year, month: month, day: day,
            hour: secondOfDay / 3600, minute: secondOfDay % 3600 / 60, second: secondOfDay % 60,
            dayNumber: floorDivide(dayCount, 7).1
        )
    }

    private static func floorDivide(_ a: Int, _ b: Int) -> (Int, Int) {
        let q = a / b, r = a % b
        return r < 0 ? (q - 1, r + b) : (q, r)
    }
}
