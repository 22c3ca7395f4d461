/// `qgate score`: reads a predictions file and computes the standard metrics
/// of its task — as scikit-learn defines them — per group, with latency
/// percentiles and optional bootstrap confidence intervals. The result is a
/// metrics document `qgate evaluate` reads directly.
public struct ScoreRequest: Sendable {
    public var path: String
    public var options: ScoreOptions

    public init(path: String, options: ScoreOptions) {
        self.path = path
        self.options = options
    }

    public func run() throws -> MetricList {
        let o = options
        if o.confidence <= 0 || o.confidence >= 1 { throw ScoreError(.invalidConfidence) }
        if o.task == .regression && o.prediction == nil {
            throw ScoreError(.regressionWithoutPrediction)
        }
        var table = try PredictionTable.load(path: path, options: o, regression: o.task == .regression)
        // Latency first, and its column dropped: its memory is free again before the scores are sorted.
        let latency = table.latency.map(LatencySummary.compute)
        table.latency = nil
        let labelClasses = Self.codesUsed(table.labelCodes, of: table.classes.count)
        let task = o.task ?? (o.probabilityPrefix != nil || labelClasses.count > 2 ? .multiclass : .binary)
        var metrics: MetricList
        switch task {
        case .binary: metrics = try binary(table, labelClasses: labelClasses)
        case .multiclass: metrics = try multiclass(table)
        case .regression:
            let predicted = table.predictionValues ?? []
            metrics = RegressionMetrics.compute(y: table.labelValues, predicted: predicted, weights: nil, counts: true)
            try addGroups(table, to: &metrics) { rows, _ in
                RegressionMetrics.compute(
                    y: rows.map { table.labelValues[$0] }, predicted: rows.map { predicted[$0] }, weights: nil, counts: true)
            }
            try addIntervals(to: &metrics, names: RegressionMetrics.intervalMetrics, rows: table.rows) { w in
                RegressionMetrics.compute(y: table.labelValues, predicted: predicted, weights: w, counts: false)
            }
        }
        if let latency { metrics.append(latency) }
        return metrics
    }

    /// The distinct codes in `codes` (all below `count`): a flag array, not a
    /// Set — hashing ten million labels cost more than scoring them.
    static func codesUsed(_ codes: [Int32], of count: Int) -> Set<Int32> {
        var seen = [Bool](repeating: false, count: count)
        for c in codes { seen[Int(c)] = true }
        return Set(seen.indices.filter { seen[$0] }.map(Int32.init))
    }

    /// Labels that can only mean "negative", so a sample of them alone is all negatives.
    static let negativeLabels: Set<String> = ["0", "-1", "false", "False", "FALSE", "no", "No", "negative"]

    // MARK: Binary

