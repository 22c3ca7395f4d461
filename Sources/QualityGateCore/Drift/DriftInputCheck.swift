/// Inputs that cannot be compared are errors (exit 2), never a verdict: an
/// empty reference, current data without rows, two files without a column in
/// common (a renamed export, `a,b` against `A,B`) would otherwise all read as
/// "every column drifted" and start a retraining. Headers are untrusted: the
/// messages quote them through `Sanitize` and show at most `shownNames` of each.
enum DriftInputCheck {
    static let shownNames = 12

    static func referenceHasRows(_ rows: Int, path: String) throws {
        guard rows == 0 else { return }
        throw DriftError(
            .emptyReference(path), at: headerLocation(path),
            hint: "pass the data the model was trained on; an empty reference says nothing about drift")
    }

    static func currentHasRows(_ rows: Int, path: String) throws {
        guard rows == 0 else { return }
        throw DriftError(
            .noCurrentRows(path), at: headerLocation(path),
            hint: "check the job that exported it: an empty window is a broken input, not a drift signal")
    }

    /// At least one compared reference column must be in the current data.
    static func commonColumns(reference: [String], compared: [String], current: [String], currentPath: String) throws {
        let present = Set(current)
        guard !compared.contains(where: present.contains) else { return }
        let index = Suggestion.NameIndex(current)
        let meant = compared.compactMap { name in index.closest(to: name).map { (name, $0) } }
        let hint =
            meant.isEmpty
            ? "the current data must use the reference's column names; check that both files come from the same table"
            : "did you mean "
                + meant.prefix(shownNames).map { "\(Sanitize.quoted($1)) for \(Sanitize.quoted($0))" }.joined(separator: ", ")
                + "? names must match exactly, case included"
        throw DriftError(
            .noColumnInCommon(reference: listed(reference), current: listed(current)), at: headerLocation(currentPath), hint: hint)
    }

    /// `schema: strict`: every compared column in both files, nothing new. A
    /// missing target is allowed: production labels arrive later, if at all.
    static func strictSchema(missing: [String], new: [String], currentPath: String) throws {
        guard !missing.isEmpty || !new.isEmpty else { return }
        let index = Suggestion.NameIndex(new)
        let meant = missing.compactMap { name in index.closest(to: name).map { (name, $0) } }
        var hint = "fix the export, or set `schema: lenient` to judge a changed schema as drift"
        if !meant.isEmpty {
            hint =
                "did you mean "
                + meant.prefix(shownNames).map { "\(Sanitize.quoted($1)) for \(Sanitize.quoted($0))" }.joined(separator: ", ")
                + "? " + hint
        }
        throw DriftError(.schemaChanged(missing: listed(missing), new: listed(new)), at: headerLocation(currentPath), hint: hint)
    }

    /// Every column named in a role (`id`, `timestamp`, `target`, `prediction`,
    /// `features`) must be in one of the files: a typo must not quietly compare an ID.
    static func roleColumns(_ config: DriftConfig, known: [String]) throws {
        let present = Set(known)
        let named: [(String, [String])] = [
            ("id", config.id), ("timestamp", config.timestamp), ("target", config.target.map { [$0] } ?? []),
            ("prediction", config.prediction.map { [$0] } ?? []), ("features", config.features)
        ]
        var roleOf: [String: String] = [:]
        for (option, names) in named {
            for name in names {
                if let other = roleOf[name], other != option {
                    throw DriftError(.twoRoles(name, other, option), hint: "give each column one role")
                }
                roleOf[name] = option
            }
        }
        for (option, names) in named {
            guard let name = names.first(where: { !present.contains($0) }) else { continue }
            let meant = Suggestion.closestName(to: name, in: known)
            throw DriftError(
                .roleColumnNotFound(option, name),
                hint: meant.map { "did you mean \(Sanitize.quoted($0))?" } ?? "the files have \(listed(known))")
        }
    }

    /// The first `shownNames` names, quoted, and how many more there are.
    static func listed(_ names: [String]) -> String {
        if names.isEmpty { return "none" }
        let shown = names.prefix(shownNames).map(Sanitize.quoted).joined(separator: ", ")
        return names.count > shownNames ? "\(shown) and \(names.count - shownNames) more" : shown
    }

    /// A CSV's header line; a histogram file has no position for its columns as a whole.
    static func headerLocation(_ path: String) -> SourceLocation? {
        DriftRequest.isHistogram(path) ? nil : SourceLocation(file: path, line: 1, column: 1)
    }
}

extension DriftError.Message {
    fileprivate static func emptyReference(_ path: String) -> Self {
        Self("the reference \(Sanitize.quoted(path)) has no data rows")
    }
    fileprivate static func noCurrentRows(_ path: String) -> Self {
        Self("the current data \(Sanitize.quoted(path)) has no data rows")
    }
    fileprivate static func noColumnInCommon(reference: String, current: String) -> Self {
        Self("no column in common: the reference has \(reference); the current data has \(current)")
    }
    fileprivate static func schemaChanged(missing: String, new: String) -> Self {
        Self("the columns changed (schema: strict): missing in the current data: \(missing); new: \(new)")
    }
    fileprivate static func twoRoles(_ name: String, _ first: String, _ second: String) -> Self {
        Self("column \(Sanitize.quoted(name)) is named both in `\(first)` and in `\(second)`")
    }
    /// `option` is the policy key (`id`, `target`, …); the flag has the same name.
    fileprivate static func roleColumnNotFound(_ option: String, _ name: String) -> Self {
        Self("\(option): column \(Sanitize.quoted(name)) is in neither file")
    }
}
