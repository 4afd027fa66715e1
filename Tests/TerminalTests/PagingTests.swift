import Foundation
import Testing

/// Paging and leaving, through a real pseudo-terminal (tmux, 80x24): long output pauses with a
/// one-line prompt before it scrolls off the screen, Space or Enter shows more, q (or Ctrl-C,
/// Ctrl-D, another key) stops, and no typed line is lost to the pager; leaving with an unsaved
/// note asks first; a piped run never pauses or asks.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct PagingTests {
  static let prompt = "-- more: press Space or Enter to go on, q to stop --"
  static let ask = "Save or print your summary first?"

  /// Starts `oih --region US` in a 80x24 window and waits for the menu and the prompt.
  private func start() throws -> TmuxSession {
    let binary = try #require(
      InteractiveSessionTests.binary, "oih is not built: run `swift build`, or set OIH_BIN to the executable")
    let session = try TmuxSession([binary, "--region", "US"], width: 80, height: 24)
    let ready = session.waitFor(timeout: .seconds(30)) { screen in
      screen.contains("7. Quit") && screen.split(separator: "\n").last == ">"
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

  @Test func theQuestionListPausesSpaceShowsMoreAndQStops() throws {
    let session = try start()
    defer { session.stop() }
    try enter(session, "5")
    #expect(session.waitForLastLine(Self.prompt), "no pause:\n\(session.screen())")
    var rows = session.visibleRows()
    #expect(rows.count == 24)
    // The typed line is still on the screen, at the top: nothing scrolled off unseen.
    #expect(rows.first == "> 5", "the first page scrolled past the typed line:\n\(rows.joined(separator: "\n"))")
    #expect(rows.contains("  1. Could my medicine be making my pain worse? How would we find out?"))
    let lastShown = try #require(rows.dropLast().last)

    try session.press("Space")
    let second = session.waitFor { $0.hasSuffix(Self.prompt) && $0.contains(" 27. ") }
    #expect(second != nil, "Space did not show the next page:\n\(session.screen())")
    rows = session.visibleRows()
    #expect(rows.count == 24)
    // The next page is a full screen that starts right after the last row of the one before:
    // nothing skipped, nothing shown twice.
    let firstNew = try #require(rows.first)
    #expect(!rows.contains(lastShown), "a row was shown twice")
    #expect(session.screen().contains(lastShown + "\n" + firstNew), "rows were skipped between pages")
    #expect(rows.last == Self.prompt)
    #expect(!rows.contains("  1. Could my medicine be making my pain worse? How would we find out?"))

    try session.press("q")
    #expect(session.waitForLastLine(">"), "q did not stop the output:\n\(session.screen())")
    #expect(!session.history().contains(" 40. "), "q did not skip the rest")
    #expect(!session.screen().contains(Self.prompt), "the prompt was left on the screen")
    // The session goes on, and the next line is read whole.
    try enter(session, "1, 3")
    #expect(session.waitFor("Added: My pain has spread to new places."), "\(session.screen())")
    try enter(session, "done")
    #expect(session.waitFor("You have 2 question(s) on your list."))
  }

  @Test func enterShowsMoreAndCtrlCAndCtrlDStopWithoutEndingTheSession() throws {
    let session = try start()
    defer { session.stop() }
    try enter(session, "5")
    #expect(session.waitForLastLine(Self.prompt))
    try session.press("Enter")
    #expect(session.waitFor { $0.hasSuffix(Self.prompt) && $0.contains(" 27. ") } != nil, "Enter did not go on")
    try session.press("C-c")
    #expect(session.waitForLastLine(">"), "Ctrl-C did not stop the output:\n\(session.screen())")
    try enter(session, "/questions")
    #expect(session.waitForLastLine(Self.prompt))
    try session.press("C-d")
    #expect(session.waitForLastLine(">"), "Ctrl-D did not stop the output:\n\(session.screen())")
    #expect(!session.screen().contains("[exited"), "Ctrl-D at the pager ended the session")
    try enter(session, "done")
    #expect(session.waitFor("question(s) on your list"), "\(session.screen())")
  }

  @Test func anotherKeyAtThePagerStartsTheNextLine() throws {
    let session = try start()
    defer { session.stop() }
    try enter(session, "5")
    #expect(session.waitForLastLine(Self.prompt))
    try session.type("1")
    #expect(session.waitForLastLine("> 1"), "the key was swallowed:\n\(session.screen())")
    try session.press("Enter")
    #expect(session.waitFor("Added: Could my medicine be making my pain worse?"), "\(session.screen())")
  }

  @Test func theSummaryPagesToo() throws {
    let session = try start()
    defer { session.stop() }
    try enter(session, "/summary")
    #expect(session.waitForLastLine(Self.prompt), "the summary did not page:\n\(session.screen())")
    #expect(session.visibleRows().first == "> /summary")
    for _ in 0..<10 where session.lastLine() == Self.prompt {
      let before = session.history()
      try session.press("Space")
      _ = session.waitFor(timeout: .seconds(5)) { _ in session.history() != before }
      _ = session.waitFor(timeout: .seconds(5)) { $0.hasSuffix(Self.prompt) || $0.hasSuffix("\n>") }
    }
    #expect(session.waitForLastLine(">"), "the summary never ended:\n\(session.screen())")
    #expect(session.history().contains("Made with oih, an education program."))
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
    let result = try ExitCodeTests.run(["--region", "US"], input: "/note keep me\n5\ndone\n/summary\n/quit\n")
    #expect(result.status == 0)
    #expect(result.out.contains(" 40. "))
    #expect(result.out.contains("Made with oih, an education program."))
    #expect(!result.out.contains(Self.prompt))
    #expect(!result.out.contains(Self.ask))
    #expect(result.out.contains("Goodbye, and take care."))
  }
}
