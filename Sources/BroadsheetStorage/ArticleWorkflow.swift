import BroadsheetDomain
import Foundation
import SQLKit

extension ArticleDesk {
    /// Moves an article to `status`, as the permission table allows `staff`.
    ///
    /// Publishing takes an optional time: none publishes now (or, for an article taken down, again with its
    /// first time); a past one publishes with that time (an archive story, for those who may set the time);
    /// a future one schedules. Scheduling needs a future time. Either waits until every photo the article shows
    /// has its caption, credit and alt text. The first publication fixes the day in the article's URL.
    public func move(
        id: Int, to status: ArticleStatus, at time: Date? = nil, by staff: StaffMember?, now: Date = Date()
    ) async throws {
        guard let article = try await load(id: id) else { throw DeskError.noSuchArticle(id) }
        // A future time on "publish" schedules.
        let target = status == .published && time.map { $0 > now } == true ? ArticleStatus.scheduled : status
        if let staff,
            !Permissions.mayMove(
                role: staff.role, actorID: staff.id, ownerID: article.createdBy, from: article.status, to: target)
        {
            throw DeskError.moveNotAllowed(from: article.status, to: target)
        }
        if target == .published, time != nil { try Self.require(.setPublicationTime, of: staff) }
        if target == .scheduled {
            guard let time else { throw DeskError.missingScheduleTime }
            guard time > now else { throw DeskError.scheduleInThePast }
        }
        try await announcing(article: id) { try await database.transaction { db in
            if target == .published || target == .scheduled {
                let gaps = try await Self.photoGaps(in: article.draft, in: db)
                guard gaps.isEmpty else { throw DeskError.photosIncomplete(gaps) }
            }
            var update = db.update("articles").set("status", to: SQLBind(target.rawValue))
            var redated = true
            switch target {
            case .published where time != nil:
                update = try await dated(update, article: article, at: time!, in: db)
            case .published where article.status != .unpublished || article.publishedAt == nil:
                // A first publication (or a schedule published early) is dated now.
                update = try await dated(update, article: article, at: now, in: db)
            case .scheduled:
                update = try await dated(update, article: article, at: time!, in: db)
            default:
                redated = false
            }
            try await update.where("id", .equal, SQLBind(id)).run()
            // The search index keeps articles in order of publication.
            if redated { try await SearchIndex.refresh([id], in: db) }
            try await AuditLog.record(
                Self.auditAction(target), by: staff, subject: "article \(id)",
                detail: time.map { "for \($0.ISO8601Format())" } ?? "", now: now, in: db)
        } }
    }

    /// Corrects the time of a published article (to a time that has passed) or of a scheduled one (to a time
    /// still to come). A published article keeps the date in its URL unless `movingAddress`; then it moves to
    /// the new day and its old address answers 301.
    public func retime(id: Int, to time: Date, movingAddress: Bool = false, by staff: StaffMember?, now: Date = Date())
        async throws
    {
        guard let article = try await load(id: id) else { throw DeskError.noSuchArticle(id) }
        switch article.status {
        case .published:
            try Self.require(.setPublicationTime, of: staff)
            guard time <= now else { throw DeskError.publicationTimeInTheFuture }
        case .scheduled:
            try Self.require(.schedule, of: staff)
            guard time > now else { throw DeskError.scheduleInThePast }
        default:
            throw DeskError.notDated(article.status)
        }
        let calendar = EditionCalendar(localeIdentifier: "en_GB", timeZone: timeZone)
        let day = calendar.localDay(time)
        let moving = article.day != day && (article.status == .scheduled || movingAddress)
        try await announcing(article: id) { try await database.transaction { db in
            var update = db.update("articles").set("published_at", to: SQLBind(time.epochSeconds))
            if moving {
                let slug = try await NewsroomWriter.freeSlug(article.slug, edition: article.draft.edition, day: day, in: db)
                update = update.set("url_day", to: SQLBind(day.isoString)).set("slug", to: SQLBind(slug))
                if article.status == .published, let old = article.day {
                    try await db.insert(into: "article_old_urls").columns("edition", "url_day", "slug", "article_id")
                        .values(SQLBind(article.draft.edition), SQLBind(old.isoString), SQLBind(article.slug), SQLBind(id))
                        .ignoringConflicts().run()
                }
                // Moving back to an address it had before: that address is its own again, not a redirect.
                try await db.delete(from: "article_old_urls").where("edition", .equal, SQLBind(article.draft.edition))
                    .where("url_day", .equal, SQLBind(day.isoString)).where("slug", .equal, SQLBind(slug)).run()
            }
            try await update.where("id", .equal, SQLBind(id)).run()
            try await SearchIndex.refresh([id], in: db)
            let from = article.publishedAt.map { $0.ISO8601Format() } ?? "none"
            try await AuditLog.record(
                "changed the publication time", by: staff, subject: "article \(id)",
                detail: "from \(from) to \(time.ISO8601Format())" + (moving && article.status == .published ? ", address moved" : ""),
                now: now, in: db)
        } }
    }

    static func auditAction(_ status: ArticleStatus) -> String {
        switch status {
        case .draft: "returned to draft"
        case .inReview: "sent for review"
        case .scheduled: "scheduled"
        case .published: "published"
        case .unpublished: "unpublished"
        }
    }

