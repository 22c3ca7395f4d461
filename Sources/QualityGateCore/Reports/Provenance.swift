/// What a verdict was based on, stated in every report: the policy and metrics
/// files with their SHA-256, and where the baseline came from (store version
/// and promotion time, file and hash, or git ref and commit).
public enum Provenance {
    static func short(_ hash: String?) -> String { hash.map { String($0.prefix(12)) } ?? "—" }

    /// Human lines: `policy quality-gates.yaml (sha256 1a2b3c4d5e6f)`, …
    public static func lines(_ e: Evaluation) -> [String] {
        var out = ["policy \(Sanitize.inline(e.policy.file)) (sha256 \(short(e.policySHA256)))"]
        // The bases its `extends` read, each with its own hash (the policy's covers them all).
        for base in e.policy.files.dropFirst() { out.append("extends \(Sanitize.inline(base.file)) (sha256 \(short(base.sha256)))") }
        for (i, file) in e.metricsFiles.enumerated() {
            out.append("metrics \(Sanitize.inline(file)) (sha256 \(short(i < e.metricsSHA256.count ? e.metricsSHA256[i] : nil)))")
        }
        if let method = e.aggregate { out.append(RepeatedRunsText.provenance(method, runs: e.metricsFiles.count)) }
        if let b = e.baseline {
            var line = "baseline \(b.kind.rawValue) \(Sanitize.inline(b.description))"
            if let sha = b.sha256 { line += " (sha256 \(short(sha)))" }
            if let commit = b.commit { line += " at commit \(Sanitize.inline(String(commit.prefix(12))))" }
            out.append(line)
        } else {
            let relative = e.results.count(where: { $0.kind.isRelative })
            out.append(
                "baseline none" + (relative > 0 ? " (\(relative) relative condition\(relative == 1 ? "" : "s") without a baseline)" : ""))
        }
        return out
    }

    public static func json(_ e: Evaluation) -> JSONOutput {
        var fields: [(String, JSONOutput)] = [
            ("policy", .object([("file", .string(e.policy.file)), ("sha256", .optional(e.policySHA256))] + extends(e.policy))),
            (
                "metrics",
                .array(
                    e.metricsFiles.enumerated().map { i, f in
                        .object([("file", .string(f)), ("sha256", .optional(i < e.metricsSHA256.count ? e.metricsSHA256[i] : nil))])
                    })
            )
        ]
        // Only when the metrics files were repeated runs: other reports keep their shape.
        if let method = e.aggregate {
            fields.append(("aggregate", .object([("method", .string(method.rawValue)), ("runs", .number(Double(e.metricsFiles.count)))])))
        }
        fields.append(
            (
                "baseline",
                e.baseline.map { b in
                    .object([
                        ("kind", .string(b.kind.rawValue)), ("description", .string(b.description)),
                        ("version", .optional(b.version)), ("sha256", .optional(b.sha256)), ("commit", .optional(b.commit))
                    ])
                } ?? .null
            ))
        return .object(fields)
    }

    /// `extends`: the bases with their own hashes, present only when the policy has any.
    static func extends(_ policy: Policy) -> [(String, JSONOutput)] {
        guard policy.files.count > 1 else { return [] }
        return [
            ("extends", .array(policy.files.dropFirst().map { .object([("file", .string($0.file)), ("sha256", .string($0.sha256))]) }))
        ]
    }
}