    private func binary(_ table: PredictionTable, labelClasses: Set<Int32>) throws -> MetricList {
        let o = options
        if o.probabilityPrefix != nil {
            throw ScoreError(.probabilitiesForBinary)
        }
        guard table.scores != nil || table.predictionCodes != nil else {
            throw ScoreError(.nothingToScoreBinary)
        }
        let used = labelClasses.union(Self.codesUsed(table.predictionCodes ?? [], of: table.classes.count))
        let names = used.map { table.classes.names[Int($0)] }.sorted()
        if used.count > 2 {
            throw ScoreError(
                .tooManyClassesForBinary(names),
                at: Self.thirdClass(in: table))
        }
        // `1` and `1.0` are one number written two ways: as two classes they would
        // score every row as wrong.
        if names.count == 2, let a = Double(names[0]), let b = Double(names[1]), a == b {
            let codes = used.sorted()
            throw ScoreError(
                .sameNumberTwoLabels(names[0], names[1]),
                at: Self.firstCell(of: max(codes[0], codes[1]), in: table), hint: "write labels and predictions the same way")
        }
        let positive = table.classes.existingCode(o.positive).flatMap { used.contains($0) ? $0 : nil }
        // Without the positive class, only an evidently negative single class is accepted
        // (an all-negative sample); anything else is a --positive mistake, not a perfect model.
        if positive == nil && (used.count == 2 || !Self.negativeLabels.contains(names.first ?? "")) {
            // The label is given on the command line; the error points at the label column it is missing from.
            throw ScoreError(
                .positiveLabelMissing(o.positive, labels: names),
                at: table.header?.locations[table.labelField])
        }
        let pos = positive ?? -1
        let y = table.labelCodes.map { $0 == pos ? UInt8(1) : 0 }
        let predicted: [UInt8]
        if let codes = table.predictionCodes {
            predicted = codes.map { $0 == pos ? UInt8(1) : 0 }
        } else {
            predicted = (table.scores ?? []).map { $0 >= o.threshold ? UInt8(1) : 0 }
        }
        let scores = table.scores
        let order = scores.map(RadixSort.descendingOrder)
        var metrics = BinaryMetrics.compute(
            y: y, predicted: predicted, scores: scores, order: order, weights: nil,
            calibrationBins: o.calibrationBins, counts: true)
        var fairness: [[String: Double?]] = []
        try addGroups(
            table, to: &metrics,
            fairness: { column, confusions in
                let f = FairnessMetrics.compute(confusions)
                fairness.append(f)
                return f
            }, order: order,
            { rows, subOrder in
                BinaryMetrics.compute(
                    y: rows.map { y[$0] }, predicted: rows.map { predicted[$0] }, scores: scores.map { s in rows.map { s[$0] } },
                    order: subOrder, weights: nil, calibrationBins: o.calibrationBins, counts: true)
            })
        if !fairness.isEmpty {
            for name in FairnessMetrics.names {
                metrics.add("fairness." + name, FairnessMetrics.worst(name, fairness.map { $0[name] ?? nil }))
            }
        }
        try addIntervals(to: &metrics, names: BinaryMetrics.intervalMetrics, rows: table.rows) { w in
            BinaryMetrics.compute(
                y: y, predicted: predicted, scores: scores, order: order, weights: w, calibrationBins: o.calibrationBins, counts: false)
        }
        return metrics
    }

    // MARK: Multiclass

    private func multiclass(_ table: PredictionTable) throws -> MetricList {
        if options.score != nil {
            throw ScoreError(.scoreForMulticlass)
        }
        let predicted: [Int32]
        if let codes = table.predictionCodes {
            predicted = codes
        } else if !table.probabilities.isEmpty {
            // The most probable class; on a tie the first column in header order.
            var best = [Int32](repeating: table.probabilityClasses[0], count: table.rows)
            var bestValue = table.probabilities[0]
            for (j, column) in table.probabilities.enumerated().dropFirst() {
                for i in 0..<table.rows where column[i] > bestValue[i] {
                    bestValue[i] = column[i]
                    best[i] = table.probabilityClasses[j]
                }
            }
            predicted = best
        } else {
            throw ScoreError(.nothingToScoreMulticlass)
        }
        if !table.probabilities.isEmpty {
            let known = table.probabilityClasses
            if let i = table.labelCodes.firstIndex(where: { !known.contains($0) }) {
                throw ScoreError(
                    .labelWithoutProbability(table.classes.names[Int(table.labelCodes[i])]),
                    at: table.location(row: i, field: table.labelField),
                    hint:
                        "add a column \(Sanitize.inline((options.probabilityPrefix ?? "") + table.classes.names[Int(table.labelCodes[i])])), or fix the label"
                )
            }
        }
        try MetricList.checkSegments(table.classes.names, what: "class labels") { Self.firstCell(of: Int32($0), in: table) }
        func compute(_ y: [Int32], _ p: [Int32], _ probabilities: [[Double]], _ w: [Double]?, perClass: Bool) -> MetricList {
            MulticlassMetrics.compute(
                y: y, predicted: p, classNames: table.classes.names, probabilityClasses: table.probabilityClasses,
                probabilities: probabilities, weights: w, perClass: perClass)
        }
        var metrics = compute(table.labelCodes, predicted, table.probabilities, nil, perClass: true)
        try addGroups(table, to: &metrics) { rows, _ in
            compute(
                rows.map { table.labelCodes[$0] }, rows.map { predicted[$0] }, table.probabilities.map { c in rows.map { c[$0] } }, nil,
                perClass: true)
        }
        try addIntervals(to: &metrics, names: MulticlassMetrics.intervalMetrics, rows: table.rows) { w in
            compute(table.labelCodes, predicted, table.probabilities, w, perClass: false)
        }
        return metrics
    }

