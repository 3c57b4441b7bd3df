import Testing
@testable import GuideSiteKit

/// Provision keys sort by kind, code and number part by part (`3.09.2` before `3.09.10`),
/// compared in place as `numericParts` reads them.
@Suite("Provision key order")
struct ProvisionKeyOrderTests {
    @Test func numbersSortPartByPart() {
        let keys: [ProvisionKey] = [
            .article(code: "dentistes", number: "3.09.10"), .article(code: "dentistes", number: "3.09.2"),
            .section(code: "dentistes", number: "3.09"), .code("dentistes"), .recommendation(10), .recommendation(2),
            .article(code: "avocats", number: "12"), .article(code: "dentistes", number: "3.09"),
        ]
        #expect(keys.sorted() == [
            .recommendation(2), .recommendation(10), .code("dentistes"), .section(code: "dentistes", number: "3.09"),
            .article(code: "avocats", number: "12"), .article(code: "dentistes", number: "3.09"),
            .article(code: "dentistes", number: "3.09.2"), .article(code: "dentistes", number: "3.09.10"),
        ])
    }

    @Test func inPlaceComparisonAgreesWithNumericParts() {
        let parts = ["", ".", "0", "1", "2", "09", "10", "a", "3a", "+4", "-1", "99999999999999999999", "..", "7", "1.2"]
        var generator = SplitMix(seed: 3_09_10)
        for _ in 0..<20_000 {
            func number() -> String {
                (0..<Int(generator.next() % 4)).map { _ in parts[Int(generator.next() % UInt64(parts.count))] }.joined(separator: ".")
            }
            let l = number(), r = number()
            let expected = ProvisionKey.numericParts(l).lexicographicallyPrecedes(ProvisionKey.numericParts(r))
            #expect(ProvisionKey.numberPrecedes(l, r) == expected, "\(l) < \(r)")
        }
    }
}
