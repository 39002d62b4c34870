import ArgumentParser
import BroadsheetDomain
import BroadsheetStorage
import Foundation

struct AuthorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "author", abstract: "Manage the authors: the bylines, people with or without a staff account.",
        subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an author with a name in one edition or more.",
            discussion: """
                Each edition's address (slug) is made from that edition's name by its transliteration rules, with \
                -2, -3... when it is taken. Prints the author's id and each edition's slug.
                """)

        @Option(help: "EDITION=NAME, once per edition, e.g. --name uk='Тетяна Олійник' --name en='Tetyana Oliynyk'.")
        var name: [String]
        @Option(help: "EDITION=BIO, a short bio in an edition the author has a name in.") var bio: [String] = []
        @Option(name: .customLong("staff-email"), help: "The staff account whose byline this is (a reporter).")
        var staffEmail: String?
        @Option(help: "\"Label | https://...\", once per link.") var link: [String] = []
        @Option(
            help: "The editions when the database has none yet. [env: BROADSHEET_EDITIONS] (default: uk, ru and en)")
        var editions: String?
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let names = Self.pairs(name, option: "--name")
            let bios = Self.pairs(bio, option: "--bio")
            if let edition = bios.keys.sorted().first(where: { names[$0] == nil }) {
                fail("--bio \(edition)=... needs a --name \(edition)=...")
            }
            let configured = (try? ConfigurationSource().editions(editions)) ?? .standard
            try await withNewsroom(storage) { database in
                // A database nobody has served yet has no editions: file the configured ones, as `serve` would.
                let people = People(database: database)
                if try await people.editions().isEmpty {
                    try await NewsroomWriter(database: database).syncEditions(configured)
                }
                var staffID: Int?
                if let staffEmail {
                    guard let account = try await StaffStore(database: database).find(email: staffEmail) else {
                        fail("there is no staff account for \(staffEmail)")
                    }
                    staffID = account.member.id
                }
                let draft = PersonDraft(
                    bylines: Dictionary(
                        uniqueKeysWithValues: names.map { ($0.key, PersonDraft.Byline(name: $0.value, bio: bios[$0.key] ?? "")) }),
                    links: link.joined(separator: "\n"), staffID: staffID)
                let person = try await people.add(draft, by: nil)
                print("added author \(person.id)")
                for byline in person.bylines { print("\(byline.edition)\t\(byline.slug)\t\(byline.name)") }
            }
        }

        /// "uk=Тетяна Олійник" by edition; a malformed one ends the command.
        static func pairs(_ values: [String], option: String) -> [String: String] {
            var pairs: [String: String] = [:]
            for value in values {
                let parts = value.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, !parts[0].isEmpty else { fail("\(option) takes EDITION=TEXT, not \"\(value)\"") }
                let edition = parts[0].trimmingCharacters(in: .whitespaces)
                guard pairs[edition] == nil else { fail("\(option) \(edition)=... is given twice") }
                pairs[edition] = String(parts[1])
            }
            return pairs
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the authors, with each edition's slug.")
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            try await withNewsroom(storage) { database in
                let people = People(database: database)
                let all = try await people.list(limit: Int(Int32.max))
                if all.isEmpty { print("no authors yet; add one with `broadsheet author add`") }
                for person in all {
                    let bylines = person.bylines.map { "\($0.edition):\($0.slug)" }.joined(separator: " ")
                    let state = person.retired ? "retired" : "active"
                    print("\(person.id)\t\(person.names)\t\(bylines)\t\(person.staffName ?? "-")\t\(state)\t\(person.articles) articles")
                }
            }
        }
    }
}
