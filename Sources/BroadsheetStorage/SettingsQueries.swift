import BroadsheetDomain
import Foundation
import SQLKit

/// The newsroom's settings kept in the database: advertisement placement, each edition's support call and footer.
public struct NewsroomSettings: Sendable, Equatable {
    /// An advertisement slot goes after every this many paragraphs; 0 turns slots off.
    public var adEvery: Int
    public var adSlots: [AdSlot]
    /// Keyed by edition code.
    public var supportCalls: [String: SupportCall]
    /// Keyed by edition code; an edition without one shows no footer text.
    public var footers: [String: EditionFooter]

    public init(
        adEvery: Int, adSlots: [AdSlot], supportCalls: [String: SupportCall], footers: [String: EditionFooter] = [:]
    ) {
        self.adEvery = adEvery
        self.adSlots = adSlots
        self.supportCalls = supportCalls
        self.footers = footers
    }
}

/// Reads and writes `NewsroomSettings`.
public struct SettingsStore: Sendable {
    let db: any SQLDatabase

    public init(database: NewsDatabase) {
        self.db = database.sql
    }

    public func load() async throws -> NewsroomSettings {
        struct Pair: Decodable {
            let key: String
            let value: String
        }
        struct SlotRow: Decodable {
            let name: String
            let html: String
        }
        let pairs = try await db.select().columns("key", "value").from("settings").all(decoding: Pair.self)
        let values = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
        var calls: [String: SupportCall] = [:]
        for edition in Self.editions(withTextUnder: "support", in: values) {
            calls[edition] = SupportCall(
                text: values["support.\(edition).text"] ?? "", url: values["support.\(edition).url"] ?? "")
        }
        var footers: [String: EditionFooter] = [:]
        for edition in Self.editions(withTextUnder: "footer", in: values) {
            footers[edition] = FooterKeys.footer(of: edition, in: values)
        }
        let slots = try await db.select().columns("name", "html").from("ad_slots")
            .where("enabled", .equal, SQLBind(true)).orderBy("position").orderBy("id")
            .all(decoding: SlotRow.self).map { AdSlot(name: $0.name, html: $0.html) }
        return NewsroomSettings(
            adEvery: values["ads.every"].flatMap(Int.init) ?? 0, adSlots: slots, supportCalls: calls, footers: footers)
    }

    /// The editions that have a `<prefix>.<edition>.text` key.
    private static func editions(withTextUnder prefix: String, in values: [String: String]) -> [String] {
        values.keys.filter { $0.hasPrefix("\(prefix).") && $0.hasSuffix(".text") }
            .map { String($0.dropFirst(prefix.count + 1).dropLast(".text".count)) }
    }

    /// True when nothing has been stored yet: the first start seeds settings from configuration.
    public func isEmpty() async throws -> Bool {
        try await db.select().column("key").from("settings").limit(1).first() == nil
    }

    /// Replaces every setting with `settings`.
    public func save(_ settings: NewsroomSettings, in database: NewsDatabase) async throws {
        try await database.transaction { db in
            try await db.delete(from: "settings").run()
            try await db.delete(from: "ad_slots").run()
            var pairs: [(String, String)] = [("ads.every", String(settings.adEvery))]
            for (edition, call) in settings.supportCalls.sorted(by: { $0.key < $1.key }) {
                pairs.append(("support.\(edition).text", call.text))
                pairs.append(("support.\(edition).url", call.url))
            }
            for (edition, footer) in settings.footers.sorted(by: { $0.key < $1.key }) where !footer.isEmpty {
                pairs += try FooterKeys.pairs(edition: edition, footer)
            }
            for (key, value) in pairs {
                try await db.insert(into: "settings").columns("key", "value").values(SQLBind(key), SQLBind(value)).run()
            }
            for (position, slot) in settings.adSlots.enumerated() {
                try await db.insert(into: "ad_slots").columns("name", "html", "enabled", "position")
                    .values(SQLBind(slot.name), SQLBind(slot.html), SQLBind(true), SQLBind(position)).run()
            }
        }
        // Every setting is replaced, banners included.
        database.changes.announce(.everything)
    }
}

/// How an edition's footer is kept in the `settings` table: `footer.<edition>.text` and `footer.<edition>.links`
/// (a JSON array of label and URL).
enum FooterKeys {
    static func text(_ edition: String) -> String { "footer.\(edition).text" }
    static func links(_ edition: String) -> String { "footer.\(edition).links" }

    static func pairs(edition: String, _ footer: EditionFooter) throws -> [(String, String)] {
        let links = String(decoding: try JSONEncoder().encode(footer.links), as: UTF8.self)
        return [(text(edition), footer.text), (self.links(edition), links)]
    }

    static func footer(of edition: String, in values: [String: String]) -> EditionFooter? {
        // A links value that does not decode was not written by Broadsheet: the text still shows.
        let links = values[links(edition)].flatMap {
            try? JSONDecoder().decode([EditionFooter.Link].self, from: Data($0.utf8))
        }
        let footer = EditionFooter(text: values[text(edition)] ?? "", links: links ?? [])
        return footer.isEmpty ? nil : footer
    }
}
