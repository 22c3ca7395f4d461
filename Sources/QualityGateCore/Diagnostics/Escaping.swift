/// The loop every escaper shares: each Unicode scalar for which `replacement`
/// returns text is replaced by it, the others are copied.
enum Escaping {
    static func map(_ s: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            if let r = replacement(u) { out += r } else { out.unicodeScalars.append(u) }
        }
        return out
    }
}
