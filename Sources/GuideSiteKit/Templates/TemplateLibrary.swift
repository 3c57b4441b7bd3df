/// A theme's templates by name (`article`, `partials/header`): the pages render from it, and its
/// templates name each other in partial (`{{>name}}`) and parent (`{{<name}}`) tags.
public struct TemplateLibrary: Sendable {
    var templates: [String: Template]

    public init(templates: [String: Template]) {
        self.templates = templates
    }

    public subscript(name: String) -> Template? { templates[name] }

    /// The template `name` rendered with `context`, as UTF-8 bytes; nil when there is no such template.
    public func render(_ name: String, _ context: TemplateObject, capacity: Int = 1 << 16) -> [UInt8]? {
        try? rendering(name, context, capacity: capacity)
    }

    /// The template `name` rendered with `context`, as UTF-8 bytes.
    /// - Throws: ``TemplateRenderError`` when there is no such template or partials nest too deep.
    public func rendering(_ name: String, _ context: TemplateObject, capacity: Int = 1 << 16) throws(TemplateRenderError) -> [UInt8] {
        guard let template = templates[name] else { throw .missing(name) }
        var renderer = TemplateRenderer(library: self, root: .object(context))
        renderer.out.reserveCapacity(capacity)
        renderer.render(template.nodes, TemplateRenderer.Frame())
        if let partial = renderer.tooDeep { throw .tooDeep(partial: partial) }
        return renderer.out
    }
}

/// Why a template could not be rendered.
public enum TemplateRenderError: Error, Sendable, Equatable, CustomStringConvertible {
    case missing(String)
    /// Partials and parents nested more than ``TemplateRenderer/maximumDepth`` deep: a template that includes itself.
    case tooDeep(partial: String)

    public var description: String {
        switch self {
        case let .missing(name): "the theme has no template '\(name)'"
        case let .tooDeep(partial): "partials nest more than \(TemplateRenderer.maximumDepth) deep at '\(partial)' (does a template include itself?)"
        }
    }
}
