/// A Mustache template, parsed once into nodes that render without further parsing.
///
/// The dialect is swift-mustache's, which the themes were written for: the Mustache spec
/// (variables, sections, inverted sections, comments, partials, set delimiters), template
/// inheritance (`{{<parent}}` with `{{$block}}`), the `CONTENT_TYPE` pragma and transforms
/// (`{{#first(list)}}`). ``TemplateParser`` makes it, ``TemplateRenderer`` renders it.
public struct Template: Sendable {
    let nodes: [TemplateNode]

    /// Parses a template's text; throws a ``TemplateSyntaxError`` with the line and column of the faulty tag.
    public init(_ text: String) throws(TemplateSyntaxError) {
        var parser = TemplateParser(text)
        nodes = try parser.parse()
    }

    init(nodes: [TemplateNode]) {
        self.nodes = nodes
    }
}

/// A part of a parsed template.
indirect enum TemplateNode: Sendable {
    /// Text written as it is (already UTF-8).
    case text([UInt8])
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{& name}}` (not escaped).
    case variable(TemplateName, escaped: Bool)
    /// `{{#name}}…{{/name}}`, or `{{^name}}…{{/name}}` when inverted.
    case section(TemplateName, [TemplateNode], inverted: Bool)
    /// `{{>name}}`, `{{>*name}}` (the name read from the context) or `{{<parent}}…{{/parent}}`
    /// (with the blocks it overrides). `indentation` is set for a standalone tag.
    case partial(String, dynamic: Bool, indentation: [UInt8]?, overrides: [String: [TemplateNode]]?)
    /// `{{$name}}default{{/name}}` outside a parent tag: a block a child template may override.
    case block(String, defaultNodes: [TemplateNode], indentation: [UInt8])
    /// `{{$name}}…{{/name}}` directly inside `{{<parent}}`: what the parent's block becomes
    /// (only while parsing: it ends up in the parent's overrides).
    case blockDefinition(String, [TemplateNode])
    /// `{{% CONTENT_TYPE: TEXT }}`: whether the variables after it (in this template) are escaped.
    case escaping(Bool)
}

/// A name as a tag writes it: `title`, `page.title`, `.`, `.title` or `first(items)`.
struct TemplateName: Sendable {
    enum Scope: Sendable {
        /// `.`: the innermost value.
        case current
        /// `first()`: the position in the list being rendered (for transforms only).
        case position
        /// `.title`: looked up in the innermost value only.
        case innermost
        /// `title`, `page.title`: the first part is looked up from the innermost value outwards.
        case stack
    }

    var scope: Scope
    var parts: [String]
    /// Transforms in the order they apply (innermost first).
    var transforms: [String]
    /// The name as written, for closing tags (`{{/first(items)}}` closes `{{#first(items)}}`).
    var written: String
}
