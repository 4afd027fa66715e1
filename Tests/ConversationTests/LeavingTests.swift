import Conversation
import KnowledgeBase
import Testing

/// Leaving never loses the record silently: every way out asks "Save or print your summary
/// first?" when a person at a terminal has something unsaved, and never in a kiosk, on a pipe,
/// or when there is nothing to keep.
@Suite struct LeavingTests {
  static let ask =
    "Save or print your summary first? It has what you did here: topics you read, your answers, your questions and notes. It is not kept after you leave."
  static let restartAsk =
    "Save or print your summary first? Starting over clears the topics you read, your answers, your questions and notes."
  static let fileAsk =
    "Type a name for the file, or press Enter to use oih-summary-2026-11-27.txt. Type /back to choose again."
  static let confirm = "Leave without saving? Your summary will be gone. Type yes or no."
  static let stay = "OK, nothing was cleared. We can go on from where you were."

  /// A way out, taken from the main menu.
  enum WayOut: String, CaseIterable, Sendable {
    case slashQuit, endOfInput, menuQuit, bye, exit, quit, restart

    func take(_ engine: inout Conversation) -> [Effect] {
      switch self {
      case .slashQuit: return engine.handle(.line("/quit"))
      case .endOfInput: return engine.handle(.endOfInput)
      case .menuQuit: return engine.handle(.line("8"))
      case .bye: return engine.handle(.line("bye"))
      case .exit: return engine.handle(.line("exit"))
      case .quit: return engine.handle(.line("quit"))
      case .restart: return engine.handle(.line("/restart"))
      }
    }
  }

  /// Something of the person's own in the record, one kind each.
  static let work: [[String]] = [
    ["/note bring my pill bottles"], ["/ask-doctor can we go slower"], ["/questions", "1", "1", "done"],
    ["/check", "6"], ["/check", "/skip"], ["what is oih"], ["6", "oxycodone", "skip"],
    ["6", "skip", "to sleep through the night"],
  ]

