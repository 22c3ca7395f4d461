import Foundation
import Testing

@testable import QGateCLI

/// Runs every case of Tests/Fixtures/bad/manifest*.json (one file per area, so
/// that cases can be added side by side) as its own Swift Testing case, so each
/// failure is reported by the case's name: each must exit with its expected code
/// (2 for every error; never 0) and print its expected fragments. Cases whose
/// location can move are run a second time with every position shifted down by
/// a line (Tests/Fixtures/bad/README.md). `.serialized`: the command line runs
/// in-process and the cases share the generated inputs.
@Suite(.serialized)
struct BadInputCatalogueTests {
    @Test func catalogueIsWellFormed() throws {
        let cases = try BadInputCatalogue.load()
        #expect(try BadInputCatalogue.manifestFiles().contains("manifest.json"))
        #expect(Set(cases.map(\.name)).count == cases.count, "case names must be unique across manifests")
        #expect(cases.count >= 100)
        // A location alone proves little: the fragment names where *and* what.
        for c in cases {
            for fragment in c.stderr ?? [] where fragment.hasSuffix(": error:") || fragment.hasSuffix(": error: ") {
                Issue.record("\(c.name): pair the location with its message in one fragment: \(fragment.debugDescription)")
            }
        }
    }

    @Test(arguments: try BadInputCatalogue.load())
    func failsClosedWithItsMessage(_ c: BadInputCase) throws {
        if c.skip_as_root == true && getuid() == 0 { return }
        var c = c
        if c.generated == true {
            let gen = try BadInputCatalogue.generatedInputs()
            c.args = c.args.map { $0.replacingOccurrences(of: "{GEN}", with: gen) }
            c.stderr = c.stderr?.map { $0.replacingOccurrences(of: "{GEN}", with: gen) }
        }
        BadInputCatalogue.check(c)
    }

    @Test(arguments: try BadInputCatalogue.load().compactMap(ShiftedCase.init))
    func keepsItsColumnsBelowAMultiByteLine(_ shifted: ShiftedCase) throws {
        let dir = NSTemporaryDirectory() + "qgate-shifted-\(getpid())-\(shifted.original.name)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        BadInputCatalogue.check(try shifted.write(into: dir))
    }
}

/// One case of the catalogue, as written in a manifest.
struct BadInputCase: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var args: [String]
    var exit: Int32
    var stderr: [String]?
    var stdout: [String]?
    // swift-format-ignore: AlwaysUseLowerCamelCase
    var stderr_not: [String]?
    /// Args and fragments use `{GEN}`: inputs made at test time (too big to commit, or permissions).
    var generated: Bool?
    /// Permission checks mean nothing to root, who may read and write anything.
    // swift-format-ignore: AlwaysUseLowerCamelCase
    var skip_as_root: Bool?

    var testDescription: String { name }
}

enum BadInputCatalogue {
    static let directory = TestSupport.packageRoot + "/Tests/Fixtures/bad"