    // MARK: Where a class occurs

    /// The first cell holding class `code`: a label, else a prediction, else
    /// the name of its probability column.
    static func firstCell(of code: Int32, in table: PredictionTable) -> SourceLocation? {
        if let row = table.labelCodes.firstIndex(of: code) { return table.location(row: row, field: table.labelField) }
        if let row = table.predictionCodes?.firstIndex(of: code), let field = table.predictionField {
            return table.location(row: row, field: field)
        }
        if let k = table.probabilityClasses.firstIndex(of: code) { return table.header?.locations[table.probabilityFields[k]] }
        return nil
    }

    /// The first label or prediction cell holding a third class, for binary scoring.
    static func thirdClass(in table: PredictionTable) -> SourceLocation? {
        var seen = Set<Int32>()
        for row in 0..<table.rows {
            if seen.insert(table.labelCodes[row]).inserted && seen.count == 3 { return table.location(row: row, field: table.labelField) }
            if let p = table.predictionCodes?[row], let field = table.predictionField,
                seen.insert(p).inserted && seen.count == 3
            {
                return table.location(row: row, field: field)
            }
        }
        return nil
    }

    // MARK: Groups and intervals

    /// A group column is for a handful of values (sex, region, model version),
    /// not an identifier: each value costs a pass over its rows and a block of metrics.
    public static let maximumGroupValues = 1000

    /// `groups.<column>.<value>.<metric>` for every group column, and (binary)
    /// `fairness.<column>.<check>` from the groups' confusion matrices. `compute`
    /// gets a group's rows and, when `order` (all rows by decreasing score) is
    /// given, the group's own order as positions in those rows.
    private func addGroups(
        _ table: PredictionTable, to metrics: inout MetricList,
        fairness: ((String, [BinaryMetrics.Confusion]) -> [String: Double?])? = nil, order: RadixSort.Order? = nil,
        _ compute: ([Int], RadixSort.Order?) -> MetricList
    ) throws {
        func columnName(_ name: String) -> SourceLocation? {
            table.header.flatMap { h in h.names.firstIndex(of: name).map { h.locations[$0] } }
        }
        try MetricList.checkSegments(table.groups.map(\.column), what: "group columns") { columnName(table.groups[$0].column) }
        for (g, group) in table.groups.enumerated() {
            if group.codes.count > Self.maximumGroupValues {
                throw ScoreError(
                    .tooManyGroupValues(group.column, group.codes.count),
                    at: columnName(group.column))
            }
            try MetricList.checkSegments(group.codes.names, what: "values of group column \(Sanitize.quoted(group.column))") { code in
                table.groups[g].rows.firstIndex(of: Int32(code)).flatMap { table.location(row: $0, field: table.groupFields[g]) }
            }
            // One pass each: the rows of every value, each row's position among them, and each value's score order.
            var rowsOf = [[Int]](repeating: [], count: group.codes.count)
            var position = [Int32](repeating: 0, count: table.rows)
            for (i, code) in group.rows.enumerated() {
                position[i] = Int32(rowsOf[Int(code)].count)
                rowsOf[Int(code)].append(i)
            }
            var orderOf: [RadixSort.Order]?
            if let order {
                var buckets = [RadixSort.Order](repeating: RadixSort.Order(rows: [], keys: []), count: group.codes.count)
                for (i, key) in zip(order.rows, order.keys) {
                    let code = Int(group.rows[Int(i)])
                    buckets[code].rows.append(position[Int(i)])
                    buckets[code].keys.append(key)
                }
                orderOf = buckets
            }
            let columnName = "groups." + MetricList.segment(group.column)
            var confusions: [BinaryMetrics.Confusion] = []
            for code in rowsOf.indices.sorted(by: { group.codes.names[$0] < group.codes.names[$1] }) where !rowsOf[code].isEmpty {
                let sub = compute(rowsOf[code], orderOf?[code])
                metrics.add(prefix: columnName + "." + MetricList.segment(group.codes.names[code]), sub)
                if fairness != nil,
                    case (let tp??, let fp??, let tn??, let fn??) = (
                        sub["confusion.tp"], sub["confusion.fp"], sub["confusion.tn"], sub["confusion.fn"]
                    )
                {
                    confusions.append(BinaryMetrics.Confusion(tp: tp, fp: fp, tn: tn, fn: fn))
                }
            }
            if let fairness {
                let f = fairness(group.column, confusions)
                for name in FairnessMetrics.names {
                    metrics.add("fairness." + MetricList.segment(group.column) + "." + name, f[name] ?? nil)
                }
            }
        }
    }

