/// The error of one area of qgate (policy, metrics, JSON, …): a message, the
/// position it concerns and a hint. Each area is its own type — `PolicyError`
/// is not a `MetricsError` — while sharing this one implementation.
public struct AreaError<Area: ErrorArea>: QGateError, Equatable {
    public var message: String
    public var location: SourceLocation?
    public var hint: String?

    public init(_ message: String, at location: SourceLocation? = nil, hint: String? = nil) {
        self.message = message
        self.location = location
        self.hint = hint
    }
}

/// Tags the areas that `AreaError` is specialised for.
public protocol ErrorArea: Sendable {}

/// A JSON document could not be read: the message names what was expected and
/// the location points at the offending byte.
public typealias JSONError = AreaError<JSONArea>
public enum JSONArea: ErrorArea {}

/// A policy file that parses as YAML but does not describe a valid policy:
/// unknown keys, wrong types, contradictory bounds.
public typealias PolicyError = AreaError<PolicyArea>
public enum PolicyArea: ErrorArea {}

/// A problem with a metrics file's content (as opposed to its syntax, which
/// `JSONError`/`YAMLError` report): duplicates, wrong shapes, non-numbers.
public typealias MetricsError = AreaError<MetricsArea>
public enum MetricsArea: ErrorArea {}

/// Problems found while matching a policy to metrics that make any verdict
/// meaningless, such as a required baseline that was not given.
public typealias EvaluationError = AreaError<EvaluationArea>
public enum EvaluationArea: ErrorArea {}

/// A problem with the baseline store: a bad model name, no baseline yet, a
/// corrupt or tampered history, a git revision that cannot be read.
public typealias BaselineError = AreaError<BaselineArea>
public enum BaselineArea: ErrorArea {}

/// A problem reading drift inputs (CSV, histogram JSON) or the drift policy.
public typealias DriftError = AreaError<DriftArea>
public enum DriftArea: ErrorArea {}

/// A problem scoring predictions or profiling a dataset (`qgate score`,
/// `qgate profile`): a missing column, a label that is not a class, a score
/// that is not a number, a task the data cannot support.
public typealias ScoreError = AreaError<ScoreArea>
public enum ScoreArea: ErrorArea {}