    static func manifestFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasPrefix("manifest") && $0.hasSuffix(".json") }.sorted()
    }

    static func load() throws -> [BadInputCase] {
        try manifestFiles().flatMap { file in
            try JSONDecoder().decode([BadInputCase].self, from: Data(contentsOf: URL(fileURLWithPath: directory + "/" + file)))
        }
    }

    /// Runs one case and records every way it differs from its expectation.
    static func check(_ c: BadInputCase) {
        // No QGATE_STORE: the default .qgate store does not exist in a clean checkout.
        let r = TestSupport.run(c.args, store: nil)
        #expect(r.exit != 0, "\(c.name): a bad input must never pass")
        #expect(r.exit == c.exit, "\(c.name): exit code; stderr:\n\(r.stderr)")
        for fragment in c.stderr ?? [] {
            #expect(r.stderr.contains(fragment), "\(c.name): stderr lacks \(fragment.debugDescription):\n\(r.stderr)")
        }
        for fragment in c.stdout ?? [] {
            #expect(r.stdout.contains(fragment), "\(c.name): stdout lacks \(fragment.debugDescription):\n\(r.stdout)")
        }
        for fragment in c.stderr_not ?? [] {
            #expect(!r.stderr.contains(fragment), "\(c.name): stderr must not contain \(fragment.debugDescription)")
        }
    }

    /// The generated inputs, written once per test process on first use and
    /// removed when it exits.
    static func generatedInputs() throws -> String {
        try generated.get()
    }

    private static let generated: Result<String, Error> = Result {
        let dir = NSTemporaryDirectory() + "qgate-bad-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        atexit {
            let dir = NSTemporaryDirectory() + "qgate-bad-\(getpid())"
            chmod(dir + "/read-only-store", 0o755)
            try? FileManager.default.removeItem(atPath: dir)
        }
        try generate(in: dir)
        return dir
    }

    /// Writes the generated inputs: a 100 MB metrics file, a policy with a
    /// 1,000,000-character line, a CSV with a 1,000,000-character field, an
    /// unreadable file and a read-only store.
    static func generate(in dir: String) throws {
        let huge = "{\"pad\": \"" + String(repeating: "a", count: 100_000_000) + "\", \"accuracy\": \"high\"}\n"
        try huge.write(toFile: dir + "/huge-metrics.json", atomically: false, encoding: .utf8)
        let policy =
            "version: 1\nmodel: m\n# " + String(repeating: "x", count: 1_000_000) + "\ngates:\n  - metric: accuracy\n    mni: 0.9\n"
        try policy.write(toFile: dir + "/long-line-policy.yaml", atomically: false, encoding: .utf8)
        let csv = "a,b\n1,x\n2,\"" + String(repeating: "y", count: 1_000_000) + "\n"
        try csv.write(toFile: dir + "/long-field.csv", atomically: false, encoding: .utf8)
        try generateCSVLimits(in: dir)
        try generateMetricsLimits(in: dir)
        try "{\"accuracy\": 0.95}\n".write(toFile: dir + "/unreadable.json", atomically: false, encoding: .utf8)
        chmod(dir + "/unreadable.json", 0)
        try FileManager.default.createDirectory(atPath: dir + "/read-only-store", withIntermediateDirectories: false)
        chmod(dir + "/read-only-store", 0o555)
    }

    /// CSV past the reader's limits (manifest-limits.json): 200,000 distinct
    /// columns `c000000,…` (this once reserved 26 GB and crashed), 100,001 fields
    /// in a data row, and a record one byte over 16 MiB. The limits are CSVReader's.
    static func generateCSVLimits(in dir: String) throws {
        var wide = (0..<200_000).map { "c" + String(repeating: "0", count: 6 - String($0).count) + String($0) }.joined(separator: ",")
        wide += "\n" + Array(repeating: "1", count: 200_000).joined(separator: ",") + "\n"
        try wide.write(toFile: dir + "/wide-header.csv", atomically: false, encoding: .utf8)
        let wideRow = "y,p\n1,0.5\n" + String(repeating: "1,", count: 100_000) + "1\n"
        try wideRow.write(toFile: dir + "/wide-row.csv", atomically: false, encoding: .utf8)
        let longRecord = "y,p\n1,0.5\n1," + String(repeating: "x", count: (16 << 20) - 1) + "\n"
        try longRecord.write(toFile: dir + "/long-record.csv", atomically: false, encoding: .utf8)
    }

    /// Metrics past MetricsLoader's limits (manifest-limits.json): 250,001 keys
    /// (one per line, so key 250,001 is on line 250,002); flattened names over
    /// 16 MiB (a 1,000-byte key holding 4-byte keys: 1,005-byte names, the
    /// 16,693rd overflows on line 16,694); a YAML metrics file over 16 MiB.
    static func generateMetricsLimits(in dir: String) throws {
        let keys = "{\n" + (0...250_000).map { "\"k\($0)\": 0" }.joined(separator: ",\n") + "\n}\n"
        try keys.write(toFile: dir + "/many-keys.json", atomically: false, encoding: .utf8)
        let hex = (0..<20_000).map { i -> String in
            let h = String(i, radix: 16)
            return String(repeating: "0", count: 4 - h.count) + h
        }
        let names = "{\"" + String(repeating: "p", count: 1000) + "\": {\n" + hex.map { "\"\($0)\": 1" }.joined(separator: ",\n") + "\n}}\n"
        try names.write(toFile: dir + "/long-names.json", atomically: false, encoding: .utf8)
        let yaml = "accuracy: 0.9\n" + String(repeating: "#\n", count: 8 << 20)
        try yaml.write(toFile: dir + "/big-metrics.yaml", atomically: false, encoding: .utf8)
    }
}

/// A fragment `path:line:col: error: message`.
struct LocatedFragment: Equatable {
    var path: String
    var line: Int
    var column: Int
    var message: String

