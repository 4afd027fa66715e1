import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Drives `oih kiosk` through a real pseudo-terminal (tmux), as a waiting-room terminal meets
/// people (issue 9): the idle warning and reset, the screen and scrollback emptied between
/// people, Ctrl-C / Ctrl-Z / Ctrl-\ not stopping it, the staff exit, SIGTERM, and no files
/// written to HOME or the working directory.
///
/// Every kiosk runs with `--config /dev/null --idle-timeout 10 --countdown 5
/// --staff-exit 'staff exit 99'` (the shortest times the kiosk accepts), HOME set to a fresh empty directory and a fresh empty working
/// directory. The binary is found as in ``InteractiveSessionTests`` (`$OIH_BIN`, else next to
/// the test bundle).
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct KioskTests {
  static let staffExit = "staff exit 99"

  /// One running kiosk and the empty directories it was given.
  struct Kiosk {
    let session: TmuxSession
    let home: URL
    let work: URL

    /// Stops tmux and removes the directories.
    func stop() {
      session.stop()
      try? FileManager.default.removeItem(at: home)
      try? FileManager.default.removeItem(at: work)
    }

    /// Types `line` and presses Enter.
    func enter(_ line: String) throws {
      try session.type(line)
      try session.press("Enter")
    }

    /// Whether the screen shows the welcome and waits at an empty prompt.
    static func showsWelcome(_ screen: String) -> Bool {
      screen.contains("not medical advice") && screen.contains("For staff:")
        && screen.split(separator: "\n").last == ">"
    }

    /// The names in HOME and in the working directory (hidden files included).
    func leftovers() -> [String] {
      let fileManager = FileManager.default
      let home = (try? fileManager.contentsOfDirectory(atPath: self.home.path)) ?? ["<unreadable HOME>"]
      let work = (try? fileManager.contentsOfDirectory(atPath: self.work.path)) ?? ["<unreadable cwd>"]
      return home.map { "HOME/\($0)" } + work.map { "cwd/\($0)" }
    }
  }

  /// A new empty directory under the temporary directory.
  private static func emptyDirectory(_ label: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("oih-kiosk-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Starts the kiosk in a fresh HOME and working directory and waits for the welcome;
  /// `before` runs in the same terminal first.
  private func startKiosk(before: String = "") throws -> Kiosk {
    let binary = try #require(
      InteractiveSessionTests.binary,
      "oih is not built: run `swift build`, or set OIH_BIN to the executable")
    let home = try Self.emptyDirectory("home")
    let work = try Self.emptyDirectory("cwd")
    // `exec` so the shell's child is oih itself (signals go straight to it).
    let script =
      "cd \"$1\" && \(before) exec \"$2\" kiosk --config /dev/null --idle-timeout 10 --countdown 5 --staff-exit \"$3\""
    let session = try TmuxSession(
      ["/bin/sh", "-c", script, "sh", work.path, binary, Self.staffExit],
      environment: ["HOME": home.path])
    let kiosk = Kiosk(session: session, home: home, work: work)
    if session.waitFor(timeout: .seconds(30), Kiosk.showsWelcome) == nil {
      Issue.record("no kiosk welcome and prompt within 30 s; the screen was:\n\(session.screen())")
      kiosk.stop()
      throw TmuxError.failed(arguments: ["wait for kiosk welcome"], status: -1)
    }
    return kiosk
  }

  /// The state letter of `process` in `/proc` (`R`, `S`, `T` for stopped, ...), or `nil`.
  private static func state(of process: pid_t) -> Character? {
    guard let stat = try? String(contentsOfFile: "/proc/\(process)/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    else { return nil }
    return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
  }

  /// How many times `needle` occurs in `text`.
  /// Waits for the line prompt, pressing Space at each "more" prompt on the way: output taller
  /// than the 24-row screen pauses in a kiosk too (and, with the shortest idle time a kiosk
  /// accepts, 10 s, the pager would wait that long before it gives up).
  ///
  /// - Returns: Whether the line prompt came back.
  private static func pageThrough(_ session: TmuxSession) -> Bool {
    for _ in 0..<20 {
      let waiting = session.waitFor { screen in
        let last = screen.split(separator: "\n").last ?? ""
        return last == ">" || last == PagingTests.prompt
      }
      guard let screen = waiting else { return false }
      if screen.split(separator: "\n").last == ">" { return true }
      guard (try? session.press("Space")) != nil else { return false }
      guard session.waitFor(timeout: .seconds(5), { $0 != screen }) != nil else { return false }
    }
    return false
  }

  private static func count(_ needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
  }

  // MARK: - 1. Idle warning and reset

  @Test func idleWarningThenResetClearsTheSession() throws {
    let kiosk = try startKiosk()
    defer { kiosk.stop() }
    let session = kiosk.session
    try kiosk.enter("/note marmalade jar on the shelf")
    #expect(session.waitFor("Your note was added"), "no note confirmation:\n\(session.screen())")
    #expect(session.waitForLastLine(">"))
    let typed = ContinuousClock.now

    let warned = session.waitFor("Are you still there?", timeout: .seconds(20))
    let warnedAt = ContinuousClock.now
    #expect(warned, "no idle warning within 20 s:\n\(session.screen())")
    #expect(warnedAt - typed >= .milliseconds(9500), "the warning came too early: \(warnedAt - typed)")
    #expect(session.screen().contains("marmalade"), "the session was cleared before the countdown")

    let reset = session.waitFor(timeout: .seconds(15)) { screen in
      Kiosk.showsWelcome(screen) && !screen.contains("marmalade")
        && !screen.contains("Are you still there?")
    }
    let resetAt = ContinuousClock.now
    #expect(reset != nil, "no reset within 15 s of the warning:\n\(session.screen())")
    #expect(resetAt - warnedAt >= .milliseconds(4500), "the reset came too early: \(resetAt - warnedAt)")
    #expect(!session.history().contains("marmalade"), "the note is still in the scrollback")

    // The cycle starts again for the next person: warning, then reset, again.
    #expect(session.waitFor("Are you still there?", timeout: .seconds(20)), "no second warning")
    #expect(session.screen().split(separator: "\n").last == ">")
  }

  @Test func enterDuringTheCountdownKeepsTheSession() throws {
    let kiosk = try startKiosk()
    defer { kiosk.stop() }
    let session = kiosk.session
    try kiosk.enter("/note marmalade jar on the shelf")
    #expect(session.waitFor("Your note was added"))
    #expect(session.waitFor("Are you still there?", timeout: .seconds(20)), "no idle warning")
    try session.press("Enter")
    // The idle clock starts again: a second warning comes while the note is still on screen.
    let second = session.waitFor(timeout: .seconds(20)) {
      Self.count("Are you still there?", in: $0) >= 2
    }
    #expect(second != nil, "no second warning after Enter:\n\(session.screen())")
    #expect(second?.contains("marmalade") == true, "Enter did not stop the reset:\n\(session.screen())")
  }

  @Test func aPersonWhoWalksAwayAtThePagerStillGetsTheWarningAndTheReset() throws {
    let kiosk = try startKiosk()
    defer { kiosk.stop() }
    let session = kiosk.session
    // In a small window the list of commands is taller than the screen.
    try session.resize(width: 80, height: 12)
    try kiosk.enter("/help")
    #expect(session.waitForLastLine(PagingTests.prompt), "the help did not page:\n\(session.screen())")
    // Back to the full window while the pager waits, so the welcome after the reset fits.
    try session.resize(width: 80, height: 24)
    // The pager waits no longer than the idle timeout (10 s), then the usual warning and reset
    // follow.
    #expect(session.waitFor("Are you still there?", timeout: .seconds(20)), "no warning:\n\(session.screen())")
    let reset = session.waitFor(timeout: .seconds(10)) { screen in
      Kiosk.showsWelcome(screen) && !screen.contains("Are you still there?")
    }
    #expect(reset != nil, "no reset after the warning:\n\(session.screen())")
  }

  // MARK: - 2. Nothing of the previous session on screen or in the scrollback

  @Test func doneClearsScreenAndScrollback() throws {
    let kiosk = try startKiosk()
    defer { kiosk.stop() }
    let session = kiosk.session
    try kiosk.enter("zebra question about oih")
    #expect(session.waitFor("> zebra question about oih"))
    #expect(session.waitForLastLine(">"), "no prompt after the question:\n\(session.screen())")
    // Push the question off the visible screen into the scrollback.
    for round in 1...3 {
      try kiosk.enter("/help")
      #expect(Self.pageThrough(session), "no prompt after /help:\n\(session.screen())")
      #expect(
        Self.count("You can type a number from the list", in: session.history()) >= round,
        "no answer to /help:\n\(session.screen())")
    }
    #expect(session.history().contains("zebra"), "the test is void: zebra never reached the history")

    try kiosk.enter("/done")
    let reset = session.waitFor(timeout: .seconds(10)) { Kiosk.showsWelcome($0) && !$0.contains("zebra") }
    #expect(reset != nil, "no welcome after /done:\n\(session.screen())")
    let history = session.history()
    #expect(!history.contains("zebra"), "the scrollback keeps the previous session:\n\(history)")
    #expect(!history.contains("/help"), "the scrollback keeps the previous session:\n\(history)")
    #expect(!history.contains("Clearing the screen"), "text from before the clear survived:\n\(history)")

    // libedit-style history is cleared too: Up recalls nothing from the previous person.
    try session.press("Up")
    Thread.sleep(forTimeInterval: 0.3)
    #expect(session.lastLine() == ">", "Up recalled a line from the previous session: \(session.lastLine())")
  }

  // MARK: - 3. Ctrl-C, Ctrl-Z, Ctrl-\ and the matching signals do not stop it

  @Test func interruptSuspendAndQuitKeysDoNotStopIt() throws {
    let kiosk = try startKiosk()
    defer { kiosk.stop() }
    let session = kiosk.session
    let program = try #require(session.programID(), "cannot find the oih process")

    try session.press("C-c")
    try session.press("C-z")
    try session.press("C-\\")
    Thread.sleep(forTimeInterval: 0.5)
    #expect(Self.state(of: program) != "T", "Ctrl-Z suspended the kiosk")
    #expect(Self.state(of: program) != nil, "the kiosk died:\n\(session.screen())")

    // The same signals from outside (a stray kill, job control) do not stop it either.
    for signal in [SIGTSTP, SIGQUIT, SIGINT, SIGTTIN, SIGTTOU] {
      _ = kill(program, signal)
    }
    Thread.sleep(forTimeInterval: 0.5)
    #expect(Self.state(of: program) != "T", "a signal stopped the kiosk")
    #expect(Self.state(of: program) != nil, "a signal killed the kiosk:\n\(session.screen())")
    #expect(!session.screen().contains("[exited"), "the kiosk exited:\n\(session.screen())")

    try session.press("C-u")
    try kiosk.enter("/help")
    #expect(Self.pageThrough(session), "no prompt after /help:\n\(session.screen())")
    #expect(
      session.history().contains("You can type a number from the list"),
      "no answer to /help after the keys:\n\(session.screen())")
    #expect(session.programID() == program, "the kiosk process changed or went away")
    #expect(!session.screen().contains("[exited"))
  }

  // MARK: - 4. Staff exit; 5. SIGTERM

  @Test func staffExitPhraseEndsIt() throws {
    let kiosk = try startKiosk()
    defer { kiosk.stop() }
    let session = kiosk.session
    try kiosk.enter(Self.staffExit)
    #expect(session.waitFor("[exited 0]"), "the staff exit did not end the kiosk:\n\(session.screen())")
    #expect(session.waitFor("[tty cooked]"), "the terminal was left raw:\n\(session.screen())")
  }

  @Test func sigtermEndsItCleanlyAndClearsTheScreen() throws {
    let kiosk = try startKiosk()
    defer { kiosk.stop() }
    let session = kiosk.session
    try kiosk.enter("/note PATIENT-NOTE-42")
    #expect(session.waitFor("Your note was added"), "no note confirmation:\n\(session.screen())")
    try session.type("half a line")
    #expect(session.send(signal: SIGTERM), "cannot signal the oih process")
    #expect(session.waitFor("[exited 0]"), "SIGTERM did not end the kiosk with 0:\n\(session.screen())")
    #expect(session.waitFor("[tty cooked]"), "the terminal was left raw:\n\(session.screen())")
    #expect(!session.history().contains("PATIENT-NOTE-42"), "the note survived SIGTERM:\n\(session.history())")
  }

  @Test func itStartsOnAClearScreen() throws {
    let kiosk = try startKiosk(before: "echo PREVIOUS-SECRET-CONTENT;")
    defer { kiosk.stop() }
    #expect(
      !kiosk.session.history().contains("PREVIOUS-SECRET-CONTENT"),
      "the last user's text is still there:\n\(kiosk.session.history())")
  }

  // MARK: - 6. No files written

  @Test func aWholeSessionWritesNoFiles() throws {
    let kiosk = try startKiosk()
    defer { kiosk.stop() }
    let session = kiosk.session

    try kiosk.enter("/check")
    #expect(session.waitFor("Question 1 of"), "no check question:\n\(session.screen())")
    try kiosk.enter("5")
    #expect(session.waitFor("Question 2 of"), "the check did not go on:\n\(session.screen())")
    try kiosk.enter("/skip")
    #expect(session.waitFor("Question 3 of"), "/skip did not go on:\n\(session.screen())")
    try kiosk.enter("/menu")
    #expect(session.waitForLastLine(">"))
    try kiosk.enter("/note my pain is worse at night")
    #expect(session.waitFor("Your note was added"), "no note confirmation:\n\(session.screen())")
    try kiosk.enter("/summary")
    #expect(Self.pageThrough(session), "no prompt after the summary:\n\(session.screen())")
    #expect(session.history().contains("my pain is worse at night"), "the summary lacks the note:\n\(session.screen())")
    try kiosk.enter("/save x.txt")
    #expect(session.waitFor("Saving to a file is turned off here"), "/save was not refused:\n\(session.screen())")
    #expect(kiosk.leftovers().isEmpty, "files written during the session: \(kiosk.leftovers())")
    try kiosk.enter("/done")
    #expect(
      session.waitFor(timeout: .seconds(10)) { Kiosk.showsWelcome($0) && !$0.contains("worse at night") } != nil,
      "no welcome after /done:\n\(session.screen())")
    #expect(kiosk.leftovers().isEmpty, "files written by the session: \(kiosk.leftovers())")

    try kiosk.enter(Self.staffExit)
    #expect(session.waitFor("[exited 0]"), "the staff exit did not end the kiosk:\n\(session.screen())")
    #expect(kiosk.leftovers().isEmpty, "files written at exit: \(kiosk.leftovers())")
  }
}

