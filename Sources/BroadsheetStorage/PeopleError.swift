/// Why `People` refused a change. Nothing was written.
public enum PeopleError: Error, Equatable, CustomStringConvertible {
    case noSuchPerson(Int)
    case noSuchEdition(String)
    case noSuchStaff(Int)
    case noSuchPhoto(Int)
    /// Every edition's name is empty: a person needs a name in at least one.
    case noName
    /// A line of links is not "Label | https://...".
    case linkIncomplete(String)
    /// A link's address is not one the site links to (http, https, mailto or a path on the site).
    case linkNotAllowed(String)
    /// The edition's name cannot be removed while that many of the edition's articles carry the byline.
    case bylineInUse(edition: String, articles: Int)
    /// A person cannot be merged into themselves.
    case mergeIntoSelf

    public var description: String {
        switch self {
        case .noSuchPerson(let id): "there is no author \(id)"
        case .noSuchEdition(let code): "there is no edition \(code)"
        case .noSuchStaff(let id): "there is no staff account \(id)"
        case .noSuchPhoto(let id): "there is no photo \(id)"
        case .noName: "an author needs a name in at least one edition"
        case .linkIncomplete(let line): "a link needs a label and an address, \"Label | https://...\": \(line)"
        case .linkNotAllowed(let url): "links must be http(s), mailto or a path on the site: \(url)"
        case .bylineInUse(let edition, let articles):
            "the name in edition \(edition) is on \(articles) articles; merge the author or change those articles first"
        case .mergeIntoSelf: "an author cannot be merged into themselves"
        }
    }
}