    /// Percentile bootstrap: `<metric>_ci.low` and `.high` from `options.bootstrap`
    /// resamples of the rows, drawn with SplitMix64 from `options.seed`. A resample
    /// where a metric is undefined (one class only, say) does not count for it.
    private func addIntervals(to metrics: inout MetricList, names: [String], rows n: Int, _ compute: ([Double]) -> MetricList) throws {
        let replicates = options.bootstrap
        guard replicates > 0 else { return }
        var rng = SplitMix64(seed: options.seed)
        var values = [String: [Double]]()
        var weights = [Double](repeating: 0, count: n)
        for _ in 0..<replicates {
            for i in 0..<n { weights[i] = 0 }
            for _ in 0..<n { weights[rng.index(below: n)] += 1 }
            let m = compute(weights)
            for name in names { if let v = m[name] ?? nil, v.isFinite { values[name, default: []].append(v) } }
        }
        let lowQ = 100 * (1 - options.confidence) / 2
        let highQ = 100 * (1 + options.confidence) / 2
        // An interval for every metric the point estimates have; null when no resample defined it.
        for name in names where metrics[name] != nil {
            let sorted = (values[name] ?? []).sorted()
            metrics.add(name + "_ci.low", sorted.isEmpty ? nil : Percentile.linear(sorted, lowQ))
            metrics.add(name + "_ci.high", sorted.isEmpty ? nil : Percentile.linear(sorted, highQ))
        }
    }
}

extension ScoreError.Message {
    fileprivate static var invalidConfidence: Self { Self("confidence must lie strictly between 0 and 1") }
    fileprivate static var regressionWithoutPrediction: Self { Self("regression needs the predicted value") }
    fileprivate static var probabilitiesForBinary: Self { Self("probability columns are for multiclass scoring") }
    fileprivate static var nothingToScoreBinary: Self {
        Self("nothing to score: binary scoring needs a score or a prediction column")
    }
    /// `classes` sorted; at most eight are named.
    fileprivate static func tooManyClassesForBinary(_ classes: [String]) -> Self {
        Self(
            "binary scoring needs at most two classes, found \(classes.count): \(classes.prefix(8).map(Sanitize.quoted).joined(separator: ", "))"
        )
    }
    fileprivate static func sameNumberTwoLabels(_ a: String, _ b: String) -> Self {
        Self("labels \(Sanitize.quoted(a)) and \(Sanitize.quoted(b)) are the same number written differently")
    }
    fileprivate static func positiveLabelMissing(_ positive: String, labels: [String]) -> Self {
        Self(
            "the positive label \(Sanitize.quoted(positive)) does not occur; the labels are \(labels.map(Sanitize.quoted).joined(separator: " and "))"
        )
    }
    fileprivate static var scoreForMulticlass: Self { Self("a single score column is for binary scoring") }
    fileprivate static var nothingToScoreMulticlass: Self {
        Self("nothing to score: multiclass scoring needs a prediction column or probability columns")
    }
    fileprivate static func labelWithoutProbability(_ label: String) -> Self {
        Self("label \(Sanitize.quoted(label)) has no probability column")
    }
    fileprivate static func tooManyGroupValues(_ column: String, _ count: Int) -> Self {
        Self("group column \(Sanitize.quoted(column)) has \(count) distinct values")
    }
}
