import XCTest

@testable import QualityGateCore

/// An error's kind is the name of the message constructor that made it, so a
/// test can match the kind and stay true when the wording changes.
final class AreaErrorTests: XCTestCase {
    func testKindIsTheConstructorName() {
        let error = PolicyError(.sampleProblem(in: "gates"), at: SourceLocation(file: "p.yaml", line: 3, column: 5))
        XCTAssertEqual(error.kind, "sampleProblem")
        XCTAssertEqual(error.message, "something is wrong in 'gates'")
        XCTAssertEqual(error.description, "p.yaml:3:5: error: something is wrong in 'gates'")
    }

    /// A message without arguments is a static property; its kind is the property's name.
    func testKindOfAPropertyConstructor() {
        XCTAssertEqual(PolicyError(.sampleWithoutArguments).kind, "sampleWithoutArguments")
    }

    func testKindsCompareByName() {
        XCTAssertEqual(PolicyError(.sampleProblem(in: "a")).kind, PolicyError(.sampleProblem(in: "b")).kind)
        XCTAssertNotEqual(PolicyError(.sampleProblem(in: "a")), PolicyError(.sampleProblem(in: "b")))
    }
}

extension PolicyError.Message {
    fileprivate static func sampleProblem(in key: String) -> Self { Self("something is wrong in '\(key)'") }
    fileprivate static var sampleWithoutArguments: Self { Self("something is wrong") }
}
