import XCTest

@testable import QGateCLI

/// One test walks the command registry: every command's declarations are
/// consistent, whatever command is added next.
final class CommandRegistryTests: XCTestCase {
    func testCommandNamesAreUniqueAndEachHasAHelpPage() {
        let names = CommandRegistry.all.map(\.spec.name)
        XCTAssertEqual(Set(names).count, names.count, "\(names)")
        for name in names {
            let help = TestSupport.run(["help"] + name.split(separator: " ").map(String.init))
            XCTAssertEqual(help.exit, 0, name)
            XCTAssertTrue(help.stdout.hasPrefix("OVERVIEW: "), name)
        }
    }

    func testEveryCommandsOptionsAreConsistent() throws {
        for command in CommandRegistry.commands { try check(command) }
    }

    /// Option names are unique; a default help shows is accepted by its own
    /// option (so a default never goes stale against its parser); an option
    /// with a fixed set of values rejects anything else at parse time.
    func check<Command: QGateCommand>(_: Command.Type) throws {
        let name = Command.about.name
        let declarations = Command.Options.declarations
        let longs = declarations.map(\.spec.long)
        XCTAssertEqual(Set(longs).count, longs.count, "\(name): \(longs)")
        XCTAssertFalse(longs.contains("help"), name)
        for option in declarations.map(\.spec) {
            if let shown = option.defaultValue {
                XCTAssertNoThrow(
                    try ArgumentParser.parse(["--\(option.long)", shown], as: Command.Options.self, command: name),
                    "\(name) --\(option.long) \(shown)")
            }
            for value in option.allowedValues {
                XCTAssertNoThrow(try ArgumentParser.parse(["--\(option.long)", value], as: Command.Options.self, command: name))
            }
            if !option.allowedValues.isEmpty {
                XCTAssertThrowsError(
                    try ArgumentParser.parse(["--\(option.long)", "no-such-value"], as: Command.Options.self, command: name))
            }
        }
    }
}
