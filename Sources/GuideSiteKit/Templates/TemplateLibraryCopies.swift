import Foundation

/// Copies of a template library that share no storage with it or with one another, lent one
/// per rendering thread.
///
/// Rendering reads the parsed templates all the time, and each read of a node, name or text
/// retains and releases it. Two cores rendering pages from one library do those atomic counts
/// on the same memory, and each takes the other's cache line away: in a full build, two thirds
/// of the template renderer's retains were that waiting. With a copy each, the counts stay in
/// the core's own cache.
final class TemplateLibraryCopies: @unchecked Sendable {
    private let original: TemplateLibrary
    private let lock = NSLock()
    /// The copies not lent at the moment, last returned last.
    private var idle: [TemplateLibrary] = []

    init(of library: TemplateLibrary) {
        original = library
    }

    /// Calls `body` with a copy no other thread is using; a new copy is made when all are lent.
    func withCopy<R>(_ body: (TemplateLibrary) throws(TemplateRenderError) -> R) throws(TemplateRenderError) -> R {
        let library = lock.withLock { idle.popLast() } ?? original.storageCopy()
        defer { lock.withLock { idle.append(library) } }
        return try body(library)
    }
}

extension TemplateLibrary {
    /// The same templates in storage of their own (see ``TemplateLibraryCopies``).
    func storageCopy() -> TemplateLibrary {
        var copies: [String: Template] = [:]
        copies.reserveCapacity(templates.count)
        for (name, template) in templates {
            copies[name.storageCopy()] = Template(nodes: template.nodes.map { $0.storageCopy() })
        }
        return TemplateLibrary(templates: copies)
    }
}

extension TemplateNode {
    /// The same node, every array and string of it newly allocated.
    func storageCopy() -> TemplateNode {
        func copy(_ nodes: [TemplateNode]) -> [TemplateNode] { nodes.map { $0.storageCopy() } }
        switch self {
        case let .text(bytes):
            return .text(bytes.map { $0 })
        case let .variable(name, escaped):
            return .variable(name.storageCopy(), escaped: escaped)
        case let .section(name, nodes, inverted):
            return .section(name.storageCopy(), copy(nodes), inverted: inverted)
        case let .partial(name, dynamic, indentation, overrides):
            var copiedOverrides: [String: [TemplateNode]]?
            if let overrides {
                copiedOverrides = [:]
                for (block, nodes) in overrides { copiedOverrides?[block.storageCopy()] = copy(nodes) }
            }
            return .partial(name.storageCopy(), dynamic: dynamic, indentation: indentation?.map { $0 }, overrides: copiedOverrides)
        case let .block(name, defaultNodes, indentation):
            return .block(name.storageCopy(), defaultNodes: copy(defaultNodes), indentation: indentation.map { $0 })
        case let .blockDefinition(name, nodes):
            return .blockDefinition(name.storageCopy(), copy(nodes))
        case let .escaping(escapes):
            return .escaping(escapes)
        }
    }
}

extension TemplateName {
    func storageCopy() -> TemplateName {
        TemplateName(scope: scope, parts: parts.map { $0.storageCopy() }, transforms: transforms.map { $0.storageCopy() },
                     written: written.storageCopy())
    }
}

extension String {
    /// The same text in a buffer of its own (a short string has none: it is held inline).
    func storageCopy() -> String {
        String(decoding: Array(utf8), as: UTF8.self)
    }
}
