/// The one rule for a number printed next to the bound it was compared with:
/// rounding to the report's precision must not move it to the bound's other
/// side or onto it. PSI 0.2000004 against a threshold of 0.2 prints as
/// 0.2000004 (not "0.2 > 0.2"), an accuracy of 0.91999999 against min 0.92
/// as 0.91999999. The bound prints as written; the value gets as many more
/// digits as it needs (`NumberFormatting.rounded(_:against:significantDigits:agreeing:)`).
extension ReportPrecision {
    public func number(_ value: Double, against bound: Double) -> String {
        compared(value, against: bound) { v, _ in (v < bound, v == bound) == (value < bound, value == bound) }.value
    }
}
