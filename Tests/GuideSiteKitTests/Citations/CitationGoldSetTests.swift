import Testing
@testable import GuideSiteKit

/// Precision and recall of scanning plus resolving over the gold set.
@Suite struct CitationGoldSetTests {
    @Test func goldSetPrecisionAndRecallAreAtLeast98Percent() {
        let fixture = CitationGoldFixture.shared
        var truePositives = 0
        var falsePositives = 0
        var falseNegatives = 0
        var missedProblems = 0
        var falseAlarms = 0
        var report: [String] = []
        for sentence in fixture.sentences {
            let resolution = CitationTestSupport.resolve(sentence.text, defaultCode: sentence.defaultCode)
            let predicted = Set(resolution.targets.map { CitationTestSupport.name(of: $0.target) })
            let expected = Set(sentence.targets)
            truePositives += predicted.intersection(expected).count
            falsePositives += predicted.subtracting(expected).count
            falseNegatives += expected.subtracting(predicted).count
            let predictedProblems = Set(resolution.problems.map { CitationTestSupport.name(of: $0.kind) })
            let expectedProblems = Set(sentence.problems ?? [])
            missedProblems += expectedProblems.subtracting(predictedProblems).count
            falseAlarms += predictedProblems.subtracting(expectedProblems).count
            if predicted != expected || predictedProblems != expectedProblems {
                report.append("""
                    \(sentence.text)
                      expected \(expected.sorted()) \(expectedProblems.sorted())
                      got      \(predicted.sorted()) \(resolution.problems.map(\.message))
                    """)
            }
        }
        let precision = Double(truePositives) / Double(max(1, truePositives + falsePositives))
        let recall = Double(truePositives) / Double(max(1, truePositives + falseNegatives))
        for line in report { print(line) }
        print("citation gold set: precision \(Self.format(precision)) recall \(Self.format(recall)) "
              + "over \(fixture.sentences.count) sentences (\(truePositives) true positives, "
              + "\(falsePositives) false positives, \(falseNegatives) false negatives; "
              + "\(missedProblems) expected problems missed, \(falseAlarms) problems not in the annotation)")
        #expect(fixture.sentences.count >= 240)
        #expect(precision >= 0.98)
        #expect(recall >= 0.98)
        #expect(missedProblems == 0)
    }

    private static func format(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let text = String(thousandths)
        return thousandths >= 1000 ? "1.000" : "0." + String(repeating: "0", count: 3 - text.count) + text
    }
}
