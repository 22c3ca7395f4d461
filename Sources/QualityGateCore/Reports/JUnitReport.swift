/// JUnit XML for test reporters (dorny/test-reporter, action-junit-report, GitLab):
/// one testsuite per policy, one testcase per condition; failed critical
/// conditions are `<failure>`, failed warnings and info pass with a
/// `<system-out>` note, skipped conditions are `<skipped>`.
public enum JUnitReport {
    public static func render(_ e: Evaluation, timestamp: Int) -> String {
        let tests = e.results.count
        let failures = e.results.count(where: { e.blocks($0) })
        let skipped = e.skippedCount
        let suite = e.policy.file + (e.policy.model.map { " (\($0))" } ?? "")
        let time = Clock.format(epochSeconds: timestamp).replacingZ()
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"qgate\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\" time=\"0\">\n"
        out +=
            "  <testsuite name=\"\(XML.escape(suite))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\" time=\"0\" timestamp=\"\(time)\">\n"
        var properties: [(String, String)] = [
            ("verdict", e.verdict.rawValue), ("policy", e.policy.file), ("policy.sha256", e.policySHA256 ?? "")
        ]
        for (i, f) in e.metricsFiles.enumerated() {
            properties.append(("metrics.\(i + 1)", f))
            if i < e.metricsSHA256.count { properties.append(("metrics.\(i + 1).sha256", e.metricsSHA256[i])) }
        }
        if let method = e.aggregate {
            properties.append(("metrics.aggregate", RepeatedRunsText.provenance(method, runs: e.metricsFiles.count)))
        }
        if let b = e.baseline {
            properties.append(("baseline", "\(b.kind.rawValue) \(b.description)"))
            if let sha = b.sha256 { properties.append(("baseline.sha256", sha)) }
            if let commit = b.commit { properties.append(("baseline.commit", commit)) }
        }
        out += "    <properties>\n"
        for (name, value) in properties { out += "      <property name=\"\(XML.escape(name))\" value=\"\(XML.escape(value))\"/>\n" }
        out += "    </properties>\n"
        for r in e.results {
            let classname = "qgate." + (e.policy.model ?? "policy") + "." + r.gate.displayName
            let name = "\(r.metric) \(r.kind.key) \(NumberFormatting.exact(r.threshold))"
            out += "    <testcase classname=\"\(XML.escape(classname))\" name=\"\(XML.escape(name))\" time=\"0\""
            // An aggregated value says how it was taken, in the testcase's output.
            let runs = r.runs.map { "<system-out>\(XML.escape("value: " + RepeatedRunsText.spread($0, .human)))</system-out>" }
            switch (r.status, r.severity) {
            case (.passed, _) where runs != nil:
                out += ">\n      \(runs ?? "")\n    </testcase>\n"
            case (.passed, _):
                out += "/>\n"
            case (.skipped, _):
                out += ">\n      <skipped message=\"\(XML.escape(r.message))\"/>\n    </testcase>\n"
            case (.waived, _):
                out += ">\n      <system-out>\(XML.escape("WAIVED (does not block): \(r.message)"))</system-out>\n    </testcase>\n"
            case (.failed, let severity) where e.blocks(r):
                out += ">\n      <failure message=\"\(XML.escape(r.message))\" type=\"\(severity.rawValue)\">"
                out += XML.escape("\(r.message)\n\(r.location)") + "</failure>\n    </testcase>\n"
            case (.failed, let severity):
                out +=
                    ">\n      <system-out>\(XML.escape("\(severity.rawValue.uppercased()) (does not block): \(r.message)"))</system-out>\n    </testcase>\n"
            }
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }
}