  @Test(arguments: WayOut.allCases, work)
  func everyWayOutAsksWhenTheRecordHoldsWork(way: WayOut, work: [String]) throws {
    var engine = try Shipped.after(work + ["/menu"], interactive: true)
    let before = engine.record
    let effects = way.take(&engine)
    #expect(engine.phase == .leaving)
    #expect(!effects.ends)
    #expect(effects.endsWithPrompt)
    #expect(effects.lines.first == (way == .restart ? Self.restartAsk : Self.ask))
    #expect(
      Array(effects.lines.suffix(4)) == [
        "Save it to a file", "Print it", way == .restart ? "Start over without saving" : "Leave without saving",
        "Go back",
      ])
    #expect(engine.record == before, "asking changed the record")
  }

  @Test(arguments: WayOut.allCases)
  func nothingIsAskedOnAPipe(way: WayOut) throws {
    var engine = try Shipped.after(["/note bring my pill bottles"], interactive: false)
    let effects = way.take(&engine)
    #expect(engine.phase != .leaving)
    if way == .restart {
      #expect(engine.record.notes.isEmpty)
      #expect(engine.phase == .menu)
    } else {
      #expect(effects.ends)
      #expect(effects.lines == [Say.goodbye])
    }
  }

  @Test func theKioskNeverAsks() throws {
    var engine = try Shipped.after(["/note bring my pill bottles"], kiosk: true, interactive: true)
    _ = engine.handle(.line("/restart"))
    #expect(engine.phase == .menu)
    #expect(engine.record.notes.isEmpty)
    _ = engine.handle(.line("/note again"))
    let effects = engine.handle(.endOfInput)
    #expect(!effects.ends)
    #expect(engine.phase == .menu)
    #expect(engine.record.notes.isEmpty)
  }

  @Test func nothingIsAskedWithAnEmptyRecordOrOnlySafetyMessages() throws {
    var empty = try Shipped.after([], interactive: true)
    #expect(empty.handle(.line("/quit")).ends)
    var alerted = try Shipped.after(["i want to end my life"], interactive: true)
    #expect(!alerted.record.alerts.isEmpty)
    #expect(alerted.handle(.line("/quit")).ends)
  }

  @Test func nothingIsAskedAfterASaveOrPrintUntilTheRecordChanges() throws {
    var saved = try Shipped.after(["/note bring my pill bottles", "/save visit.txt"], interactive: true)
    _ = saved.handle(.outcome(.saved(path: "visit.txt")))
    #expect(saved.handle(.line("/quit")).ends)

    var printed = try Shipped.after(["/note bring my pill bottles", "/print"], interactive: true)
    _ = printed.handle(.outcome(.printed(printer: "desk")))
    _ = printed.handle(.line("/note one more thing"))
    #expect(!printed.handle(.line("/quit")).ends)
    #expect(printed.phase == .leaving)
  }

  @Test func saveAsksForAFileNameAndEnterUsesTheDefault() throws {
    var engine = try Shipped.after(["/note bring my pill bottles", "/quit"], interactive: true)
    #expect(engine.handle(.line("1")).lines == [Self.fileAsk])
    let effects = engine.handle(.line(""))
    let request = try #require(effects.saveRequest)
    #expect(request.path == "oih-summary-2026-11-27.txt")
    #expect(request.record.notes == ["bring my pill bottles"])
    #expect(!request.overwrite)
    let done = engine.handle(.outcome(.saved(path: request.path)))
    #expect(done.lines.first == "Your summary was saved to oih-summary-2026-11-27.txt. Only you can read this file.")
    #expect(done.lines.last == Say.goodbye)
    #expect(done.ends)
  }

  @Test(arguments: ["visit.md", "/home/me/visit.html", "my visit notes.txt"])
  func aTypedFileNameIsSavedAsTyped(name: String) throws {
    var engine = try Shipped.after(["/note bring my pill bottles", "/quit", "save"], interactive: true)
    let request = try #require(engine.handle(.line(name)).saveRequest)
    #expect(request.path == name)
    #expect(request.format == SummaryFormat.forPath(name))
  }

  @Test func saveWithANameWorksAtTheQuestion() throws {
    var engine = try Shipped.after(["/note bring my pill bottles", "/quit"], interactive: true)
    #expect(engine.handle(.line("/save visit.md")).saveRequest?.path == "visit.md")
  }

  @Test func anExistingFileAsksToReplaceItAndNoAsksForAnotherName() throws {
    var engine = try Shipped.after(["/note bring my pill bottles", "/quit", "1", "visit.txt"], interactive: true)
    let exists = engine.handle(.outcome(.exists(path: "visit.txt")))
    #expect(exists.lines == ["The file visit.txt already exists. Do you want to replace it? Type yes or no."])
    #expect(engine.phase == .leaving)
    #expect(engine.handle(.line("no")).lines == ["OK, nothing was saved.", Self.fileAsk])
    _ = engine.handle(.line("visit.txt"))
    _ = engine.handle(.outcome(.exists(path: "visit.txt")))
    let request = try #require(engine.handle(.line("yes")).saveRequest)
    #expect(request.overwrite)
    #expect(request.path == "visit.txt")
  }

  @Test func aFailedSaveOrPrintNeverLeaves() throws {
    var engine = try Shipped.after(
      ["/note bring my pill bottles", "/quit", "1", "nowhere/visit.txt"], interactive: true)
    let failed = engine.handle(.outcome(.saveFailed(path: "nowhere/visit.txt", reason: "the folder does not exist")))
    #expect(!failed.ends)
    #expect(failed.lines.last == Self.fileAsk)
    #expect(engine.phase == .leaving)
    _ = engine.handle(.line("/back"))
    #expect(engine.handle(.line("2")).contains(.print(engine.record)))
    let notPrinted = engine.handle(.outcome(.printFailed(reason: "no printer is set up")))
    #expect(!notPrinted.ends)
    #expect(notPrinted.lines.contains(Self.ask))
    #expect(engine.phase == .leaving)
  }

  @Test func aPrintThenLeaves() throws {
    var engine = try Shipped.after(["what is oih"], interactive: true)
    _ = engine.handle(.endOfInput)
    #expect(engine.handle(.line("print")).contains(.print(engine.record)))
    let done = engine.handle(.outcome(.printed(printer: "desk")))
    #expect(done.lines == ["Your summary was sent to the printer desk.", Say.goodbye])
    #expect(done.ends)
  }

  @Test func leavingWithoutSavingNeedsAYes() throws {
    var engine = try Shipped.after(["/note bring my pill bottles", "/quit"], interactive: true)
    #expect(engine.handle(.line("3")).lines == [Self.confirm])
    #expect(engine.handle(.line("maybe")).lines == [Say.reaskYesNo, Self.confirm])
    #expect(engine.handle(.line("no")).lines.first == Self.ask)
    _ = engine.handle(.line("no"))  // "no, I do not want to save" goes to the same yes/no
    let effects = engine.handle(.line("yes"))
    #expect(effects.ends)
    #expect(effects.lines == [Say.goodbye])
    #expect(engine.phase == .goodbye)
  }

  @Test func startingOverWithoutSavingKeepsOnlyTheAlerts() throws {
    var engine = try Shipped.after(
      ["i want to end my life", "/note bring my pill bottles", "/restart", "3"], interactive: true)
    #expect(engine.phase == .leaving)
    let effects = engine.handle(.line("yes"))
    #expect(engine.phase == .menu)
    #expect(engine.record.notes.isEmpty)
    #expect(!engine.record.alerts.isEmpty)
    #expect(effects.lines.contains(Say.menuAsk))
  }

  @Test func goBackReturnsToTheSameCheckItemWithTheRecordIntact() throws {
    var engine = try Shipped.inCheck(interactive: true)
    let before = engine.record
    _ = engine.handle(.line("/quit"))
    #expect(engine.phase == .leaving)
    let effects = engine.handle(.line("4"))
    #expect(effects.lines.first == Self.stay)
    #expect(effects.lines.contains(Say.item4))
    #expect(engine.phase == .symptomCheck)
    #expect(engine.record == before)
    _ = engine.handle(.line("yes"))
    #expect(engine.record.answers["dose-up-worse"] == "yes")
  }

  @Test func goBackFromTheMenusQuitShowsTheMenuAgain() throws {
    var engine = try Shipped.after(["/note bring my pill bottles"], interactive: true)
    #expect(engine.handle(.line("8")).lines.first == Self.ask)
    #expect(engine.phase == .leaving)
    let effects = engine.handle(.line("/back"))
    #expect(engine.phase == .menu)
    #expect(effects.lines.contains("Learn what OIH is"))
  }

  @Test func theEndOfAGuideAsksAndGoBackReturnsToItsLastQuestion() throws {
    var engine = try Shipped.after(["no"], guide: "after-surgery", interactive: true)
    let end = engine.handle(.line("no"))
    #expect(end.lines.contains(Self.ask))
    #expect(!end.ends)
    #expect(engine.phase == .leaving)
    let back = engine.handle(.line("go back"))
    #expect(back.lines == [Self.stay, "Do you have a question you would like to ask now?"])
    #expect(engine.phase == .guide)
    #expect(engine.handle(.line("no")).lines.contains(Self.ask))
  }

  @Test func ctrlDAtTheQuestionLeavesAndCtrlCShowsItAgain() throws {
    var engine = try Shipped.after(["/note bring my pill bottles", "/quit", "3"], interactive: true)
    #expect(engine.handle(.interrupt).lines == [Self.confirm])
    let effects = engine.handle(.endOfInput)
    #expect(effects.ends)
    #expect(effects.lines == [Say.goodbye])
  }

  @Test func terminateNeverAsks() throws {
    var engine = try Shipped.after(["/note bring my pill bottles"], interactive: true)
    let effects = engine.handle(.terminate)
    #expect(effects.ends)
    #expect(effects.lines == [Say.goodbye])
  }

  @Test func commandsAboutTheSummaryKeepTheQuestion() throws {
    var engine = try Shipped.after(["/note bring my pill bottles", "/quit"], interactive: true)
    let summary = engine.handle(.line("/summary"))
    #expect(summary.summaries.count == 1)
    #expect(summary.lines.first == Self.ask)
    let note = engine.handle(.line("/note one more"))
    #expect(note.lines.first == "Your note was added to your summary.")
    #expect(note.lines.contains(Self.ask))
    #expect(engine.record.notes == ["bring my pill bottles", "one more"])
    #expect(
      engine.handle(.line("what is oih")).lines == [
        "Please type 1 to save, 2 to print, 3 to go on without saving, or 4 to go back."
      ])
    #expect(engine.phase == .leaving)
  }

  @Test func restartAtTheQuitQuestionAsksAboutStartingOver() throws {
    var engine = try Shipped.after(["/note bring my pill bottles", "/quit"], interactive: true)
    #expect(engine.handle(.line("/restart")).lines.first == Self.restartAsk)
    _ = engine.handle(.line("3"))
    _ = engine.handle(.line("yes"))
    #expect(engine.phase == .menu)
    #expect(engine.record.notes.isEmpty)
  }

  @Test func aCommandThatGoesElsewhereLeavesTheQuestion() throws {
    var engine = try Shipped.after(["/note bring my pill bottles", "/quit"], interactive: true)
    let effects = engine.handle(.line("/topics"))
    #expect(engine.phase == .browse)
    #expect(effects.lines.contains("Pick a group of topics:"))
    #expect(engine.record.notes == ["bring my pill bottles"])
  }
}
