// libFuzzer entry point for qgate. Built by fuzz/run.sh together with every
// source file of QualityGateCore and QGateCLI and the GitHub runner emulator
// (one module, so internals are reachable); QGATE_FUZZ_TARGET picks what the
// input is fed to. Besides "no crash, no hang, no leak", each target checks an
// invariant and traps when it does not hold, so libFuzzer saves the input.
#if canImport(Glibc)
    import Glibc
#endif

enum FuzzTarget: String, CaseIterable {
    case yaml, json, csv, histogram, evaluate, inject
}

func say(_ text: String) {
    var bytes = Array(text.utf8)
    _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
}

let fuzzTarget: FuzzTarget = {
    guard let raw = getenv("QGATE_FUZZ_TARGET"), let t = FuzzTarget(rawValue: String(cString: raw)) else {
        say("set QGATE_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))\n")
        exit(2)
    }
    return t
}()

/// Inputs that need a path (CSV, histogram JSON) are written to one scratch
/// file in /dev/shm per process.
let scratch: String = {
    let dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
    return "\(dir)/qgate-fuzz-\(getpid())"
}()

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        // A trap (not abort()), which libFuzzer reports as a crash and saves the input of.
        fatalError("invariant violated: \(message())")
    }
}

/// JSONValue → JSONOutput, to print what was parsed and parse it again.
func output(_ v: JSONValue) -> JSONOutput {
    switch v.kind {
    case .null: return .null
    case .bool(let b): return .bool(b)
    case .number(let d): return .number(d)
    case .string(let s): return .string(s)
    case .array(let items): return .array(items.map(output))
    case .object(let members): return .object(members.map { ($0.key, output($0.value)) })
    }
}

func fuzzYAML(_ bytes: [UInt8]) {
    guard (try? YAML.parse(bytes, file: "fuzz.yaml")) != nil else { return }
    // A policy that loads prints as JSON (validate --print), which must parse.
    guard let policy = try? PolicyLoader.parse(bytes, file: "fuzz.yaml") else { return }
    let printed = PolicyJSON.document(policy).rendered()
    check((try? JSON.parse(printed)) != nil, "policy JSON does not parse:\n\(printed)")
}

func fuzzJSON(_ bytes: [UInt8]) {
    if let value = try? JSON.parse(bytes, file: "fuzz.json") {
        // parse → print → parse → print is stable (NaN/Infinity print as strings, so compare the second round).
        let once = output(value).renderedCompact()
        guard let again = try? JSON.parse(once) else { return check(false, "printed JSON does not parse: \(once)") }
        let twice = output(again).renderedCompact()
        if let third = try? JSON.parse(twice) { check(output(third).renderedCompact() == twice, "JSON print is not stable: \(twice)") }
    }
    _ = try? MetricsLoader.parse(bytes, file: "fuzz.json")
}

func writeScratch(_ bytes: [UInt8], suffix: String) -> String {
    let path = scratch + suffix
    check(writeBytes(bytes, to: path), "cannot write \(path)")
    return path
}

/// Plain open/write/close: atomic writes (fsync, rename) would cost more than the parse.
func writeBytes(_ bytes: [UInt8], to path: String) -> Bool {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var written = 0
    bytes.withUnsafeBytes { b in
        while written < b.count {
            let n = write(fd, b.baseAddress! + written, b.count - written)
            if n <= 0 { break }
            written += n
        }
    }
    return written == bytes.count
}

/// An input starting with 0xFF, then a big-endian UInt16 k, is the CSV after
/// those three bytes with 4k more columns in its header (and, when k is odd,
/// as many more cells in every other line): wide files stay small inputs.
func widened(_ bytes: [UInt8]) -> [UInt8] {
    guard bytes.count >= 3, bytes[0] == 0xFF else { return bytes }
    let k = (Int(bytes[1]) << 8 | Int(bytes[2]))
    var out: [UInt8] = []
    var first = true
    for line in bytes[3...].split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
        if !first { out.append(UInt8(ascii: "\n")) }
        out += line
        if first {
            for i in 0..<(4 * k) { out += Array(",w\(i)".utf8) }
        } else if k & 1 == 1 && !line.isEmpty {
            for _ in 0..<(4 * k) { out += [UInt8(ascii: ","), UInt8(ascii: "1")] }
        }
        first = false
    }
    return out
}

func fuzzCSV(_ input: [UInt8]) {
    let bytes = widened(input)
    let path = writeScratch(bytes, suffix: ".csv")
    // A file compared with itself never drifts.
    var config = DriftConfig()
    config.bins = 5
    if let result = try? DriftRequest(referencePath: path, currentPath: path, config: config, emitHistogramsPath: nil).run() {
        check(!result.driftTriggered, "a file drifted from itself: \(result.reason)")
    }
    // Score as each task (the first byte picks one); whatever comes out must be
    // a metrics document qgate evaluate reads back: numbers finite or null.
    var options = ScoreOptions()
    options.task = ScoreOptions.Task.allCases[Int(bytes.first ?? 0) % 3]
    options.score = options.task == .binary ? "p" : nil
    options.prediction = options.task == .binary ? nil : "yhat"
    options.probabilityPrefix = options.task == .multiclass && (bytes.first ?? 0) & 8 != 0 ? "prob_" : nil
    options.groups = ["g"]
    options.latency = (bytes.first ?? 0) & 16 != 0 ? "l" : nil
    options.bootstrap = (bytes.first ?? 0) & 32 != 0 ? 3 : 0
    for request in [
        { try ScoreRequest(path: path, options: options).run() },
        { try ProfileRequest(path: path, label: "y", timestamp: "ts", today: 20000).run() }
    ] {
        guard let metrics = try? request() else { continue }
        for (name, value) in metrics.entries { check(value?.isFinite ?? true, "\(name) = \(String(describing: value))") }
        guard let document = try? metrics.json() else { continue }
        let text = document.rendered()
        check((try? MetricsLoader.parse(Array(text.utf8), file: "score.json")) != nil, "score output does not load as metrics:\n\(text)")
    }
}

func fuzzHistogram(_ bytes: [UInt8]) {
    let path = writeScratch(bytes, suffix: ".json")
    guard let loaded = try? HistogramJSON.load(path: path, config: DriftConfig()) else { return }
    let printed = HistogramJSON.render(rows: loaded.rows, columns: loaded.columns)
    let again = writeScratch(Array(printed.utf8), suffix: ".2.json")
    guard let reloaded = try? HistogramJSON.load(path: again, config: DriftConfig()) else {
        return check(false, "rendered histograms do not load:\n\(printed)")
    }
    check(HistogramJSON.render(rows: reloaded.rows, columns: reloaded.columns) == printed, "histogram round trip changed:\n\(printed)")
}

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    // One thread: a reader thread per CSV costs more than the parse, and keeps
    // allocations alive across inputs. QGATE_FUZZ_CSV_THREAD=1 keeps qgate's
    // reader thread (to compare, or to fuzz the hand-over itself).
    CSVBatches.singleThreaded = getenv("QGATE_FUZZ_CSV_THREAD") == nil
    _ = fuzzTarget
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    switch fuzzTarget {
    case .yaml: fuzzYAML(bytes)
    case .json: fuzzJSON(bytes)
    case .csv: fuzzCSV(bytes)
    case .histogram: fuzzHistogram(bytes)
    case .evaluate: fuzzEvaluate(bytes)
    case .inject: fuzzInject(bytes)
    }
    return 0
}
