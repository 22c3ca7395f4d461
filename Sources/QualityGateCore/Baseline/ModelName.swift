/// A model name used as a file name in the store. Only `[A-Za-z0-9._-]`, at most
/// 128 characters, not starting with `.` or `-`: `../../etc` or `a/b` can never
/// become a path outside the store.
public struct ModelName: Sendable, Equatable, CustomStringConvertible {
    public let value: String

    public init(_ value: String) throws(BaselineError) {
        let bytes = Array(value.utf8)
        let allowed = bytes.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2E || b == 0x5F || b == 0x2D
        }
        guard !bytes.isEmpty, bytes.count <= 128, allowed, bytes[0] != 0x2E, bytes[0] != 0x2D else {
            throw BaselineError(
                .invalidModelName(value),
                hint: "use letters, digits, '.', '_' and '-' (not first), at most 128 characters; no path separators")
        }
        self.value = value
    }

    public var description: String { value }
}

extension BaselineError.Message {
    fileprivate static func invalidModelName(_ name: String) -> Self { Self("invalid model name \(Sanitize.quoted(name))") }
}
