import BroadsheetDomain
import BroadsheetStorage
import HTTPTypes

/// The author form as typed: shown again as it was when `People` refuses it.
struct AuthorForm: Sendable {
    /// By edition code.
    var names: [String: String] = [:]
    var bios: [String: String] = [:]
    var links = ""
    var photoID: Int?
    var staffID: Int?
    var retired = false
    var remakeSlugs = false

    init(fields: FormFields, editions: [Edition]) {
        for edition in editions {
            names[edition.code] = fields["name_\(edition.code)"]
            bios[edition.code] = fields["bio_\(edition.code)"]
        }
        links = fields["links"]
        photoID = Int(fields["photo"])
        staffID = Int(fields["staff"])
        retired = fields["retired"] == "1"
        remakeSlugs = fields["remake_slugs"] == "1"
    }

    /// The form a person's page opens with, or an empty one.
    init(_ person: Person?) {
        guard let person else { return }
        for byline in person.bylines {
            names[byline.edition] = byline.name
            bios[byline.edition] = byline.bio
        }
        links = person.links
        photoID = person.photoID
        staffID = person.staffID
        retired = person.retired
    }

    var draft: PersonDraft {
        PersonDraft(
            bylines: Dictionary(
                uniqueKeysWithValues: names.map { ($0.key, PersonDraft.Byline(name: $0.value, bio: bios[$0.key] ?? "")) }),
            photoID: photoID, links: links, staffID: staffID, retired: retired)
    }
}

extension PeopleError {
    /// What the staff member reads, in their language, and the status to answer with.
    func refusal(strings: UIStrings, editionName: (String) -> String) -> (status: HTTPResponse.Status, message: String) {
        switch self {
        case .noSuchPerson: (.notFound, strings["refusedNoSuchAuthor"])
        case .noSuchEdition: (.badRequest, strings["refusedNoSuchEdition"])
        case .noSuchStaff: (.badRequest, strings["refusedNoSuchStaff"])
        case .noSuchPhoto: (.badRequest, strings["refusedNoSuchPhoto"])
        case .noName: (.badRequest, strings["refusedAuthorNoName"])
        case .linkIncomplete(let line): (.badRequest, "\(strings["footerLinkIncomplete"]) \(line)")
        case .linkNotAllowed(let url): (.badRequest, "\(strings["footerLinkNotAllowed"]) \(url)")
        case .bylineInUse(let edition, let count):
            (
                .badRequest,
                strings["refusedBylineInUse"].replacingOccurrences(of: "{edition}", with: editionName(edition))
                    .replacingOccurrences(of: "{count}", with: String(count))
            )
        case .mergeIntoSelf: (.badRequest, strings["refusedMergeIntoSelf"])
        }
    }
}
