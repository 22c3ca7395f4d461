import Foundation
import QGateTestSupport
import XCTest

/// Untrusted text must never speak to the CI runner. Every command, in every
/// format it prints, runs through the real binary with a hostile corpus in
/// every untrusted field; both of the runner's parsers (GitHubRunnerEmulator)
/// read stdout, stderr and the report files, and may find only the
/// annotations qgate itself meant to emit.
final class OutputInjectionTests: TemporaryDirectoryTestCase {
    /// One of each way into the runner or onto a reader's screen. Each is a
    /// separate name in a field, so every one is proven on its own.
    static let hostile: [String] = [
        "::warning::X", "::error::Y", "\u{A0}::notice::Z", "\u{2003}\u{3000}::add-mask::secret",
        ":\u{200B}:error::zero-width", "\u{FEFF}::error::bom", "##[stop-commands]tok", "x##[error]legacy", "#\u{FE0F}#[add-mask]vs",
        "cr\r::error::cr", "lf\n::error::lf", "crlf\r\n##[error]crlf", "ls\u{2028}::error::ls", "ps\u{2029}::error::ps",
        "nel\u{85}::error::nel", "%0A::error::pct%0D", "esc\u{1B}[31mred\u{1B}]0;title\u{7}bel", "rtl\u{202E}gpj.exe",
        "@octocat https://evil.example www.evil.example"
    ]
    /// Printed to human reports at most `Sanitize.nameLimit` long: a metric
    /// name as long as the loader allows, and a 100 000-character gate name.
    static let long = String(repeating: "L", count: 1000)
    static let longGateName = String(repeating: "G", count: 100_000)
    static var names: [String] { hostile + [long] }

    var env: [String: String] { ["QGATE_STORE": dir + "/store", "QGATE_TODAY": "2026-11-29", "GITHUB_ACTIONS": "", "NO_COLOR": ""] }

    // MARK: inputs

