/// A file could not be read or written. Carries the path and the operating
/// system's reason, so "No such file or directory" is never shown without a name.
public struct FileError: QGateError {
    public enum Kind: Sendable, Equatable {
        case notFound, isDirectory, notDirectory, permissionDenied, tooLarge, notRegular, lockTimeout, other
    }
    public var kind: Kind
    public var path: String
    public var reason: String
    public var operation: String

    public init(kind: Kind, path: String, reason: String, operation: String = "read") {
        self.kind = kind
        self.path = path
        self.reason = reason
        self.operation = operation
    }

    public var message: String { "cannot \(operation) \(Sanitize.quoted(path)): \(reason)" }
    public var location: SourceLocation? { nil }
    public var hint: String? {
        switch kind {
        case .notFound: return "check the path, or pass the right file with its option"
        case .isDirectory: return "pass a file, not a directory"
        case .notDirectory: return "a file is where a directory is needed: move it, or choose another path"
        case .permissionDenied: return "check the file's permissions"
        case .tooLarge: return "this is not a file qgate should read whole; check that the right file was passed"
        case .notRegular: return "replace it with a regular file (restore it from version control)"
        case .lockTimeout:
            return
                "another qgate process is writing to this store (`fuser \(path)` names it); wait for it, or set QGATE_LOCK_TIMEOUT=SECONDS to wait longer"
        default: return nil
        }
    }
}
