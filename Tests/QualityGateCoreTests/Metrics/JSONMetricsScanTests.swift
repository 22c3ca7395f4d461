import Foundation
import XCTest

@testable import QualityGateCore

/// The one-pass scan must give the tree path's `MetricSet` whenever it answers,
/// and answer only for files the tree path loads (errors are always the tree's).
final class JSONMetricsScanTests: XCTestCase {
    /// The same names in the same order, the same values (bit for bit), uncertainties and positions.
    /// With `only`, the tree's names outside it are left out of the comparison.
    func assertSame(
        _ scan: MetricSet, _ tree: MetricSet, only: Set<String>? = nil, _ what: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        let names = tree.names.filter { only?.contains($0) ?? true }
        XCTAssertEqual(scan.names, names, what, file: file, line: line)
        XCTAssertEqual(scan.files, tree.files, what, file: file, line: line)
        for name in names {
            guard let a = scan[name], let b = tree[name] else {
                XCTFail("\(what): \(name) missing", file: file, line: line)
                continue
            }
            switch (a.value, b.value) {
            case (.number(let x), .number(let y)):
                XCTAssertEqual(x.bitPattern, y.bitPattern, "\(what): \(name) \(x) vs \(y)", file: file, line: line)
            default:
                XCTAssertEqual(a.value, b.value, "\(what): \(name)", file: file, line: line)
            }
            XCTAssertEqual(a.uncertainty, b.uncertainty, "\(what): \(name)", file: file, line: line)
            XCTAssertEqual(a.location, b.location, "\(what): \(name)", file: file, line: line)
        }
    }

    /// Checks one document; returns whether the scan answered.
    @discardableResult
    func check(_ bytes: [UInt8], file: String = "m.json", _ what: String, line: UInt = #line) -> Bool {
        let scan = JSONMetricsScan.metrics(bytes, file: file)
        let tree = Result { try MetricsLoader.parseTree(bytes, file: file) }
        switch (scan, tree) {
        case (let scan?, .success(let tree)):
            assertSame(scan, tree, what, line: line)
        case (_?, .failure(let error)):
            XCTFail("\(what): the scan loaded a file the tree refuses: \(error)", line: line)
        case (nil, .success):
            break  // declined: the tree's answer is used
        case (nil, .failure(let error)):
            // The public entry point reports the tree's error, unchanged.
            let viaParse = Result { try MetricsLoader.parse(bytes, file: file) }
            guard case .failure(let again) = viaParse else {
                XCTFail("\(what): parse loaded it", line: line)
                return false
            }
            XCTAssertEqual("\(again)", "\(error)", what, line: line)
        }
        return scan != nil
    }

    /// Checks one document read with a selection of `metrics`: the scan keeps
    /// exactly the tree's selected names (values, uncertainties, positions) or
    /// declines; the public entry point then gives the full reading or the tree's error.
    @discardableResult
    func checkSelected(_ bytes: [UInt8], metrics: [String], _ what: String, line: UInt = #line) -> Bool {
        let selection = MetricSelection(metrics: metrics)
        let wanted = Set(metrics.flatMap { [$0, $0 + "_ci.low", $0 + "_ci.high"] })
        let scan = JSONMetricsScan.metrics(bytes, file: "m.json", selection: selection)
        let tree = Result { try MetricsLoader.parseTree(bytes, file: "m.json") }
        let viaParse = Result { try MetricsLoader.parse(bytes, file: "m.json", only: selection) }
        switch (scan, tree, viaParse) {
        case (let scan?, .success(let tree), _):
            assertSame(scan, tree, only: wanted, what, line: line)
        case (_?, .failure(let error), _):
            XCTFail("\(what): the selective scan loaded a file the tree refuses: \(error)", line: line)
        case (nil, .success(let tree), .success(let full)):
            assertSame(full, tree, what, line: line)
        case (nil, .failure(let error), .failure(let again)):
            XCTAssertEqual("\(again)", "\(error)", what, line: line)
        case (nil, _, _):
            XCTFail("\(what): parse and the tree disagree", line: line)
        }
        return scan != nil
    }

