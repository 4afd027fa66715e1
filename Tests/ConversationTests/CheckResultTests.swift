import Conversation
import KnowledgeBase
import Testing

@Suite struct CheckResultTests {
  static func checklist() throws -> Checklist {
    try #require(try Shipped.loaded.get().checklist("oih-signs"))
  }

  /// Every item answered "no" (frequency items "never"), then `changes` applied.
  static func answers(_ checklist: Checklist, _ changes: [String: String]) -> [String: String] {
    var out: [String: String] = [:]
    for item in checklist.items {
      switch item.answer {
      case .yesno: out[item.id] = "no"
      case .frequency: out[item.id] = "never"
      case .scale: out[item.id] = "5"
      }
    }
    return out.merging(changes) { $1 }
  }

  @Test(arguments: [
    ([:], 0, "few"),
    (["pain-spread": "yes"], 2, "few"),
    (["dose-up-worse": "yes"], 3, "some"),
    (["pain-spread": "yes", "bumps-hurt-more": "yes"], 3, "some"),
    (["dose-up-worse": "yes", "light-touch-hurts": "often"], 5, "some"),
    (["dose-up-worse": "yes", "light-touch-hurts": "sometimes", "pain-changed-kind": "yes"], 5, "some"),
    (["dose-up-worse": "yes", "dose-down-better": "yes"], 6, "several"),
    (
      [
        "dose-up-worse": "yes", "dose-down-better": "yes", "light-touch-hurts": "often", "bumps-hurt-more": "yes",
        "pain-spread": "yes", "pain-changed-kind": "yes", "worse-than-before": "yes",
      ], 13, "several"
    ),
  ])
  func scoreFallsInTheRightBand(changes: [String: String], score: Int, band: String) throws {
    let checklist = try Self.checklist()
    let result = CheckResult.score(checklist, answers: Self.answers(checklist, changes))
    #expect(result.score == score)
    #expect(result.band?.id == band)
    #expect(result.counted.map(\.points).reduce(0, +) == score)
    #expect(result.skipped.isEmpty)
  }

  @Test func maximumIsThirteen() throws {
    let checklist = try Self.checklist()
    let maximum = checklist.items.filter { $0.role == .sign }.map { $0.points.values.max() ?? 0 }.reduce(0, +)
    #expect(maximum == 13)
  }

  @Test func otherExplanationsAndContextDoNotScore() throws {
    let checklist = try Self.checklist()
    let result = CheckResult.score(
      checklist,
      answers: Self.answers(
        checklist,
        [
          "dose-up-better": "yes", "worst-before-dose": "yes", "long-term-use": "yes", "missed-or-cut": "no",
        ]))
    #expect(result.score == 0)
    #expect(result.elsewhere.map(\.id) == ["dose-up-better", "worst-before-dose"])
    #expect(result.context.map(\.id) == ["long-term-use"])
  }

  @Test func skippedItemsAreListedAndDoNotScore() throws {
    let checklist = try Self.checklist()
    var answers = Self.answers(checklist, ["dose-up-worse": "yes", "pain-spread": "yes"])
    answers["pain-spread"] = nil
    answers["bumps-hurt-more"] = nil
    let result = CheckResult.score(checklist, answers: answers)
    #expect(result.score == 3)
    #expect(result.skipped.map(\.id) == ["bumps-hurt-more", "pain-spread"])
  }

  @Test func changedAnswerScoresTheNewAnswer() throws {
    let checklist = try Self.checklist()
    var answers = Self.answers(checklist, ["dose-up-worse": "yes"])
    #expect(CheckResult.score(checklist, answers: answers).score == 3)
    answers["dose-up-worse"] = "no"
    #expect(CheckResult.score(checklist, answers: answers).score == 0)
  }

  @Test func pegIsTheMeanOfTheThreeItems() throws {
    let checklist = try Self.checklist()
    let result = CheckResult.score(
      checklist,
      answers: Self.answers(
        checklist,
        [
          "peg-pain": "6", "peg-enjoyment": "7", "peg-activity": "6",
        ]))
    let peg = try #require(result.peg)
    #expect(CheckResult.formatPEG(peg) == "6.3")
    #expect(result.pegAnswers == ["peg-pain": 6, "peg-enjoyment": 7, "peg-activity": 6])
  }

  @Test func pegIsNilWhenAnItemIsMissing() throws {
    let checklist = try Self.checklist()
    var answers = Self.answers(checklist, [:])
    answers["peg-activity"] = nil
    #expect(CheckResult.score(checklist, answers: answers).peg == nil)
    #expect(CheckResult.score(checklist, answers: [:]).peg == nil)
  }

  @Test(arguments: [
    (0.0, "0.0"), (10.0, "10.0"), (6.0 + 1.0 / 3.0, "6.3"), (20.0 / 3.0, "6.7"), (6.25, "6.3"), (4.5, "4.5"),
  ])
  func formatPEGShowsOneDecimal(value: Double, text: String) {
    #expect(CheckResult.formatPEG(value) == text)
  }

  @Test func emptyAnswersSkipEverythingAndScoreZero() throws {
    let checklist = try Self.checklist()
    let result = CheckResult.score(checklist, answers: [:])
    #expect(result.score == 0)
    #expect(result.band?.id == "few")
    #expect(result.skipped.count == checklist.items.count)
  }

  @Test func anyElsewhereAnswerMakesOtherCausesLead() throws {
    let checklist = try Self.checklist()
    for id in [
      "dose-up-better", "worst-before-dose", "withdrawal-before-dose", "missed-or-cut", "new-injury-or-illness",
      "new-medicines", "low-mood",
    ] {
      let result = CheckResult.score(
        checklist, answers: Self.answers(checklist, [id: "yes", "dose-up-worse": "yes", "dose-down-better": "yes"]))
      #expect(result.pointsElsewhereFirst, "\(id)")
      #expect(result.elsewhere.map(\.id) == [id])
      #expect(result.score == 6)
    }
    let plain = CheckResult.score(checklist, answers: Self.answers(checklist, ["dose-up-worse": "yes"]))
    #expect(!plain.pointsElsewhereFirst)
  }

  @Test func notChangedIsItsOwnAnswerAndScoresNothing() throws {
    let checklist = try Self.checklist()
    let doseItems = checklist.items.filter { $0.also.contains("not changed") }.map(\.id)
    #expect(doseItems == ["dose-up-worse", "dose-up-better", "dose-down-better"])
    let result = CheckResult.score(
      checklist,
      answers: Self.answers(
        checklist,
        [
          "dose-up-worse": "not changed", "dose-up-better": "not changed", "dose-down-better": "not changed",
        ]))
    #expect(result.score == 0)
    #expect(result.extra.map(\.answer) == ["not changed"])
    #expect(result.extra.first?.items.map(\.id) == doseItems)
    #expect(!result.notCounted.contains { doseItems.contains($0.id) })
    #expect(!result.pointsElsewhereFirst)
  }

  @Test func lowMoodAndNewMedicinesHaveFollowUpsWithTheRegionsNumbers() throws {
    let checklist = try Self.checklist()
    let result = CheckResult.score(
      checklist, answers: Self.answers(checklist, ["low-mood": "yes", "new-medicines": "yes"]))
    #expect(result.followUps.map(\.id) == ["new-medicines", "low-mood"])
    let mood = try #require(checklist.items.first { $0.id == "low-mood" }?.followUp)
    #expect(mood.contains("{crisis_name}") && mood.contains("{crisis}") && mood.contains("{emergency}"))
  }
}
