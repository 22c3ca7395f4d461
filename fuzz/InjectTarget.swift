// The `inject` target: whole qgate commands run in-process
// (QGateCommandLine.run with a recording Console) on files whose untrusted
// fields (metric names, gate names, descriptions, waiver reasons, CSV headers
// and category values, model names, versions) hold fuzzed text. GitHub's runner
// reads both streams of a step (GitHubRunnerEmulator): no output may contain a
// workflow command except the annotations qgate itself writes in
// `--format github`, and those exactly as many as for harmless names.
//
// Input: byte 0 picks the scenario, byte 1 which fields get the fuzzed text
// (the others keep harmless values; bit 7 writes it into the policy and
// metrics unescaped, to reach parse-error messages), the rest is the text
// (decoded as UTF-8, invalid sequences replaced).

#if canImport(Glibc)
    import Glibc
#endif

final class Recorder: @unchecked Sendable {
    var out = ""
    var err = ""
}

/// Scratch files of this process for the inject target.
let injectDir: String = {
    let dir = scratch + ".inject"
    mkdir(dir, 0o700)
    return dir
}()

func injectPath(_ name: String) -> String { injectDir + "/" + name }

/// Removes a directory tree (the baseline store between inputs).
func removeTree(_ path: String) {
    if let dir = opendir(path) {
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            removeTree(path + "/" + name)
        }
        closedir(dir)
        rmdir(path)
    } else {
        unlink(path)
    }
}

enum InjectField: Int, CaseIterable {
    case metric, gateName, description, waiver, model, version, csvHeader, category
}

/// The fuzzed text in the fields the mask selects, harmless values elsewhere.
struct InjectValues: Sendable {
    var text: String
    var mask: UInt8
    var raw: Bool { mask & 0x80 != 0 }

    func has(_ field: InjectField) -> Bool { mask & (1 << UInt8(field.rawValue)) != 0 }
    func value(_ field: InjectField, _ harmless: String) -> String { has(field) ? text : harmless }

    /// A YAML double-quoted scalar (or the text as is, in raw mode).
    func yaml(_ field: InjectField, _ harmless: String, suffix: String = "") -> String {
        guard has(field) else { return harmless + suffix }
        if raw { return text + suffix }
        var s = "\""
        for u in (text + suffix).unicodeScalars {
            if u.value >= 0x20 && u.value < 0x7F && u != "\"" && u != "\\" {
                s.unicodeScalars.append(u)
            } else if u.value <= 0xFFFF {
                s += "\\u" + hex(u.value, 4)
            } else {
                s += "\\U" + hex(u.value, 8)
            }
        }
        return s + "\""
    }

    /// A JSON string literal (or the text between quotes unescaped, in raw mode).
    func json(_ field: InjectField, _ harmless: String) -> String {
        let t = has(field) ? text : harmless
        if raw && has(field) { return "\"" + t + "\"" }
        var s = "\""
        for u in t.unicodeScalars {
            if u.value >= 0x20 && u.value < 0x7F && u != "\"" && u != "\\" {
                s.unicodeScalars.append(u)
            } else if u.value <= 0xFFFF {
                s += "\\u" + hex(u.value, 4)
            } else {
                let v = u.value - 0x10000
                s += "\\u" + hex(0xD800 + (v >> 10), 4) + "\\u" + hex(0xDC00 + (v & 0x3FF), 4)
            }
        }
        return s + "\""
    }

    /// A CSV field, quoted.
    func csv(_ field: InjectField, _ harmless: String) -> String {
        let t = has(field) ? text : harmless
        return "\"" + t.replacingAll("\"", with: "\"\"") + "\""
    }

