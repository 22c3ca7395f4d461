import XCTest

@testable import QualityGateCore

/// "Did you mean …?": the closest candidate by optimal-string-alignment
/// distance, when it is close enough to be a typo.
final class SuggestionTests: XCTestCase {
    func testDistance() {
        func d(_ a: String, _ b: String) -> Int { Suggestion.distance(Array(a.utf8), Array(b.utf8)) }
        XCTAssertEqual(d("mni", "min"), 1)
        XCTAssertEqual(d("kitten", "sitting"), 3)
        XCTAssertEqual(d("", "abc"), 3)
        XCTAssertEqual(d("abc", ""), 3)
        XCTAssertEqual(d("same", "same"), 0)
        // Optimal string alignment: a transposed pair is one edit, never edited again.
        XCTAssertEqual(d("ca", "abc"), 3)
    }

    func testClosest() {
        XCTAssertEqual(Suggestion.closest(to: "mni", in: ["max", "min"]), "min")
        XCTAssertEqual(Suggestion.closest(to: "MIN", in: ["min"]), "min")
        XCTAssertEqual(Suggestion.closest(to: "evalute", in: ["validate", "evaluate"]), "evaluate")
        XCTAssertEqual(Suggestion.closest(to: "metric", in: ["metrics", "baseline"]), "metrics")
        // A tie goes to the first candidate.
        XCTAssertEqual(Suggestion.closest(to: "mxn", in: ["min", "max"]), "min")
    }

    /// The allowed distance grows with the candidate (a third of it, plus one)
    /// up to 3.
    func testTooFarIsNoSuggestion() {
        XCTAssertNil(Suggestion.closest(to: "xyz", in: ["min", "max"]))
        XCTAssertNil(Suggestion.closest(to: "anything", in: []))
        XCTAssertEqual(Suggestion.closest(to: "abcdefghij", in: ["abcdefghijklm"]), "abcdefghijklm")
        XCTAssertNil(Suggestion.closest(to: "abcdefghi", in: ["abcdefghijklm"]))
    }

    /// Metric names: equal up to case and `-`/`_` first (in order), then the
    /// closest typo; the name itself and far names are never suggested.
    func testClosestName() {
        XCTAssertEqual(Suggestion.closestName(to: "roc-auc", in: ["accuracy", "roc_auc"]), "roc_auc")
        XCTAssertEqual(Suggestion.closestName(to: "Accuracy", in: ["roc_auc", "accuracy"]), "accuracy")
        XCTAssertEqual(Suggestion.closestName(to: "f1-macro", in: ["f1_macr", "F1_MACRO", "f1_macro"]), "F1_MACRO")
        XCTAssertEqual(Suggestion.closestName(to: "acuracy", in: ["acc", "accuracy", "accuracyy"]), "accuracy")
        XCTAssertEqual(Suggestion.closestName(to: "recal", in: ["recall_at_10", "recall"]), "recall")
        XCTAssertNil(Suggestion.closestName(to: "precision", in: ["recall"]))
        XCTAssertNil(Suggestion.closestName(to: "accuracy", in: ["accuracy"]))
        XCTAssertNil(Suggestion.closestName(to: "accuracy", in: []))
    }

    /// Beyond `typoSearchLimit` names only a name equal up to case and `-`/`_`
    /// is suggested: the search must not cost more than the evaluation.
    func testLargeSetsSuggestOnlyEqualNames() {
        let many = (0...Suggestion.NameIndex.typoSearchLimit).map { "m\($0)" } + ["roc_auc"]
        XCTAssertEqual(Suggestion.NameIndex(many).closest(to: "ROC-AUC"), "roc_auc")
        XCTAssertNil(Suggestion.NameIndex(many).closest(to: "roc_aux"))
        XCTAssertEqual(Suggestion.NameIndex(many.suffix(2)).closest(to: "roc_aux"), "roc_auc")
    }

    /// With a limit, the distance stops once it is certainly beyond it.
    func testDistanceWithALimit() {
        func d(_ a: String, _ b: String, _ limit: Int) -> Int { Suggestion.distance(Array(a.utf8), Array(b.utf8), limit: limit) }
        XCTAssertEqual(d("kitten", "sitting", 3), 3)
        XCTAssertEqual(d("kitten", "sitting", 1), 2)
        XCTAssertEqual(d("abcdef", "badcfe", 3), 3)
        XCTAssertEqual(d("mni", "min", 1), 1)
    }
}
