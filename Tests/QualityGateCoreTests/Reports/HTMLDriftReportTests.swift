import Foundation
import QGateTestSupport
import XCTest

@testable import QualityGateCore

/// The HTML drift page: column names, category values and file names are
/// data; categories are capped with "… N more"; drifted columns come first.
final class HTMLDriftReportTests: TemporaryDirectoryTestCase {
    func testHostileColumnsAndCategoriesAddNoMarkupAndAreCapped() throws {
        let hostile = HTMLEvaluationReportTests.hostileCorpus.filter { !$0.contains("\n") }
        func csvField(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        // One column named by each hostile string; a categorical column with 40 categories, some hostile.
        let header = (hostile.map(csvField) + ["cat", "ok"]).joined(separator: ",")
        var ref = header + "\n"
        var cur = header + "\n"
        for i in 0..<200 {
            let category = i % 40 < hostile.count ? csvField(hostile[i % 40]) : "c\(i % 40)"
            ref += (hostile.map { _ in "\(i % 10)" } + [category, "\(i % 7)"]).joined(separator: ",") + "\n"
            cur += (hostile.map { _ in "\(i % 10 + 5)" } + [i % 2 == 0 ? "c39" : category, "\(i % 7)"]).joined(separator: ",") + "\n"
        }
        let dir = try write("&lt;title&gt;<script>x<\\script>.csv", ref)
        let d = try XCTUnwrap(
            try DriftRequest(referencePath: dir, currentPath: try write("c.csv", cur), config: DriftConfig(), emitHistogramsPath: nil).run()
        )
        let page = HTMLDriftReport.render(d)
        XCTAssertEqual(HTMLMarkupCheck.foreign(page), [])
        XCTAssertFalse(page.lowercased().contains("<script"))
        XCTAssertTrue(page.contains("&amp;lt;title&amp;gt;&lt;script&gt;x&lt;\\script&gt;.csv"))
        XCTAssertTrue(page.contains("<p class=\"more\">… 10 more categories not drawn</p>"))
        // Drifted columns first: the stable column `ok` is the last row of the table.
        let rows = page.components(separatedBy: "<tr><td>").dropFirst().map { $0.prefix(200) }
        XCTAssertTrue(rows.last?.contains(">ok</td>") ?? false, String(describing: rows.last))
    }
}
