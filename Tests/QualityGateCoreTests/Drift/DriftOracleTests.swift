import Foundation
import XCTest

@testable import QualityGateCore

/// qgate's drift statistics against the numpy/scipy oracle (dev/drift_oracle.py,
/// committed in Tests/Fixtures/drift): bins, edges and counts exactly, PSI/KL/JS
/// to 1e-9 (numpy sums in another order), for both binning modes.
final class DriftOracleTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/drift").path

    func close(_ a: Double?, _ b: Any?, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        switch (a, b as? Double) {
        case (nil, nil): return
        case (let x?, let y?):
            XCTAssertLessThanOrEqual(abs(x - y), 1e-9 * max(1, abs(y)), "\(what): \(x) vs oracle \(y)", file: file, line: line)
        default:
            XCTFail("\(what): \(String(describing: a)) vs oracle \(String(describing: b))", file: file, line: line)
        }
    }

    func testAgreesWithTheNumpyScipyOracle() throws {
        let cases = try FileManager.default.contentsOfDirectory(atPath: Self.directory).filter {
            FileManager.default.fileExists(atPath: Self.directory + "/" + $0 + "/expected.json")
        }.sorted()
        XCTAssertGreaterThanOrEqual(cases.count, 10)
        var checked = 0
        for name in cases {
            let dir = Self.directory + "/" + name
            // Our own JSON reader: Foundation's JSONSerialization on Linux does not round every double correctly.
            let expected = Self.plain(try JSON.parse(try FileSystem.readBytes(dir + "/expected.json"), file: name)) as? [String: Any] ?? [:]
            let bins = (expected["bins"] as? Double).map { Int($0) } ?? 10
            for (mode, columns) in expected["results"] as? [String: [String: [String: Any]]] ?? [:] {
                var config = DriftConfig()
                config.bins = bins
                config.binning = DriftConfig.Binning(rawValue: mode) ?? .quantile
                // The oracle compares every column, IDs included (`ColumnRoles` would leave `id` out).
                config.features = columns.keys.sorted()
                let result = try XCTUnwrap(
                    try DriftRequest(
                        referencePath: dir + "/reference.csv", currentPath: dir + "/current.csv",
                        config: config, emitHistogramsPath: nil
                    ).run())
                XCTAssertEqual(Set(result.columns.map(\.name)), Set(columns.keys), "\(name) \(mode): columns")
                for column in result.columns {
                    let what = "\(name) \(mode) \(column.name)"
                    guard let e = columns[column.name] else { continue }
                    XCTAssertEqual(column.status.rawValue, e["status"] as? String, what)
                    if column.status != .missingInReference { XCTAssertEqual(column.kind.rawValue, e["type"] as? String, what) }
                    close(column.psi, e["psi"], what + " psi")
                    close(column.kl, e["kl"], what + " kl")
                    close(column.js, e["js"], what + " js")
                    close(column.referenceMissingShare, e["reference_missing_share"], what + " reference missing share")
                    close(column.currentMissingShare, e["current_missing_share"], what + " current missing share")
                    if column.status == .ok || column.status == .constant {
                        XCTAssertEqual(
                            column.referenceCounts.map(Double.init), e["reference_counts"] as? [Double], what + " reference counts")
                        XCTAssertEqual(column.currentCounts.map(Double.init), e["current_counts"] as? [Double], what + " current counts")
                        if column.kind == .numeric { XCTAssertEqual(column.edges, e["edges"] as? [Double], what + " edges") }
                    }
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 100)
    }

    /// JSONValue as Foundation-style values (numbers as Double).
    static func plain(_ v: JSONValue) -> Any? {
        switch v.kind {
        case .null: return nil
        case .bool(let b): return b
        case .number(let d): return d
        case .string(let s): return s
        case .array(let items): return items.map { plain($0) as Any }
        case .object(let members):
            var d: [String: Any] = [:]
            for m in members { d[m.key] = plain(m.value) }
            return d
        }
    }

    func testHistogramJSONRoundTripGivesTheSameResult() throws {
        let dir = Self.directory + "/normal_shift"
        let tmp = NSTemporaryDirectory() + "qgate-hist-\(getpid()).json"
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let config = DriftConfig()
        let direct = try XCTUnwrap(
            try DriftRequest(
                referencePath: dir + "/reference.csv", currentPath: dir + "/current.csv",
                config: config, emitHistogramsPath: tmp
            ).run())
        let viaHistogram = try XCTUnwrap(
            try DriftRequest(
                referencePath: tmp, currentPath: dir + "/current.csv",
                config: config, emitHistogramsPath: nil
            ).run())
        XCTAssertEqual(direct.columns.map(\.psi), viaHistogram.columns.map(\.psi))
        XCTAssertEqual(direct.retrain, viaHistogram.retrain)
    }

    func testNumberParsingMatchesStrtod() {
        var rng = SystemRandomNumberGenerator()
        var samples = [
            "0", "-0", "1.5", "+1", ".5", "5.", "1e5", "1E-5", "123456789012345678901234", "0.1", "9007199254740993",
            "1.7976931348623157e308", "4.9e-324", "2.2250738585072014e-308", "00012.5000", "1e22", "1e23", "123.456e-5"
        ]
        for _ in 0..<20_000 {
            let digits = Int.random(in: 1...20, using: &rng)
            var s = (0..<digits).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
            if Bool.random(using: &rng) { s.insert(".", at: s.index(s.startIndex, offsetBy: Int.random(in: 0...s.count, using: &rng))) }
            if Int.random(in: 0...3, using: &rng) == 0 { s += "e\(Int.random(in: -30...30, using: &rng))" }
            if Bool.random(using: &rng) { s = "-" + s }
            samples.append(s)
        }
        for s in samples {
            let bytes = Array(s.utf8)
            let ours = bytes.withUnsafeBufferPointer { CellValue.number($0) }
            XCTAssertEqual(ours, strtod(s, nil), s)
        }
        for bad in ["", ".", "-", "1e", "1e+", "abc", "1.2.3", " 1", "1 ", "inf", "nan", "0x10", "1_000"] {
            XCTAssertNil(Array(bad.utf8).withUnsafeBufferPointer { CellValue.number($0) }, bad)
        }
    }
}
