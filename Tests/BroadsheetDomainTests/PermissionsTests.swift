import Testing
@testable import BroadsheetDomain

@Suite("Staff roles and permissions")
struct PermissionsTests {
    // MARK: - The permission table, pair by pair

    /// Who may do what, written out role by role; deliberately not derived from `Permissions.table`.
    static let expectedRoles: [NewsroomAction: Set<StaffRole>] = [
        .viewNewsroom: [.contributor, .author, .editor, .admin],
        .createDraft: [.contributor, .author, .editor, .admin],
        .editOwnDraft: [.contributor, .author, .editor, .admin],
        .uploadPhoto: [.contributor, .author, .editor, .admin],
        .submitForReview: [.author, .editor, .admin],
        .editAnyArticle: [.editor, .admin],
        .publish: [.editor, .admin],
        .schedule: [.editor, .admin],
        .setPublicationTime: [.editor, .admin],
        .unpublish: [.editor, .admin],
        .returnToDraft: [.editor, .admin],
        .addCorrection: [.editor, .admin],
        .translate: [.editor, .admin],
        .editPhotoMetadata: [.editor, .admin],
        .manageTags: [.editor, .admin],
        .manageAuthors: [.editor, .admin],
        .arrangeHomePage: [.editor, .admin],
        .manageSections: [.admin],
        .deleteArticle: [.admin],
        .manageStaff: [.admin],
        .manageSettings: [.admin],
        .readAuditLog: [.admin],
    ]

    @Test("Each role may do exactly the expected actions", arguments: StaffRole.allCases, NewsroomAction.allCases)
    func allows(role: StaffRole, action: NewsroomAction) throws {
        let allowed = try #require(Self.expectedRoles[action], "no expectation written for \(action)")
        #expect(Permissions.allows(role, action) == allowed.contains(role))
    }

    @Test("The table names a least role for every action")
    func tableIsComplete() {
        for action in NewsroomAction.allCases {
            #expect(Permissions.table[action] != nil, "\(action) is missing from the table")
        }
    }

    @Test("Admins may do everything; contributors nothing beyond writing drafts")
    func extremes() {
        #expect(NewsroomAction.allCases.allSatisfy { Permissions.allows(.admin, $0) })
        let contributor = Set(NewsroomAction.allCases.filter { Permissions.allows(.contributor, $0) })
        #expect(contributor == [.viewNewsroom, .createDraft, .editOwnDraft, .uploadPhoto])
    }

    // MARK: - Editing an article

    static let actor = 7
    static let someoneElse = 8

    enum Owner: String, Sendable, CaseIterable {
        case own, other, nobody

        var ownerID: Int? {
            switch self {
            case .own: PermissionsTests.actor
            case .other: PermissionsTests.someoneElse
            case .nobody: nil
            }
        }
    }

    struct EditCase: Sendable, Hashable, CustomTestStringConvertible {
        let role: StaffRole
        let owner: Owner
        let status: ArticleStatus
        var testDescription: String { "\(role) editing \(owner) \(status.rawValue)" }
    }

    /// The only edits a contributor or author may make: their own article, while it is a draft.
    static let writerEdits: Set<EditCase> = [
        EditCase(role: .contributor, owner: .own, status: .draft),
        EditCase(role: .author, owner: .own, status: .draft),
    ]

    static let editCases: [EditCase] = StaffRole.allCases.flatMap { role in
        Owner.allCases.flatMap { owner in
            ArticleStatus.allCases.map { EditCase(role: role, owner: owner, status: $0) }
        }
    }

    @Test("Writers edit only their own drafts; editors and admins edit anything", arguments: editCases)
    func mayEdit(example: EditCase) {
        let expected = example.role == .editor || example.role == .admin || Self.writerEdits.contains(example)
        let actual = Permissions.mayEdit(
            role: example.role, actorID: Self.actor, ownerID: example.owner.ownerID, status: example.status
        )
        #expect(actual == expected)
    }

    // MARK: - Moving an article between statuses

