import Foundation
import KnowledgeBase
import Testing

@testable import Conversation

/// The fixture knowledge base, the three sample sessions and the golden files.
enum Fixtures {
  /// Tests/ in the repository.
  static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  /// The repository root.
  static let root = testsFolder.deletingLastPathComponent()
  /// Tests/Data/summary: the fixture knowledge base and the golden files.
  static let dataFolder = testsFolder.appendingPathComponent("Data/summary")

  /// The small knowledge base in Tests/Data/summary/knowledge.
  static let knowledge: Knowledge = KnowledgeLoader.check(dataFolder.appendingPathComponent("knowledge").path).0

  /// Whether golden files are rewritten instead of compared (`OIH_UPDATE_GOLDEN=1`).
  static let updating = ProcessInfo.processInfo.environment["OIH_UPDATE_GOLDEN"] == "1"

  /// The person opened the program and did nothing.
  static var emptySession: SessionRecord { SessionRecord(date: "2026-11-27", region: "US") }

  /// A full symptom check, notes with characters that mean something in Markdown and HTML,
  /// picked and own questions, two topics, medicines and a goal.
  static var fullSession: SessionRecord {
    var record = SessionRecord(date: "2026-11-27", region: "US")
    record.topicsRead = ["what-is-oih", "tapering-safely"]
    record.checkID = "oih-signs"
    record.checkDone = true
    record.answers = [
      "peg-pain": "7", "peg-enjoyment": "6", "peg-activity": "6", "dose-up-worse": "yes",
      "light-touch-hurts": "often", "worst-before-dose": "yes", "long-use": "yes",
    ]
    record.skipped = ["pain-spread"]
    record.questions = [
      .listed("medicine-making-pain-worse"), .listed("safe-plan"),
      .own("Is 3 pm the best time? <ask> & check *pharmacy* | _today_"),
    ]
    record.notes = [
      "Pain is worse at night since the dose went up in March. It wakes me up around 2 or 3 and I cannot get back to sleep.",
      "# knees & hips: they [hurt](x) when I walk > 10 min",
      "1. wrote down: https://example.org/a_very_long_address_with_underscores_that_goes_on_and_on_past_eighty_columns",
    ]
    record.medicines = ["OxyContin (oxycodone)", "gabapentin"]
    record.visitGoal = "Sleep through the night <again> & walk *more*"
    return record
  }

  /// Red flags raised (one twice), a check left part way, a topic read, in the UK.
  static var redFlagSession: SessionRecord {
    var record = SessionRecord(date: "2026-11-28", region: "UK")
    let stopping = AlertRecord(
      flagID: "stopping-cold-turkey", kind: "stopping", label: "DO NOT STOP SUDDENLY",
      action: "Do not stop suddenly. Talk to your prescriber, or call 111.")
    let overdose = AlertRecord(
      flagID: "overdose-wont-wake", kind: "overdose", label: "POSSIBLE OVERDOSE",
      action: "Call 999 now. Give naloxone if you have it.")
    record.alerts = [stopping, overdose, stopping]
    record.topicsRead = ["tapering-safely"]
    record.checkID = "oih-signs"
    record.answers = ["peg-pain": "8", "dose-up-worse": "not changed", "worst-before-dose": "yes"]
    record.skipped = ["peg-enjoyment"]
    record.notes = ["I said I would stop all my pills."]
    return record
  }

  /// The shipped knowledge base in Knowledge/, for the page tests: the real signs check and
  /// questions decide how long a summary is.
  static let shipped: Knowledge = KnowledgeLoader.check(root.appendingPathComponent("Knowledge").path).0

  /// A usual visit over the shipped knowledge: the whole signs check (with "not changed" and
  /// two answers that point elsewhere), `questions` doctor questions, three notes, three
  /// medicines and a goal.
  static func visitSession(questions: Int = 5, region: String = "US") -> SessionRecord {
    var record = SessionRecord(date: "2026-11-27", region: region)
    record.checkID = "oih-signs"
    record.checkDone = true
    record.answers = [
      "peg-pain": "7", "peg-enjoyment": "6", "peg-activity": "6", "dose-up-worse": "yes", "dose-up-better": "no",
      "dose-down-better": "not changed", "light-touch-hurts": "often", "bumps-hurt-more": "no", "pain-spread": "yes",
      "pain-changed-kind": "not sure", "worse-than-before": "no", "worst-before-dose": "yes",
      "withdrawal-before-dose": "no", "missed-or-cut": "no", "new-injury-or-illness": "no", "new-medicines": "no",
      "low-mood": "yes", "long-term-use": "yes", "dose-raised-often": "no",
    ]
    let all = shipped.doctorQuestions.flatMap(\.questions).map(\.id)
    for id in all.prefix(questions) { record.questions.append(.listed(id)) }
    record.notes = [
      "Pain is worse at night since the dose went up in March.",
      "My knees and hips hurt more when I walk, and my skin is sore to touch.",
      "My sister can drive me to my visits.",
    ]
    record.medicines = ["OxyContin (oxycodone)", "gabapentin", "ibuprofen"]
    record.visitGoal = "A plan to sleep through the night and walk my dog again."
    return record
  }

  /// A realistic session for the picture in the README: a usual visit that read two topics.
  static var pictureSession: SessionRecord {
    var record = visitSession()
    record.topicsRead = ["what-is-oih", "tapering-safely"]
    return record
  }

  /// The sessions of the golden tests, by name.
  static let sessions: [(name: String, record: SessionRecord)] = [
    ("empty", emptySession), ("full", fullSession), ("red-flag", redFlagSession),
  ]

  /// Compares `actual` with the golden file `name`, or rewrites it when updating.
  static func expectGolden(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation)
  {
    let url = dataFolder.appendingPathComponent(name)
    if updating {
      #expect(throws: Never.self, sourceLocation: sourceLocation) {
        try actual.write(to: url, atomically: true, encoding: .utf8)
      }
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      Issue.record("golden file \(url.path) is missing: run with OIH_UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
      return
    }
    #expect(
      actual == expected, "\(name) differs from the golden file: \(firstDifference(actual, expected))",
      sourceLocation: sourceLocation)
  }

  /// Where two texts first differ, as "line N: got ... expected ...".
  static func firstDifference(_ actual: String, _ expected: String) -> String {
    let a = actual.components(separatedBy: "\n")
    let e = expected.components(separatedBy: "\n")
    for index in 0..<max(a.count, e.count) {
      let left = index < a.count ? a[index] : "<end>"
      let right = index < e.count ? e[index] : "<end>"
      if left != right { return "line \(index + 1): got \"\(left)\", expected \"\(right)\"" }
    }
    return "no difference"
  }

  /// A new empty folder under the temporary folder.
  static func temporaryFolder() -> String {
    var template = Array((NSTemporaryDirectory() + "oih-summary-test-XXXXXX").utf8CString)
    let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    return String(cString: made!)
  }

  /// Removes `folder` and everything in it.
  static func remove(_ folder: String) {
    try? FileManager.default.removeItem(atPath: folder)
  }
}
