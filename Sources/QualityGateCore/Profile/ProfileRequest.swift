/// `qgate profile`: readiness metrics of a training or evaluation dataset —
/// volume, missing values, duplicates, class balance, constant columns and
/// freshness — under `data.`, for `data-readiness` gates.
///
/// A cell is missing when it is empty or one of `NA`, `N/A`, `NaN`, `nan`,
/// `null`, `NULL`, `None` (as for drift). Duplicate rows are rows whose
/// fields are textually identical to an earlier row's; they are found by a
/// 128-bit hash of the fields, so two different rows are confused with
/// probability below 10⁻²⁰ for a billion rows.
public struct ProfileRequest: Sendable {
    public var path: String
    public var label: String?
    public var timestamp: String?
    /// Days since 1970-01-01 that count as today, for the data's age.
    public var today: Int

    public init(path: String, label: String?, timestamp: String?, today: Int) {
        self.path = path
        self.label = label
        self.timestamp = timestamp
        self.today = today
    }

    private struct Column {
        var missing = 0
        var first: [UInt8]?
        var varies = false
    }

    private struct RowHash: Hashable {
        var a: UInt64
        var b: UInt64
    }

    public func run() throws -> MetricList {
        var header: [String] = []
        var columns: [Column] = []
        var rows = 0
        var seen = Set<RowHash>()
        var duplicates = 0
        var labelField: Int?
        var timestampField: Int?
        var classes = CategoryCodes()
        var classCounts: [Int] = []
        var newest: Int?
        var headerLocations: [SourceLocation] = []
        /// Where each class was first seen and where the newest timestamp is, for errors found after reading.
        var classLines: [Int] = []
        var newestLine = 0
        try CSVBatches.read(
            path: path,
            select: { names in
                header = names.names
                headerLocations = names.locations
                columns = [Column](repeating: Column(), count: names.count)
                labelField = try label.map { try names.index(of: $0, role: "label") }
                timestampField = try timestamp.map { try names.index(of: $0, role: "timestamp") }
                return Array(names.names.indices)
            }, header: { _ in },
            body: { batch in
                try batch.withCells { cell in
                    for r in 0..<batch.rows {
                        // FNV-1a in two independent lanes (different offsets, the second
                        // finished with a SplitMix-style mix); field lengths go in too, so
                        // ("ab","c") and ("a","bc") differ.
                        var h1: UInt64 = 0xcbf2_9ce4_8422_2325
                        var h2: UInt64 = 0x8422_2325_cbf2_9ce4
                        for c in 0..<batch.columns {
                            let v = cell(r, c)
                            for byte in v {
                                h1 = (h1 ^ UInt64(byte)) &* 0x100_0000_01b3
                                h2 = (h2 ^ UInt64(byte)) &* 0x9E37_79B9_7F4A_7C15
                            }
                            h1 = (h1 ^ UInt64(v.count) ^ 0xff00) &* 0x100_0000_01b3
                            h2 = (h2 ^ UInt64(v.count)) &* 0xBF58_476D_1CE4_E5B9
                            if CellValue.isMissing(v) {
                                columns[c].missing += 1
                            } else if !columns[c].varies {
                                if let f = columns[c].first {
                                    if !f.elementsEqual(v) { columns[c].varies = true }
                                } else {
                                    columns[c].first = Array(v)
                                }
                            }
                            if c == labelField && !CellValue.isMissing(v) {
                                guard let k = classes.code(v) else {
                                    let position = CSVReader.cell(path: path, line: batch.lines[r], field: c)
                                    throw ScoreError(.invalidUTF8Label(position.suffix), at: position.at, hint: "write the file as UTF-8")
                                }
                                if Int(k) == classCounts.count {
                                    classCounts.append(0)
                                    classLines.append(batch.lines[r])
                                }
                                classCounts[Int(k)] += 1
                            }
                            if c == timestampField && !CellValue.isMissing(v) {
                                guard let day = ISOTimestamp.utcDay(v) else {
                                    let position = CSVReader.cell(path: path, line: batch.lines[r], field: c)
                                    throw ScoreError(
                                        .invalidTimestamp(String(decoding: v, as: UTF8.self), position.suffix),
                                        at: position.at, hint: "write 2026-11-24 or 2026-11-24T08:30:00Z")
                                }
                                if day > newest ?? Int.min {
                                    newest = day
                                    newestLine = batch.lines[r]
                                }
                            }
                        }
                        h2 ^= h2 >> 31
                        if !seen.insert(RowHash(a: h1, b: h2)).inserted { duplicates += 1 }
                    }
                }
                rows += batch.rows
            })
        // Names become metric-name segments: two that differ only in dots would merge.
        try MetricList.checkSegments(header, what: "columns") { headerLocations[$0] }
        try MetricList.checkSegments(classes.names, what: "labels") { k in
            labelField.flatMap { CSVReader.location(path: path, line: classLines[k], field: $0) }
        }
        var m = MetricList()
        let n = Double(rows)
        // Shares of nothing are undefined (null, failing any gate), not 0.
        func share(_ count: Int) -> Double? { rows > 0 ? Double(count) / n : nil }
        m.add("data.rows", rows)
        m.add("data.column_count", header.count)
        for (name, c) in zip(header, columns) {
            m.add("data.column." + MetricList.segment(name) + ".missing_share", share(c.missing))
        }
        m.add("data.missing_share", rows > 0 ? columns.map { Double($0.missing) / n }.max() ?? 0 : nil)
        m.add("data.duplicate_row_share", share(duplicates))
        m.add("data.constant_columns", columns.count(where: { !$0.varies }))
        if label != nil {
            let labelled = classCounts.reduce(0, +)
            for k in classes.names.indices.sorted(by: { classes.names[$0] < classes.names[$1] }) {
                m.add("data.classes." + MetricList.segment(classes.names[k]), classCounts[k])
            }
            m.add("data.class_count", classCounts.count)
            // One class has no minority: null, so "no class under 5%" cannot pass on it.
            let smallest = classCounts.count >= 2 ? classCounts.min() : nil
            m.add("data.minority_class_share", smallest.map { Double($0) / Double(labelled) })
            m.add("data.min_rows_per_class", smallest.map(Double.init))
        }
        if timestamp != nil {
            // A day ahead is clock skew between time zones; further is bad data, not fresh data.
            if let newest, newest > today + 1 {
                let position = timestampField.map { CSVReader.cell(path: path, line: newestLine, field: $0) } ?? (at: nil, suffix: "")
                throw ScoreError(
                    .futureTimestamp(path, newest: newest, today: today, position.suffix),
                    at: position.at, hint: "fix the timestamps (or QGATE_TODAY); a future date would pass any freshness gate")
            }
            m.add("data.age_days", newest.map { Double(max(0, today - $0)) })
        }
        return m
    }
}

extension ScoreError.Message {
    /// `place` says where in the file when the location cannot (`CSVReader.cell`).
    fileprivate static func invalidUTF8Label(_ place: String) -> Self { Self("invalid UTF-8 in the label" + place) }
    fileprivate static func invalidTimestamp(_ text: String, _ place: String) -> Self {
        Self("timestamp \(Sanitize.quoted(text)) is not an ISO 8601 date or date-time\(place)")
    }
    fileprivate static func futureTimestamp(_ path: String, newest: Int, today: Int, _ place: String) -> Self {
        Self(
            "the newest timestamp in \(Sanitize.quoted(path)) is \(Clock.isoDate(day: newest)), \(newest - today) days in the future\(place)"
        )
    }
}