/// `docs/kiosk/oih-kiosk.service` (the unit the Debian package installs) passes
/// `systemd-analyze verify` once ExecStart points at a real binary.
@Suite(.enabled(if: SystemdAnalyzer.path != nil, "systemd-analyze is not installed"))
struct SystemdUnitTests {
  @Test func kioskUnitVerifies() throws {
    let analyzer = try #require(SystemdAnalyzer.path)
    let binary = try #require(
      InteractiveSessionTests.binary,
      "oih is not built: run `swift build`, or set OIH_BIN to the executable")
    let absolute = URL(fileURLWithPath: binary).standardizedFileURL.path
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let original = try String(
      contentsOf: root.appendingPathComponent("docs/kiosk/oih-kiosk.service"), encoding: .utf8)
    #expect(original.contains("ExecStart=/usr/bin/oih "), "the unit's ExecStart changed")
    let unit = original.replacingOccurrences(
      of: "ExecStart=/usr/bin/oih ", with: "ExecStart=\(absolute) ")

    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("oih-unit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("oih-kiosk.service")
    try unit.write(to: file, atomically: true, encoding: .utf8)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: analyzer)
    process.arguments = ["verify", file.path]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "systemd-analyze verify failed:\n\(text)")
    #expect(!text.lowercased().contains("error"), "systemd-analyze verify reported:\n\(text)")
    #expect(!text.contains("oih-kiosk.service:"), "systemd-analyze verify warned about the unit:\n\(text)")
  }
}

/// Where `systemd-analyze` is (`PATH`, then /usr/bin and /bin), if anywhere.
enum SystemdAnalyzer {
  static let path: String? = {
    let path = (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/systemd-analyze" }
      .first { FileManager.default.isExecutableFile(atPath: $0) }
  }()
}