    struct Move: Sendable, Hashable, CustomStringConvertible {
        let from: ArticleStatus
        let to: ArticleStatus
        init(_ from: ArticleStatus, _ to: ArticleStatus) {
            self.from = from
            self.to = to
        }
        var description: String { "\(from.rawValue)->\(to.rawValue)" }
    }

    /// Every move an editor or admin may make, on anyone's article.
    static let editorialMoves: Set<Move> = [
        Move(.draft, .inReview),
        Move(.inReview, .draft),
        Move(.draft, .published),
        Move(.inReview, .published),
        Move(.draft, .scheduled),
        Move(.inReview, .scheduled),
        Move(.scheduled, .published),
        Move(.scheduled, .draft),
        Move(.published, .unpublished),
        Move(.unpublished, .published),
        Move(.unpublished, .draft),
    ]

    /// Allowed moves per role: on the actor's own article, and on someone else's (or nobody's).
    static let expectedMoves: [StaffRole: (own: Set<Move>, others: Set<Move>)] = [
        .contributor: (own: [], others: []),
        .author: (own: [Move(.draft, .inReview), Move(.inReview, .draft)], others: []),
        .editor: (own: editorialMoves, others: editorialMoves),
        .admin: (own: editorialMoves, others: editorialMoves),
    ]

    struct MoveCase: Sendable, CustomTestStringConvertible {
        let role: StaffRole
        let move: Move
        var testDescription: String { "\(role): \(move)" }
    }

    static let moveCases: [MoveCase] = StaffRole.allCases.flatMap { role in
        ArticleStatus.allCases.flatMap { from in
            ArticleStatus.allCases.map { MoveCase(role: role, move: Move(from, $0)) }
        }
    }

    @Test("Each role makes exactly the expected status moves", arguments: moveCases)
    func mayMove(example: MoveCase) throws {
        let expected = try #require(Self.expectedMoves[example.role])
        for owner in Owner.allCases {
            let allowed = owner == .own ? expected.own : expected.others
            let actual = Permissions.mayMove(
                role: example.role, actorID: Self.actor, ownerID: owner.ownerID,
                from: example.move.from, to: example.move.to
            )
            #expect(actual == allowed.contains(example.move), "\(owner) article")
        }
    }

    @Test("No one moves an article to the status it already has", arguments: StaffRole.allCases)
    func sameStatusIsRefused(role: StaffRole) {
        for status in ArticleStatus.allCases {
            #expect(!Permissions.mayMove(role: role, actorID: 1, ownerID: 1, from: status, to: status))
        }
    }

    // MARK: - Roles

    @Test("Editors and admins need a second factor; writers do not")
    func secondFactor() {
        #expect(!StaffRole.contributor.requiresSecondFactor)
        #expect(!StaffRole.author.requiresSecondFactor)
        #expect(StaffRole.editor.requiresSecondFactor)
        #expect(StaffRole.admin.requiresSecondFactor)
    }

    @Test("Roles are ordered from least to most trusted")
    func ordering() {
        #expect(StaffRole.contributor < .author)
        #expect(StaffRole.author < .editor)
        #expect(StaffRole.editor < .admin)
        #expect(!(StaffRole.editor < .editor))
        #expect(!(StaffRole.admin < .contributor))
        #expect([StaffRole.admin, .contributor, .editor, .author].sorted() == [.contributor, .author, .editor, .admin])
    }

    @Test("Role names are stable, since they are stored")
    func rawValues() {
        #expect(StaffRole.allCases.map(\.rawValue) == ["contributor", "author", "editor", "admin"])
        #expect(StaffRole(rawValue: "editor") == .editor)
        #expect(StaffRole(rawValue: "Editor") == nil)
    }

    @Test("The writer opens their article in every status; others only what they may edit")
    func opening() {
        for status in ArticleStatus.allCases {
            #expect(Permissions.mayOpen(role: .contributor, actorID: Self.actor, ownerID: Self.actor, status: status))
            #expect(
                Permissions.mayOpen(role: .contributor, actorID: Self.actor, ownerID: Self.someoneElse, status: status)
                    == false)
            #expect(Permissions.mayOpen(role: .editor, actorID: Self.actor, ownerID: Self.someoneElse, status: status))
        }
    }
}
