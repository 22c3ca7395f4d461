import XCTest

@testable import QualityGateCore

/// The resolver reads words, integers and floats on bytes, with Clinger's fast
/// path for floats; it must give exactly what the `String`-based resolver it
/// replaced gave (kept here as the oracle), bit for bit, on every shape.
final class YAMLScalarResolverTests: XCTestCase {
    /// The previous resolver, unchanged: `String` comparisons, `Int(String)`, `Double(String)`.
    enum Oracle {
        static func resolvePlain(_ text: ArraySlice<UInt8>) -> YAMLNode.Value {
            if text.isEmpty { return .null }
            let s = String(decoding: text, as: UTF8.self)
            switch s {
            case "~", "null", "Null", "NULL": return .null
            case "true", "True", "TRUE": return .bool(true)
            case "false", "False", "FALSE": return .bool(false)
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .double(.infinity)
            case "-.inf", "-.Inf", "-.INF": return .double(-.infinity)
            case ".nan", ".NaN", ".NAN": return .double(.nan)
            default: break
            }
            let first = text[text.startIndex]
            guard first == 0x2D || first == 0x2B || first == 0x2E || (first >= 0x30 && first <= 0x39) else { return .string(s) }
            if let v = resolveInteger(text, s) { return v }
            if YAMLScalarResolver.isFloat(text), let d = Double(s) { return .double(d) }
            return .string(s)
        }

        static func resolveInteger(_ text: ArraySlice<UInt8>, _ s: String) -> YAMLNode.Value? {
            func isDigit(_ b: UInt8, radix: Int) -> Bool {
                switch radix {
                case 8: return b >= 0x30 && b <= 0x37
                case 10: return b >= 0x30 && b <= 0x39
                default: return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
                }
            }
            let bytes = Array(text)
            if bytes.count > 2 && bytes[0] == 0x30 && (bytes[1] == 0x6F || bytes[1] == 0x78) {
                let radix = bytes[1] == 0x6F ? 8 : 16
                let digits = String(decoding: bytes[2...], as: UTF8.self)
                guard digits.utf8.allSatisfy({ isDigit($0, radix: radix) }) else { return nil }
                if let v = Int(digits, radix: radix) { return .int(v) }
                var big = 0.0
                for b in digits.utf8 { big = big * Double(radix) + Double(Int(b <= 0x39 ? b - 0x30 : (b | 0x20) - 0x61 + 10)) }
                return Double(exactly: big).map { .double($0) }
            }
            var i = 0
            if bytes[0] == 0x2D || bytes[0] == 0x2B { i = 1 }
            guard i < bytes.count, bytes[i...].allSatisfy({ isDigit($0, radix: 10) }) else { return nil }
            if let v = Int(s) { return .int(v) }
            return Double(s).map { .double($0) }
        }
    }

    func describe(_ v: YAMLNode.Value) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return "bool \(b)"
        case .int(let i): return "int \(i)"
        case .double(let d): return "double \(d.bitPattern)"
        case .string(let s): return "string \(s.debugDescription)"
        default: return "collection"
        }
    }

    func check(_ text: String, line: UInt = #line) {
        let bytes = Array(text.utf8)[...]
        XCTAssertEqual(describe(YAMLScalarResolver.resolvePlain(bytes)), describe(Oracle.resolvePlain(bytes)), text, line: line)
    }

    func testEdgeCasesResolveAsBefore() {
        let cases = [
            "", "~", "null", "Null", "NULL", "nul", "nulls", "NuLL", "true", "True", "TRUE", "tRUE", "false", "FALSE", "f",
            ".inf", ".Inf", ".INF", "+.inf", "-.inf", "-.Inf", "-.INF", "+.INF", ".nan", ".NaN", ".NAN", "-.nan", "+.nan", ".infx",
            "0", "-0", "+0", "007", "-007", "123456789012345678", "999999999999999999", "1000000000000000000",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
            "123456789012345678901234567890", "0x1F", "0xff", "0o17", "0o8", "0x", "0xg", "0x-1", "0x+1", "0o", "-0x1",
            "0xFFFFFFFFFFFFFFFFFF", "0o7777777777777777777777777",
            "0.852639", "-0.0", "+0.0", "1.", "-1.", ".5", "+.5", "-.5", ".", "-", "+", "-.", "1e3", "1E3", "1e+3", "1e-3", "1e",
            "1e+", "1.5e308", "1e309", "1e-400", "4.9e-324", "2.2250738585072014e-308", "0.1", "0.3", "9007199254740993",
            "9007199254740993.0", "1234567890123456789.0", "12345678901234567890.0", "0.00000000000000000000001",
            "1e22", "1e23", "1e-22", "1e-23", "3.14159265358979323846", "1e0005", "1e00005", "811.176806", "2631.09421",
            "1_000", "1.2.3", "1e3.5", "--1", "+-1", "12abc", "0b101", "１２", "1 2", "metric", "suite_35.task_23.f1",
            "é", "nullé", "max_regression_ratio", "-1e-7", "-inf", "inf", "nan"
        ]
        for c in cases { check(c) }
    }

    func testGeneratedNumbersResolveAsBefore() {
        var state: UInt64 = 11
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % n
        }
        let alphabet = Array("0123456789.e-+E1234567890")
        for _ in 0..<20_000 {
            check(String((0..<(1 + next(24))).map { _ in alphabet[next(alphabet.count)] }))
            let digits = String((0..<(1 + next(20))).map { _ in alphabet[next(10)] })
            let fraction = String((0..<next(20)).map { _ in alphabet[next(10)] })
            check((next(2) == 0 ? "-" : "") + digits + "." + fraction + (next(3) == 0 ? "e\(next(700) - 350)" : ""))
        }
    }
}