    func testASelectionKeepsOnlyItsNamesAndChecksTheRest() {
        let document = #"{"acc": 0.9, "acc_ci": {"low": 0.8, "high": 0.95}, "f1": {"value": 0.5, "n": 10}, "lat": {"p95": 3, "p99": null}}"#
        let bytes = Array(document.utf8)
        XCTAssertTrue(checkSelected(bytes, metrics: ["acc", "lat.p99", "missing"], document))
        let set = JSONMetricsScan.metrics(bytes, file: "m.json", selection: MetricSelection(metrics: ["acc", "lat.p99", "missing"]))
        XCTAssertEqual(set?.names, ["acc", "acc_ci.low", "acc_ci.high", "lat.p99"])
        XCTAssertEqual(set?["acc"]?.uncertainty?.ciLow, 0.8)
        XCTAssertEqual(set?["lat.p99"]?.value, .undefined)
        XCTAssertEqual(set.map { MetricSelection(metrics: ["acc", "missing"]).isComplete($0) }, false)
        XCTAssertEqual(set.map { MetricSelection(metrics: ["acc", "lat.p99"]).isComplete($0) }, true)
        // An interval sibling of a metric the selection does not keep: declined, read whole.
        XCTAssertFalse(checkSelected(bytes, metrics: ["f1"], document))
        XCTAssertEqual(try MetricsLoader.parse(bytes, file: "m.json", only: MetricSelection(metrics: ["f1"])).count, 10)
        // Errors outside the selection are still found, the tree's own.
        for bad in [
            "{\"acc\": 1,\n \"x\": {\"y\": 1, \"y\": 2}}", "{\"acc\": 1, \"x\": {\"y\": 1}, \"x.y\": 2}",
            #"{"acc": 1, "f1": {"value": 1, "n": -3}}"#, #"{"acc": 1, "x": [1,]}"#
        ] {
            XCTAssertFalse(checkSelected(Array(bad.utf8), metrics: ["acc"], bad), bad)
        }
    }

