import Testing
@testable import GuideSiteKit

@Suite("Front matter")
struct FrontMatterTests {
    @Test func splitsAtTheFirstClosingLine() throws {
        let text = "---\ntitle: A\n---\nCorps\n\n---\n\nSuite"
        let front = try FrontMatter.split(text).get()
        #expect(front.yaml == "title: A\n")
        #expect(front.body == "Corps\n\n---\n\nSuite")
        #expect(front.bodyLineOffset == 3)
    }

    @Test func reportsMissingAndUnterminated() {
        #expect(FrontMatter.split("title: A\n") == .failure(.missing))
        #expect(FrontMatter.split("---\ntitle: A\n") == .failure(.unterminated))
        #expect(FrontMatter.split("---") == .failure(.unterminated))
    }

    @Test func acceptsEmptyFrontMatter() throws {
        let front = try FrontMatter.split("---\n---\nx").get()
        #expect(front.yaml == "")
        #expect(front.body == "x")
    }
}

@Suite("Dates")
struct ContentDateTests {
    @Test(arguments: ["2026-11-23", "2024-02-29"])
    func acceptsDates(text: String) {
        #expect(ContentDate(text)?.description == text)
    }

    @Test(arguments: ["2026-02-30", "2025-02-29", "23/11/2026", "2026-1-5", "hier", "2026-13-01"])
    func rejectsOthers(text: String) {
        #expect(ContentDate(text) == nil)
    }
}
