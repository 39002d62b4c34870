import BroadsheetDomain
import BroadsheetStorage
import Foundation
import Hummingbird

/// Admins' page of people: adding accounts (with a first password the admin passes on; the new member changes
/// it on the password page), roles and disabled accounts. `broadsheet user add` does the same from the
/// command line.
struct NewsroomStaff: Sendable {
    let gate: NewsroomSite

    struct Person {
        let id: Int
        let name: String
        let email: String
        let csrf: String
        let roles: [NewsroomViews.Option]
        let stateName: String
        let toggleAction: String
        let toggleLabel: String
    }

    struct StaffPage {
        let title: String
        let message: String?
        let people: [Person]
        let csrf: String
        let roles: [NewsroomViews.Option]
        let languages: [NewsroomViews.Option]
        let typedName: String
        let typedEmail: String
    }

    /// The add form's fields, kept when it is refused (never the password).
    struct NewAccount {
        var name = ""
        var email = ""
        var role = StaffRole.author
        var language = "uk"
    }

    func addRoutes(to router: Router<BroadsheetRequestContext>) {
        router.get("admin/staff") { request, context in
            try await gate.signedIn(request, context, may: .manageStaff) { member, session, _ in
                try await page(member: member, csrf: session.csrfToken, message: nil)
            }
        }
        router.post("admin/staff") { request, context in
            try await gate.signedIn(request, context, may: .manageStaff, form: true) { member, session, form in
                let typed = NewAccount(
                    name: form["name"].trimmingCharacters(in: .whitespaces), email: StaffMember.normalise(email: form["email"]),
                    role: StaffRole(rawValue: form["role"]) ?? .author,
                    language: gate.views.languages[form["language"]] != nil ? form["language"] : member.language)
                let strings = gate.views.strings(member.language)
                func refuse(_ message: String) async throws -> Response {
                    try await page(member: member, csrf: session.csrfToken, message: message, typed: typed, status: .badRequest)
                }
                guard !typed.name.isEmpty else { return try await refuse(strings["staffNameMissing"]) }
                guard StaffMember.isPlausible(email: typed.email) else { return try await refuse(strings["staffEmailInvalid"]) }
                if let problem = PasswordRule.problem(with: form["password"]) {
                    return try await refuse("\(strings["staffPasswordRefused"]) \(problem).")
                }
                do {
                    let added = try await gate.staff.add(
                        email: typed.email, name: typed.name, role: typed.role,
                        passwordHash: try await gate.passwords.hash(form["password"]), language: typed.language,
                        now: gate.clock())
                    try await gate.audit.record(
                        "account added", by: member, subject: added.email, detail: "role \(added.role.rawValue)", now: gate.clock())
                } catch let error as StaffStore.StaffError {
                    return try await refuse(error.description)
                }
                return gate.security.seeOther("/admin/staff")
            }
        }
        for action in ["role", "disable", "enable"] {
            router.post(RouterPath("admin/staff/:id/\(action)")) { request, context in
                try await gate.signedIn(request, context, may: .manageStaff, form: true) { member, session, form in
                    guard let id = context.parameters.get("id", as: Int.self),
                        let target = try await gate.staff.find(id: id)?.member
                    else { return gate.security.seeOther("/admin/staff") }
                    guard target.id != member.id else {
                        return try await page(
                            member: member, csrf: session.csrfToken,
                            message: gate.views.strings(member.language)["cannotChangeSelf"], status: .badRequest)
                    }
                    let now = gate.clock()
                    switch action {
                    case "role":
                        guard let role = StaffRole(rawValue: form["role"]) else { return gate.security.seeOther("/admin/staff") }
                        _ = try await gate.staff.setRole(email: target.email, to: role)
                        try await gate.audit.record(
                            "role changed", by: member, subject: target.email, detail: "\(target.role.rawValue) → \(role.rawValue)",
                            now: now)
                    default:
                        _ = try await gate.staff.setDisabled(email: target.email, action == "disable")
                        try await gate.audit.record(
                            action == "disable" ? "account disabled" : "account enabled", by: member, subject: target.email,
                            now: now)
                    }
                    return gate.security.seeOther("/admin/staff")
                }
            }
        }
    }

    private func page(
        member: StaffMember, csrf: String, message: String?, typed: NewAccount = NewAccount(),
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let strings = gate.views.strings(member.language)
        let layout = gate.views.layout(title: strings["staff"], language: member.language, member: member, csrf: csrf)
        let people = try await gate.staff.list().map { person in
            Person(
                id: person.id, name: person.name, email: person.email, csrf: csrf,
                roles: StaffRole.allCases.map {
                    NewsroomViews.Option(value: $0.rawValue, label: strings["role_\($0.rawValue)"], selected: $0 == person.role)
                },
                stateName: strings[person.disabled ? "disabled" : "active"],
                toggleAction: person.disabled ? "enable" : "disable",
                toggleLabel: strings[person.disabled ? "enable" : "disable"])
        }
        let model = StaffPage(
            title: layout.title, message: message, people: people, csrf: csrf,
            roles: StaffRole.allCases.map {
                NewsroomViews.Option(value: $0.rawValue, label: strings["role_\($0.rawValue)"], selected: $0 == typed.role)
            },
            languages: NewsroomViews.languageNames.sorted { $0.key > $1.key }.map {
                NewsroomViews.Option(value: $0.key, label: $0.value, selected: $0.key == typed.language)
            },
            typedName: typed.name, typedEmail: typed.email)
        return try gate.views.page(model, template: "newsroom/staff", layout: layout, status: status)
    }
}
