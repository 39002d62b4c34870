import Foundation
import Mustache

/// Renders page models with the Mustache templates in Resources/Templates (HTML-escaped unless `{{{ }}}`).
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    static func load() async throws -> PageRenderer {
        guard let url = Bundle.module.url(forResource: "Templates", withExtension: nil, subdirectory: "Resources")
        else { throw ResourceError.missing("Resources/Templates") }
        return PageRenderer(library: try await MustacheLibrary(directory: url.path))
    }

    enum RenderError: Error {
        case noTemplate(String)
    }

    func render(_ model: Any, template: String) throws -> String {
        guard let html = library.render(model, withTemplate: template) else { throw RenderError.noTemplate(template) }
        return html
    }
}
