import QualityGateCore

/// Writes a metrics document to a file (atomically, creating missing parent
/// directories) or to standard output.
enum MetricsOutput {
    static func write(_ metrics: MetricList, to output: String?, console: Console, what: String) throws -> Int32 {
        let text = try metrics.json().rendered() + "\n"
        if let output {
            try FileSystem.makeParentDirectories(of: output)
            try FileSystem.writeAtomically(Array(text.utf8), to: output)
            console.writeErr("qgate: \(what) → \(Sanitize.inline(output)) (\(metrics.entries.count) metrics)\n")
        } else {
            console.writeOut(text)
        }
        return ExitCode.allowed
    }
}
