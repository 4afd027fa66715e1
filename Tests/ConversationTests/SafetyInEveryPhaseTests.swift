import Conversation
import KnowledgeBase
import Testing

/// A state the engine can be in when a line arrives, built through what a person types.
enum Fixture: String, CaseIterable, Sendable {
  case menu, browse, choices, symptomCheck, pickQuestions, confirm, afterRestart, kioskAfterIdleWarning
  case guideYesNo, guideScale, guideChoice, guideText
  case leaving, leavingFileName, leavingConfirm

  /// The phase the fixture is in.
  var phase: Conversation.Phase {
    switch self {
    case .menu, .afterRestart, .kioskAfterIdleWarning: return .menu
    case .browse: return .browse
    case .choices: return .choices
    case .symptomCheck: return .symptomCheck
    case .pickQuestions: return .pickQuestions
    case .confirm: return .confirm
    case .guideYesNo, .guideScale, .guideChoice, .guideText: return .guide
    case .leaving, .leavingFileName, .leavingConfirm: return .leaving
    }
  }

  /// The last line shown before the fixture waits (the step a person is answering).
  var waitsAfter: String? {
    switch self {
    case .guideYesNo: return "Were you given an opioid pain medicine to take at home?"
    case .guideScale: return "How bad is your pain today, from 0 to 10?"
    case .guideChoice: return "Where are you with tapering?"
    case .guideText: return "What worries you most about a taper? Type it in your own words."
    case .leaving: return "Go back"
    case .leavingFileName:
      return "Type a name for the file, or press Enter to use oih-summary-2026-11-27.txt. Type /back to choose again."
    case .leavingConfirm: return "Leave without saving? Your summary will be gone. Type yes or no."
    case .menu, .afterRestart, .kioskAfterIdleWarning, .browse, .choices, .symptomCheck, .pickQuestions, .confirm:
      return nil
    }
  }

  func engine() throws -> Conversation {
    switch self {
    case .menu: return try Shipped.atMenu()
    case .browse: return try Shipped.after(["2"])
    case .choices: return try Shipped.after([try Shipped.choicesLine()])
    case .symptomCheck: return try Shipped.inCheck()
    case .pickQuestions: return try Shipped.inPick()
    case .confirm:
      var engine = try Shipped.atMenu()
      _ = engine.handle(.line("/save visit.txt"))
      _ = engine.handle(.outcome(.exists(path: "visit.txt")))
      return engine
    case .afterRestart: return try Shipped.after(["/note hello", "/restart"])
    case .kioskAfterIdleWarning:
      var engine = try Shipped.atMenu(kiosk: true)
      _ = engine.handle(.idleTimeout)
      return engine
    case .guideYesNo: return try Shipped.after([], guide: "after-surgery")
    case .guideScale: return try Shipped.after(["yes"], guide: "after-surgery")
    case .guideChoice: return try Shipped.after([], guide: "tapering-class")
    case .guideText: return try Shipped.after(["planning"], guide: "tapering-class")
    case .leaving: return try Shipped.after(["/note bring my pill bottles", "/quit"], interactive: true)
    case .leavingFileName: return try Shipped.after(["/note bring my pill bottles", "/quit", "1"], interactive: true)
    case .leavingConfirm: return try Shipped.after(["/note bring my pill bottles", "/quit", "3"], interactive: true)
    }
  }
}

/// Red flags interrupt every state: for each reachable phase and each kind of flag in
/// Knowledge/redflags.yaml, a line that fires the kind shows that alert first, records it, keeps
/// the person at the same step, and a denial afterwards does not clear it.
@Suite struct SafetyInEveryPhaseTests {
  /// Every kind, with a line (the first example of its first flag) that fires it.
  static let kinds: [String] = (try? Shipped.loaded.get().redFlagKinds.map(\.id)) ?? []

