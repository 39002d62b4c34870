import BroadsheetDomain
import Foundation

/// One edition with everything its pages speak in: interface words and date formats.
struct EditionContext: Sendable {
    let edition: Edition
    let strings: UIStrings
    let calendar: EditionCalendar

    /// The label shown above a headline: the kind's name for every kind but news, "Breaking" when breaking.
    func label(for summary: ArticleSummary) -> String? {
        if summary.isBreaking { return strings["breaking"] }
        return summary.kind.isLabelled ? strings["kind_\(summary.kind.rawValue)"] : nil
    }
}

/// Everything a page of the public site is built from, shared by every request.
struct SiteContext: Sendable {
    let configuration: SiteConfiguration
    let editions: [String: EditionContext]
    let stylesheet: StaticFile
    let logo: StaticFile
    let renderer: PageRenderer

    init(configuration: SiteConfiguration, stylesheet: StaticFile, logo: StaticFile, renderer: PageRenderer) throws {
        self.configuration = configuration
        var editions: [String: EditionContext] = [:]
        for edition in configuration.editions.all {
            editions[edition.code] = EditionContext(
                edition: edition, strings: try UIStrings.load(language: edition.code),
                calendar: EditionCalendar(localeIdentifier: edition.localeIdentifier, timeZone: configuration.timeZone))
        }
        self.editions = editions
        self.stylesheet = stylesheet
        self.logo = logo
        self.renderer = renderer
    }

    func context(for edition: Edition) -> EditionContext { editions[edition.code]! }

    func edition(code: String) -> Edition? { configuration.editions.edition(code: code) }
}
