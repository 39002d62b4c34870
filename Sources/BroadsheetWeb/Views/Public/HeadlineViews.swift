/// One headline in a list, and a titled block of them (partials/headline and partials/headlines were).
enum HeadlineViews {
    static func item(_ item: HeadlineItem, into out: inout HTMLWriter) {
        out.markup("<li class=\"headline")
        if item.photo != nil { out.markup(" with-photo") }
        out.markup("\">")
        if let photo = item.photo {
            out.image(src: photo.src, width: photo.width, height: photo.height, alt: photo.alt)
            out.markup(" loading=\"lazy\" decoding=\"async\">")
        }
        out.markup("<div class=\"headline-text\">")
        if let label = item.label {
            out.label(label, breaking: item.breaking)
            out.markup(" ")
        }
        out.link(item.path, item.headline)
        if let time = item.time {
            out.markup(" <time datetime=\"")
            out.text(item.datetime)
            out.markup("\">")
            out.text(time)
            out.markup("</time>")
        }
        if let lead = item.lead {
            out.markup("<p class=\"lead\">")
            out.text(lead)
            out.markup("</p>")
        }
        out.markup("</div></li>\n")
    }

    static func block(_ block: HeadlineBlock, into out: inout HTMLWriter) {
        out.markup("<section class=\"headlines\" aria-labelledby=\"")
        out.text(block.blockID)
        out.markup("\">\n<h2 id=\"")
        out.text(block.blockID)
        out.markup("\">")
        if let path = block.blockPath {
            out.link(path, block.blockTitle)
        } else {
            out.text(block.blockTitle)
        }
        out.markup("</h2>\n<ul>")
        for item in block.blockItems { self.item(item, into: &out) }
        out.markup("</ul>\n")
        if let more = block.blockMorePath {
            out.markup("<p class=\"more\">")
            out.link(more, block.blockMoreText ?? "")
            out.markup("</p>")
        }
        out.markup("\n</section>\n")
    }
}