    func testFixturesLoadTheSameBothWays() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures")
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "json" }
        XCTAssertGreaterThan(files.count, 20)
        var answered = 0
        for url in files {
            let bytes = Array(try Data(contentsOf: url))
            if check(bytes, file: url.lastPathComponent, url.path) { answered += 1 }
        }
        XCTAssertGreaterThan(answered, 10)
    }

    func testCommonShapesAreScannedNotDeclined() {
        let documents = [
            #"{"accuracy": 0.93, "latency": {"p95_ms": 110, "p99": {"ms": 2e2}}, "a.b": -5, "x": null}"#,
            #"{"acc": {"value": 0.91, "n": 5000, "ci_low": 0.9, "ci_high": 0.92}, "acc2": {"value": 1}}"#,
            #"{"auc": 0.8, "auc_ci": {"low": 0.75, "high": 0.85}, "v": "1.2", "ok": true, "cm": [[1, 2], [3, {"a": 1}]]}"#,
            "\u{FEFF}{\"mé.trïc\" : 1E-3 ,\n\t\"empty\": {}, \"neg0\": -0, \"nan\": NaN, \"inf\": -Infinity}"
        ]
        for d in documents {
            XCTAssertTrue(check(Array(d.utf8), d), d)
        }
    }

    func testErrorsAreTheTreesAndTheScanDeclines() {
        let documents = [
            "{\"a\": 1,\n \"a\": 2}",  // duplicate key: the JSON reader's message
            "{\"a\": {\"b\": 1},\n \"a.b\": 2}",  // flattened collision: the metrics message
            #"{"a": 1,}"#, #"{"a": 01}"#, #"{"a": 1.}"#, #"{"a": 1e}"#, #"{"a": 1x}"#, #"{"a": [1, 2,]}"#,
            #"{"a": {"value": "x", "n": 3}}"#, #"{"a": {"value": 1, "n": -3}}"#, #"{"a": 1, "a_ci": {"low": 2, "high": 3}}"#,
            #"{"a": [{"k": 1, "k": 2}]}"#, #"[1]"#, "", #"{"a": 1} x"#, #"{"a\u0062": 1, "ab": 2}"#
        ]
        for d in documents {
            XCTAssertFalse(check(Array(d.utf8), d), d)
        }
    }

    /// The scan holds a name in a buffer as long as the longest name allowed:
    /// a name of exactly that length loads, one byte more is the tree's error,
    /// nested or not, with or without a selection; the names that follow a long
    /// one are read whole (the buffer is cut back to the prefix).
    func testNamesAtTheLengthLimit() {
        let limit = MetricsLoader.maximumNameLength
        let outer = String(repeating: "o", count: 500)
        for (length, loads) in [(limit, true), (limit + 1, false)] {
            let flat = String(repeating: "k", count: length)
            let inner = String(repeating: "i", count: length - outer.count - 1)
            let documents = [
                "{\"\(flat)\": 1, \"b\": 2}",
                "{\"\(outer)\": {\"\(inner)\": 1, \"x\": 2}, \"y\": {\"z\": 3}}"
            ]
            for d in documents {
                XCTAssertEqual(check(Array(d.utf8), "\(length)"), loads, "\(length)")
                XCTAssertEqual(checkSelected(Array(d.utf8), metrics: ["b", "y.z", "\(outer).x"], "\(length)"), loads, "\(length)")
            }
        }
        let set = JSONMetricsScan.metrics(Array("{\"\(outer)\": {\"ab\": 1, \"c\": 2}, \"d\": {\"e\": 3}}".utf8), file: "m.json")
        XCTAssertEqual(set?.names, ["\(outer)", "\(outer).ab", "\(outer).c", "d", "d.e"])
    }

    func testUncertaintyKeysAreTheLoadersOwn() {
        for key in MetricsLoader.uncertaintyKeys { XCTAssertTrue(JSONMetricsScan.isUncertaintyKey(key), key) }
        for key in ["values", "N", "ci", "low", ""] { XCTAssertFalse(JSONMetricsScan.isUncertaintyKey(key), key) }
    }

    /// Numbers at the edges of the fast conversion: each must be the `Double` the standard library gives.
    func testNumbersMatchTheStandardLibrary() {
        let edges = [
            "0", "-0", "0.0", "1", "-1", "9007199254740992", "9007199254740993", "18446744073709551615",
            "1234567890123456789", "12345678901234567890", "0.1", "0.3", "1e22", "1e23", "1e-22", "1e-23",
            "4.9e-324", "5e-324", "1.7976931348623157e308", "1e308", "1e309", "2.2250738585072014e-308", "123.456e-7",
            "0.000000000000000000001", "9999999999999999999", "1E+2", "1e0002", "1e00002", "-2.5E-3", "3.14159265358979323846"
        ]
        var text = "{"
        for (i, e) in edges.enumerated() { text += "\(i == 0 ? "" : ",")\"n\(i)\": \(e)" }
        text += "}"
        XCTAssertTrue(check(Array(text.utf8), "edges"))
        let set = JSONMetricsScan.metrics(Array(text.utf8), file: "m.json")
        for (i, e) in edges.enumerated() {
            guard case .number(let d)? = set?["n\(i)"]?.value else { return XCTFail(e) }
            XCTAssertEqual(d.bitPattern, Double(e)?.bitPattern, e)
        }
    }

    /// Random documents (nesting, duplicates, unicode and escaped keys, every
    /// kind of value, measured numbers, interval siblings), whole and with one
    /// byte deleted or changed: the scan agrees with the tree on every one.
    func testRandomDocumentsLoadTheSameBothWays() {
        var rng = SplitMix(seed: 20_261_129)
        var answered = 0
        var selected = 0
        for round in 0..<1500 {
            var out = ""
            randomObject(&rng, depth: 0, into: &out)
            let bytes = Array(out.utf8)
            if check(bytes, "round \(round): \(out)") { answered += 1 }
            var metrics: [String] = []
            if let tree = try? MetricsLoader.parseTree(bytes, file: "m.json") {
                metrics = tree.names.filter { _ in rng.next() % 3 == 0 }
            }
            for _ in 0..<Int(rng.next() % 3) { metrics.append(rng.pick(keys)) }
            if checkSelected(bytes, metrics: metrics, "round \(round) selecting \(metrics): \(out)") { selected += 1 }
            if !bytes.isEmpty {
                var broken = bytes
                let at = Int(rng.next() % UInt64(broken.count))
                if rng.next() % 2 == 0 {
                    broken.remove(at: at)
                } else {
                    broken[at] = Array("{}[],:\"0.e-x \\".utf8)[Int(rng.next() % 14)]
                }
                check(broken, "round \(round) broken: \(String(decoding: broken, as: UTF8.self))")
                checkSelected(
                    broken, metrics: metrics, "round \(round) broken, selecting \(metrics): \(String(decoding: broken, as: UTF8.self))")
            }
        }
        XCTAssertGreaterThan(answered, 300)
        XCTAssertGreaterThan(selected, 150)
    }

    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func pick<T>(_ xs: [T]) -> T { xs[Int(next() % UInt64(xs.count))] }
    }

    let keys = ["a", "b", "acc", "value", "n", "stderr", "ci_low", "ci_high", "acc_ci", "low", "high", "a.b", "é", "指标", "k\\u0041", "x y"]

    func randomNumber(_ rng: inout SplitMix) -> String {
        switch rng.next() % 6 {
        case 0: return rng.pick(["0", "-0", "1e22", "1e23", "9007199254740993", "5e-324", "1e400", "NaN", "-Infinity", "0.1"])
        case 1: return String(rng.next() % 1_000_000)
        case 2: return "\(rng.next() % 2 == 0 ? "-" : "")\(rng.next() % 100_000).\(rng.next() % 1_000_000)"
        case 3: return "\(rng.next() % 10_000)e\(rng.pick(["", "+", "-"]))\(rng.next() % 40)"
        case 4: return "0.\(rng.next())\(rng.next())"
        default: return String(Double(bitPattern: rng.next() >> 2))
        }
    }

    func randomValue(_ rng: inout SplitMix, depth: Int, into out: inout String) {
        switch rng.next() % (depth < 4 ? 9 : 7) {
        case 0, 1, 2: out += randomNumber(&rng)
        case 3: out += rng.pick(["null", "true", "false", "\"1.2.3\"", "\"\\u00e9\""])
        case 4: out += rng.pick(["[]", "[1, 2.5, null]", "[{\"a\": 1}]", "[[], {}]"])
        case 5:
            out += "{\"value\": \(randomNumber(&rng))"
            for key in ["n", "stderr", "ci_low", "ci_high"] where rng.next() % 3 == 0 { out += ", \"\(key)\": \(randomNumber(&rng))" }
            out += "}"
        case 6: out += "{\"low\": \(randomNumber(&rng)), \"high\": \(randomNumber(&rng))}"
        default: randomObject(&rng, depth: depth + 1, into: &out)
        }
    }

    func randomObject(_ rng: inout SplitMix, depth: Int, into out: inout String) {
        out += "{"
        let count = Int(rng.next() % 6)
        for i in 0..<count {
            out += i == 0 ? "" : rng.pick([",", ", ", ",\n  "])
            out += "\"\(rng.pick(keys))\"\(rng.pick([":", ": ", " :\t"]))"
            randomValue(&rng, depth: depth, into: &out)
        }
        out += "}"
    }
}
