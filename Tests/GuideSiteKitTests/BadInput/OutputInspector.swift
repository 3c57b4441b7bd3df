import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads a built site the way a browser would, to tell whether anything in it can run a script.
///
/// HTML and XML are tokenized into tags and attributes (text between tags is inert: the renderer
/// escapes every `<` of content). A file is inert when it has no `<script>` but the theme's own
/// external ones, no event-handler attribute (`on…`), no URL with a script scheme, no tag or
/// attribute that the clean site does not have (an injected `<img>`, `<iframe>`, `<svg>`…), and every
/// HTML page carries a Content-Security-Policy that forbids inline script.
enum OutputInspector {
    struct Tag: Equatable {
        var name: String
        var isClosing: Bool
        var attributes: [(name: String, value: String)]
        /// Byte offset of the `<`.
        var offset: Int
        static func == (a: Tag, b: Tag) -> Bool {
            a.name == b.name && a.isClosing == b.isClosing && a.offset == b.offset
                && a.attributes.map(\.name) == b.attributes.map(\.name) && a.attributes.map(\.value) == b.attributes.map(\.value)
        }
    }

    /// The tags of an HTML or XML text, with attribute values entity-decoded as a browser reads them.
    static func tags(in text: String) -> [Tag] {
        let b = Array(text.utf8)
        var out: [Tag] = []
        var i = 0
        func isNameStart(_ c: UInt8) -> Bool { (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) }
        func isNameChar(_ c: UInt8) -> Bool { isNameStart(c) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x3A || c == 0x5F }
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C }
        while i < b.count {
            guard b[i] == UInt8(ascii: "<"), i + 1 < b.count else { i += 1; continue }
            // comments, doctype, processing instructions, CDATA: skipped whole
            if b[i + 1] == UInt8(ascii: "!") || b[i + 1] == UInt8(ascii: "?") {
                if text.utf8.count > i + 4, b[i + 1] == UInt8(ascii: "!"), b[i + 2] == UInt8(ascii: "-"), b[i + 3] == UInt8(ascii: "-") {
                    var j = i + 4
                    while j + 2 < b.count, !(b[j] == UInt8(ascii: "-") && b[j + 1] == UInt8(ascii: "-") && b[j + 2] == UInt8(ascii: ">")) { j += 1 }
                    i = j + 3
                } else {
                    while i < b.count, b[i] != UInt8(ascii: ">") { i += 1 }
                }
                continue
            }
            var j = i + 1
            let closing = b[j] == UInt8(ascii: "/")
            if closing { j += 1 }
            guard j < b.count, isNameStart(b[j]) else { i += 1; continue }  // a bare '<' is text
            let nameStart = j
            while j < b.count, isNameChar(b[j]) { j += 1 }
            let name = String(decoding: b[nameStart..<j], as: UTF8.self).lowercased()
            var attributes: [(String, String)] = []
            while j < b.count, b[j] != UInt8(ascii: ">") {
                if isSpace(b[j]) || b[j] == UInt8(ascii: "/") { j += 1; continue }
                let attrStart = j
                while j < b.count, !isSpace(b[j]), b[j] != UInt8(ascii: "="), b[j] != UInt8(ascii: ">"), b[j] != UInt8(ascii: "/") { j += 1 }
                let attr = String(decoding: b[attrStart..<j], as: UTF8.self).lowercased()
                var value = ""
                if j < b.count, b[j] == UInt8(ascii: "=") {
                    j += 1
                    if j < b.count, b[j] == UInt8(ascii: "\"") || b[j] == UInt8(ascii: "'") {
                        let quote = b[j]
                        j += 1
                        let valueStart = j
                        while j < b.count, b[j] != quote { j += 1 }
                        value = String(decoding: b[valueStart..<min(j, b.count)], as: UTF8.self)
                        j += 1
                    } else {
                        let valueStart = j
                        while j < b.count, !isSpace(b[j]), b[j] != UInt8(ascii: ">") { j += 1 }
                        value = String(decoding: b[valueStart..<j], as: UTF8.self)
                    }
                }
                if !attr.isEmpty { attributes.append((attr, decodeEntities(value))) }
            }
            out.append(Tag(name: name, isClosing: closing, attributes: attributes, offset: i))
            i = j + 1
        }
        return out
    }

    /// Decodes the character references a browser decodes in attribute values.
    static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[amp...]
            if let semi = after.firstIndex(of: ";"), after.distance(from: after.startIndex, to: semi) <= 10 {
                let entity = String(after[after.index(after: after.startIndex)..<semi])
                var scalar: Unicode.Scalar?
                switch entity {
                case "amp": scalar = "&"
                case "lt": scalar = "<"
                case "gt": scalar = ">"
                case "quot": scalar = "\""
                case "apos": scalar = "'"
                case "colon": scalar = ":"
                case "Tab": scalar = "\t"
                case "NewLine": scalar = "\n"
                default:
                    if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                        scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                    } else if entity.hasPrefix("#") {
                        scalar = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init)
                    }
                }
                if let scalar {
                    out.unicodeScalars.append(scalar)
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            out += "&"
            rest = after.dropFirst()
        }
        return out + rest
    }

    static let urlAttributes: Set<String> = ["href", "src", "action", "formaction", "xlink:href", "poster", "background",
                                             "cite", "data", "codebase", "srcset", "ping", "manifest", "icon"]

    /// Whether a URL, as the browser reads it, runs code (or could: `data:` documents).
    static func isScriptURL(_ value: String, allowImageData: Bool) -> Bool {
        let compact = String(value.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }).lowercased()
        for scheme in ["javascript:", "vbscript:", "livescript:", "data:", "file:"] where compact.hasPrefix(scheme) {
            // An image (SVG too) shown by <img> runs no script, and the CSP's img-src allows data:.
            if scheme == "data:", allowImageData, compact.hasPrefix("data:image/") { return false }
            return true
        }
        return false
    }

    /// Everything that makes an HTML or XML file able to run a script, as readable lines.
    static func scriptProblems(in text: String, path: String, isHTML: Bool, allowedTags: Set<String>,
                               allowedAttributes: Set<String>) -> [String] {
        var problems: [String] = []
        let all = tags(in: text)
        for (index, tag) in all.enumerated() where !tag.isClosing {
            if !allowedTags.contains(tag.name) { problems.append("\(path): tag <\(tag.name)> at byte \(tag.offset), which the clean site does not have") }
            for (name, value) in tag.attributes {
                if name.hasPrefix("on") { problems.append("\(path): event handler \(name)=\"\(value)\" on <\(tag.name)>") }
                if !allowedAttributes.contains(name) { problems.append("\(path): attribute '\(name)' on <\(tag.name)>, which the clean site does not have") }
                if urlAttributes.contains(name), isScriptURL(value, allowImageData: tag.name == "img" && name == "src") {
                    problems.append("\(path): <\(tag.name) \(name)=\"\(value)\">: a script URL")
                }
                if name == "style", value.lowercased().contains("expression(") || value.lowercased().contains("url(") {
                    problems.append("\(path): style attribute that loads or runs something: \(value)")
                }
                if name == "srcdoc" { problems.append("\(path): srcdoc on <\(tag.name)>") }
            }
            if tag.name == "script" {
                let src = tag.attributes.first { $0.name == "src" }?.value
                if src == nil || src!.isEmpty { problems.append("\(path): inline <script> at byte \(tag.offset)") }
                if let src, !(src.hasSuffix(".js") && src.contains("assets/") && !src.contains(":")) {
                    problems.append("\(path): <script src=\"\(src)\"> that is not one of the theme's scripts")
                }
                if index + 1 < all.count, !(all[index + 1].name == "script" && all[index + 1].isClosing) {
                    problems.append("\(path): <script> with content")
                }
            }
            if tag.name == "meta", tag.attributes.contains(where: { $0.name == "http-equiv" && $0.value.lowercased() == "refresh" }) {
                problems.append("\(path): <meta http-equiv=refresh>")
            }
        }
        if isHTML { problems += cspProblems(in: all, path: path) }
        return problems
    }

    /// An HTML page must carry, in its head and before any script, a CSP whose script sources
    /// exclude inline script, eval and any scheme-wide source.
    static func cspProblems(in tags: [Tag], path: String) -> [String] {
        let metas = tags.enumerated().filter { $0.element.name == "meta" && !$0.element.isClosing
            && $0.element.attributes.contains { $0.name == "http-equiv" && $0.value.lowercased() == "content-security-policy" } }
        guard metas.count == 1, let (index, meta) = metas.first else {
            return ["\(path): \(metas.count) Content-Security-Policy meta elements, expected 1"]
        }
        var problems: [String] = []
        if let headEnd = tags.firstIndex(where: { $0.name == "head" && $0.isClosing }), index > headEnd {
            problems.append("\(path): the CSP meta is outside <head>")
        }
        if let firstScript = tags.firstIndex(where: { $0.name == "script" && !$0.isClosing }), firstScript < index {
            problems.append("\(path): a <script> comes before the CSP meta")
        }
        let policy = meta.attributes.first { $0.name == "content" }?.value ?? ""
        var directives: [String: [String]] = [:]
        for part in policy.split(separator: ";") {
            let words = part.split(separator: " ").map { String($0).lowercased() }
            if let name = words.first, directives[name] == nil { directives[name] = Array(words.dropFirst()) }
        }
        guard let sources = directives["script-src"] ?? directives["default-src"] else {
            return problems + ["\(path): the CSP has neither script-src nor default-src: \(policy)"]
        }
        for bad in ["'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:", "'unsafe-hashes'"] where sources.contains(bad) {
            problems.append("\(path): the CSP allows \(bad) for scripts: \(policy)")
        }
        for directive in ["script-src-elem", "script-src-attr"] {
            if let more = directives[directive], more.contains("'unsafe-inline'") { problems.append("\(path): \(directive) allows inline script") }
        }
        if directives["object-src"] != ["'none'"] && !(directives["object-src"] == nil && directives["default-src"] == ["'none'"]) {
            problems.append("\(path): the CSP does not set object-src 'none': \(policy)")
        }
        return problems
    }

    /// Whether an XML file is well formed (its structure survived whatever its text holds).
    static func isWellFormedXML(_ data: Data) -> Bool {
        let parser = XMLParser(data: data)
        return parser.parse()
    }

    /// The text of every element named `name` in an XML document.
    static func xmlTexts(_ data: Data, element name: String) -> [String] {
        final class Collector: NSObject, XMLParserDelegate {
            let name: String
            var current: String?
            var texts: [String] = []
            init(name: String) { self.name = name }
            func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                if elementName == name { current = "" }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { current? += string }
            func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
                if elementName == name, let current { texts.append(current); self.current = nil }
            }
        }
        let collector = Collector(name: name)
        let parser = XMLParser(data: data)
        parser.delegate = collector
        _ = parser.parse()
        return collector.texts
    }

    /// Every key and every string value of a JSON document.
    static func jsonKeysAndStrings(_ value: Any, keys: inout Set<String>, strings: inout [String]) {
        if let object = value as? [String: Any] {
            for (k, v) in object {
                keys.insert(k)
                jsonKeysAndStrings(v, keys: &keys, strings: &strings)
            }
        } else if let array = value as? [Any] {
            for v in array { jsonKeysAndStrings(v, keys: &keys, strings: &strings) }
        } else if let string = value as? String {
            strings.append(string)
        }
    }

    /// Every file of a folder, relative path → bytes.
    static func files(under folder: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        let prefix = folder.standardizedFileURL.path.count + 1
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            out[String(url.standardizedFileURL.path.dropFirst(prefix))] = try? Data(contentsOf: url)
        }
        return out
    }
}
