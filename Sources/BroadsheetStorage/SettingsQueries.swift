import BroadsheetDomain
import Foundation
import SQLKit

/// The newsroom's settings kept in the database: advertisement placement and each edition's support call.
public struct NewsroomSettings: Sendable, Equatable {
    /// An advertisement slot goes after every this many paragraphs; 0 turns slots off.
    public var adEvery: Int
    public var adSlots: [AdSlot]
    /// Keyed by edition code.
    public var supportCalls: [String: SupportCall]

    public init(adEvery: Int, adSlots: [AdSlot], supportCalls: [String: SupportCall]) {
        self.adEvery = adEvery
        self.adSlots = adSlots
        self.supportCalls = supportCalls
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
        for (key, text) in values where key.hasPrefix("support.") && key.hasSuffix(".text") {
            let edition = String(key.dropFirst("support.".count).dropLast(".text".count))
            calls[edition] = SupportCall(text: text, url: values["support.\(edition).url"] ?? "")
        }
        let slots = try await db.select().columns("name", "html").from("ad_slots")
            .where("enabled", .equal, SQLBind(true)).orderBy("position").orderBy("id")
            .all(decoding: SlotRow.self).map { AdSlot(name: $0.name, html: $0.html) }
        return NewsroomSettings(adEvery: values["ads.every"].flatMap(Int.init) ?? 0, adSlots: slots, supportCalls: calls)
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
