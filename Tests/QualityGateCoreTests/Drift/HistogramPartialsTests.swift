import Foundation
import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// `closed` in qgate.histograms/v1 and partial histograms summed across files.
final class HistogramPartialsTests: TemporaryDirectoryTestCase {
    func part(
        _ name: String, rows: Int = 10, closed: String? = nil, a: String = #"[4, 6]"#, edges: String = "[1.5]",
        source: String = #"{"web": 3, "app\"x": 1}"#, extra: String = ""
    ) throws -> String {
        let closedMember = closed.map { #""closed": "\#($0)", "# } ?? ""
        return try write(
            name,
            """
            {"schema": "qgate.histograms/v1", \(closedMember)"rows": \(rows),
             "columns": {
              "a": {"type": "numeric", "edges": \(edges), "counts": \(a), "missing": 0},
              "source": {"type": "categorical", "counts": \(source), "missing": 1}\(extra)}}
            """)
    }

    func request(_ reference: [String], _ current: [String]) -> DriftRequest {
        var r = DriftRequest(referencePath: reference[0], currentPath: current.first, config: DriftConfig(), emitHistogramsPath: nil)
        r.moreReferencePaths = Array(reference.dropFirst())
        r.moreCurrentPaths = Array(current.dropFirst())
        return r
    }

    func diagnostic(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch {
            // The first line, without its hint.
            let line = DiagnosticRenderer().render(error).split(separator: "\n").first.map(String.init) ?? ""
            return line.components(separatedBy: " — ")[0]
        }
    }

    func testPartsAreSummedPerBinAndPerCategory() throws {
        let p1 = try part("p1.json")
        let p2 = try part("p2.json", rows: 7, a: "[1, 5]", source: #"{"web": 2, "new": 3}"#)
        let merged = try HistogramPartials.merge([p1, p2].map { try HistogramJSON.read(path: $0, config: DriftConfig()) })
        XCTAssertEqual(merged.rows, 17)
        let a = try XCTUnwrap(merged.columns.first { $0.name == "a" })
        XCTAssertEqual(a.counts, [5, 11])
        let source = try XCTUnwrap(merged.columns.first { $0.name == "source" })
        XCTAssertEqual(source.categoryCounts, ["web": 5, "app\"x": 1, "new": 3])
        XCTAssertEqual(source.missing, 2)
        // Through `qgate drift`: the summed current equals one file holding the sums.
        let whole = try part("whole.json", rows: 17, a: "[5, 11]", source: #"{"web": 5, "app\"x": 1, "new": 3}"#)
        let summed = try XCTUnwrap(try request([whole], [p1, p2]).run())
        let single = try XCTUnwrap(try request([whole], [whole]).run())
        XCTAssertEqual(summed.columns.map(\.currentCounts), single.columns.map(\.currentCounts))
        XCTAssertEqual(summed.columns.map(\.psi), single.columns.map(\.psi))
        XCTAssertEqual(summed.currentSource, "\(p1) + \(p2)")
    }

    func testClosedDefaultsToRightAndIsWritten() throws {
        let old = try part("old.json")
        XCTAssertEqual(try HistogramJSON.read(path: old, config: DriftConfig()).closed, .right)
        XCTAssertEqual(try HistogramJSON.read(path: try part("l.json", closed: "left"), config: DriftConfig()).closed, .left)
        XCTAssertTrue(HistogramJSON.render(rows: 0, columns: []).contains(#""closed": "right""#))
        XCTAssertEqual(
            diagnostic { _ = try HistogramJSON.read(path: try self.part("bad.json", closed: "both"), config: DriftConfig()) },
            "\(dir)/bad.json:1:45: error: `closed` must be \"left\" or \"right\"")
    }

    func testPartsBinnedDifferentlyAreRefusedWithTheirLocation() throws {
        let p1 = try part("p1.json")
        XCTAssertEqual(
            diagnostic { _ = try self.request([p1], [p1, try self.part("e.json", edges: "[2.5]")]).run() },
            "\(dir)/e.json:3:8: error: column `a` is not binned with the edges of `\(p1)`")
        XCTAssertEqual(
            diagnostic { _ = try self.request([p1, try self.part("l.json", closed: "left")], [p1]).run() },
            "\(dir)/l.json:1:45: error: bins are closed on the left here but on the right in the first part")
        let extra = #", "b": {"type": "categorical", "counts": {}, "missing": 0}"#
        XCTAssertEqual(
            diagnostic { _ = try self.request([p1], [p1, try self.part("x.json", extra: extra)]).run() },
            "\(dir)/x.json:4:92: error: column `b` is not in the first part `\(p1)`")
        XCTAssertEqual(
            diagnostic { _ = try self.request([try self.part("y.json", extra: extra)], [p1]).run() },
            "no error")
        XCTAssertEqual(
            diagnostic { _ = try self.request([try self.part("y.json", extra: extra), p1], [p1]).run() },
            "\(dir)/p1.json:1:1: error: column `b` of `\(dir)/y.json` is missing from this part")
        let kind =
            #"{"schema": "qgate.histograms/v1", "rows": 10, "columns": {"a": {"type": "categorical", "counts": {}}, "source": {"type": "categorical", "counts": {}}}}"#
        XCTAssertEqual(
            diagnostic { _ = try self.request([p1], [p1, try self.write("k.json", kind)]).run() },
            "\(dir)/k.json:1:64: error: column `a` has another type than in `\(p1)`")
    }

    func testSummedCountsCannotOverflow() throws {
        let big = try part("big.json", rows: 999_999_999_999_999, a: "[999999999999990, 0]", source: "{}")
        XCTAssertEqual(
            diagnostic { _ = try self.request([big, big], [big]).run() },
            "\(dir)/big.json:1:43: error: the summed counts exceed 10^15")
    }

    func testClosednessMustMatchBetweenReferenceAndCurrent() throws {
        let right = try part("r.json")
        let left = try part("l.json", closed: "left")
        XCTAssertEqual(
            diagnostic { _ = try self.request([right], [left]).run() },
            "\(dir)/l.json:1:45: error: the current histograms' bins are closed on the left, the reference's on the right")
        let csv = try write("cur.csv", "a,source\n1,web\n")
        XCTAssertEqual(
            diagnostic { _ = try self.request([left], [csv]).run() },
            "error: the reference histograms are closed on the left, but qgate bins `\(csv)` closed on the right")
        XCTAssertEqual(
            diagnostic { _ = try self.request([right, csv], [right]).run() },
            "error: `\(csv)`: only histogram JSON files (*.json) can be given several times for one side")
        // Both closed on the left: compared as usual.
        XCTAssertEqual(diagnostic { _ = try self.request([left], [left]).run() }, "no error")
    }
}
