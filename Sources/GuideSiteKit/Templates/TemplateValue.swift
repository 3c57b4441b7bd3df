/// A value a template can show: what a page's context is made of.
///
/// Contexts are typed values, not `[String: Any]`: looking a name up, choosing how a section
/// renders and hashing a context for the render cache are a `switch`, never a dynamic cast.
public enum TemplateValue: Sendable, Equatable {
    case text(String)
    case bool(Bool)
    case number(Int)
    case list([TemplateValue])
    case object(TemplateObject)

    /// A list of objects (the common case: cards, links, rows).
    public static func objects(_ objects: [TemplateObject]) -> TemplateValue {
        .list(objects.map { .object($0) })
    }

    /// The value's children by name: only objects have any.
    @inline(__always)
    func child(named name: String) -> TemplateValue? {
        if case let .object(object) = self { return object[name] }
        return nil
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) { self = .object(TemplateObject(elements)) }
}

/// Named values, kept sorted by name: the same object always hashes the same, and a page's
/// handful of names is searched faster in a short array than hashed into a dictionary.
public struct TemplateObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    public private(set) var names: [String]
    public private(set) var values: [TemplateValue]

    public init() {
        names = []
        values = []
    }

    /// The pairs, sorted by name; when a name is given twice, the last value wins (as in a dictionary).
    public init(_ pairs: [(String, TemplateValue)]) {
        names = []
        values = []
        names.reserveCapacity(pairs.count)
        values.reserveCapacity(pairs.count)
        for (name, value) in pairs { self[name] = value }
    }

    public init(dictionaryLiteral elements: (String, TemplateValue)...) { self.init(elements) }

    public var count: Int { names.count }
    public var isEmpty: Bool { names.isEmpty }

    /// The value of a name, or nil; setting nil removes the name.
    public subscript(name: String) -> TemplateValue? {
        get {
            var low = 0, high = names.count
            while low < high {
                let middle = (low + high) / 2
                let candidate = names[middle]
                if candidate == name { return values[middle] }
                if candidate < name { low = middle + 1 } else { high = middle }
            }
            return nil
        }
        set {
            var low = 0, high = names.count
            while low < high {
                let middle = (low + high) / 2
                if names[middle] < name { low = middle + 1 } else { high = middle }
            }
            if low < names.count, names[low] == name {
                if let newValue { values[low] = newValue } else {
                    names.remove(at: low)
                    values.remove(at: low)
                }
            } else if let newValue {
                names.insert(name, at: low)
                values.insert(newValue, at: low)
            }
        }
    }

    /// Each name with its value, in name order.
    public var pairs: Zip2Sequence<[String], [TemplateValue]> { zip(names, values) }

    /// The same names with each value changed.
    public func mapValues(_ transform: (String, TemplateValue) -> TemplateValue) -> TemplateObject {
        var copy = self
        for index in copy.values.indices { copy.values[index] = transform(names[index], values[index]) }
        return copy
    }
}
