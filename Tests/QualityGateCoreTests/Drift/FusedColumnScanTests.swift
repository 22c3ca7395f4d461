import Foundation
import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// The one-pass scan gives the same histograms whether the reference's values
/// are held in memory or the file is read again (bounded memory), and counts a
/// column that turns out text after numbers from its first record.
final class FusedColumnScanTests: TemporaryDirectoryTestCase {
    override func tearDownWithError() throws {
        FusedColumnScan.inMemoryValues = 16 << 20
        try super.tearDownWithError()
    }

    func histograms(_ path: String, _ config: DriftConfig, held: Int) throws -> [ColumnHistogram] {
        FusedColumnScan.inMemoryValues = held
        defer { FusedColumnScan.inMemoryValues = 16 << 20 }
        return try DriftProfiler.reference(path: path, config: config).columns
    }

    func assertSame(_ a: [ColumnHistogram], _ b: [ColumnHistogram], _ what: String) {
        XCTAssertEqual(a.map(\.name), b.map(\.name), what)
        for (x, y) in zip(a, b) {
            XCTAssertEqual(x.kind, y.kind, "\(what) \(x.name)")
            XCTAssertEqual(x.edges.map(\.bitPattern), y.edges.map(\.bitPattern), "\(what) \(x.name) edges")
            XCTAssertEqual(x.constant, y.constant, "\(what) \(x.name) constant")
            XCTAssertEqual(x.counts, y.counts, "\(what) \(x.name) counts")
            XCTAssertEqual(x.categoryCounts, y.categoryCounts, "\(what) \(x.name) categories")
            XCTAssertEqual(x.missing, y.missing, "\(what) \(x.name) missing")
            XCTAssertEqual(x.rows, y.rows, "\(what) \(x.name) rows")
        }
    }

    /// Every oracle fixture, both binnings: values held, and read again with as little held as possible.
    func testReadingAgainGivesTheHeldValuesHistograms() throws {
        let dir = DriftOracleTests.directory
        let cases = try FileManager.default.contentsOfDirectory(atPath: dir).filter {
            FileManager.default.fileExists(atPath: dir + "/" + $0 + "/reference.csv")
        }
        XCTAssertGreaterThanOrEqual(cases.count, 10)
        for name in cases {
            for binning in DriftConfig.Binning.allCases {
                var config = DriftConfig()
                config.binning = binning
                let path = dir + "/" + name + "/reference.csv"
                assertSame(try histograms(path, config, held: 16 << 20), try histograms(path, config, held: 0), "\(name) \(binning)")
            }
        }
    }

    func testALargeGeneratedReferenceReadAgainMatchesTheFullSelection() throws {
        var rng = SplitMix64(seed: 11)
        var text = "x,y,t\n"
        var xs: [Double] = []
        for r in 0..<40_000 {
            let x = Double(Int64(bitPattern: rng.next() % 2_000_001) - 1_000_000) / 1000
            let y = r % 3 == 0 ? "NA" : String(Double(rng.next() % 7))  // ties and missing cells
            xs.append(x)
            text += "\(x),\(y),\(r < 30_000 ? "1" : "k\(r % 4)")\n"
        }
        let path = try write("big.csv", text)
        let held = try histograms(path, DriftConfig(), held: 16 << 20)
        let reread = try histograms(path, DriftConfig(), held: 100)
        assertSame(held, reread, "generated")
        var copy = xs
        XCTAssertEqual(reread[0].edges, Binning.quantileEdges(&copy, bins: 10))
        var counts = [Int](repeating: 0, count: reread[0].binCount)
        for x in xs { counts[reread[0].bin(of: x)] += 1 }
        XCTAssertEqual(reread[0].counts, counts)
        XCTAssertEqual(reread[1].missing, 13_334)
        // `t` is numbers for 30,000 records, then text: the numbers are counted as categories too.
        XCTAssertEqual(reread[2].kind, .categorical)
        XCTAssertEqual(reread[2].categoryCounts["1"], 30_000)
        XCTAssertEqual(reread[2].categoryCounts.values.reduce(0, +), 40_000)
    }

    func testATextColumnRereadsOnlyTheRecordsBeforeItTurnedText() throws {
        let path = try write("t.csv", "a,b\n1,x\n2,NA\n1e999,y\n3,\n")
        let h = try DriftProfiler.reference(path: path, config: DriftConfig()).columns
        XCTAssertEqual(h[0].kind, .numeric)
        XCTAssertEqual(h[0].missing, 1)
        XCTAssertEqual(h[1].kind, .categorical)
        XCTAssertEqual(h[1].categoryCounts, ["x": 1, "y": 1])
        XCTAssertEqual(h[1].missing, 2)
        let late = try write("late.csv", "a\n1\n1e999\nNA\n2\nx\n")
        let l = try DriftProfiler.reference(path: late, config: DriftConfig()).columns
        XCTAssertEqual(l[0].kind, .categorical)
        XCTAssertEqual(l[0].categoryCounts, ["1": 1, "2": 1, "x": 1])
        XCTAssertEqual(l[0].missing, 2)
    }
}
