import Foundation
import Testing

/// Drives the built `oih` through a real pseudo-terminal (tmux), checking the line editor as a
/// person meets it: the prompt, editing keys, history, completion, Ctrl-C, Ctrl-D, UTF-8 and
/// resizing.
///
/// The binary is `$OIH_BIN`, else `oih` next to the test bundle, else
/// `<package root>/.build/debug/oih`.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct InteractiveSessionTests {
  /// The `oih` executable to run, or `nil` if none is built.
  static let binary: String? = {
    let fileManager = FileManager.default
    if let path = ProcessInfo.processInfo.environment["OIH_BIN"], !path.isEmpty {
      return path
    }
    var candidates: [URL] = []
    if let bundle = Bundle.main.executableURL {
      candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("oih"))
    }
    if let first = CommandLine.arguments.first {
      candidates.append(
        URL(fileURLWithPath: first).deletingLastPathComponent().appendingPathComponent("oih"))
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent()
    candidates.append(root.appendingPathComponent(".build/debug/oih"))
    return candidates.first { fileManager.isExecutableFile(atPath: $0.path) }?.path
  }()

  /// Starts `oih` and waits for the welcome text and the first prompt.
  private func startSession(width: Int = 80, height: Int = 24) throws -> TmuxSession {
    let binary = try #require(
      Self.binary, "oih is not built: run `swift build`, or set OIH_BIN to the executable")
    let session = try TmuxSession([binary], width: width, height: height)
    // A debug build loads the knowledge base in a second or two; allow for a busy machine.
    let ready = session.waitFor(timeout: .seconds(30)) { screen in
      screen.contains("not medical advice") && screen.split(separator: "\n").last == ">"
    }
    if ready == nil {
      Issue.record("no welcome and prompt within 30 s; the screen was:\n\(session.screen())")
      session.stop()
      throw TmuxError.failed(arguments: ["wait for prompt"], status: -1)
    }
    return session
  }

  /// Ends the session with `/quit` and checks the goodbye and a clean exit.
  private func quit(_ session: TmuxSession) throws {
    try session.type("/quit")
    try session.press("Enter")
    #expect(session.waitFor("Goodbye"), "no goodbye after /quit:\n\(session.screen())")
    #expect(session.waitFor("[exited 0]"), "oih did not exit with 0:\n\(session.screen())")
    #expect(session.waitFor("[tty cooked]"), "the terminal was left raw:\n\(session.screen())")
  }

  @Test func welcomeThenQuitSaysGoodbye() throws {
    let session = try startSession()
    defer { session.stop() }
    try quit(session)
  }

  @Test func tabCompletesACommand() throws {
    let session = try startSession()
    defer { session.stop() }
    try session.type("/he")
    try session.press("Tab")
    #expect(session.waitForLastLine("> /help"), "Tab did not complete /he:\n\(session.screen())")
    try session.press("C-e", "C-u")
    try quit(session)
  }

  @Test func ctrlCClearsTheLineAndPromptsAgain() throws {
    let session = try startSession()
    defer { session.stop() }
    try session.type("half a thought")
    #expect(session.waitForLastLine("> half a thought"))
    try session.press("C-c")
    #expect(session.waitFor("half a thought^C"), "no ^C shown:\n\(session.screen())")
    #expect(session.waitForLastLine(">"), "no fresh prompt after Ctrl-C:\n\(session.screen())")
    // Still running, and the discarded text is not glued to the next line.
    try quit(session)
  }

  @Test func ctrlDOnAnEmptyLineEndsTheSession() throws {
    let session = try startSession()
    defer { session.stop() }
    try session.press("C-d")
    #expect(session.waitFor("[exited 0]"), "Ctrl-D did not end oih:\n\(session.screen())")
    #expect(session.waitFor("[tty cooked]"), "the terminal was left raw:\n\(session.screen())")
  }

  @Test func terminateSignalEndsTheSessionAndRestoresTheTerminal() throws {
    let session = try startSession()
    defer { session.stop() }
    try session.type("half typed")
    #expect(session.waitForLastLine("> half typed"))
    #expect(session.send(signal: SIGTERM), "could not find oih's process")
    #expect(session.waitFor("[exited 0]"), "SIGTERM did not end oih:\n\(session.screen())")
    #expect(session.waitFor("[tty cooked]"), "the terminal was left raw:\n\(session.screen())")
  }

  @Test func editingKeysMoveAndDelete() throws {
    let session = try startSession()
    defer { session.stop() }
    try session.type("helo wrld")
    try session.press("Left", "Left", "Left")
    try session.type("o")
    try session.press("Left", "Left", "Left", "Left")
    try session.type("l")
    #expect(session.waitForLastLine("> hello world"), "\(session.screen())")
    try session.press("Home")
    try session.type("[")
    try session.press("End")
    try session.type("]")
    #expect(session.waitForLastLine("> [hello world]"), "Home/End:\n\(session.screen())")
    try session.press("C-a")
    try session.type("(")
    try session.press("C-e")
    try session.type(")")
    #expect(session.waitForLastLine("> ([hello world])"), "Ctrl-A/E:\n\(session.screen())")
    try session.press("C-w")
    #expect(session.waitForLastLine("> ([hello"), "Ctrl-W:\n\(session.screen())")
    try session.press("Left", "Left", "C-k")
    #expect(session.waitForLastLine("> ([hell"), "Ctrl-K:\n\(session.screen())")
    try session.press("Left", "C-u")
    #expect(session.waitForLastLine("> l"), "Ctrl-U:\n\(session.screen())")
    try session.press("C-k")
    #expect(session.waitForLastLine(">"))
    try quit(session)
  }

  @Test func upArrowRecallsThePreviousLine() throws {
    let session = try startSession()
    defer { session.stop() }
    try session.type("/help")
    try session.press("Enter")
    // The help is a little taller than 23 rows, so it pauses once; Space shows the rest.
    #expect(session.waitForLastLine(PagingTests.prompt), "the help did not page:\n\(session.screen())")
    try session.press("Space")
    let answered = session.waitFor { $0.hasSuffix("\n>") && $0.contains("> /help\n") }
    #expect(answered != nil, "no prompt after /help:\n\(session.screen())")
    try session.press("Up")
    #expect(session.waitForLastLine("> /help"), "Up did not recall /help:\n\(session.screen())")
    try session.press("Down")
    #expect(session.waitForLastLine(">"), "Down did not return to the empty line")
    try quit(session)
  }

  @Test func accentsAndEmojiEditAsOneCharacter() throws {
    let session = try startSession()
    defer { session.stop() }
    try session.type("café ñ 😀")
    #expect(session.waitForLastLine("> café ñ 😀"), "\(session.screen())")
    try session.press("BSpace", "BSpace")
    #expect(
      session.waitForLastLine("> café ñ"),
      "Backspace removed more or less than 😀:\n\(session.screen())")
    try session.press("BSpace")
    #expect(session.waitForLastLine("> café"), "\(session.screen())")
    try session.press("Left", "Left", "BSpace")
    #expect(session.waitForLastLine("> caé"), "\(session.screen())")
    try session.press("C-e", "C-u")
    try quit(session)
  }

  @Test func resizingKeepsTheLineEditable() throws {
    let session = try startSession()
    defer { session.stop() }
    try session.type("before")
    #expect(session.waitForLastLine("> before"))
    try session.resize(width: 40, height: 20)
    try session.type(" after")
    #expect(session.waitForLastLine("> before after"), "\(session.screen())")
    try session.resize(width: 100, height: 30)
    try session.press("C-a")
    try session.type("<")
    #expect(session.waitForLastLine("> <before after"), "\(session.screen())")
    try session.press("C-e", "C-u")
    try quit(session)
  }
}
