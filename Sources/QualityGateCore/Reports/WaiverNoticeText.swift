extension WaiverNotice {
    /// `the waiver of gate `recall` expires on 2026-12-31 (in 10 days)`.
    public var text: String {
        let name = Sanitize.quoted(gate)
        if expired { return "the waiver of gate \(name) expired on \(until): the gate blocks again" }
        return "the waiver of gate \(name) expires on \(until) (in \(daysLeft) day\(daysLeft == 1 ? "" : "s"))"
    }
}

extension Evaluation {
    /// Things the reader must know beyond the results, as every report prints them.
    public var notices: [String] { waiverNotices.map(\.text) }
}
