/// The release version a metrics file may name in its top-level `version` key,
/// recorded by `baseline promote` (when `--version` is absent) and by
/// `evaluate --record`. A string or a number is taken as written (`1.10` stays
/// `1.10`). Anything else is
/// an input error at the value, since a version silently dropped would record
/// the wrong release.
public enum MetricsVersion {
    /// The `version` of the first of `paths` that has one (a key in two files is
    /// already refused by the metrics loader).
    public static func read(paths: [String]) throws -> String? {
        for path in paths {
            let bytes = try FileSystem.readBytes(
                path, maximumSize: MetricsLoader.isYAML(path) ? MetricsLoader.maximumYAMLFileSize : MetricsLoader.maximumFileSize)
            if let version = try read(bytes, file: path) { return version }
        }
        return nil
    }

    public static func read(_ bytes: [UInt8], file: String) throws -> String? {
        if MetricsLoader.isYAML(file) {
            guard case .mapping(let pairs) = try YAML.parse(bytes, file: file).value,
                let node = pairs.last(where: { $0.key.string == "version" })?.value
            else { return nil }
            switch node.value {
            case .string(let s): return try checked(s, at: node.location)
            case .int(let i): return literal(in: bytes, at: node.offset, value: Double(i)) ?? String(i)
            case .double(let d) where d.isFinite: return literal(in: bytes, at: node.offset, value: d) ?? text(of: d)
            default: throw MetricsError(.versionNotAScalar(found: node.kindDescription), at: node.location, hint: hint)
            }
        }
        guard
            case .object(let members) = try JSON.parse(
                bytes, file: file, keepingArrayItems: false, maximumKeys: MetricsLoader.maximumKeys
            ).kind,
            let value = members.last(where: { $0.key == "version" })?.value
        else { return nil }
        switch value.kind {
        case .string(let s): return try checked(s, at: value.location)
        case .number(let d) where d.isFinite: return literal(in: bytes, at: value.offset, value: d) ?? text(of: d)
        default: throw MetricsError(.versionNotAScalar(found: value.kindDescription), at: value.location, hint: hint)
        }
    }

    private static let hint = "write the version as a string, e.g. \"1.4.0\""

    private static func checked(_ s: String, at location: SourceLocation) throws(MetricsError) -> String {
        guard !s.isEmpty else { throw MetricsError(.emptyVersion, at: location, hint: hint) }
        return s
    }

    /// The number as written at `offset`, if it reads back as `value` (so an
    /// offset that does not point at the literal is never taken).
    private static func literal(in bytes: [UInt8], at offset: Int, value: Double) -> String? {
        guard offset >= 0, offset < bytes.count else { return nil }
        let end = bytes[offset...].firstIndex { " \t\r\n,}]#".utf8.contains($0) } ?? bytes.count
        let text = String(decoding: bytes[offset..<end], as: UTF8.self)
        return Double(text) == value ? text : nil
    }

    private static func text(of d: Double) -> String {
        if let i = Int(exactly: d) { return String(i) }
        return "\(d)"
    }
}

extension MetricsError.Message {
    fileprivate static func versionNotAScalar(found: String) -> Self {
        Self("`version` must be a string or a number, found \(found)")
    }
    fileprivate static var emptyVersion: Self { Self("`version` is empty") }
}
