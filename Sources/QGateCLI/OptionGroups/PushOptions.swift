import QualityGateCore

/// `--pushgateway URL` and `--push-timeout SECONDS`, for every command that
/// pushes. Both are checked while parsing: a bad URL is a usage error (exit 2)
/// up front, not a failure after the verdict was recorded.
struct PushOptions: OptionValues, Sendable {
    var pushgateway: String?
    var pushTimeout = 30.0

    static func declarations(pushgatewayHelp: String) -> [CommandOption<Self>] {
        [
            .value("pushgateway", "URL", \.pushgateway, .pushgatewayURL, help: pushgatewayHelp),
            .value(
                "push-timeout", "SECONDS", \.pushTimeout, .number("a number of seconds above 0 and at most 3600") { $0 > 0 && $0 <= 3600 },
                help: "Give up on the push after this many seconds in all: connecting, sending and reading the answer.")
        ]
    }

    /// The credentials and CA file for the push, from `QGATE_PUSH_*` only (never
    /// a flag: argv is public). Commands call this before they evaluate, so a
    /// bad combination is a usage error before anything is recorded; nil
    /// without `--pushgateway`.
    func credentials(_ console: Console) throws(UsageError) -> PushCredentials? {
        guard let url = pushgateway else { return nil }
        do {
            let credentials = try PushCredentials.from(environment: console.environment)
            try credentials.check(for: HTTPClient.parse(url))
            return credentials
        } catch {
            throw UsageError("'--pushgateway': \(error.message)", hint: error.hint)
        }
    }

    /// Pushes `metrics` (PUT URL/metrics/job/JOB/model/MODEL) and says so on
    /// stderr; nothing without `--pushgateway`.
    func push(_ metrics: () -> String, model: String, job: String, announcing what: String, console: Console) throws {
        guard let url = pushgateway, let credentials = try credentials(console) else { return }
        try Pushgateway.push(metrics(), model: model, url: url, job: job, timeout: pushTimeout, credentials: credentials)
        console.writeErr("qgate: \(what) pushed to \(Sanitize.inline(url))\n")
    }
}

/// What a command pushes to the Pushgateway: the Prometheus text, the grouping
/// (job and model) and what stderr calls it.
struct PushedMetrics {
    var job: String
    var model: String
    var what: String
    var render: () -> String
}