    /// Sets publication time and URL day, finding a free slug for that day.
    private func dated(_ update: SQLUpdateBuilder, article: EditableArticle, at date: Date, in db: any SQLDatabase)
        async throws -> SQLUpdateBuilder
    {
        let calendar = EditionCalendar(localeIdentifier: "en_GB", timeZone: timeZone)
        let day = calendar.localDay(date)
        var slug = article.slug
        if day != article.day {
            slug = try await NewsroomWriter.freeSlug(slug, edition: article.draft.edition, day: day, in: db)
            // Published again on another day: readers' links to the first address follow it.
            if article.status == .unpublished, let old = article.day {
                try await db.insert(into: "article_old_urls").columns("edition", "url_day", "slug", "article_id")
                    .values(SQLBind(article.draft.edition), SQLBind(old.isoString), SQLBind(article.slug), SQLBind(article.id))
                    .ignoringConflicts().run()
            }
        }
        return update.set("published_at", to: SQLBind(date.epochSeconds)).set("url_day", to: SQLBind(day.isoString))
            .set("slug", to: SQLBind(slug))
    }

    /// Publishes every scheduled article whose time has come, those that fell due while the server was down
    /// included, each with its audit entry in the same transaction. Returns their ids.
    ///
    /// Every node runs a scheduler; the scheduler's advisory lock lets one of them publish at a time, and a
    /// node that finds it taken simply looks again on its next tick. Nothing is left behind by a node that
    /// dies holding it: the lock ends with its transaction.
    ///
    /// `pause` keeps the lock that long after publishing, before committing: fault injection for the
    /// several-nodes test, which kills a node while it holds the lock. Zero everywhere else.
    public func publishDue(now: Date = Date(), pause: Duration = .zero) async throws -> [Int] {
        let engine = database.engine
        let published: [Int] = try await database.transaction { db in
            guard try await engine.tryLock(.scheduler, in: db) else { return [] }
            let due = try await db.select().column("id").from("articles")
                .where("status", .equal, SQLBind(ArticleStatus.scheduled.rawValue))
                .where("published_at", .lessThanOrEqual, SQLBind(now.epochSeconds))
                .all(decodingColumn: "id", as: Int.self)
            guard !due.isEmpty else { return [] }
            // The scheduled time stays the publication time: readers see when it was meant to appear.
            try await db.update("articles").set("status", to: SQLBind(ArticleStatus.published.rawValue))
                .where("id", .in, SQLBind.group(due)).run()
            for id in due {
                try await AuditLog.record("published (scheduled)", by: nil, subject: "article \(id)", now: now, in: db)
            }
            if pause > .zero { try await Task.sleep(for: pause) }
            return due
        }
        var keys = Set<SurrogateKey>()
        for id in published { keys.formUnion(try await ArticleFootprint.keys(of: id, in: database.sql)) }
        database.changes.announce(keys)
        return published
    }
}

/// The newsroom's article list: filters and a page.
public struct ArticleFilter: Sendable, Hashable {
    public var edition: String?
    public var status: ArticleStatus?
    public var authorID: Int?
    public var sectionID: Int?
    public var tagID: Int?
    /// Words that must all appear in the headline.
    public var words: String
    public var page: Int

    public init(
        edition: String? = nil, status: ArticleStatus? = nil, authorID: Int? = nil, sectionID: Int? = nil,
        tagID: Int? = nil, words: String = "", page: Int = 1
    ) {
        self.edition = edition
        self.status = status
        self.authorID = authorID
        self.sectionID = sectionID
        self.tagID = tagID
        self.words = words
        self.page = page
    }
}

extension DeskQueries {
    /// One page of the article list, newest first, and whether there is a next page.
    public func articles(_ filter: ArticleFilter, pageSize: Int = 30) async throws -> (items: [DeskItem], hasMore: Bool) {
        var query = db.select()
            .columns("id", "edition", "headline", "slug", "status", "published_at", "url_day", "translation_group")
            .from("articles")
        if let edition = filter.edition { query = query.where("edition", .equal, SQLBind(edition)) }
        if let status = filter.status { query = query.where("status", .equal, SQLBind(status.rawValue)) }
        if let section = filter.sectionID { query = query.where("section_id", .equal, SQLBind(section)) }
        if let author = filter.authorID {
            query = query.where(
                SQLIdentifier("id"), .in,
                SQLGroupExpression(
                    db.select().column("article_id").from("article_authors")
                        .where("author_id", .equal, SQLBind(author)).query))
        }
        if let tag = filter.tagID {
            query = query.where(
                SQLIdentifier("id"), .in,
                SQLGroupExpression(
                    db.select().column("article_id").from("article_tags").where("tag_id", .equal, SQLBind(tag)).query))
        }
        for word in filter.words.split(whereSeparator: \.isWhitespace).prefix(8) {
            // SQLite folds the case of ASCII letters only: try the word as typed, in lower case and capitalised,
            // so that "парламент" finds "Парламент". Full-text search proper is its own issue.
            let clean = String(word).replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "")
            let forms = Set([clean, clean.lowercased(), clean.prefix(1).uppercased() + clean.dropFirst().lowercased()])
            query = query.where { group in
                var group = group
                for form in forms { group = group.orWhere("headline", .like, SQLBind("%\(form)%")) }
                return group
            }
        }
        let rows = try await query.orderBy("created_at", .descending).orderBy("id", .descending)
            .limit(pageSize + 1).offset((max(filter.page, 1) - 1) * pageSize)
            .all(decoding: Row.self)
        return (rows.prefix(pageSize).map(\.item), rows.count > pageSize)
    }
}
