import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// Drift's Markdown, Prometheus and GitHub outputs carry column names from the
/// data: each format escapes them its own way.
final class DriftReportTests: TemporaryDirectoryTestCase {
    /// Every category changes, so every column drifts; the names hold a table
    /// pipe, a mention, quotes, and the GitHub outputs' default delimiter.
    func drift() throws -> DriftResult {
        let header = #""a|b @team",EOF,"say ""hi""",n"#
        let reference = try write(
            "ref.csv", ([header] + (0..<100).map { "\($0 < 50 ? "x" : "y"),k,p,\($0)" }).joined(separator: "\n") + "\n")
        let current = try write("cur.csv", ([header] + (0..<100).map { "z,q,r,\($0 + 1000)" }).joined(separator: "\n") + "\n")
        // `n` (0…99, all distinct) would be left out as an integer ID.
        var features = DriftConfig()
        features.features = ["n"]
        return try XCTUnwrap(
            try DriftRequest(referencePath: reference, currentPath: current, config: features, emitHistogramsPath: nil).run())
    }

    func testMarkdownEscapesColumnNames() throws {
        // Every cell but the statistic, whose numbers the drift oracle tests check.
        let rows = DriftReport.markdown(try drift()).split(separator: "\n").filter { $0.hasPrefix("| ") }.map { row in
            let cells = row.dropFirst(2).dropLast(2).components(separatedBy: " | ")
            return cells.enumerated().filter { $0.offset != 3 }.map(\.element).joined(separator: " | ")
        }
        XCTAssertEqual(
            rows,
            [
                "Column | Type | Status | PSI band | Drifted",
                "a\\|b @&#8203;team | categorical | ok | significant | yes",
                "EOF | categorical | ok | significant | yes",
                "say \"hi\" | categorical | ok | significant | yes",
                "n | numeric | ok | significant | yes"
            ])
    }

    func testPrometheusEscapesQuotesInLabels() throws {
        let text = DriftReport.prometheus(try drift(), model: "m", timestamp: 1_795_509_000)
        let drifted = text.split(separator: "\n").filter {
            $0.hasPrefix("qgate_drift_column_drifted{") || $0.hasPrefix("qgate_retrain") || $0.hasPrefix("qgate_drift_timestamp")
        }
        XCTAssertEqual(
            drifted,
            [
                #"qgate_drift_column_drifted{model="m",column="a|b @team"} 1"#,
                #"qgate_drift_column_drifted{model="m",column="EOF"} 1"#,
                #"qgate_drift_column_drifted{model="m",column="say \"hi\""} 1"#,
                #"qgate_drift_column_drifted{model="m",column="n"} 1"#,
                #"qgate_retrain_triggered{model="m"} 1"#,
                #"qgate_drift_timestamp_seconds{model="m"} 1795509000"#
            ])
        XCTAssertEqual(text.split(separator: "\n").filter { $0.hasPrefix("qgate_drift_statistic{") }.count, 12)
    }

    /// A column named like the heredoc delimiter would end the list early: the
    /// delimiter grows until no name contains it.
    func testGitHubOutputsDelimiterAvoidsColumnNames() throws {
        XCTAssertEqual(
            DriftReport.githubOutputs(try drift(), delimiter: "EOF"),
            "drift_detected=true\nretrain=true\ndrifted_columns<<EOF_\na|b @team\nEOF\nsay \"hi\"\nn\nEOF_\n")
    }

    func testBar() {
        XCTAssertEqual(DriftReport.bar(0), String(repeating: "·", count: 20))
        XCTAssertEqual(DriftReport.bar(0.5), String(repeating: "█", count: 10) + String(repeating: "·", count: 10))
        XCTAssertEqual(DriftReport.bar(1), String(repeating: "█", count: 20))
    }

    /// Issue 21: a dashboard drew fixed 0.1/0.2 lines over PSI, KL and JS alike;
    /// the deciding method and its threshold are exported, so it can draw what
    /// qgate decided with (JS at 0.1 here, KL's default would be the same number).
    func testPrometheusExportsTheDecidingMethodAndThreshold() throws {
        var config = DriftConfig()
        config.method = .js
        config.features = ["x"]  // 0…99, all distinct: an integer ID unless declared a feature
        let reference = try write("r.csv", "x\n" + (0..<100).map { "\($0)" }.joined(separator: "\n") + "\n")
        let current = try write("c.csv", "x\n" + (0..<100).map { "\($0 + 30)" }.joined(separator: "\n") + "\n")
        let d = try XCTUnwrap(
            try DriftRequest(referencePath: reference, currentPath: current, config: config, emitHistogramsPath: nil).run())
        let text = DriftReport.prometheus(d, model: "m", timestamp: 1_795_509_000)
        XCTAssertTrue(
            text.contains(
                """
                # HELP qgate_drift_threshold Threshold of the method that decided drift: a column drifted above it.
                # TYPE qgate_drift_threshold gauge
                qgate_drift_threshold{model="m",method="js"} 0.1

                """), text)
        try PromtoolCheck.metrics(text)
    }
}
