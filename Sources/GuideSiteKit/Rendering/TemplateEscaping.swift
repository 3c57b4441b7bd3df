import Mustache

/// How `{{name}}` is escaped in every theme template: the same five characters as
/// swift-mustache's HTML content type (`& < > " '`), escaped over UTF-8 bytes by
/// ``HTMLEscaping`` instead of character by character through a dictionary, which took a tenth
/// of a whole build.
///
/// swift-mustache picks a template's escaping from a `CONTENT_TYPE` pragma; ``Theme`` puts
/// ``pragma`` on a line of its own before each template's text (a standalone tag, so it
/// renders to nothing), and every partial and parent template gets it too.
enum TemplateEscaping {
    /// The name the escaping is registered under.
    static let contentTypeName = "GUIDESITE_HTML"

    /// The pragma line put before each template.
    static let pragma = "{{% CONTENT_TYPE: \(contentTypeName) }}\n"

    /// Registers the escaping with swift-mustache; done once, before any template is parsed.
    static let registered: Void = {
        MustacheContentTypes.register(ByteHTMLContentType(), named: contentTypeName)
    }()

    /// The content type itself.
    struct ByteHTMLContentType: MustacheContentType {
        func escapeText(_ text: String) -> String { HTMLEscaping.escape(text) }
    }
}
