import ArgumentParser
import Foundation
import GuideSiteKit

extension GuideSite {
    /// `guidesite new`: starts an article, a recommendation or a code with valid fields.
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a new article, recommendation or code of ethics (never overwrites a file).",
            discussion: "Prints the new file's path on standard output, e.g. to open it: $EDITOR \"$(guidesite new article 'Titre')\".",
            subcommands: [Article.self, Recommendation.self, Code.self])
    }
}

/// Options of every `new` subcommand.
struct NewOptions: ParsableArguments {
    @Option(help: "The content folder (site.yaml, articles/, recommendations/, codes/).")
    var content: String = "Content"

    @Argument(help: "The title, in French, between quotes (e.g. \"Usage des courriels\").")
    var title: String

    func validate() throws {
        if title.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("The title is empty.") }
        if title.contains(where: \.isNewline) { throw ValidationError("The title must be on one line.") }
        if Slug.make(title).isEmpty { throw ValidationError("The title '\(title)' has no letter or digit to name the file with.") }
    }

    /// Creates the file with today's date (local time), prints its path, and maps refusals to exit status 2.
    func create(_ item: NewContent) throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let scaffolder = ContentScaffolder(content: URL(fileURLWithPath: content, relativeTo: cwd), displayBase: cwd)
        do {
            let url = try scaffolder.create(item, date: Self.today())
            let path = scaffolder.displayPath(url)
            Console.standardOutput(path + "\n")
            if case .article = item {
                Console.standardError("created \(path): a draft ('draft: true'); 'guidesite serve --drafts' shows it\n")
            } else {
                Console.standardError("created \(path)\n")
            }
        } catch let error as AuthoringError {
            Console.standardError(error.description + "\n")
            throw ExitCode(2)
        }
    }

    /// Today in the local time zone: the only place `new` reads the clock.
    static func today() -> ContentDate {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return ContentDate(year: parts.year ?? 2026, month: parts.month ?? 1, day: parts.day ?? 1)
    }
}

extension GuideSite.New {
    /// `guidesite new article "Titre"`: `articles/<slug>.md`, a draft dated today.
    struct Article: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a guidance article: articles/<slug>.md, a draft dated today.")

        @OptionGroup var options: NewOptions

        func run() throws { try options.create(.article(title: options.title)) }
    }

    /// `guidesite new recommendation "Titre"`: `recommendations/NN-<slug>.yaml` with the next number.
    struct Recommendation: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a recommendation: recommendations/NN-<slug>.yaml, numbered after the highest one.")

        @OptionGroup var options: NewOptions

        func run() throws { try options.create(.recommendation(title: options.title)) }
    }

    /// `guidesite new code <id> "Titre du code"`: `codes/<id>.yaml`.
    struct Code: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a code of ethics: codes/<id>.yaml with one section and one provision to fill in.")

        @Argument(help: "The code's id: lower-case letters, digits and hyphens (e.g. 'pharmaciens').")
        var id: String

        @OptionGroup var options: NewOptions

        func validate() throws {
            guard Slug.isValid(id) else {
                throw ValidationError("The code id '\(id)' may only contain lower-case letters, digits and hyphens (try '\(Slug.make(id))').")
            }
        }

        func run() throws { try options.create(.code(id: id, title: options.title)) }
    }
}
