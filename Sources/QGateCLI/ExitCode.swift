import QualityGateCore

/// qgate's exit codes, shared by every command, and the one place where a
/// verdict becomes one. The library computes verdicts as values; only the
/// command line turns them into a process status (issue 16: the core knows no
/// exit codes).
enum ExitCode {
    /// Release allowed (or: nothing to report).
    static let allowed: Int32 = 0
    /// Release blocked by the gates (or: a check found problems).
    static let blocked: Int32 = 1
    /// Usage, configuration, input or internal error. Never a pass.
    static let error: Int32 = 2

    /// `evaluate` and `review`: `--fail-on-warning` is already in the verdict.
    static func of(_ evaluation: Evaluation) -> Int32 { evaluation.releaseAllowed ? allowed : blocked }

    /// `drift`: 1 when retraining is due (drift or volume).
    static func of(_ drift: DriftResult) -> Int32 { drift.retrain ? blocked : allowed }

    /// `profile --config`: 1 when a critical `data:` check failed.
    static func of(_ checks: DataCheckEvaluation) -> Int32 { checks.passed ? allowed : blocked }

    /// `synth-test`: 1 when a case misbehaved (or, with `--strict`, the lint found something).
    static func of(_ report: PolicyTestReport) -> Int32 { report.ok ? allowed : blocked }

    /// `baseline verify`: 1 on any mismatch or sign of tampering.
    static func of(_ verification: StoreVerification) -> Int32 { verification.passed ? allowed : blocked }
}
