import Foundation
import XCTest

/// `qgate drift sql`: the printed SQL per dialect (goldens), its refusals, and
/// the query run for real in DuckDB against qgate's own CSV path.
final class DriftSQLCommandTests: XCTestCase {
    static let reference = "Tests/Fixtures/drift-sql/reference.hist.json"

    /// Hostile column names (a quote with a combining mark, a backslash, a
    /// backtick, SQL after a quote) are quoted for each dialect; goldens show it.
    func testPrintedSQLPerDialect() throws {
        for dialect in ["duckdb", "spark", "bigquery", "postgresql"] {
            let binned = TestSupport.run(["drift", "sql", "--dialect", dialect, "--table", "prod.events", "--reference", Self.reference])
            XCTAssertEqual(binned.exit, 0, binned.stderr)
            try TestSupport.assertGolden(binned.stdout, "drift-sql/\(dialect)-reference.sql")
            let quantiles = TestSupport.run([
                "drift", "sql", "--dialect", dialect, "--table", "train`ing\"", "--numeric", "amount,x'y", "--categorical",
                "source", "--bins", "4"
            ])
            XCTAssertEqual(quantiles.exit, 0, quantiles.stderr)
            try TestSupport.assertGolden(quantiles.stdout, "drift-sql/\(dialect)-quantiles.sql")
        }
    }

    func testRefusals() {
        let lineBreak = TestSupport.run(["drift", "sql", "--dialect", "duckdb", "--table", "t", "--numeric", "a\nb"])
        XCTAssertEqual(lineBreak.exit, 2)
        XCTAssertEqual(lineBreak.stderr, "error: column name `a\\nb` holds a control or invisible character\n")
        let bidi = TestSupport.run(["drift", "sql", "--dialect", "spark", "--table", "t\u{202E}", "--numeric", "a"])
        XCTAssertEqual(bidi.stderr, "error: table name `t\\u{202e}` holds a control or invisible character\n")
        let both = TestSupport.run(["drift", "sql", "--dialect", "duckdb", "--table", "t", "--reference", Self.reference, "--bins", "5"])
        XCTAssertEqual(both.exit, 2)
        XCTAssertTrue(both.stderr.hasPrefix("error: --reference takes its columns and edges from the file"), both.stderr)
        let none = TestSupport.run(["drift", "sql", "--dialect", "duckdb", "--table", "t"])
        XCTAssertTrue(none.stderr.hasPrefix("error: missing '--reference FILE'"), none.stderr)
        let noDialect = TestSupport.run(["drift", "sql", "--table", "t", "--numeric", "a"])
        XCTAssertTrue(noDialect.stderr.hasPrefix("error: missing '--dialect SQL' — one of: duckdb, spark, bigquery, postgresql"))
    }

    /// `drift` is a command and `drift sql` one too: `drift` keeps its flags.
    func testDriftStillRunsWithItsOwnFlags() throws {
        // Outside the package root: its quality-gates.yaml names other columns.
        let path = TestSupport.packageRoot + "/" + Self.reference
        let r = try TestSupport.runBinary(
            ["drift", "--reference", path, "--current", path, "--format", "json"], directory: NSTemporaryDirectory())
        XCTAssertEqual(r.exit, 0, r.stderr)
        let unknown = TestSupport.run(["drift", "sq"])
        XCTAssertEqual(unknown.exit, 2)
    }

    /// The venv python when it can import duckdb, else a visible skip.
    func pythonWithDuckDB(_ test: String) throws -> String {
        let python = TestSupport.packageRoot + "/.build-venv/bin/python"
        let probe = try? TestSupport.runBinary(["-c", "import duckdb"], program: python)
        guard let probe, probe.exit == 0 else {
            print("SKIPPED \(test): \(python) cannot import duckdb (.ci/run installs it from PyPI)")
            throw XCTSkip("no duckdb in .build-venv (.ci/run installs it from PyPI)")
        }
        return python
    }

    /// The DuckDB query run for real (dev/test_duckdb_histograms.py): edges,
    /// counts and PSI identical to qgate's CSV path, partitions summed, left
    /// closedness, the engine's quantile edges read back.
    func testDuckDBCountsEqualQGatesOwn() throws {
        let python = try pythonWithDuckDB("testDuckDBCountsEqualQGatesOwn")
        let r = try TestSupport.runBinary(["dev/test_duckdb_histograms.py", "--qgate", TestSupport.binary], program: python)
        XCTAssertEqual(r.exit, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("all histogram checks passed"), r.stdout)
    }

    /// Examples/duckdb-drift/run.sh, the whole flow in one command: retraining due.
    func testDuckDBExampleEndToEnd() throws {
        let python = try pythonWithDuckDB("testDuckDBExampleEndToEnd")
        let r = try TestSupport.runBinary(
            ["Examples/duckdb-drift/run.sh"], environment: ["QGATE": TestSupport.binary, "PYTHON": python, "NO_COLOR": "1"],
            program: "/bin/bash")
        XCTAssertEqual(r.exit, 1, r.stdout + r.stderr)
        // DuckDB's approx_quantile merges T-Digests from parallel threads: the
        // edges, and PSI's last digits, may differ between runs.
        XCTAssertTrue(r.stdout.contains("RETRAIN: 2 of 4 columns drifted (50% ≥ 30%): price (psi 1.2"), r.stdout)
        XCTAssertTrue(r.stdout.contains(", channel (psi 0.365274)"), r.stdout)
    }

    /// The same checks in a throwaway PostgreSQL cluster, when Debian's
    /// postgresql package is installed (.ci/run tries to install it).
    func testPostgreSQLCountsEqualQGatesOwn() throws {
        guard FileManager.default.fileExists(atPath: "/usr/lib/postgresql") else {
            print("SKIPPED testPostgreSQLCountsEqualQGatesOwn: no PostgreSQL server (apt-get install postgresql)")
            throw XCTSkip("no PostgreSQL server")
        }
        let r = try TestSupport.runBinary(
            ["python3", "dev/test_postgres_histograms.py", "--qgate", TestSupport.binary], program: "/usr/bin/env")
        XCTAssertEqual(r.exit, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("all histogram checks passed"), r.stdout)
    }
}
