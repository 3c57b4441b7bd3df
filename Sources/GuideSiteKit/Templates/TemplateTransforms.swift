import Foundation

/// The transforms a tag may apply to a value, `{{#first(items)}}`, with swift-mustache's names:
///
/// - text: `empty`, `capitalized`, `lowercased`, `uppercased`, `reversed`;
/// - list: `first`, `last`, `reversed`, `count`, `empty`, `sorted` (lists of texts or of numbers);
/// - object: `count`, `empty`, `enumerated` and `sorted` (a list of `key`/`value` objects, by key);
/// - number: `equalzero`, `plusone`, `minusone`, `even`, `odd`;
/// - the place of an item while a list renders (`{{#first()}}`): `first`, `last`, `index`, `even`, `odd`.
///
/// An unknown transform, or one that does not apply to the value, gives nothing.
enum TemplateTransforms {
    static func apply(_ name: String, to value: TemplateValue) -> TemplateValue? {
        switch value {
        case let .text(text):
            switch name {
            case "empty": return .bool(text.isEmpty)
            case "capitalized": return .text(text.capitalized)
            case "lowercased": return .text(text.lowercased())
            case "uppercased": return .text(text.uppercased())
            case "reversed": return .text(String(text.reversed()))
            default: return nil
            }
        case let .list(items):
            switch name {
            case "first": return items.first
            case "last": return items.last
            case "reversed": return .list(items.reversed())
            case "count": return .number(items.count)
            case "empty": return .bool(items.isEmpty)
            case "sorted": return sorted(items)
            default: return nil
            }
        case let .object(object):
            switch name {
            case "count": return .number(object.count)
            case "empty": return .bool(object.isEmpty)
            case "enumerated", "sorted": return .objects(object.pairs.map { ["key": .text($0.0), "value": $0.1] })
            default: return nil
            }
        case let .number(number):
            switch name {
            case "equalzero": return .bool(number == 0)
            case "plusone": return .number(number &+ 1)
            case "minusone": return .number(number &- 1)
            case "even": return .bool(number & 1 == 0)
            case "odd": return .bool(number & 1 == 1)
            default: return nil
            }
        case .bool:
            return nil
        }
    }

    /// Transforms of an item's place in the list being rendered.
    static func apply(_ name: String, to position: TemplateRenderer.ListPosition) -> TemplateValue? {
        switch name {
        case "first": .bool(position.index == 0)
        case "last": .bool(position.isLast)
        case "index": .number(position.index)
        case "even": .bool(position.index & 1 == 0)
        case "odd": .bool(position.index & 1 == 1)
        default: nil
        }
    }

    /// A list of texts or of numbers, sorted; nil for any other list (its items have no order).
    static func sorted(_ items: [TemplateValue]) -> TemplateValue? {
        var texts: [String] = [], numbers: [Int] = []
        for item in items {
            switch item {
            case let .text(text): texts.append(text)
            case let .number(number): numbers.append(number)
            default: return nil
            }
        }
        if numbers.isEmpty { return .list(texts.sorted().map { .text($0) }) }
        if texts.isEmpty { return .list(numbers.sorted().map { .number($0) }) }
        return nil
    }
}
