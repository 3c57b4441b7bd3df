import Testing
@testable import GuideSiteKit

/// Dates as each language writes them, from the locale's format.
@Suite("Locale dates")
struct LocaleDateTests {
    @Test func placeholdersAreReplacedWhereverTheyAre() throws {
        let months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
        let french = Theme.Locale(strings: [:], months: months, dateFormat: "{day} {month} {year}", firstDay: "1er")
        #expect(french.format(try #require(ContentDate("2026-02-01"))) == "1er février 2026")
        #expect(french.format(try #require(ContentDate("2026-11-23"))) == "23 novembre 2026")
        let odd = Theme.Locale(strings: [:], months: months, dateFormat: "{year}/{month}/{day} {x} {", firstDay: nil)
        #expect(odd.format(try #require(ContentDate("2026-03-05"))) == "2026/mars/5 {x} {")
    }
}
