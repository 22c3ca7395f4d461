import XCTest

@testable import QualityGateCore

/// The writer's exact bytes: layout, numbers and the escaping every JSON report relies on.
final class JSONOutputTests: XCTestCase {
    private let document = JSONOutput.object([
        ("a", .array([.number(1), .number(0.5), .number(.nan), .null, .bool(true)])),
        ("é [x] \"q\"", .string("ü ##[c \u{2028}\t\\")),
        ("empty", .object([])), ("none", .array([])),
        ("nested", .object([("k", .string("plain text"))]))
    ])

    func testPrettyLayoutAndEscaping() {
        XCTAssertEqual(
            document.rendered(),
            """
            {
              "a": [
                1,
                0.5,
                "NaN",
                null,
                true
              ],
              "é [x] \\"q\\"": "ü ##\\u005bc \\u2028\\t\\\\",
              "empty": {},
              "none": [],
              "nested": {
                "k": "plain text"
              }
            }

            """)
    }

    func testCompactIsOneLine() {
        XCTAssertEqual(
            document.renderedCompact(),
            #"{"a":[1,0.5,"NaN",null,true],"é [x] \"q\"":"ü ##\u005bc \u2028\t\\","empty":{},"none":[],"nested":{"k":"plain text"}}"#)
    }
}
