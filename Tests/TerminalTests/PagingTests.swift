import Foundation
import Testing

/// Paging and leaving, through a real pseudo-terminal (tmux, 80x24): long output (the result of
/// the whole signs check, a summary) pauses with a one-line prompt before it scrolls off the screen, Space or Enter shows more, q (or Ctrl-C,
/// Ctrl-D, another key) stops, and no typed line is lost to the pager; leaving with an unsaved
/// note asks first; a piped run never pauses or asks.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct PagingTests {
  static let prompt = "-- more: press Space or Enter to go on, q to stop --"
  static let ask = "Save or print your summary first?"
  /// The answers to the whole signs check after "4": the three PEG numbers, then the other 16
  /// items. The result after the last one is more than two 24-row screens.
  static let checkAnswers = [
    "7", "7", "6", "yes", "yes", "no", "sometimes", "no", "no", "no", "yes", "no", "yes", "yes", "no", "yes", "yes",
    "yes", "yes",
  ]
  /// On the second screen of the check's result.
  static let secondPage = "Your PEG pain score is 6.7 out of 10."
  /// On the third screen of the check's result.
  static let checkEnd = "Only a clinician can tell what is causing your pain."
  static let summaryEnd = "Made with oih, an education program."

  /// Starts `oih --region US` in a 80x24 window and waits for the menu and the prompt.
  private func start() throws -> TmuxSession {
    let binary = try #require(
      InteractiveSessionTests.binary, "oih is not built: run `swift build`, or set OIH_BIN to the executable")
    let session = try TmuxSession([binary, "--region", "US"], width: 80, height: 24)
    let ready = session.waitFor(timeout: .seconds(30)) { screen in
      screen.contains("8. Quit") && screen.split(separator: "\n").last == ">"
    }
    if ready == nil {
      Issue.record("no welcome and prompt within 30 s; the screen was:\n\(session.screen())")
      session.stop()
      throw TmuxError.failed(arguments: ["wait for prompt"], status: -1)
    }
    return session
  }

  private func enter(_ session: TmuxSession, _ line: String) throws {
    try session.type(line)
    try session.press("Enter")
  }

  /// Types "4" and each answer of the check once its question waits at the prompt, then waits
  /// for the pager's prompt in the check's result.
  private func answerTheWholeCheck(_ session: TmuxSession) throws {
    try enter(session, "4")
    for (index, answer) in Self.checkAnswers.enumerated() {
      let asked = session.waitFor { $0.contains("Question \(index + 1) of 19:") && $0.hasSuffix("\n>") }
      try #require(asked != nil, "question \(index + 1) did not wait at the prompt:\n\(session.screen())")
      try enter(session, answer)
    }
    #expect(session.waitForLastLine(Self.prompt), "the check's result did not page:\n\(session.screen())")
  }

  @Test func theCheckResultPausesSpaceShowsMoreAndQStops() throws {
    let session = try start()
    defer { session.stop() }
    try answerTheWholeCheck(session)
    var rows = session.visibleRows()
    #expect(rows.count == 24)
    // The typed answer is still on the screen, at the top: nothing scrolled off unseen.
    #expect(rows.first == "> yes", "the first page scrolled past the typed line:\n\(rows.joined(separator: "\n"))")
    #expect(rows.contains("Your signs check"))
    let lastShown = try #require(rows.dropLast().last)

    try session.press("Space")
    let second = session.waitFor { $0.hasSuffix(Self.prompt) && $0.contains(Self.secondPage) }
    #expect(second != nil, "Space did not show the next page:\n\(session.screen())")
    rows = session.visibleRows()
    #expect(rows.count == 24)
    // The next page is a full screen that starts right after the last row of the one before:
    // nothing skipped, nothing shown twice.
    let firstNew = try #require(rows.first)
    #expect(!rows.contains(lastShown), "a row was shown twice")
    #expect(session.screen().contains(lastShown + "\n" + firstNew), "rows were skipped between pages")
    #expect(rows.last == Self.prompt)
    #expect(!rows.contains("Your signs check"))

    try session.press("q")
    #expect(session.waitForLastLine(">"), "q did not stop the output:\n\(session.screen())")
    #expect(!session.history().contains(Self.checkEnd), "q did not skip the rest")
    #expect(!session.screen().contains(Self.prompt), "the prompt was left on the screen")
    // The session goes on, and the next line is read whole: it answers the step after the check.
    try enter(session, "oxycodone and tylenol")
    #expect(session.waitFor("Kept for your summary: oxycodone, Tylenol (acetaminophen)."), "\(session.screen())")
    try enter(session, "skip")
    #expect(session.waitFor("Skipped. You can add it later from the menu."), "\(session.screen())")
  }

  @Test func enterShowsMoreAndCtrlCAndCtrlDStopWithoutEndingTheSession() throws {
    let session = try start()
    defer { session.stop() }
    try answerTheWholeCheck(session)
    try session.press("Enter")
    #expect(
      session.waitFor { $0.hasSuffix(Self.prompt) && $0.contains(Self.secondPage) } != nil,
      "Enter did not go on:\n\(session.screen())")
    try session.press("C-c")
    #expect(session.waitForLastLine(">"), "Ctrl-C did not stop the output:\n\(session.screen())")
    #expect(!session.history().contains(Self.checkEnd), "Ctrl-C did not skip the rest")
    // The summary, with the check in it, is taller than the screen too.
    try enter(session, "/summary")
    #expect(session.waitForLastLine(Self.prompt), "the summary did not page:\n\(session.screen())")
    try session.press("C-d")
    #expect(session.waitForLastLine(">"), "Ctrl-D did not stop the output:\n\(session.screen())")
    #expect(!session.screen().contains("[exited"), "Ctrl-D at the pager ended the session")
    #expect(!session.history().contains(Self.summaryEnd), "Ctrl-D did not skip the rest")
    try enter(session, "oxycodone")
    #expect(session.waitFor("Kept for your summary: oxycodone."), "\(session.screen())")
  }

  @Test func anotherKeyAtThePagerStartsTheNextLine() throws {
    let session = try start()
    defer { session.stop() }
    try answerTheWholeCheck(session)
    try session.type("o")
    #expect(session.waitForLastLine("> o"), "the key was swallowed:\n\(session.screen())")
    try enter(session, "xycodone")
    #expect(session.waitFor("Kept for your summary: oxycodone."), "\(session.screen())")
  }

  @Test func theSummaryOfAFullSessionPagesToo() throws {
    let session = try start()
    defer { session.stop() }
    try answerTheWholeCheck(session)
    try session.press("q")
    #expect(session.waitForLastLine(">"))
    try enter(session, "oxycodone and tylenol")
    #expect(session.waitFor("Kept for your summary"))
    try enter(session, "to sleep through the night")
    #expect(session.waitFor("It will be near the top of your summary."))
    try enter(session, "/note bring my pill bottles")
    #expect(session.waitFor("Your note was added"))
    try enter(session, "/summary")
    #expect(session.waitForLastLine(Self.prompt), "the summary did not page:\n\(session.screen())")
    #expect(session.visibleRows().first == "> /summary")
    var pauses = 0
    for _ in 0..<10 where session.lastLine() == Self.prompt {
      pauses += 1
      let before = session.history()
      try session.press("Space")
      _ = session.waitFor(timeout: .seconds(5)) { _ in session.history() != before }
      _ = session.waitFor(timeout: .seconds(5)) { $0.hasSuffix(Self.prompt) || $0.hasSuffix("\n>") }
    }
    #expect(pauses >= 1)
    #expect(session.waitForLastLine(">"), "the summary never ended:\n\(session.screen())")
    let summary = try #require(session.history().components(separatedBy: "> /summary").last)
    for part in [
      "What matters most to me at this visit: to sleep through the night", "Worse after dose went up",
      "- bring my pill bottles", Self.summaryEnd,
    ] {
      #expect(summary.contains(part), "the summary lost \(part)")
    }
  }

  @Test func leavingWithAnUnsavedNoteAsksAndCtrlDThereLeaves() throws {
    let session = try start()
    defer { session.stop() }
    try enter(session, "/note bring my pill bottles")
    #expect(session.waitFor("Your note was added"))
    try session.press("C-d")
    #expect(session.waitFor(Self.ask), "Ctrl-D did not ask first:\n\(session.screen())")
    #expect(!session.screen().contains("[exited"))
    try session.press("C-d")
    #expect(session.waitFor("[exited 0]"), "Ctrl-D at the question did not leave:\n\(session.screen())")
    #expect(session.waitFor("[tty cooked]"), "the terminal was left raw:\n\(session.screen())")
  }

  @Test func leavingCanSaveToAFileFirst() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oih-leave-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let session = try start()
    defer { session.stop() }
    try enter(session, "/note bring my pill bottles")
    try enter(session, "/quit")
    #expect(session.waitFor(Self.ask), "/quit did not ask first:\n\(session.screen())")
    try enter(session, "1")
    #expect(session.waitFor("Type a name for the file"))
    let path = folder.appendingPathComponent("visit.txt").path
    try enter(session, path)
    #expect(session.waitFor("[exited 0]"), "\(session.screen())")
    #expect(session.screen().contains("Your summary was saved to"))
    let saved = try String(contentsOfFile: path, encoding: .utf8)
    #expect(saved.contains("bring my pill bottles"))
  }

  @Test func aPipedRunNeverPausesOrAsks() throws {
    let check = (["4"] + Self.checkAnswers).joined(separator: "\n")
    let result = try ExitCodeTests.run(["--region", "US"], input: "/note keep me\n\(check)\n/summary\n/quit\n")
    #expect(result.status == 0)
    #expect(result.out.contains(Self.checkEnd))
    #expect(result.out.contains(Self.summaryEnd))
    #expect(!result.out.contains(Self.prompt))
    #expect(!result.out.contains(Self.ask))
    #expect(result.out.contains("Goodbye, and take care."))
  }
}
