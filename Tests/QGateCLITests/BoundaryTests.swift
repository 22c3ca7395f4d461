import Foundation
import XCTest

/// The intended arrows between qgate's areas, checked on the source tree (issue 16,
/// "Enforced boundaries"). Each rule names what it forbids and why; an allowance
/// names the file, the word and the reason it must stay.
final class BoundaryTests: XCTestCase {
    static let sources = TestSupport.packageRoot + "/Sources"

    /// The library computes verdicts; exit codes and the command line belong to
    /// QGateCLI, which maps a verdict to a status in one place (ExitCode.swift).
    func testTheCoreKnowsNoExitCodesAndNoCommandLine() throws {
        let allowed: [String: (words: Set<String>, reason: String)] = [
            "QualityGateCore/Reports/JSONReport.swift": (
                ["exitCode"],
                "schema qgate.evaluation/v1 records `exit_code`; the command line passes the status in"
            ),
            "QualityGateCore/Reports/ReportFormat.swift": (
                ["exitCode"],
                "hands the caller's status through to the JSON report"
            ),
            "QualityGateCore/Reports/PolicyTestReportRendering.swift": (
                ["exitCode"],
                "schema qgate.synth-test/v1 records `exit_code`; the command line passes the status in"
            )
        ]
        XCTAssertEqual(try Self.coreExitCodeViolations(allowed: allowed.mapValues(\.words)), [])
    }

    /// A verdict is a value until a report phrases it: the words a reader or a
    /// script acts on (PASSED, BLOCKED, RETRAIN, ...) are written under Reports/ only.
    func testOnlyReportsPhraseAVerdict() throws {
        XCTAssertEqual(try Self.verdictSentenceViolations(), [])
    }

    /// Readers (YAML, JSON, CSV) turn bytes into values and know nothing of what
    /// the values mean to a policy, a gate, drift or scoring.
    func testReadersKnowNoPolicyGateDriftOrScoring() throws {
        XCTAssertEqual(try Self.readerViolations(), [])
    }

    /// qgate links the Swift standard library and the C library only: one
    /// `import Foundation` (for nothing) statically linked all of Foundation and
    /// ICU's data into the binary, 84 MB instead of 25 MB, and tripled the
    /// start-up cost of every command (`qgate --version` 3.4–4.9 → 1.6 ms of CPU).
    func testNoSourceImportsFoundation() throws {
        let offenders = try Self.sourceFiles().filter { file in
            SwiftLexer.split(file.text).code.split(separator: "\n").contains {
                $0.hasPrefix("import Foundation") || $0.hasPrefix("import FoundationEssentials")
            }
        }.map(\.path)
        XCTAssertEqual(offenders, [])
    }

    /// The module's `String` helpers live in one file, so no area grows its own
    /// copy of one (four files each had a private few before).
    func testStringExtensionsLiveInOnePlace() throws {
        let offenders = try Self.sourceFiles().filter { file in
            file.path != "QualityGateCore/Support/String+Helpers.swift"
                && SwiftLexer.split(file.text).code.split(separator: "\n").contains {
                    $0.hasPrefix("extension String") || $0.hasPrefix("extension Substring") || $0.hasPrefix("extension StringProtocol")
                }
        }.map(\.path)
        XCTAssertEqual(offenders, [])
    }

    /// Flag names are the command line's words: a core message should not name one.
    /// A hint that names a flag lives in QGateCLI/FlagHints.swift, keyed by the
    /// error's kind. These remain, each for the reason given. A flag named anywhere
    /// else in the core outside Reports/, or a new one in these files, fails.
    static let flagsLeftInCoreMessages: [String: Set<String>] = [
        // Arguments qgate passes to git, not qgate flags.
        "QualityGateCore/Baseline/GitRevision.swift": ["--verify", "--quiet"],
        "QualityGateCore/Baseline/GitStore.swift": [
            "--all", "--detach", "--empty", "--exit-code", "--force", "--get", "--git-common-dir", "--git-dir", "--hard",
            "--is-ancestor", "--name-only", "--no-checkout", "--no-progress", "--no-recurse-submodules", "--no-tags", "--no-verify",
            "--path-format", "--porcelain", "--quiet", "--refmap", "--verify"
        ],
        "QualityGateCore/Baseline/GitStoreLocation.swift": ["--branch"],
        // The flag is in the message itself, not in a hint the command line could attach.
        "QualityGateCore/Baseline/PromotionRequest.swift": ["--model"],
        "QualityGateCore/Baseline/ReleaseStatistics.swift": ["--since"],
        // `synth-test` embeds this error, hint included, in its report (PolicyTestCase),
        // which the core renders: moving the hint would change the report.
        "QualityGateCore/Gates/GateEvaluator.swift": ["--baseline"],
        // HTTPError is not an AreaError and has no kind yet.
        "QualityGateCore/Support/HTTPClient.swift": ["--push-timeout", "--pushgateway"],
        // Arguments qgate passes to curl, and HTTPError's two flags as in HTTPClient.swift.
        "QualityGateCore/Support/CurlClient.swift": [
            "--cacert", "--config", "--data-binary", "--disable", "--fail-with-body", "--header", "--max-time", "--proto", "--request",
            "--show-error", "--silent", "--url", "--user-agent", "--write-out", "--push-timeout", "--pushgateway"
        ]
    ]

