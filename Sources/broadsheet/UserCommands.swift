import ArgumentParser
import BroadsheetDomain
import BroadsheetStorage
import BroadsheetWeb
import Foundation

struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the newsroom's staff accounts.",
        subcommands: [Add.self, List.self, SetRole.self, Disable.self, Enable.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a staff account.",
            discussion: """
                The password is asked for at a prompt (twice, not shown), or read from the first line of standard \
                input when that is not a terminal: never from a flag, so that it stays out of shell history.
                """)

        @Option(help: "The person's email address; they sign in with it.") var email: String
        @Option(help: "The name shown in the newsroom and the audit log.") var name: String
        @Option(help: "contributor, author, editor or admin.") var role: StaffRole
        @Option(help: "The language of the newsroom's pages for this person: uk or en.") var language = "uk"
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            guard StaffMember.isPlausible(email: StaffMember.normalise(email: email)) else {
                fail("\"\(email)\" is not an email address")
            }
            guard ["uk", "en"].contains(language) else { fail("--language must be uk or en") }
            let name = name.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { fail("--name must not be empty") }
            let password = PasswordInput.read(confirm: true)
            if let problem = PasswordRule.problem(with: password) { fail(problem) }
            try await withStaff(storage) { staff, audit in
                let hash = try await Passwords().hash(password)
                let member = try await staff.add(
                    email: email, name: name, role: role, passwordHash: hash, language: language)
                try await audit.record("account added", by: nil, subject: member.email, detail: "role \(role.rawValue), command line")
                print("added \(member.email) (\(member.name)), \(member.role.rawValue)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the staff accounts.")
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            try await withStaff(storage) { staff, _ in
                let members = try await staff.list()
                if members.isEmpty { print("no staff accounts yet; add one with `broadsheet user add`") }
                for member in members {
                    let state = member.disabled ? "disabled" : "active"
                    print("\(member.email)\t\(member.name)\t\(member.role.rawValue)\t\(member.language)\t\(state)")
                }
            }
        }
    }

    struct SetRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-role", abstract: "Change an account's role.")
        @Option(help: "The account's email address.") var email: String
        @Option(help: "contributor, author, editor or admin.") var role: StaffRole
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            try await withStaff(storage) { staff, audit in
                let member = try await staff.setRole(email: email, to: role)
                try await audit.record("role changed", by: nil, subject: member.email, detail: "to \(role.rawValue), command line")
                print("\(member.email) is now \(member.role.rawValue)")
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable an account: it cannot sign in, and its sessions end at once.")
        @Option(help: "The account's email address.") var email: String
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            try await withStaff(storage) { staff, audit in
                let member = try await staff.setDisabled(email: email, true)
                try await audit.record("account disabled", by: nil, subject: member.email, detail: "command line")
                print("\(member.email) is disabled; its sessions have ended")
            }
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled account again.")
        @Option(help: "The account's email address.") var email: String
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            try await withStaff(storage) { staff, audit in
                let member = try await staff.setDisabled(email: email, false)
                try await audit.record("account enabled", by: nil, subject: member.email, detail: "command line")
                print("\(member.email) is enabled")
            }
        }
    }
}

extension StaffRole: ExpressibleByArgument {}

/// Opens and migrates the database, runs `body`, closes it; any error becomes one line and exit status 1.
private func withStaff(
    _ storage: StorageOptions, _ body: @Sendable (StaffStore, AuditLog) async throws -> Void
) async throws {
    try await withNewsroom(storage) { database in
        try await body(StaffStore(database: database), AuditLog(database: database))
    }
}

/// Opens and migrates the database, runs `body`, closes it; any error becomes one line and exit status 1.
func withNewsroom(_ storage: StorageOptions, _ body: @Sendable (NewsDatabase) async throws -> Void) async throws {
    let logger = makeLogger()
    let path = ConfigurationSource().storage(storage).database
    do {
        let database = try await NewsDatabase.open(path, logger: logger)
        try await Migrator(database: database, logger: logger).migrate()
        do {
            try await body(database)
        } catch {
            try? await database.shutdown()
            throw error
        }
        try await database.shutdown()
    } catch {
        fail("\(error)")
    }
}