    init?(_ text: String) {
        guard let marker = text.range(of: ": error: ") else { return nil }
        let parts = text[..<marker.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 3, let line = Int(parts[parts.count - 2]), let column = Int(parts[parts.count - 1]) else { return nil }
        path = parts.dropLast(2).joined(separator: ":")
        self.line = line
        self.column = column
        message = String(text[marker.upperBound...])
    }

    var text: String { "\(path):\(line):\(column): error: \(message)" }
}

/// A position-sensitive case re-run on a copy of its located input with one
/// line added above every position it names (README.md in Tests/Fixtures/bad):
/// each such fragment must name the line below, at the same column.
struct ShiftedCase: Sendable, CustomTestStringConvertible {
    /// A comment of multi-byte characters: 2-, 3- and 4-byte UTF-8 sequences.
    static let yamlLine = "# é漢🙂 — every position below moves down one line\n"

    /// Cases whose position rightly stays put when a line goes above it.
    static let unmovable = [
        "policy-empty": "a file holding only a comment is still empty, and an empty file's error is at 1:1"
    ]

    var original: BadInputCase
    /// The input whose positions the case's fragments name.
    var path: String

    var testDescription: String { original.name }

    /// nil when the case names no position that a line can move: no located
    /// fragment, a generated or directory input, an error on a CSV header or
    /// first record or a first record over several lines (nothing can go above
    /// them without changing the data), or a case in `unmovable`.
    init?(_ c: BadInputCase) {
        guard c.generated != true,
            let first = (c.stderr ?? []).lazy.compactMap(LocatedFragment.init).first,
            c.args.contains(where: { $0 == first.path || $0.hasSuffix("=" + first.path) })
        else { return nil }
        let located = (c.stderr ?? []).compactMap(LocatedFragment.init).filter { $0.path == first.path }
        let source = first.path.hasPrefix("/") ? first.path : TestSupport.packageRoot + "/" + first.path
        guard Self.unmovable[c.name] == nil,
            !(first.path.hasSuffix(".csv") && located.contains { $0.line < 3 }),
            let bytes = FileManager.default.contents(atPath: source),
            Self.shift([UInt8](bytes), extension: (first.path as NSString).pathExtension) != nil
        else { return nil }
        original = c
        self.path = first.path
    }

    /// The input with one line added: a YAML comment of multi-byte characters;
    /// for JSON, which has no comments, an empty line; for CSV, a second copy
    /// of the first record, which the command has already accepted.
    static func shift(_ bytes: [UInt8], extension ext: String) -> [UInt8]? {
        switch ext {
        case "yaml", "yml": return Array(yamlLine.utf8) + bytes
        case "json": return Array("\n".utf8) + bytes
        case "csv":
            let newlines = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }
            guard newlines.count >= 2 else { return nil }
            let record = bytes[(newlines[0] + 1)...newlines[1]]
            // A quote would make the copy the start of a multi-line field.
            guard record.filter({ $0 == UInt8(ascii: "\"") }).count % 2 == 0 else { return nil }
            return Array(bytes[...newlines[1]]) + record + bytes[(newlines[1] + 1)...]
        default: return nil
        }
    }

    /// Writes the shifted copy into `dir` and returns the case to run on it.
    func write(into dir: String) throws -> BadInputCase {
        let source = path.hasPrefix("/") ? path : TestSupport.packageRoot + "/" + path
        let ext = (path as NSString).pathExtension
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: source)))
        let copy = dir + "/shifted-" + (path as NSString).lastPathComponent
        let shifted = try #require(Self.shift(bytes, extension: ext))
        try Data(shifted).write(to: URL(fileURLWithPath: copy))
        var c = original
        c.args = c.args.map { $0 == path ? copy : $0.hasSuffix("=" + path) ? String($0.dropLast(path.count)) + copy : $0 }
        // Only the located fragments are checked again: other fragments quote
        // source lines with their numbers.
        c.stderr = (original.stderr ?? []).compactMap(LocatedFragment.init).filter { $0.path == path }.map { fragment in
            var moved = fragment
            moved.path = copy
            moved.line += 1
            moved.message = Self.moved(fragment.message, path: path, to: copy)
            return moved.text
        }
        c.stdout = nil
        c.stderr_not = nil
        return c
    }

    /// A message that cites its own file (`PATH:L:C`, `at line N`) cites the
    /// line below in the copy; other files' positions stay.
    static func moved(_ message: String, path: String, to copy: String) -> String {
        let ownPosition = try! Regex(NSRegularExpression.escapedPattern(for: path) + #":(\d+):"#)
        let ownLine = try! Regex(#"at line (\d+)"#)
        let next = { (match: Regex<AnyRegexOutput>.Match) in String(Int(match.output[1].substring!)! + 1) }
        return
            message
            .replacing(ownPosition) { "\(copy):\(next($0)):" }
            .replacing(ownLine) { "at line \(next($0))" }
            .replacingOccurrences(of: path, with: copy)
    }
}
