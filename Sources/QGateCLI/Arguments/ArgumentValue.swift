import QualityGateCore

/// How an option's text becomes a typed value, and how a default shows in help.
/// A value that does not fit is a usage error naming the option, at parse time.
struct ArgumentValue<Value> {
    /// When non-empty, the only texts accepted (the parser checks them first).
    var allowed: [String] = []
    let parse: (_ text: String, _ option: String) throws(UsageError) -> Value
    let show: (Value) -> String
}

extension ArgumentValue where Value == String {
    static var text: Self { ArgumentValue(parse: { text, _ in text }, show: { $0 }) }

    /// A Pushgateway URL, checked before anything runs: a bad URL is a usage error
    /// up front, not a failure after the verdict was recorded.
    static var pushgatewayURL: Self {
        ArgumentValue(parse: { text, option throws(UsageError) in try checkedURL(text, option: option) }, show: { $0 })
    }

    private static func checkedURL(_ text: String, option: String) throws(UsageError) -> String {
        do {
            _ = try HTTPClient.parse(text)
        } catch {
            throw UsageError("'--\(option)': \(error.message)", hint: error.hint)
        }
        return text
    }
}

extension ArgumentValue where Value == [String] {
    /// `A,B,C`.
    static var list: Self {
        ArgumentValue(parse: { text, _ in text.split(separator: ",").map(String.init) }, show: { $0.joined(separator: ",") })
    }
}

extension ArgumentValue where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
    /// One of an enumeration's raw values.
    static var choice: Self {
        ArgumentValue(
            allowed: Value.allCases.map(\.rawValue),
            parse: { text, option throws(UsageError) in
                guard let value = Value(rawValue: text) else { throw UsageError.invalidValue(text, for: option, hint: nil) }
                return value
            }, show: \.rawValue)
    }
}

extension ArgumentValue where Value == Double {
    /// A finite number that `accepts`; `hint` says which.
    static func number(_ hint: String, accepts: @escaping (Double) -> Bool) -> Self {
        ArgumentValue(
            parse: { text, option throws(UsageError) in
                guard let v = Double(text), v.isFinite, accepts(v) else { throw UsageError.invalidValue(text, for: option, hint: hint) }
                return v
            }, show: NumberFormatting.exact)
    }

    /// A number in (min, max].
    static func number(above min: Double, max: Double = .infinity) -> Self {
        let most = max.isFinite ? " and at most \(NumberFormatting.exact(max))" : ""
        return number("a number above \(NumberFormatting.exact(min))\(most)") { $0 > min && $0 <= max }
    }

    /// A number from 0 to 1, or strictly between them (`open`).
    static func fraction(open: Bool) -> Self {
        open
            ? number("a number strictly between 0 and 1") { $0 > 0 && $0 < 1 }
            : number("a number from 0 to 1") { $0 >= 0 && $0 <= 1 }
    }
}

extension ArgumentValue where Value == Int {
    /// An integer from min to max.
    static func integer(from min: Int, to max: Int, hint: String? = nil) -> Self {
        ArgumentValue(
            parse: { text, option throws(UsageError) in
                guard let v = Int(text), v >= min, v <= max else {
                    throw UsageError.invalidValue(text, for: option, hint: hint ?? "an integer from \(min) to \(max)")
                }
                return v
            }, show: String.init)
    }
}

extension ArgumentValue where Value == UInt64 {
    static var unsigned: Self {
        ArgumentValue(
            parse: { text, option throws(UsageError) in
                guard let v = UInt64(text) else { throw UsageError.invalidValue(text, for: option, hint: "a non-negative integer") }
                return v
            }, show: String.init)
    }
}

extension UsageError {
    /// `invalid value 'x' for '--name'`.
    static func invalidValue(_ text: String, for option: String, hint: String?) -> UsageError {
        UsageError("invalid value '\(Sanitize.inline(text))' for '--\(option)'", hint: hint)
    }
}
