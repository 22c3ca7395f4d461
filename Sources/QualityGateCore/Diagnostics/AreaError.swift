/// The error of one area of qgate (policy, metrics, JSON, …): a stable kind, a
/// message, the position it concerns and a hint. Each area is its own type —
/// `PolicyError` is not a `MetricsError` — while sharing this one implementation.
///
/// Messages are named constructors written next to the code that throws them
/// (swift-format's `Finding.Message` pattern), and the constructor's name is
/// the error's kind, so tests match `error.kind == "unknownKey"` instead of
/// the wording:
///
///     throw PolicyError(.unknownKey(key, in: context), at: location, hint: hint)
///
///     extension PolicyError.Message {
///         fileprivate static func unknownKey(_ key: String, in context: String) -> Self {
///             Self("unknown key \(Sanitize.quoted(key)) in \(context)")
///         }
///     }
///
/// The constructor sits at the bottom of the file that throws it (`fileprivate`),
/// or, when several files throw it, next to the main thrower. The hint stays at
/// the throw, where the fix is known; a hint that names a command-line flag is
/// attached by the command line from the kind (QGateCLI's `FlagHints`).
public struct AreaError<Area: ErrorArea>: QGateError, Equatable {
    public var kind: ErrorKind
    public var message: String
    public var location: SourceLocation?
    public var hint: String?

    public init(_ message: Message, at location: SourceLocation? = nil, hint: String? = nil) {
        self.kind = message.kind
        self.message = message.text
        self.location = location
        self.hint = hint
    }

    /// One message of this area: its text and its kind, the name of the static
    /// constructor that made it.
    public struct Message: Sendable, Equatable {
        public let kind: ErrorKind
        public let text: String

        /// `kind` defaults to the calling constructor's name (`unknownKey(_:)`
        /// becomes `unknownKey`), so a kind cannot drift from its constructor.
        public init(_ text: String, kind: String = #function) {
            self.kind = ErrorKind(constructor: kind)
            self.text = text
        }
    }
}

/// The stable name of what went wrong, for tests and tools to match on; the
/// message wording may change, the kind does not.
public struct ErrorKind: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    /// `unknownKey(_:)` → `unknownKey`.
    init(constructor: String) {
        self.rawValue = String(constructor.prefix { $0 != "(" })
    }

    public var description: String { rawValue }

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

/// A problem with drift inputs (histogram JSON, a cell that is not UTF-8) or
/// the drift policy; a CSV file that is not a table is a `CSVError`.
public typealias DriftError = AreaError<DriftArea>
public enum DriftArea: ErrorArea {}

/// A problem scoring predictions or profiling a dataset (`qgate score`,
/// `qgate profile`): a label that is not a class, a score that is not a
/// number, a task the data cannot support (a missing column is a `CSVError`).
public typealias ScoreError = AreaError<ScoreArea>
public enum ScoreArea: ErrorArea {}
