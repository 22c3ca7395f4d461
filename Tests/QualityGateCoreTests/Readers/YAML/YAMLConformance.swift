import Foundation

@testable import QualityGateCore

/// Classifies qgate's YAML parser against yaml-test-suite cases.
enum YAMLConformance {
    enum Outcome: Equatable {
        case matched
        case refusedUnsupported(String)
        case refusedInvalid
        case refusedOther(String)
        case wrong(String)
    }

    struct Report {
        var total = 0
        var matched = 0
        var refusedUnsupported = 0
        var refusedInvalid = 0
        var refusedOther: [String] = []
        var wrong: [String] = []

        var summary: String {
            """
            yaml-test-suite: \(total) cases — matched \(matched), refused as unsupported \(refusedUnsupported), \
            refused as invalid \(refusedInvalid), refused (valid YAML the subset rejects) \(refusedOther.count), wrong \(wrong.count)
            """
        }
    }

    /// Every case folder (numbered sub-cases included) holding an `in.yaml`.
    static func caseDirectories(_ root: String) -> [String] {
        var result: [String] = []
        let fm = FileManager.default
        for name in ((try? fm.contentsOfDirectory(atPath: root)) ?? []).sorted() {
            let dir = root + "/" + name
            if fm.fileExists(atPath: dir + "/in.yaml") {
                result.append(dir)
                continue
            }
            for sub in ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).sorted() where fm.fileExists(atPath: dir + "/" + sub + "/in.yaml")
            {
                result.append(dir + "/" + sub)
            }
        }
        return result
    }

    static func run(suiteDirectory: String) -> Report {
        var report = Report()
        for dir in caseDirectories(suiteDirectory) {
            report.total += 1
            let name = String(dir.dropFirst(suiteDirectory.count + 1))
            switch classify(dir) {
            case .matched: report.matched += 1
            case .refusedUnsupported: report.refusedUnsupported += 1
            case .refusedInvalid: report.refusedInvalid += 1
            case .refusedOther(let why): report.refusedOther.append("\(name): \(why)")
            case .wrong(let why): report.wrong.append("\(name): \(why)")
            }
        }
        return report
    }

    static func classify(_ dir: String) -> Outcome {
        let fm = FileManager.default
        let yaml = [UInt8]((fm.contents(atPath: dir + "/in.yaml")) ?? Data())
        let isError = fm.fileExists(atPath: dir + "/error")
        let expectedJSON = fm.contents(atPath: dir + "/in.json").map { [UInt8]($0) }
        let result: YAMLNode?
        do {
            result = try YAML.parseDocumentIfPresent(yaml, file: "in.yaml")
        } catch {
            if isError { return .refusedInvalid }
            if case .unsupported(let construct) = error.kind { return .refusedUnsupported(construct) }
            return .refusedOther(error.description)
        }
        if isError { return .wrong("invalid YAML accepted") }
        guard let expectedJSON = expectedJSON ?? handChecked[caseName(dir)].map({ Array($0.utf8) }) else {
            // No in.json and no hand-checked value: accepting it cannot be verified, so it counts as wrong.
            return .wrong("accepted a case without in.json (value not checkable)")
        }
        let trimmed = expectedJSON.filter { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }
        if trimmed.isEmpty {
            return result == nil ? .matched : .wrong("expected no document, got \(render(result!))")
        }
        guard let node = result else { return .wrong("expected a document, got none") }
        let expected: JSONValue
        do {
            expected = try JSON.parse(expectedJSON, file: "in.json")
        } catch {
            return .wrong("in.json holds several documents or is unreadable: \(error)")
        }
        if equal(node, expected) { return .matched }
        return .wrong("got \(render(node))")
    }

    /// Values for the few cases without `in.json` that qgate accepts, written
    /// from the YAML 1.2 spec example each case reproduces.
    static let handChecked: [String: String] = [
        // "Flow Mapping Separate Values" (4ABK): omitted values are null.
        "4ABK": #"{"unquoted": "separate", "http://foo.com": null, "omitted value": null}"#
    ]

    static func caseName(_ dir: String) -> String {
        let parts = dir.split(separator: "/")
        let last = String(parts.last ?? "")
        if last.count == 2 || last.count == 3, last.allSatisfy(\.isNumber), parts.count >= 2 {
            return String(parts[parts.count - 2]) + "/" + last
        }
        return last
    }

    static func keyString(_ node: YAMLNode) -> String? {
        switch node.value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return String(b)
        case .null: return ""
        case .double(let d): return "\(d)"
        default: return nil
        }
    }

    static func equal(_ a: YAMLNode, _ b: JSONValue) -> Bool {
        switch (a.value, b.kind) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .number(let y)): return Double(x) == y
        case (.double(let x), .number(let y)): return x == y || (x.isNaN && y.isNaN)
        case (.string(let x), .string(let y)): return x == y
        case (.sequence(let xs), .array(let ys)):
            return xs.count == ys.count && zip(xs, ys).allSatisfy { equal($0, $1) }
        case (.mapping(let pairs), .object(let members)):
            guard pairs.count == members.count else { return false }
            var byKey: [String: JSONValue] = [:]
            for m in members { byKey[m.key] = m.value }
            for p in pairs {
                guard let k = keyString(p.key), let v = byKey[k], equal(p.value, v) else { return false }
            }
            return true
        default: return false
        }
    }

    static func render(_ node: YAMLNode) -> String {
        switch node.value {
        case .null: return "null"
        case .bool(let b): return String(b)
        case .int(let i): return String(i)
        case .double(let d): return "\(d)"
        case .string(let s): return "\"" + Sanitize.inline(s) + "\""
        case .sequence(let xs): return "[" + xs.map(render).joined(separator: ", ") + "]"
        case .mapping(let ps): return "{" + ps.map { render($0.key) + ": " + render($0.value) }.joined(separator: ", ") + "}"
        }
    }
}