  static func line(firing kind: String) throws -> String {
    let knowledge = try Shipped.loaded.get()
    let flag = try #require(
      knowledge.redFlags.first { $0.kind == kind && !$0.examples.isEmpty }, "no example for \(kind)")
    return flag.examples[0]
  }

  @Test func everyKindAndPhaseIsCovered() throws {
    #expect(Self.kinds.count >= 6)
    let covered = Set(Fixture.allCases.map(\.phase))
    // Not covered, by design: before the welcome nothing is read, and after goodbye the program has exited.
    #expect(covered == Set(Conversation.Phase.allCases).subtracting([.welcome, .goodbye]))
  }

  @Test(arguments: Fixture.allCases)
  func fixtureIsWhereItSays(fixture: Fixture) throws {
    var engine = try fixture.engine()
    #expect(engine.phase == fixture.phase)
    if let waitsAfter = fixture.waitsAfter {
      // /help re-shows the step being answered.
      #expect(engine.handle(.line("/help")).lines.contains(waitsAfter))
    }
  }

  @Test(arguments: Fixture.allCases, kinds)
  func alertComesFirstAndKeepsTheStep(fixture: Fixture, kind: String) throws {
    var engine = try fixture.engine()
    let alertsBefore = engine.record.alerts.count
    let effects = engine.handle(.line(try Self.line(firing: kind)))
    let first = try #require(effects.first)
    guard case .urgent(let alert) = first else {
      Issue.record("first effect is not an alert in \(fixture): \(first)")
      return
    }
    #expect(effects.alerts.contains { $0.kind == kind }, "no \(kind) alert in \(fixture)")
    #expect(alert == effects.alerts[0])
    #expect(engine.record.alerts.count > alertsBefore)
    #expect(engine.record.alerts.contains { $0.kind == kind })
    #expect(engine.phase == fixture.phase, "the alert moved \(fixture) to \(engine.phase)")
    #expect(effects.endsWithPrompt)

    let kept = engine.record.alerts
    _ = engine.handle(.line("no you misunderstood"))
    #expect(Array(engine.record.alerts.prefix(kept.count)) == kept, "a denial cleared the alert in \(fixture)")
  }
}

/// A kiosk reset forgets the person completely: the engine's session equals a fresh one.
@Suite struct ResetCompletenessTests {
  /// An engine with something in every per-person field: record (picked and own questions,
  /// medicines, what matters most), alerts, answers, variables, history, last topic and the
  /// follow-up state ("tell me more" shown), previous line, and the idle warning.
  static func usedEngine() throws -> Conversation {
    var engine = try Shipped.atMenu(kiosk: true)
    for line in [
      "what is oih", "tell me more", "/note bring my pill bottles", "/ask-doctor can we go slower", "/questions", "1",
      "1, 3", "done",
      "6", "oxycodone and tylenol", "to sleep through the night",
      "/check", "6", "7", "6", "yes", "he took all his pills and", "wont wake up", "/topics", "1",
    ] {
      _ = engine.handle(.line(line))
    }
    _ = engine.handle(.idleTimeout)
    return engine
  }

  @Test func theUsedEngineHasPersonalData() throws {
    let engine = try Self.usedEngine()
    var fresh = try Shipped.engine(kiosk: true)
    _ = fresh.start()
    #expect(engine.session != fresh.session)
    #expect(!engine.record.isEmpty)
    #expect(!engine.record.alerts.isEmpty)
    #expect(!engine.record.notes.isEmpty)
    #expect(!engine.record.answers.isEmpty)
    #expect(engine.record.questions.count == 3, "picked and own questions: \(engine.record.questions)")
    #expect(!engine.record.medicines.isEmpty)
    #expect(engine.record.visitGoal != nil)
  }

  @Test(arguments: [Event.idleTwice, .done, .endOfInput])
  func resetLeavesAFreshSession(how: Event) throws {
    var engine = try Self.usedEngine()
    switch how {
    case .idleTwice: _ = engine.handle(.idleTimeout)  // the warning is already showing
    case .done: _ = engine.handle(.line("/done"))
    case .endOfInput: _ = engine.handle(.endOfInput)
    }
    var fresh = try Shipped.engine(kiosk: true)
    _ = fresh.start()
    #expect(engine.session == fresh.session)
    #expect(engine.phase == .menu)
  }

  @Test func restartKeepsOnlyTheAlerts() throws {
    var engine = try Self.usedEngine()
    let alerts = engine.record.alerts
    _ = engine.handle(.line("/restart"))
    var expected = SessionRecord(date: Shipped.date, region: "US")
    expected.alerts = alerts
    #expect(engine.record == expected)
    #expect(engine.phase == .menu)
    #expect(
      engine.handle(.line("/more")).lines == [
        "Ask a question or pick a topic first. Then type /more to read more about it."
      ])
  }

  enum Event: String, CaseIterable, Sendable {
    case idleTwice, done, endOfInput
  }
}
