/// What kind of journalism an article is; every kind but plain news is labelled on the page.
public enum ArticleKind: String, Sendable, CaseIterable, Codable {
    case news
    case explainer
    case opinion
    case interview
    case analysis
    case live
    case feature

    /// Plain news carries no label.
    public var isLabelled: Bool { self != .news }
}

/// Where an article stands in the newsroom's workflow.
public enum ArticleStatus: String, Sendable, CaseIterable, Codable {
    case draft
    case inReview = "in_review"
    case scheduled
    case published
    case unpublished
}
