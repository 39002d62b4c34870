import BroadsheetDomain
import BroadsheetStorage
import Foundation
import Hummingbird

/// Admins' page of people: roles and disabled accounts (adding accounts, with their passwords, stays on the
/// command line: `broadsheet user add`).
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
    }

    func addRoutes(to router: Router<BroadsheetRequestContext>) {
        router.get("admin/staff") { request, context in
            try await gate.signedIn(request, context, may: .manageStaff) { member, session, _ in
                try await page(member: member, csrf: session.csrfToken, message: nil)
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

    private func page(member: StaffMember, csrf: String, message: String?, status: HTTPResponse.Status = .ok) async throws
        -> Response
    {
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
        return try gate.views.page(
            StaffPage(title: layout.title, message: message, people: people), template: "newsroom/staff", layout: layout,
            status: status)
    }
}
