import BroadsheetDomain

struct SectionRow: Decodable {
    let id: Int
    let edition: String
    let slug: String
    let name: String
    let position: Int
    var section: Section { Section(id: id, edition: edition, slug: slug, name: name, position: position) }
}

struct TagRow: Decodable {
    let id: Int
    let edition: String
    let slug: String
    let name: String
    var tag: Tag { Tag(id: id, edition: edition, slug: slug, name: name) }
}

struct AuthorRow: Decodable {
    let id: Int
    let edition: String
    let slug: String
    let name: String
    let bio: String
    var author: Author { Author(id: id, edition: edition, slug: slug, name: name, bio: bio) }
}

struct PhotoRow: Decodable {
    let id: Int
    let file: String
    let width: Int
    let height: Int
    let caption: String
    let credit: String
    let alt_text: String
    var photo: Photo {
        Photo(id: id, file: file, width: width, height: height, caption: caption, credit: credit, altText: alt_text)
    }
}
