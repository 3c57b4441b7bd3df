import Foundation
@testable import GuideSiteKit

/// Bad inputs made at test time rather than committed: symbolic links, a 50 MB file, Markdown
/// nested 10,000 deep, a file where the output folder's parent should be. A case names them with
/// `generate: <name>` in its `expected.txt`.
enum BadInputGenerators {
    struct Unknown: Error, CustomStringConvertible {
        var name: String
        var description: String { "no bad-input generator named '\(name)'" }
    }

    /// How deep the nesting generators go.
    static let depth = 10_000

    static func run(_ name: String, in site: BadInputSandbox) throws {
        let fm = FileManager.default
        let front = "---\ntitle: \"Profond\"\ndate: 2026-04-01\n---\n"
        switch name {
        case "symlink-loop-folder":
            // articles/boucle -> . : the folder contains itself
            try fm.createSymbolicLink(atPath: site.content.appendingPathComponent("articles/boucle").path, withDestinationPath: ".")
        case "symlink-loop-cycle":
            // a.md -> b.md -> a.md : a link that never reaches a file
            try fm.createSymbolicLink(atPath: site.content.appendingPathComponent("articles/a.md").path, withDestinationPath: "b.md")
            try fm.createSymbolicLink(atPath: site.content.appendingPathComponent("articles/b.md").path, withDestinationPath: "a.md")
        case "symlink-outside":
            // a link to a file outside the content folder
            try site.write("secret.md", "---\ntitle: \"Secret\"\ndate: 2026-01-01\n---\nHors du contenu.\n")
            try fm.createSymbolicLink(atPath: site.content.appendingPathComponent("articles/fuite.md").path,
                                      withDestinationPath: site.url("secret.md").path)
        case "symlink-broken":
            try fm.createSymbolicLink(atPath: site.content.appendingPathComponent("articles/perdu.md").path, withDestinationPath: "nulle-part.md")
        case "big-file-50mb":
            // exactly 50 MiB: a valid front matter, then paragraphs
            let size = 50 * 1_048_576
            var bytes = [UInt8](front.utf8)
            let paragraph = [UInt8]("Un paragraphe de remplissage, répété jusqu'à cinquante mégaoctets.\n\n".utf8)
            bytes.reserveCapacity(size)
            while bytes.count + paragraph.count <= size { bytes += paragraph }
            bytes += [UInt8](repeating: UInt8(ascii: "x"), count: size - bytes.count)
            try site.write(site.contentPath + "/articles/enorme.md", bytes)
        case "nested-quotes":
            try site.write(site.contentPath + "/articles/profond.md", front + String(repeating: ">", count: depth) + " Tout au fond.\n")
        case "nested-lists":
            try site.write(site.contentPath + "/articles/profond.md", front + String(repeating: "- ", count: depth) + "Tout au fond.\n")
        case "nested-emphasis":
            try site.write(site.contentPath + "/articles/profond.md",
                           front + String(repeating: "*", count: depth) + "fond" + String(repeating: "*", count: depth) + "\n")
        case "nested-links":
            try site.write(site.contentPath + "/articles/profond.md",
                           front + String(repeating: "[", count: depth) + "fond" + String(repeating: "](second.md)", count: depth) + "\n")
        case "fifo":
            // a named pipe where an article should be: reading it would block
            guard mkfifo(site.content.appendingPathComponent("articles/tube.md").path, 0o644) == 0 else {
                throw CocoaError(.fileWriteUnknown)
            }
        case "blocker-file":
            // a regular file where the output folder's parent should be: creating it fails, even as root
            try site.write("bloc", "un fichier, pas un dossier\n")
        case "notes-file":
            // a regular file of the user's, named as the output folder
            try site.write("notes.txt", "Notes personnelles : à ne pas perdre.\n")
        default:
            throw Unknown(name: name)
        }
    }
}
