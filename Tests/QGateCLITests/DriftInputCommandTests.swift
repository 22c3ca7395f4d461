import Foundation
import QGateTestSupport
import XCTest

/// `qgate drift` on inputs a monitoring job must not read as "retrain" (issue
/// 20): broken files are exit 2, IDs and timestamps are left out, the
/// prediction and label are judged on their own lines, and the comparison
/// becomes a metrics file `qgate evaluate` can gate.
final class DriftInputCommandTests: TemporaryDirectoryTestCase {
    /// Runs in the temporary directory: no default policy is picked up.
    func drift(_ args: [String]) throws -> TestSupport.Result {
        try TestSupport.runBinary(["drift"] + args, directory: dir)
    }

    func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
    }

    /// A reference and a current file with a stable feature `x`, an order ID, an
    /// ISO timestamp, a prediction `score` that moves and a label `y`.
    func writeRolesPair(rows: Int = 200) throws -> (String, String) {
        func table(_ shift: Double, idPrefix: String) -> String {
            var t = "order_id,created_at,x,score,y\n"
            for i in 0..<rows {
                let day = 1 + i % 28
                t += "\(idPrefix)\(i),2026-11-\(day < 10 ? "0" : "")\(day)T08:00:00Z,\(i % 10),\(Double(i % 20) / 20 + shift),\(i % 2)\n"
            }
            return t
        }
        return (try write("ref.csv", table(0, idPrefix: "A")), try write("cur.csv", table(0.5, idPrefix: "B")))
    }

    // MARK: broken input is an error, not a retraining

    func testFilesWithoutAColumnInCommonAreAnInputErrorWithDidYouMean() throws {
        let ref = try write("ref.csv", "a,b\n1,2\n3,4\n5,6\n")
        let cur = try write("cur.csv", "A,B\n1,2\n3,4\n")
        let r = try drift(["--reference", ref, "--current", cur])
        XCTAssertEqual(r.exit, 2, r.stdout)
        XCTAssertTrue(
            r.stderr.contains("\(cur):1:1: error: no column in common: the reference has `a`, `b`; the current data has `A`, `B`"),
            r.stderr)
        XCTAssertTrue(r.stderr.contains("did you mean `A` for `a`, `B` for `b`? names must match exactly, case included"), r.stderr)
        XCTAssertEqual(r.stdout, "")
        let other = try write("other.csv", "kelvin,lux\n1,2\n")
        let unrelated = try drift(["--reference", ref, "--current", other])
        XCTAssertEqual(unrelated.exit, 2, unrelated.stdout)
        XCTAssertTrue(unrelated.stderr.contains("check that both files come from the same table"), unrelated.stderr)
    }

    func testHeaderOnlyCurrentAndEmptyReferenceAreInputErrors() throws {
        let ref = try write("ref.csv", "a,b\n1,2\n3,4\n5,6\n")
        let headerOnly = try write("cur.csv", "a,b\n")
        let r = try drift(["--reference", ref, "--current", headerOnly])
        XCTAssertEqual(r.exit, 2, r.stdout)
        XCTAssertTrue(r.stderr.contains("\(headerOnly):1:1: error: the current data `\(headerOnly)` has no data rows"), r.stderr)
        let empty = try drift(["--reference", headerOnly, "--current", ref])
        XCTAssertEqual(empty.exit, 2, empty.stdout)
        XCTAssertTrue(empty.stderr.contains("\(headerOnly):1:1: error: the reference `\(headerOnly)` has no data rows"), empty.stderr)
    }

    func testHostileHeadersAreQuotedNotPrinted() throws {
        let ref = try write("ref.csv", "\"a\u{1B}[31m\nb\",c\n1,2\n")
        let cur = try write("cur.csv", "d,e\n1,2\n")
        let r = try drift(["--reference", ref, "--current", cur])
        XCTAssertEqual(r.exit, 2, r.stdout)
        XCTAssertFalse(r.stderr.contains("\u{1B}"), r.stderr)
        XCTAssertTrue(r.stderr.contains("the reference has `a\\u{1b}[31m\\nb`, `c`"), r.stderr)
    }

    func testAPartlyChangedSchemaIsDriftUnlessTheSchemaIsStrict() throws {
        let ref = try write("ref.csv", "a,b,c\n1,2,3\n4,5,6\n")
        let cur = try write("cur.csv", "a,b,C\n1,2,3\n4,5,6\n")
        let lenient = try drift(["--reference", ref, "--current", cur])
        XCTAssertEqual(lenient.exit, 1, lenient.stderr)
        XCTAssertTrue(lenient.stdout.contains("RETRAIN: 1 of 3 columns drifted (33.3% ≥ 30%): c (missing_in_current)"), lenient.stdout)
        XCTAssertTrue(
            lenient.stderr.contains(
                "qgate: column `c` is missing in the current data: renamed to `C`? It counts as drifted (`schema: strict` makes it an error)"
            ),
            lenient.stderr)
        let strict = try drift(["--reference", ref, "--current", cur, "--schema", "strict"])
        XCTAssertEqual(strict.exit, 2, strict.stdout)
        XCTAssertTrue(
            strict.stderr.contains(
                "\(cur):1:1: error: the columns changed (schema: strict): missing in the current data: `c`; new: `C` — did you mean `C` for `c`?"
            ), strict.stderr)
        let policy = try write("quality-gates.yaml", "version: 1\ngates:\n  - metric: m\n    min: 0\ndrift:\n  schema: strict\n")
        let viaPolicy = try drift(["--config", policy, "--reference", ref, "--current", cur])
        XCTAssertEqual(viaPolicy.exit, 2, viaPolicy.stdout)
        XCTAssertTrue(viaPolicy.stderr.contains("error: the columns changed (schema: strict)"), viaPolicy.stderr)
        // The same columns in another order are the same schema.
        let reordered = try write("reordered.csv", "c,b,a\n3,2,1\n6,5,4\n")
        XCTAssertEqual(try drift(["--reference", ref, "--current", reordered, "--schema", "strict"]).exit, 0)
    }

    // MARK: columns that are not features

    func testIDsAndTimestampsAreLeftOutAndThePredictionIsJudgedOnItsOwn() throws {
        let (ref, cur) = try writeRolesPair()
        let r = try drift(["--reference", ref, "--current", cur, "--prediction", "score", "--target", "y"])
        XCTAssertEqual(r.exit, 1, r.stderr)
        XCTAssertTrue(
            r.stderr.contains(
                "qgate: left out `order_id` (looks like an ID: every reference value is distinct); to compare it as a feature, list it in `features` (--features)"
            ), r.stderr)
        XCTAssertTrue(
            r.stderr.contains("qgate: left out `created_at` (looks like a timestamp: every reference value is an ISO 8601 date or time)"),
            r.stderr)
        XCTAssertTrue(r.stdout.contains("prediction drift: score psi "), r.stdout)
        XCTAssertTrue(r.stdout.contains("label drift: y psi 0, PSI band none — within threshold 0.2"), r.stdout)
        XCTAssertTrue(r.stdout.contains("RETRAIN: prediction drifted: score (psi "), r.stdout)
        XCTAssertFalse(r.stdout.contains("  ✗  order_id"), r.stdout)

        let j = try json(
            try drift(["--reference", ref, "--current", cur, "--prediction", "score", "--target", "y", "--format", "json"]).stdout)
        XCTAssertEqual(j["prediction_drifted"] as? Bool, true)
        XCTAssertEqual(j["label_drifted"] as? Bool, false)
        XCTAssertEqual(j["drifted_share"] as? Double, 0)
        let leftOut = try XCTUnwrap(j["left_out"] as? [[String: Any]])
        XCTAssertEqual(leftOut.map { $0["name"] as? String }, ["order_id", "created_at"])
        XCTAssertEqual(leftOut.map { $0["detected"] as? String }, ["distinct_values", "iso_timestamps"])
        let columns = try XCTUnwrap(j["columns"] as? [[String: Any]])
        XCTAssertEqual(columns.map { $0["name"] as? String }, ["x", "score", "y"])
        XCTAssertEqual(columns.map { $0["role"] as? String }, ["feature", "prediction", "target"])
    }

    /// A numeric ID without an ID name: the current window's customers are newer,
    /// which compared as a feature is a PSI of about 9 and a retraining.
    func testAnIntegerIDIsLeftOutWithANotice() throws {
        func table(from first: Int) -> String {
            "customer_number,x\n" + (0..<200).map { "\(first + $0),\($0 % 10)\n" }.joined()
        }
        let ref = try write("ref.csv", table(from: 100_001))
        let cur = try write("cur.csv", table(from: 100_201))
        let r = try drift(["--reference", ref, "--current", cur])
        XCTAssertEqual(r.exit, 0, r.stdout + r.stderr)
        XCTAssertTrue(
            r.stderr.contains(
                "qgate: left out `customer_number` (looks like an ID: every reference value is a distinct integer); to compare it as a feature, list it in `features` (--features)"
            ), r.stderr)
        let j = try json(try drift(["--reference", ref, "--current", cur, "--format", "json"]).stdout)
        XCTAssertEqual((j["left_out"] as? [[String: Any]])?.map { $0["detected"] as? String }, ["distinct_integers"])
        XCTAssertEqual((j["columns"] as? [[String: Any]])?.map { $0["name"] as? String }, ["x"])
        // Listed as a feature it is compared, and every current value is above the reference's.
        let asked = try drift(["--reference", ref, "--current", cur, "--features", "customer_number"])
        XCTAssertEqual(asked.exit, 1, asked.stdout)
        XCTAssertTrue(asked.stdout.contains("RETRAIN: 1 of 2 columns drifted"), asked.stdout)
    }

    func testTheHTMLPageShowsRolesAndLeftOutColumns() throws {
        let (ref, cur) = try writeRolesPair()
        let page = try drift(["--reference", ref, "--current", cur, "--prediction", "score", "--target", "y", "--format", "html"]).stdout
        XCTAssertTrue(page.contains("<li>prediction drift: score psi "), page)
        XCTAssertTrue(page.contains("<li>label drift: y psi 0, PSI band none — within threshold 0.2</li>"), page)
        XCTAssertTrue(page.contains("<li>left out `order_id` (looks like an ID"), page)
        XCTAssertTrue(page.contains("<td class=\"name\">score <span class=\"muted\">(prediction)</span></td>"), page)
        XCTAssertFalse(page.contains("<td class=\"name\">order_id"), page)
        // Under threshold: auto each column's threshold cell also names its critical PSI and p-value.
        let auto = try drift(["--reference", ref, "--current", cur, "--threshold", "auto", "--format", "html"]).stdout
        XCTAssertTrue(auto.contains("<td class=\"num\">0.2; psi &gt; "), auto)
        XCTAssertTrue(auto.contains(", p "), auto)
    }

    func testExplicitRolesOverrideDetection() throws {
        let (ref, cur) = try writeRolesPair()
        let r = try drift(["--reference", ref, "--current", cur, "--features", "order_id", "--id", "x", "--format", "json"])
        let j = try json(r.stdout)
        XCTAssertEqual((j["left_out"] as? [[String: Any]])?.map { $0["name"] as? String }, ["created_at", "x"])
        XCTAssertEqual((j["left_out"] as? [[String: Any]])?.last?["detected"] as? NSNull, NSNull())
        // order_id compared as asked: every current ID is new.
        XCTAssertEqual((j["columns"] as? [[String: Any]])?.first?["name"] as? String, "order_id")
        XCTAssertEqual((j["columns"] as? [[String: Any]])?.first?["drifted"] as? Bool, true)
        XCTAssertFalse(r.stderr.contains("left out `x`"), r.stderr)
    }

    func testARoleNamingAMissingColumnIsAnErrorWithDidYouMean() throws {
        let (ref, cur) = try writeRolesPair()
        let r = try drift(["--reference", ref, "--current", cur, "--target", "Y"])
        XCTAssertEqual(r.exit, 2, r.stdout)
        XCTAssertTrue(r.stderr.contains("error: target: column `Y` is in neither file — did you mean `y`?"), r.stderr)
        let policy = try write("quality-gates.yaml", "version: 1\ngates:\n  - metric: m\n    min: 0\ndrift:\n  prediction: scores\n")
        let viaPolicy = try drift(["--config", policy, "--reference", ref, "--current", cur])
        XCTAssertEqual(viaPolicy.exit, 2, viaPolicy.stdout)
        XCTAssertTrue(
            viaPolicy.stderr.contains("error: prediction: column `scores` is in neither file — did you mean `score`?"), viaPolicy.stderr)
    }

    // MARK: drift as metrics

    func testMetricsOutputIsGatedByEvaluate() throws {
        let (ref, cur) = try writeRolesPair()
        let metrics = dir + "/drift.json"
        let r = try drift(["--reference", ref, "--current", cur, "--prediction", "score", "--output", "metrics=\(metrics)"])
        XCTAssertEqual(r.exit, 1, r.stderr)
        let m = try json(try String(contentsOfFile: metrics, encoding: .utf8))
        let d = try XCTUnwrap(m["drift"] as? [String: Any])
        XCTAssertEqual(d["max_psi"] as? Double, 0)
        XCTAssertEqual(d["drifted_share"] as? Double, 0)
        XCTAssertEqual(d["retrain"] as? Double, 1)
        let prediction = try XCTUnwrap(d["prediction"] as? [String: Any])
        XCTAssertGreaterThan(try XCTUnwrap(prediction["psi"] as? Double), 0.2)
        XCTAssertEqual((d["column"] as? [String: Any])?.keys.sorted(), ["x", "y"])

        let policy = try write(
            "release.yaml",
            """
            version: 1
            gates:
              - metric: drift.max_psi
                max: 0.2
              - metric: drift.prediction.psi
                max: 0.2
            """)
        let e = try TestSupport.runBinary(["evaluate", "--config", policy, "--metrics", metrics], directory: dir)
        XCTAssertEqual(e.exit, 1, e.stdout + e.stderr)
        XCTAssertTrue(e.stdout.contains("✓  drift.max_psi"), e.stdout)
        XCTAssertTrue(e.stdout.contains("✗  drift.prediction.psi"), e.stdout)
    }

    func testHostileColumnNamesStayOneMetricSegment() throws {
        let ref = try write("ref.csv", "\"a.b\",\"c\"\"}\"\n1,2\n3,4\n")
        let metrics = dir + "/drift.json"
        let r = try drift(["--reference", ref, "--current", ref, "--output", "metrics=\(metrics)"])
        XCTAssertEqual(r.exit, 0, r.stderr)
        let columns = try XCTUnwrap(
            (try json(try String(contentsOfFile: metrics, encoding: .utf8))["drift"] as? [String: Any])?["column"] as? [String: Any])
        XCTAssertEqual(columns.keys.sorted(), ["a_b", "c\"}"])
        // Two names one segment apart would merge: refused.
        let clash = try write("clash.csv", "a.b,a_b\n1,2\n3,4\n")
        let refused = try drift(["--reference", clash, "--current", clash, "--output", "metrics=\(metrics)"])
        XCTAssertEqual(refused.exit, 2, refused.stdout)
        XCTAssertTrue(refused.stderr.contains("error: columns `a.b` and `a_b` would share the metric name segment `a_b`"), refused.stderr)
        // Without the metrics output such names are no problem.
        XCTAssertEqual(try drift(["--reference", clash, "--current", clash]).exit, 0)
    }

    /// The example policy gates `drift.max_psi`; `qgate drift` on the example data now produces it.
    func testTheExamplePolicyGatesWhatDriftWrites() throws {
        let root = TestSupport.packageRoot
        let metrics = dir + "/drift.json"
        let r = try TestSupport.runBinary([
            "drift", "--reference", "Examples/sentiment/drift/reference.csv", "--current", "Examples/sentiment/drift/current.csv",
            "--output", "metrics=\(metrics)"
        ])
        XCTAssertEqual(r.exit, 1, r.stderr)
        // The release metrics without their own drift entry, plus drift's.
        var release = try json(try String(contentsOfFile: root + "/Examples/sentiment/metrics.json", encoding: .utf8))
        release["drift"] = nil
        let releasePath = dir + "/release.json"
        try JSONSerialization.data(withJSONObject: release).write(to: URL(fileURLWithPath: releasePath))
        let e = try TestSupport.runBinary([
            "evaluate", "--metrics", releasePath, "--metrics", metrics, "--baseline", "Examples/sentiment/baseline.json"
        ])
        XCTAssertTrue(e.stdout.contains("drift.max_psi"), e.stdout + e.stderr)
        XCTAssertEqual(e.exit, 0, e.stdout + e.stderr)  // the example policy's drift gate is a warning
        XCTAssertTrue(e.stdout.contains("→ drift.max_psi 0.922344 > max 0.2 (over by 0.722344)"), e.stdout)
    }

    // MARK: model label

    func testModelFlagLabelsPrometheusWithoutAPolicy() throws {
        let ref = try write("ref.csv", "a\n1\n2\n")
        let r = try drift(["--reference", ref, "--current", ref, "--model", "churn", "--format", "prometheus"])
        XCTAssertEqual(r.exit, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("qgate_drift_drifted_share{model=\"churn\"} 0"), r.stdout)
    }
}
