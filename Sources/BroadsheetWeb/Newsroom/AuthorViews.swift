import BroadsheetDomain
import BroadsheetStorage
import Foundation
import Hummingbird

/// The authors list and an author's form.
struct AuthorViews: Sendable {
    let base: NewsroomViews
    let editor: EditorViews
    let people: People
    let staff: StaffStore
    let desk: DeskQueries

    var site: SiteContext { base.site }

    /// One edition's name of a person; none where they have no byline there.
    struct Cell {
        let name: String?
    }

    struct Line {
        let editPath: String
        /// One per edition, in the editions' order.
        let names: [Cell]
        let staffName: String?
        let retired: Bool
        let articles: Int
    }

    struct ListPage {
        let title: String
        let editionNames: [String]
        let hasPeople: Bool
        let people: [Line]
        let pagination: NewsroomViews.Pagination?
    }

    func list(page: Int, member: StaffMember, csrf: String) async throws -> Response {
        let size = 50
        let strings = base.strings(member.language)
        let layout = base.layout(title: strings["authors"], language: member.language, member: member, csrf: csrf)
        let editions = site.configuration.editions.all
        let people = try await people.list(limit: size + 1, offset: (page - 1) * size)
        let model = ListPage(
            title: layout.title, editionNames: editions.map(\.name), hasPeople: !people.isEmpty,
            people: people.prefix(size).map { person in
                Line(
                    editPath: "/admin/authors/\(person.id)",
                    names: editions.map { Cell(name: person.byline($0.code)?.name) },
                    staffName: person.staffName, retired: person.retired, articles: person.articles)
            },
            pagination: page > 1 || people.count > size
                ? NewsroomViews.Pagination(
                    page: page, newerPath: page > 1 ? "/admin/authors?page=\(page - 1)" : nil,
                    olderPath: people.count > size ? "/admin/authors?page=\(page + 1)" : nil) : nil)
        return try base.page(model, template: "newsroom/authors", layout: layout)
    }

    struct EditionFields {
        let code: String
        let editionName: String
        let name: String
        let bio: String
        /// The byline's public page, once it has one.
        let publicPath: String?
        let articles: Int
    }

    struct Merge {
        let action: String
        let csrf: String
        let targets: [NewsroomViews.Option]
    }

    struct FormPage {
        let title: String
        let csrf: String
        let message: String?
        /// A refusal is announced at once (role alert); "saved" politely (role status).
        let refused: Bool
        let action: String
        let isNew: Bool
        let editions: [EditionFields]
        let links: String
        let photos: [NewsroomViews.Option]
        let staffAccounts: [NewsroomViews.Option]
        let retired: Bool
        let remakeSlugs: Bool
        let merge: Merge?
    }

    /// The form for a new author (`person` nil) or an existing one, filled with `typed`.
    func form(
        person: Person?, typed: AuthorForm, member: StaffMember, csrf: String, message: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let strings = base.strings(member.language)
        let title = person.map { $0.names.isEmpty ? strings["authors"] : $0.names } ?? strings["newAuthor"]
        let layout = base.layout(title: title, language: member.language, member: member, csrf: csrf)
        var photos = try await desk.photoChoices(edition: member.language, limit: 100).map {
            NewsroomViews.Option(value: String($0.id), label: $0.label, selected: $0.id == typed.photoID)
        }
        // A photo older than the recent ones stays chosen.
        if let chosen = typed.photoID, !photos.contains(where: \.selected) {
            photos.insert(NewsroomViews.Option(value: String(chosen), label: String(chosen), selected: true), at: 0)
        }
        let others = try await person.asyncMap { person in
            try await people.list(limit: 2000).filter { $0.id != person.id }
        } ?? []
        let model = FormPage(
            title: title, csrf: csrf, message: message, refused: status != .ok,
            action: person.map { "/admin/authors/\($0.id)" } ?? "/admin/authors/new", isNew: person == nil,
            editions: site.configuration.editions.all.map { edition in
                let byline = person?.byline(edition.code)
                return EditionFields(
                    code: edition.code, editionName: edition.name, name: typed.names[edition.code] ?? "",
                    bio: typed.bios[edition.code] ?? "",
                    publicPath: byline.map { SitePath.author(edition, slug: $0.slug, page: 1).path },
                    articles: byline?.articles ?? 0)
            },
            links: typed.links,
            photos: photos,
            staffAccounts: try await staff.list().map {
                NewsroomViews.Option(value: String($0.id), label: "\($0.name) <\($0.email)>", selected: $0.id == typed.staffID)
            },
            retired: typed.retired, remakeSlugs: typed.remakeSlugs,
            merge: person.flatMap { person in
                others.isEmpty
                    ? nil
                    : Merge(
                        action: "/admin/authors/\(person.id)/merge", csrf: csrf,
                        targets: others.map { NewsroomViews.Option(value: String($0.id), label: $0.names, selected: false) })
            })
        return try base.page(model, template: "newsroom/author", layout: layout, status: status)
    }
}
