import XCTest

@testable import QualityGateCore

/// The kinds of the `Area` errors that `body` throws, one or several (`QGateErrors`),
/// so a test can assert what went wrong without quoting the message. An error of
/// another area or type shows as its description, which no expected kind matches.
func thrownKinds<Area: ErrorArea>(
    _ area: Area.Type, file: StaticString = #filePath, line: UInt = #line,
    _ body: () throws -> Void
) -> [ErrorKind] {
    func kind(_ error: any Error) -> ErrorKind {
        (error as? AreaError<Area>)?.kind ?? ErrorKind(rawValue: "not a \(Area.self) error: \(error)")
    }
    do {
        try body()
        XCTFail("no error was thrown", file: file, line: line)
        return []
    } catch let many as QGateErrors {
        return many.errors.map(kind)
    } catch {
        return [kind(error)]
    }
}