    func hex(_ v: UInt32, _ width: Int) -> String {
        let digits = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension String {
    func replacingAll(_ a: Character, with b: String) -> String {
        var s = ""
        for c in self { if c == a { s += b } else { s.append(c) } }
        return s
    }
}

/// One qgate invocation of a scenario (a scenario may need a few: promote, then show).
struct InjectScenario: Sendable {
    var name: String
    /// Whether its last command writes GitHub annotations on purpose.
    var annotates = false
    var commands: @Sendable (InjectValues) -> [[String]]
}

let injectScenarios: [InjectScenario] = {
    let policy = injectPath("policy.yaml")
    let metrics = injectPath("metrics.json")
    let base = injectPath("baseline.json")
    let ref = injectPath("reference.csv")
    let cur = injectPath("current.csv")
    let preds = injectPath("predictions.csv")
    let store = injectPath("store")
    let evaluate = ["evaluate", "--config", policy, "--metrics", metrics, "--baseline", base]
    var list: [InjectScenario] = []
    for format in ReportFormat.allCases {
        list.append(
            InjectScenario(name: "evaluate \(format.rawValue)", annotates: format == .github) { _ in
                [evaluate + ["--format", format.rawValue]]
            })
    }
    list.append(InjectScenario(name: "evaluate --explain") { _ in [evaluate + ["--explain"]] })
    list.append(
        InjectScenario(name: "evaluate --new-failures-only --fail-on-warning") { _ in
            [evaluate + ["--new-failures-only", "--fail-on-warning"]]
        })
    list.append(InjectScenario(name: "validate --print") { _ in [["validate", "--config", policy, "--print"]] })
    list.append(InjectScenario(name: "synth-test") { _ in [["synth-test", "--config", policy, "--baseline", base]] })
    for format in ["text", "json", "prometheus", "html"] {
        list.append(
            InjectScenario(name: "drift \(format)") { _ in
                [["drift", "--config", policy, "--reference", ref, "--current", cur, "--bins", "3", "--format", format]]
            })
    }
    list.append(
        InjectScenario(name: "score") { v in
            [["score", "--predictions", preds, "--task", "binary", "--score", "p", "--group", v.value(.csvHeader, "g")]]
        })
    list.append(InjectScenario(name: "profile") { v in [["profile", "--data", ref, "--label", v.value(.csvHeader, "c")]] })
    let model = { @Sendable (v: InjectValues) in v.value(.model, "m") }
    let promote = { @Sendable (v: InjectValues) in
        ["baseline", "promote", "--store", store, "--config", policy, "--metrics", base, "--version", v.value(.version, "1.0")]
    }
    let record = evaluate + ["--store", store, "--record"]
    for (name, tail) in [
        ("baseline show", ["show"]), ("baseline show json", ["show", "--format", "json"]),
        ("baseline history", ["history"]), ("baseline history json", ["history", "--format", "json"]),
        ("baseline history --stats", ["history", "--stats"]),
        ("baseline history --stats markdown", ["history", "--stats", "--format", "markdown"]),
        ("baseline history --stats prometheus", ["history", "--stats", "--format", "prometheus"]),
        ("baseline history --stats html", ["history", "--stats", "--format", "html"])
    ] {
        list.append(
            InjectScenario(name: name) { v in
                [promote(v), record, ["baseline"] + tail + ["--store", store, "--config", policy, "--model", model(v)]]
            })
    }
    return list
}()

/// Writes the scenario's input files with the fuzzed text in the selected fields.
func writeInjectFiles(_ v: InjectValues) {
    let metric = v.yaml(.metric, "acc")
    let metricKey = v.json(.metric, "acc")
    let policy = """
        version: 1
        model: \(v.yaml(.model, "m"))
        gates:
          - metric: \(metric)
            name: \(v.yaml(.gateName, "floor"))
            description: \(v.yaml(.description, "the floor"))
            min: 0.9
            max_regression: 0.01
          - metric: \(metric)
            name: \(v.yaml(.gateName, "floor", suffix: " (delta)"))
            severity: warning
            max_delta: 0.01
          - metric: lat
            name: \(v.yaml(.gateName, "floor", suffix: " (latency)"))
            max: 100
            waiver: {reason: \(v.yaml(.waiver, "known")), until: 2024-10-10, owner: \(v.yaml(.waiver, "ml"))}
          - metric: \(metric)
            name: \(v.yaml(.gateName, "floor", suffix: " (info)"))
            severity: info
            min: 1

        """
    let metricsJSON = "{\(metricKey): 0.5, \"lat\": 120, \"version\": \(v.json(.version, "2.0"))}"
    let baselineJSON = "{\(metricKey): 0.95, \"lat\": 90}"
    _ = writeFile(injectPath("policy.yaml"), policy)
    _ = writeFile(injectPath("metrics.json"), metricsJSON)
    _ = writeFile(injectPath("baseline.json"), baselineJSON)
    let header = v.csv(.csvHeader, "c") + ",x,y\n"
    var reference = header
    var current = header
    for i in 0..<12 {
        reference += v.csv(.category, "a") + ",\(i),\(i % 2)\n"
        current += (i < 9 ? v.csv(.category, "a") : "\"b\"") + ",\(i * 10),\(i % 2)\n"
    }
    _ = writeFile(injectPath("reference.csv"), reference)
    _ = writeFile(injectPath("current.csv"), current)
    var predictions = "y,p," + v.csv(.csvHeader, "g") + "\n"
    for i in 0..<10 { predictions += "\(i % 2),0.\(i),\(i < 5 ? v.csv(.category, "u") : "\"v\"")\n" }
    _ = writeFile(injectPath("predictions.csv"), predictions)
}

func writeFile(_ path: String, _ text: String) -> Bool {
    writeBytes(Array(text.utf8), to: path)
}

/// Runs a scenario's commands; the exit code of the last one and every command found.
func runInject(_ scenario: InjectScenario, _ v: InjectValues) -> (
    code: Int32, stdout: [GitHubRunnerEmulator.Command], stderr: [GitHubRunnerEmulator.Command], text: String
) {
    removeTree(injectPath("store"))
    writeInjectFiles(v)
    var code: Int32 = 0
    var outCommands: [GitHubRunnerEmulator.Command] = []
    var errCommands: [GitHubRunnerEmulator.Command] = []
    var text = ""
    let commands = scenario.commands(v)
    for (i, args) in commands.enumerated() {
        let r = Recorder()
        let console = Console(
            writeOut: { r.out += String(decoding: $0, as: UTF8.self) }, writeErr: { r.err += String(decoding: $0, as: UTF8.self) },
            environment: injectEnvironment,
            stdoutIsTTY: false, stderrIsTTY: false)
        code = QGateCommandLine.run(args, console: console)
        let last = i == commands.count - 1
        // Only the last command's stdout may carry intended annotations.
        let found = GitHubRunnerEmulator.commands(in: r.out)
        if last { outCommands = found } else { errCommands += found }
        errCommands += GitHubRunnerEmulator.commands(in: r.err)
        text += "$ qgate \(args.joined(separator: " "))\n[stdout]\n\(r.out)[stderr]\n\(r.err)[exit \(code)]\n"
    }
    return (code, outCommands, errCommands, text)
}

// GITHUB_SHA spares `baseline promote` a `git rev-parse` per input.
let injectEnvironment = [
    "QGATE_TODAY": "2024-10-04", "QGATE_NOW": "2024-10-04T12:00:00Z", "NO_COLOR": "1",
    "GITHUB_SHA": String(repeating: "0", count: 40)
]

/// QGATE_FUZZ_IGNORE_LEGACY=1 looks past `##[` (found in seconds on every
/// format) for the rarer injections: a line break or whitespace before `::`.
let ignoreLegacy = getenv("QGATE_FUZZ_IGNORE_LEGACY").map { String(cString: $0) == "1" } ?? false

/// How many annotations each scenario writes with harmless names.
nonisolated(unsafe) var harmlessAnnotations: [Int: (Int32, Int)] = [:]

func fuzzInject(_ bytes: [UInt8]) {
    guard bytes.count >= 2 else { return }
    let index = Int(bytes[0]) % injectScenarios.count
    let scenario = injectScenarios[index]
    let values = InjectValues(text: String(decoding: bytes[2...], as: UTF8.self), mask: bytes[1])
    var run = runInject(scenario, values)
    if ignoreLegacy {
        run.stdout.removeAll { $0.parser == .legacy }
        run.stderr.removeAll { $0.parser == .legacy }
    }
    if harmlessAnnotations[index] == nil {
        // With harmless names every scenario reaches its report: else it fuzzes nothing.
        let harmless = runInject(scenario, InjectValues(text: "", mask: 0))
        check(harmless.code != ExitCode.error, "\(scenario.name) fails with harmless names:\n\(harmless.text)")
        harmlessAnnotations[index] = (harmless.code, harmless.stdout.filter { $0.parser == .v2 }.count)
    }
    let intended: Set<String> = ["error", "warning", "notice"]
    check(run.stderr.isEmpty, "\(scenario.name): workflow command outside the report: \(run.stderr)\n\(run.text)")
    if !scenario.annotates {
        check(run.stdout.isEmpty, "\(scenario.name): workflow command in the report: \(run.stdout)\n\(run.text)")
        return
    }
    for c in run.stdout {
        check(
            c.parser == .v2 && intended.contains(c.name) && c.line.hasPrefix("::\(c.name) "),
            "\(scenario.name): \(c) is not an annotation qgate writes\n\(run.text)")
    }
    // Raw text can add gates to the policy (more annotations, rightly): compare escaped text only.
    if !values.raw, let (code, count) = harmlessAnnotations[index], code == run.code {
        check(
            run.stdout.filter { $0.parser == .v2 }.count == count,
            "\(scenario.name): \(run.stdout.count) annotations, \(count) with harmless names:\n\(run.stdout.map(\.description).joined(separator: "\n"))\n\(run.text)"
        )
    }
}
