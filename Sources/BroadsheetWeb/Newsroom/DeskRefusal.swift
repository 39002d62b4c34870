import BroadsheetDomain
import BroadsheetStorage
import HTTPTypes

/// The one place where the desk's refusals become words: the status to answer with and a message, in the staff
/// member's language, that says what to do. Every newsroom form that calls the desk answers through it.
struct DeskRefusal {
    let status: HTTPResponse.Status
    let message: String

    init(_ error: DeskError, strings: UIStrings, editionName: (String) -> String) {
        func field(_ field: DeskError.EditionField) -> String { strings["field_\(field.rawValue)"] }
        switch error {
        case .noSuchArticle:
            (status, message) = (.notFound, strings["notFound"])
        case .noSuchRevision:
            (status, message) = (.notFound, strings["refusedNoSuchRevision"])
        case .noSuchEdition:
            (status, message) = (.badRequest, strings["refusedNoSuchEdition"])
        case .invalid:
            (status, message) = (.badRequest, strings["refusedInvalid"])
        case .notAllowed:
            (status, message) = (.forbidden, strings["forbidden"])
        case .moveNotAllowed:
            (status, message) = (.forbidden, strings["forbiddenMove"])
        case .photosIncomplete(let gaps):
            let list = gaps.map { gap in
                "\(strings["photoLabel"]) \(gap.photoID): "
                    + gap.missing.map { strings["missing_\($0.rawValue)"] }.joined(separator: ", ")
            }.joined(separator: "; ")
            (status, message) = (.badRequest, "\(strings["photoIncomplete"]) \(list).")
        case .missingScheduleTime:
            (status, message) = (.badRequest, strings["missingScheduleTime"])
        case .scheduleInThePast:
            (status, message) = (.badRequest, strings["scheduleInThePast"])
        case .publicationTimeInTheFuture:
            (status, message) = (.badRequest, strings["refusedTimeInTheFuture"])
        case .notDated:
            (status, message) = (.badRequest, strings["refusedNotDated"])
        case .otherEdition(let name, let entry, let edition):
            let text = strings["refusedOtherEdition"].replacingOccurrences(of: "{field}", with: field(name))
                .replacingOccurrences(of: "{name}", with: entry).replacingOccurrences(of: "{edition}", with: editionName(edition))
            (status, message) = (.badRequest, text)
        case .unknown(let name, _):
            (status, message) = (.badRequest, strings["refusedUnknown"].replacingOccurrences(of: "{field}", with: field(name)))
        case .correctionEmpty:
            (status, message) = (.badRequest, strings["correctionEmpty"])
        case .correctionTooLong:
            (status, message) = (.badRequest, strings["refusedCorrectionTooLong"])
        case .notPublished:
            (status, message) = (.badRequest, strings["refusedNotPublished"])
        case .retired(let name):
            (status, message) = (.badRequest, strings["refusedRetired"].replacingOccurrences(of: "{name}", with: name))
        case .nameUnusable(let name):
            (status, message) = (.badRequest, strings["refusedNameUnusable"].replacingOccurrences(of: "{name}", with: name))
        }
    }
}