    func testCoreMessagesNameNoFurtherFlags() throws {
        XCTAssertEqual(try Self.flagViolations(allowed: Self.flagsLeftInCoreMessages), [])
    }

    /// Each rule really fires: a planted violation of each is found.
    func testEachRuleCatchesAPlantedViolation() throws {
        let planted = [
            ("QualityGateCore/Gates/Planted.swift", "extension Evaluation { var code: Int32 { ExitCode.blocked } }\n"),
            ("QualityGateCore/Drift/Planted.swift", "func f(_ d: DriftResult) -> Int32 { d.exitCode }\n"),
            ("QualityGateCore/Support/Planted.swift", "let args = CommandLine.arguments // fine in a comment: ExitCode\n"),
            ("QualityGateCore/Support/Planted2.swift", "func die() -> Never { exit(2) }\n"),
            ("QGateCLI/Commands/Planted.swift", #"let line = "BLOCKED: \(n) gates""# + "\n"),
            ("QualityGateCore/Gates/Planted3.swift", #"let s = "\(x ? "PASSED" : "no")""# + "\n"),
            ("QualityGateCore/Readers/YAML/Planted.swift", "func f(_ p: Policy) {}\n"),
            ("QualityGateCore/Readers/JSON/Planted.swift", "let g: [GateSpec] = []\n")
        ]
        let files = planted.map { (path: $0.0, text: $0.1) }
        XCTAssertEqual(
            Self.coreExitCodeViolations(in: files, allowed: [:]),
            [
                "QualityGateCore/Gates/Planted.swift: ExitCode",
                "QualityGateCore/Drift/Planted.swift: exitCode",
                "QualityGateCore/Support/Planted.swift: CommandLine",
                "QualityGateCore/Support/Planted2.swift: exit("
            ])
        XCTAssertEqual(
            Self.verdictSentenceViolations(in: files),
            [
                "QGateCLI/Commands/Planted.swift: BLOCKED",
                "QualityGateCore/Gates/Planted3.swift: PASSED"
            ])
        XCTAssertEqual(
            Self.readerViolations(in: files),
            [
                "QualityGateCore/Readers/YAML/Planted.swift: Policy",
                "QualityGateCore/Readers/JSON/Planted.swift: GateSpec"
            ])
        XCTAssertEqual(
            Self.flagViolations(
                in: [
                    (
                        path: "QualityGateCore/Gates/Planted.swift",
                        text: #"throw E("x", hint: "pass --baseline FILE or --new-flag")"# + "\n"
                    )
                ],
                allowed: ["QualityGateCore/Gates/Planted.swift": ["--baseline"]]),
            ["QualityGateCore/Gates/Planted.swift: --new-flag"])
        // Comments and words inside longer identifiers do not count.
        let clean = [
            (
                path: "QualityGateCore/Gates/Clean.swift",
                text: "// exit(1) and ExitCode in a comment\n/* BLOCKED */\nlet exitCodeless = 1\nlet s = \"passed, blocked\"\n"
            )
        ]
        XCTAssertEqual(Self.coreExitCodeViolations(in: clean, allowed: [:]), [])
        XCTAssertEqual(Self.verdictSentenceViolations(in: clean), [])
    }

    // MARK: - The rules

    static let exitCodeWords = ["exitCode", "ExitCode", "exit(", "CommandLine", "QGateCLI"]
    /// Upper-case verdict words as the reports print them; lower-case prose
    /// ("the release is blocked") is not a verdict sentence.
    static let verdictWords = ["PASSED", "BLOCKED", "RETRAIN", "FAILED", "VERIFIED", "TAMPERED"]
    /// Types of the areas a reader must not know (and any type whose name starts so).
    static let domainTypePrefixes = ["Policy", "Gate", "Drift", "Score", "Scoring"]
    static let readerFolders = ["QualityGateCore/Readers/"]

    static func coreExitCodeViolations(allowed: [String: Set<String>]) throws -> [String] {
        coreExitCodeViolations(in: try sourceFiles(), allowed: allowed)
    }

    static func coreExitCodeViolations(in files: [(path: String, text: String)], allowed: [String: Set<String>]) -> [String] {
        files.filter { $0.path.hasPrefix("QualityGateCore/") }.flatMap { file in
            let lexed = SwiftLexer.split(file.text)
            let code = lexed.code + "\n" + lexed.strings.joined(separator: "\n")
            return exitCodeWords.filter { word in
                !(allowed[file.path]?.contains(word) ?? false) && containsWord(word, in: code)
            }.map { "\(file.path): \($0)" }
        }
    }

    static func verdictSentenceViolations() throws -> [String] {
        verdictSentenceViolations(in: try sourceFiles())
    }

    static func verdictSentenceViolations(in files: [(path: String, text: String)]) -> [String] {
        files.filter { !$0.path.hasPrefix("QualityGateCore/Reports/") }.flatMap { file in
            let strings = SwiftLexer.split(file.text).strings.joined(separator: "\n")
            return verdictWords.filter { containsWord($0, in: strings) }.map { "\(file.path): \($0)" }
        }
    }

    static func readerViolations() throws -> [String] {
        readerViolations(in: try sourceFiles())
    }

    static func readerViolations(in files: [(path: String, text: String)]) -> [String] {
        files.filter { f in readerFolders.contains { f.path.hasPrefix($0) } }.flatMap { file in
            identifiers(in: SwiftLexer.split(file.text).code)
                .filter { id in domainTypePrefixes.contains { id.hasPrefix($0) } }
                .map { "\(file.path): \($0)" }
        }
    }

    static func flagViolations(allowed: [String: Set<String>]) throws -> [String] {
        flagViolations(in: try sourceFiles(), allowed: allowed)
    }

    /// `--name` inside a string literal of the core, outside Reports/.
    static func flagViolations(in files: [(path: String, text: String)], allowed: [String: Set<String>]) -> [String] {
        files.filter { $0.path.hasPrefix("QualityGateCore/") && !$0.path.hasPrefix("QualityGateCore/Reports/") }.flatMap { file in
            SwiftLexer.split(file.text).strings.flatMap(flags(in:)).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
                .filter { !(allowed[file.path]?.contains($0) ?? false) }
                .map { "\(file.path): \($0)" }
        }
    }

    /// `--word-word` tokens: two dashes after a non-identifier character, then a lower-case letter.
    static func flags(in text: String) -> [String] {
        let b = Array(text.utf8)
        var out: [String] = []
        var i = 0
        func isFlagByte(_ c: UInt8) -> Bool { (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == UInt8(ascii: "-") }
        while i + 2 < b.count {
            let startsFlag =
                b[i] == UInt8(ascii: "-") && b[i + 1] == UInt8(ascii: "-") && b[i + 2] >= 97 && b[i + 2] <= 122
                && (i == 0 || !(isFlagByte(b[i - 1]) || b[i - 1] == UInt8(ascii: "_")))
            guard startsFlag else {
                i += 1
                continue
            }
            var j = i + 2
            while j < b.count && isFlagByte(b[j]) { j += 1 }
            out.append(String(decoding: b[i..<j], as: UTF8.self))
            i = j
        }
        return out
    }

    // MARK: - Reading the tree

    /// Every Swift file under Sources/, as (path relative to Sources/, text), in a stable order.
    static func sourceFiles() throws -> [(path: String, text: String)] {
        let root = URL(fileURLWithPath: sources)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var files: [(path: String, text: String)] = []
        for case let url as URL in walker where url.pathExtension == "swift" {
            let path = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            files.append((path, try String(contentsOf: url, encoding: .utf8)))
        }
        XCTAssertGreaterThan(files.count, 50, "the walk found too few sources under \(sources)")
        return files.sorted { $0.path < $1.path }
    }

    /// `word` occurs with no identifier character directly before or after it.
    static func containsWord(_ word: String, in text: String) -> Bool {
        let t = Array(text.utf8)
        let w = Array(word.utf8)
        func isIdentifier(_ b: UInt8) -> Bool { b == UInt8(ascii: "_") || (b >= 48 && b <= 57) || ((b | 0x20) >= 97 && (b | 0x20) <= 122) }
        guard t.count >= w.count else { return false }
        for i in 0...(t.count - w.count) where t[i..<(i + w.count)].elementsEqual(w) {
            let before = i == 0 || !isIdentifier(t[i - 1])
            let after = i + w.count == t.count || !isIdentifier(w.last!) || !isIdentifier(t[i + w.count])
            if before && after { return true }
        }
        return false
    }

    /// The distinct identifiers of `code`, in order of first appearance.
    static func identifiers(in code: String) -> [String] {
        var seen: Set<String> = []
        var out: [String] = []
        var current = ""
        for c in code + " " {
            if c == "_" || c.isLetter || c.isNumber {
                current.append(c)
                continue
            }
            if !current.isEmpty, !current.first!.isNumber, seen.insert(current).inserted { out.append(current) }
            current = ""
        }
        return out
    }
}

/// Just enough of Swift's lexical structure to tell code, string literals and
/// comments apart: line and block comments, "…", """…""", raw #"…"# strings and
/// interpolations `\( … )` (whose code may hold strings of its own).
enum SwiftLexer {
    static func split(_ text: String) -> (code: String, strings: [String]) {
        enum Frame {
            case code(depth: Int)
            case string(multiline: Bool, hashes: Int, index: Int)
        }
        let b = Array(text.utf8)
        let n = b.count
        var code: [UInt8] = []
        var strings: [[UInt8]] = []
        var stack: [Frame] = [.code(depth: 0)]
        func at(_ i: Int, _ s: String) -> Bool {
            let u = Array(s.utf8)
            return i + u.count <= n && b[i..<(i + u.count)].elementsEqual(u)
        }
        func hashes(_ i: Int, _ count: Int) -> Bool { count == 0 || at(i, String(repeating: "#", count: count)) }
        var i = 0
        while i < n {
            switch stack[stack.count - 1] {
            case .code(let depth):
                if at(i, "//") {
                    while i < n && b[i] != UInt8(ascii: "\n") { i += 1 }
                    continue
                }
                if at(i, "/*") {
                    i += 2
                    while i < n && !at(i, "*/") { i += 1 }
                    i += 2
                    code.append(UInt8(ascii: " "))
                    continue
                }
                var j = i
                while j < n && b[j] == UInt8(ascii: "#") { j += 1 }
                if j < n && b[j] == UInt8(ascii: "\"") {
                    let multiline = at(j, "\"\"\"")
                    strings.append([])
                    stack.append(.string(multiline: multiline, hashes: j - i, index: strings.count - 1))
                    code.append(UInt8(ascii: " "))
                    i = j + (multiline ? 3 : 1)
                    continue
                }
                if b[i] == UInt8(ascii: "(") { stack[stack.count - 1] = .code(depth: depth + 1) }
                if b[i] == UInt8(ascii: ")") {
                    if depth == 0 && stack.count > 1 {  // the end of an interpolation
                        stack.removeLast()
                        i += 1
                        continue
                    }
                    stack[stack.count - 1] = .code(depth: depth - 1)
                }
                code.append(b[i])
                i += 1
            case .string(let multiline, let h, let index):
                let close = multiline ? "\"\"\"" : "\""
                if at(i, close) && hashes(i + close.utf8.count, h) {
                    stack.removeLast()
                    i += close.utf8.count + h
                    continue
                }
                if b[i] == UInt8(ascii: "\\") && hashes(i + 1, h) {
                    let k = i + 1 + h
                    if k < n && b[k] == UInt8(ascii: "(") {
                        stack.append(.code(depth: 0))
                        strings[index].append(UInt8(ascii: " "))
                        i = k + 1
                        continue
                    }
                    strings[index] += b[i..<min(k + 1, n)]
                    i = k + 1
                    continue
                }
                strings[index].append(b[i])
                i += 1
            }
        }
        return (String(decoding: code, as: UTF8.self), strings.map { String(decoding: $0, as: UTF8.self) })
    }
}

/// Typed results (issue 16): a condition result and a drift result carry why
/// they came out so as data (`ConditionFinding`, the noise, pre-existing and
/// waiver checks, `PSIBand`); the words a report prints for them are written
/// under Reports/ only (ConditionReasonText, SignificanceText, WaiverNoticeText,
/// DriftVerdictText). A phrase of theirs in a string literal anywhere else means
/// prose is being built outside the report layer again.
extension BoundaryTests {
    /// Distinctive pieces of the reason texts, as they appear in a literal
    /// (an interpolation reads as a space).
    static let reasonPhrases = [
        "waived until", "waiver expired on", "the gate blocks again", "pre-existing:", "fails it too",
        "not significant (", "compared plainly", "noise cannot excuse", "so the failure stands", "no overlap",
        "treated as missing", "a non-finite metric fails", "a non-finite baseline fails",
        "(short by", "(over by", "worse by", "better by",
        "no retraining needed:", "new rows ≥",
        "never decides alone", "the violated condition"
    ]
    /// Whole literals: the PSI band names.
    static let reasonLiterals: Set<String> = ["moderate", "significant"]

    func testOnlyReportsPhraseAReason() throws {
        XCTAssertEqual(Self.reasonPhraseViolations(in: try Self.sourceFiles()), [])
    }

    func testTheReasonRuleCatchesAPlantedPhrase() {
        let planted = [
            (path: "QualityGateCore/Gates/Planted.swift", text: #"r.message += "; waived until \(w.until)""# + "\n"),
            (path: "QualityGateCore/Drift/Planted.swift", text: #"let band = psi < 0.25 ? "moderate" : "none""# + "\n"),
            (path: "QGateCLI/Commands/Planted.swift", text: #"print("volume: \(n) new rows ≥ \(f)%")"# + "\n"),
            (path: "QualityGateCore/Reports/Allowed.swift", text: #"text += "; not significant (\(detail))""# + "\n"),
            (path: "QualityGateCore/Gates/Clean.swift", text: "// waived until, moderate: comments do not count\nlet significant = true\n")
        ]
        XCTAssertEqual(
            Self.reasonPhraseViolations(in: planted),
            [
                "QualityGateCore/Gates/Planted.swift: waived until",
                "QualityGateCore/Drift/Planted.swift: moderate",
                "QGateCLI/Commands/Planted.swift: new rows ≥"
            ])
    }

    static func reasonPhraseViolations(in files: [(path: String, text: String)]) -> [String] {
        files.filter { !$0.path.hasPrefix("QualityGateCore/Reports/") }.flatMap { file in
            let strings = SwiftLexer.split(file.text).strings
            let text = strings.joined(separator: "\n")
            return (reasonPhrases.filter { text.contains($0) } + reasonLiterals.sorted().filter { strings.contains($0) })
                .map { "\(file.path): \($0)" }
        }
    }
}

/// One syscall layer (issue 16): interrupted calls are retried in one place, and
/// tests leave the process's working directory alone (a test that moves it
/// moves it for every test running beside it).
extension BoundaryTests {
    func testOnlyTheSyscallLayerNamesEINTR() throws {
        let layer = "QualityGateCore/Support/SystemCall.swift"
        let named = try Self.sourceFiles().filter { $0.path != layer && Self.containsWord("EINTR", in: $0.text) }.map(\.path)
        XCTAssertEqual(named, [], "retry with SystemCall.retryingOnInterrupt, write with SystemCall.writeAll")
    }

    func testNoTestChangesTheWorkingDirectory() throws {
        // Spelled in pieces so that this file does not name them itself.
        let words = ["ch" + "dir", "fch" + "dir", "changeCurrent" + "DirectoryPath"]
        let root = URL(fileURLWithPath: TestSupport.packageRoot + "/Tests")
        let walker = try XCTUnwrap(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
        var offenders: [String] = []
        var seen = 0
        for case let url as URL in walker where url.pathExtension == "swift" {
            seen += 1
            let text = try String(contentsOf: url, encoding: .utf8)
            for word in words where Self.containsWord(word, in: text) { offenders.append("\(url.lastPathComponent): \(word)") }
        }
        XCTAssertGreaterThan(seen, 50, "the walk found too few tests under \(root.path)")
        XCTAssertEqual(offenders, [], "run the command with Process.currentDirectoryURL, or pass absolute paths")
    }

    /// The library has no public mutable global (the clock once was one): what
    /// a call depends on is passed in.
    func testTheCoreHasNoPublicMutableGlobal() throws {
        let globals = try Self.sourceFiles().filter { $0.path.hasPrefix("QualityGateCore/") }.flatMap { file in
            file.text.split(separator: "\n").filter {
                $0.contains("nonisolated(unsafe) public") || $0.contains("public nonisolated(unsafe)")
            }
            .map { "\(file.path): \($0.trimmingCharacters(in: .whitespaces))" }
        }
        XCTAssertEqual(globals, [], "pass the value in (see Support/Clock.swift)")
    }
}