    /// A YAML double-quoted scalar: every non-ASCII or control scalar as `\U`.
    func yaml(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            default:
                if u.value < 0x20 || u.value > 0x7E {
                    let h = String(u.value, radix: 16)
                    out += "\\U" + String(repeating: "0", count: 8 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    func json(_ s: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: [s], options: [.fragmentsAllowed]), as: UTF8.self)
            .dropFirst().dropLast().description
    }

    func csv(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// Gates named, described, owned and waived with every hostile name; all
    /// fail (value 0.4, min 0.5), at each severity, one waived. The direction is
    /// written: names such as `::error::Y` read as lower-is-better.
    func writePolicy(model: String = "m") throws -> String {
        var text = "version: 1\nmodel: \(model)\ngates:\n"
        let severities = ["critical", "warning", "info"]
        for (i, n) in Self.names.enumerated() {
            text += """
                  - metric: \(yaml(n))
                    name: \(yaml(n == Self.long ? Self.longGateName : n))
                    description: \(yaml(n == Self.long ? Self.longGateName : n))
                    owner: \(yaml(n))
                    mitigation: \(yaml(n))
                    stage: model-performance
                    severity: \(severities[i % 3])
                    direction: higher
                    min: 0.5
                    max_regression: 0.01

                """
        }
        text += """
              - metric: waived
                name: \(yaml(Self.hostile.joined(separator: " ")))
                min: 0.5
                waiver: {reason: \(yaml(Self.hostile.joined(separator: " "))), until: 2026-12-01, owner: \(yaml(Self.hostile[0]))}

            """
        // The file name is untrusted too: it is printed and becomes the annotations' `file=`.
        return try write("p\n::error::file ##[x] \u{202E}.yaml", text)
    }

    func writeMetrics(_ value: Double, name: String = "metrics.json") throws -> String {
        let members = (Self.names + ["waived"]).map { "\(json($0)): \(value)" }
        return try write(name, "{\n" + members.joined(separator: ",\n") + "\n}\n")
    }

    // MARK: the oracle

    /// No command but qgate's own annotations (`annotations`: every line is one,
    /// `error`/`warning`/`notice`), no control character but LF (and qgate's
    /// colour sequences when `colour`), and human text cut short.
    func assertSafe(
        _ text: String, _ what: String, annotations: Bool = false, colour: Bool = false, bounded: Bool = false,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        let commands = GitHubRunnerEmulator.commands(in: text)
        if annotations {
            let lines = GitHubRunnerEmulator.lines(text)
            XCTAssertEqual(commands.count, lines.count, "\(what): \(commands)", file: file, line: line)
            for c in commands where c.parser != .v2 || !["error", "warning", "notice"].contains(c.name) {
                XCTFail("\(what): not an annotation of qgate's: \(c)", file: file, line: line)
            }
            XCTAssertTrue(
                lines.allSatisfy { l in
                    ["::error ", "::warning ", "::notice "].contains { String(String.UnicodeScalarView(l)).hasPrefix($0) }
                },
                what, file: file, line: line)
        } else {
            XCTAssertEqual(commands, [], "\(what): the runner would execute \(commands.prefix(3))", file: file, line: line)
        }
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if colour && s == "\u{1B}" {
                // ESC [ digits m, nothing else.
                var j = i + 1
                XCTAssertTrue(j < scalars.count && scalars[j] == "[", "\(what): ESC not a colour", file: file, line: line)
                j += 1
                while j < scalars.count && ("0"..."9").contains(scalars[j]) { j += 1 }
                XCTAssertTrue(j < scalars.count && scalars[j] == "m", "\(what): ESC not a colour", file: file, line: line)
                i = j + 1
                continue
            }
            switch s.properties.generalCategory {
            case .control where s != "\n", .format, .lineSeparator, .paragraphSeparator:
                XCTFail("\(what): raw U+\(String(s.value, radix: 16)) in \(text.prefix(2000).debugDescription)", file: file, line: line)
                return
            default: break
            }
            i += 1
        }
        if bounded {
            // Each of 20 names, cut at 200, appears a few times: far below one uncut long name.
            XCTAssertLessThan(text.utf8.count, 60_000, "\(what): long names are not cut", file: file, line: line)
        }
    }

    func run(
        _ args: [String], _ what: String, exit: Int32? = nil, annotations: Bool = false, colour: Bool = false,
        bounded: Bool = true, extraEnv: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line
    ) throws -> TestSupport.Result {
        let r = try TestSupport.runBinary(args, environment: env.merging(extraEnv) { $1 })
        if let exit { XCTAssertEqual(r.exit, exit, "\(what): \(r.stderr.prefix(2000))", file: file, line: line) }
        assertSafe(r.stdout, what + " stdout", annotations: annotations, colour: colour, bounded: bounded, file: file, line: line)
        assertSafe(r.stderr, what + " stderr", bounded: true, file: file, line: line)
        return r
    }

    func assertFileSafe(_ path: String, _ what: String, bounded: Bool = false, file: StaticString = #filePath, line: UInt = #line) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        assertSafe(text, what, bounded: bounded, file: file, line: line)
    }

    // MARK: the commands

    func testEvaluateEveryFormatAndFile() throws {
        let policy = try writePolicy()
        let metrics = try writeMetrics(0.4, name: "m ::warning::f ##[x] \u{202E}.json")
        let baseline = try writeMetrics(0.9, name: "baseline.json")
        let base = ["evaluate", "--config", policy, "--metrics", metrics, "--baseline", baseline, "--no-github"]
        for format in ["text", "json", "markdown", "junit", "github", "prometheus"] {
            let machine = ["json", "junit", "prometheus"].contains(format)
            let r = try run(
                base + ["--format", format], "evaluate --format \(format)", exit: 1,
                annotations: format == "github", bounded: !machine)
            XCTAssertFalse(r.stdout.isEmpty, format)
            if format == "json" {
                // Still valid JSON, and the names read back exactly.
                let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
                let gates = (doc?["conditions"] as? [[String: Any]] ?? []).compactMap { $0["gate"] as? String }
                for n in Self.hostile + [Self.longGateName] {
                    XCTAssertTrue(gates.contains(n), "JSON lost \(n.prefix(40).debugDescription)")
                }
            }
            if format == "prometheus" { XCTAssertFalse(r.stdout.contains("\r"), "raw CR in a label value") }
        }
        _ = try run(base + ["--explain"], "evaluate --explain", exit: 1)
        _ = try run(base + ["--color", "always"], "evaluate --color always", exit: 1, colour: true)
        // Every format as a file, and the stdout-replacing bare --output.
        var outputs: [String] = []
        for format in ["text", "json", "markdown", "junit", "github", "prometheus"] {
            let path = dir + "/report.\(format)"
            outputs += ["--output", "\(format)=\(path)"]
        }
        _ = try run(base + outputs + ["--output", dir + "/bare.txt"], "evaluate --output", exit: 1)
        for format in ["text", "json", "markdown", "junit", "prometheus"] {
            try assertFileSafe(dir + "/report.\(format)", "evaluate file \(format)", bounded: format == "text" || format == "markdown")
        }
        let github = try String(contentsOfFile: dir + "/report.github", encoding: .utf8)
        assertSafe(github, "evaluate file github", annotations: true)
        XCTAssertFalse(try String(contentsOfFile: dir + "/report.prometheus", encoding: .utf8).contains("\r"))
        // In GitHub Actions: step summary and outputs.
        let summary = dir + "/summary.md"
        let outputsFile = dir + "/outputs"
        _ = try run(
            ["evaluate", "--config", policy, "--metrics", metrics, "--baseline", baseline], "evaluate in Actions", exit: 1,
            extraEnv: ["GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary, "GITHUB_OUTPUT": outputsFile])
        try assertFileSafe(summary, "step summary", bounded: true)
        try assertFileSafe(outputsFile, "GITHUB_OUTPUT")
        let markdown = try String(contentsOfFile: summary, encoding: .utf8)
        XCTAssertFalse(markdown.contains("@octocat"), "a mention would ping")
        XCTAssertFalse(markdown.contains("https://evil") || markdown.contains("www.evil"), "a bare link would be linked")
    }

    func testValidateSynthTestAndReview() throws {
        let policy = try writePolicy()
        let metrics = try writeMetrics(0.4)
        let baseline = try writeMetrics(0.9, name: "baseline.json")
        _ = try run(["validate", "--config", policy], "validate", exit: 0)
        _ = try run(["validate", "--config", policy, "--print"], "validate --print", exit: 0, bounded: false)
        for format in ["text", "json"] {
            _ = try run(
                ["synth-test", "--config", policy, "--baseline", baseline, "--metrics", metrics, "--format", format],
                "synth-test --format \(format)", bounded: format == "text")
        }
        let reviews = dir + "/reviews"
        _ = try run(
            ["review", "--config", policy, "--metrics", metrics, "--baseline", baseline, "--output-dir", reviews], "review", exit: 1)
        for f in try FileManager.default.contentsOfDirectory(atPath: reviews) {
            try assertFileSafe(reviews + "/" + f, "review file \(f)", bounded: true)
        }
    }

    /// Errors that echo a hostile key and its source line go to stderr through the same guard.
    func testDiagnosticsThatEchoHostileInput() throws {
        for (i, n) in Self.names.enumerated() {
            // A key whose value is not a number: the message quotes the key and shows the line.
            let bad = try write("bad\(i).json", "{\n  \(json(n)): \"high ##[stop-commands]x\"\n}\n")
            let policy = try write("ok\(i).yaml", "version: 1\ngates:\n  - {metric: \(yaml(n)), min: 0.5}\n")
            _ = try run(["evaluate", "--config", policy, "--metrics", bad, "--no-github"], "metrics error \(i)", exit: 2)
            // An unknown policy key, and an invalid model name.
            let unknown = try write(
                "unknown\(i).yaml", "version: 1\nmodel: \(yaml(n))\ngates:\n  - metric: x\n    \(yaml(n)): 1\n    min: 0.5\n")
            _ = try run(["validate", "--config", unknown], "policy error \(i)", exit: 2)
        }
        _ = try run(["evaluate", "--metrics", "::error::arg ##[x]\n\u{202E}", "--no-github"], "missing file named hostilely", exit: 2)
    }

    func testDriftEveryFormatAndFile() throws {
        // Every hostile name is a numeric column; `cat` holds every hostile name as a category, and drifts.
        let header = (Self.names.map(csv) + ["cat"]).joined(separator: ",")
        var reference = header + "\n"
        var current = header + "\n"
        for row in 0..<40 {
            let numbers = Self.names.map { _ in String(row % 10) }
            reference += (numbers + ["plain"]).joined(separator: ",") + "\n"
            current +=
                (Self.names.map { _ in String(row % 10 + 20) } + [csv(Self.names[row % Self.names.count])]).joined(separator: ",") + "\n"
        }
        let ref = try write("reference.csv", reference)
        let cur = try write("current.csv", current)
        let config = try write("p.yaml", "version: 1\nmodel: m\ngates:\n  - {metric: x, min: 0}\n")
        let base = ["drift", "--config", config, "--reference", ref, "--current", cur, "--no-github"]
        for format in ["text", "json", "markdown", "prometheus"] {
            let machine = format == "json" || format == "prometheus"
            let r = try run(base + ["--format", format], "drift --format \(format)", exit: 1, bounded: !machine)
            if format == "json" { XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) }
        }
        _ = try run(base + ["--color", "always"], "drift --color always", exit: 1, colour: true)
        var outputs: [String] = []
        for format in ["text", "json", "markdown", "prometheus"] { outputs += ["--output", "\(format)=\(dir)/drift.\(format)"] }
        let summary = dir + "/summary.md"
        let outputsFile = dir + "/outputs"
        _ = try run(
            ["drift", "--config", config, "--reference", ref, "--current", cur] + outputs, "drift --output", exit: 1,
            extraEnv: ["GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary, "GITHUB_OUTPUT": outputsFile])
        for format in ["text", "json", "markdown", "prometheus"] {
            try assertFileSafe(dir + "/drift.\(format)", "drift file \(format)", bounded: format == "text" || format == "markdown")
        }
        try assertFileSafe(summary, "drift step summary", bounded: true)
        try assertFileSafe(outputsFile, "drift GITHUB_OUTPUT")
        _ = try run(
            ["drift", "--config", config, "--reference", ref, "--emit-histograms", dir + "/h.json"], "drift --emit-histograms", exit: 0)
        try assertFileSafe(dir + "/h.json", "histograms")
    }

    func testScoreAndProfileJSON() throws {
        // Group values and label classes become metric-name segments.
        var rows = "y,p,g\n"
        for (i, n) in Self.hostile.enumerated() {
            rows += "\(i % 2),0.\(i % 10),\(csv(n))\n"
            rows += "\((i + 1) % 2),0.\((i + 5) % 10),\(csv(n))\n"
        }
        let preds = try write("preds.csv", rows)
        let score = try run(["score", "--predictions", preds, "--score", "p", "--group", "g"], "score --group", bounded: false)
        XCTAssertEqual(score.exit, 0, score.stderr)
        _ = try run(["profile", "--data", preds, "--label", "g"], "profile --label", exit: 0, bounded: false)
        var multi = "y,yhat\n"
        for n in Self.hostile { multi += "\(csv(n)),\(csv(n))\n\(csv(n)),\(csv(Self.hostile[0]))\n" }
        _ = try run(
            ["score", "--predictions", try write("multi.csv", multi), "--task", "multiclass", "--prediction", "yhat"],
            "score multiclass", bounded: false)
    }

    func testBaselineCommands() throws {
        let policy = try writePolicy()
        let metrics = try writeMetrics(0.4)
        let better = try writeMetrics(0.9, name: "better.json")
        let store = ["--store", dir + "/store"]
        _ = try run(
            ["baseline", "promote", "--config", policy, "--metrics", better, "--version", "v1 ::error::ver ##[x]\u{202E}"] + store,
            "promote", exit: 0)
        _ = try run(["evaluate", "--config", policy, "--metrics", metrics, "--record", "--no-github"] + store, "evaluate --record", exit: 1)
        _ = try run(
            ["baseline", "promote", "--config", policy, "--metrics", better, "--version", "\n::warning::v2"] + store, "promote 2", exit: 0)
        _ = try run(
            ["baseline", "promote", "--config", policy, "--metrics", metrics, "--require-pass"] + store, "promote --require-pass", exit: 1)
        for format in ["text", "json"] {
            _ = try run(
                ["baseline", "show", "--config", policy, "--format", format] + store, "show \(format)", exit: 0, bounded: format == "text")
            _ = try run(
                ["baseline", "history", "--config", policy, "--format", format] + store, "history \(format)", exit: 0,
                bounded: format == "text")
        }
        for format in ["text", "json", "markdown", "prometheus"] {
            _ = try run(
                ["baseline", "history", "--stats", "--config", policy, "--format", format] + store, "history --stats \(format)",
                exit: 0, bounded: format == "text" || format == "markdown")
        }
        _ = try run(["baseline", "rollback", "--config", policy] + store, "rollback", exit: 0)
        _ = try run(
            ["baseline", "verify", "--config", policy, "--artifact", try write("::error::artifact ##[x]", "a")] + store, "verify", exit: 1)
    }

    /// A 500 kB gate name and CSV header print as 200 characters in every human
    /// report (they used to print whole, several times over).
    func testHugeNamesAreCutInHumanReports() throws {
        let gate = String(repeating: "G", count: 500_000)
        let policy = try write("huge.yaml", "version: 1\ngates:\n  - {metric: m, name: \(gate), min: 0.5, description: \(gate)}\n")
        let metrics = try write("m.json", "{\"m\": 0.4}\n")
        for format in ["text", "markdown", "github"] {
            let r = try run(
                ["evaluate", "--config", policy, "--metrics", metrics, "--no-github", "--format", format]
                    + (format == "github" ? [] : ["--explain"]),
                "huge gate \(format)", exit: 1, annotations: format == "github")
            XCTAssertLessThan(r.stdout.utf8.count, 5_000, format)
        }
        let header = String(repeating: "H", count: 500_000)
        let reference = try write("r.csv", "\(header),c\n" + (0..<30).map { "\($0 % 5),a\n" }.joined())
        let current = try write("c.csv", "\(header),c\n" + (0..<30).map { "\($0 % 5 + 9),b\n" }.joined())
        let config = try write("d.yaml", "version: 1\ngates:\n  - {metric: x, min: 0}\n")
        for format in ["text", "markdown"] {
            let r = try run(
                ["drift", "--config", config, "--reference", reference, "--current", current, "--no-github", "--format", format],
                "huge header \(format)", exit: 1)
            XCTAssertLessThan(r.stdout.utf8.count, 5_000, format)
        }
    }
}
