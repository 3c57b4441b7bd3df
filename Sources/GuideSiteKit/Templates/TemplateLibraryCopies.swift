import Foundation

/// Copies of what every page reads, a template library and a theme's interface strings, that
/// share no storage with the originals or with one another, lent one per rendering thread.
///
/// Rendering reads the parsed templates all the time, and each read of a node, name or text
/// retains and releases it. Two cores rendering pages from one library do those atomic counts
/// on the same memory, and each takes the other's cache line away: in a full build, two thirds
/// of the template renderer's retains were that waiting. With a copy each, the counts stay in
/// the core's own cache.
final class TemplateLibraryCopies: @unchecked Sendable {
    /// One copy.
    struct Copy {
        var library: TemplateLibrary
        /// The interface strings (`t` in templates), by language.
        var strings: [String: TemplateObject]
    }

    private let original: Copy
    private let lock = NSLock()
    /// The copies not lent at the moment, last returned last.
    private var idle: [Copy] = []

    init(of library: TemplateLibrary, strings: [String: TemplateObject] = [:]) {
        original = Copy(library: library, strings: strings)
    }

    /// Calls `body` with a copy no other thread is using; a new copy is made when all are lent.
    func withCopy<R, Failure: Error>(_ body: (Copy) throws(Failure) -> R) throws(Failure) -> R {
        let copy = lock.withLock { idle.popLast() } ?? Copy(library: original.library.storageCopy(),
                                                            strings: original.strings.mapValues { $0.storageCopy() })
        defer { lock.withLock { idle.append(copy) } }
        return try body(copy)
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

extension TemplateObject {
    /// The same names and values, every array and string of them newly allocated.
    func storageCopy() -> TemplateObject {
        TemplateObject(pairs.map { ($0.storageCopy(), $1.storageCopy()) })
    }
}

extension TemplateValue {
    func storageCopy() -> TemplateValue {
        switch self {
        case let .text(text): .text(text.storageCopy())
        case .bool, .number: self
        case let .list(items): .list(items.map { $0.storageCopy() })
        case let .object(object): .object(object.storageCopy())
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
