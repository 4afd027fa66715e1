import App
import Conversation
import Foundation
import KnowledgeBase
import Testing

/// The run loop's handling of each effect, through a scripted terminal, a real file store in a
/// temporary folder and a recording printer.
@Suite struct SessionRunnerTests {
  struct Run {
    var runner: SessionRunner
    var terminal: ScriptedTerminal
    var printer: RecordingPrinter
  }

  static func run(
    _ lines: [String], kiosk: Bool = false, folder: String? = nil, printerFailure: String? = nil,
    configure: (inout RunnerSettings) -> Void = { _ in }
  ) throws -> Run {
    let loaded = try Shipped.require()
    let terminal = ScriptedTerminal(lines: lines, width: 80)
    let printer = RecordingPrinter(failure: printerFailure)
    var settings = RunnerSettings()
    settings.kiosk = kiosk
    settings.record = true
    configure(&settings)
    var runner = SessionRunner(
      engine: try Shipped.engine(kiosk: kiosk, printer: settings.printer), knowledge: loaded.knowledge,
      terminal: terminal, store: FileStore(folder: folder), printer: printer, settings: settings)
    runner.run()
    return Run(runner: runner, terminal: terminal, printer: printer)
  }

  @Test func sayAndSummaryAreWrittenToTheTerminal() throws {
    let run = try Self.run(["what is oih", "/summary", "/quit"])
    #expect(run.terminal.output.contains("What is opioid-induced hyperalgesia (OIH)?\n"))
    #expect(run.terminal.output.contains("Topics you read:") || run.terminal.output.contains("What is opioid-induced"))
    #expect(run.runner.transcript.last == "[end]")
    // The recorded transcript is what the terminal showed, line for line (no color here).
    let shown = run.terminal.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let recorded = run.runner.transcript.filter { !$0.hasPrefix(">") && !$0.hasPrefix("[") }
    #expect(shown.filter { !$0.isEmpty } == recorded.filter { !$0.isEmpty })
  }

  @Test func urgentAlertIsWrittenBeforeAnythingElse() throws {
    let run = try Self.run(["he took all his pills and wont wake up"])
    let afterLine = try #require(run.runner.transcript.firstIndex(of: "> he took all his pills and wont wake up"))
    #expect(run.runner.transcript[afterLine + 1] == String(repeating: "!", count: 60))
    #expect(run.runner.transcript[afterLine + 2] == "URGENT: POSSIBLE OVERDOSE")
  }

  @Test func promptSetsCompletionsAndTheLoopEndsAtEnd() throws {
    let run = try Self.run(["/quit", "never read"])
    #expect(run.terminal.completions.contains("/help"))
    #expect(run.terminal.completions.contains("/save"))
    // The line after /quit is never read: the loop stopped at `.end`.
    #expect(run.terminal.timeouts.count == 1)
    #expect(run.runner.transcript.last == "[end]")
  }

  @Test func saveWritesTheFileAndTheOutcomeComesBack() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let run = try Self.run(["/note bring my pill bottles", "/save visit.md", "/quit"], folder: folder.path)
    let saved = try #require(folder.contents("visit.md"))
    #expect(saved.hasPrefix("# "))
    #expect(saved.contains("bring my pill bottles"))
    #expect(run.runner.transcript.contains("[save visit.md]"))
    #expect(run.terminal.output.contains("Your summary was saved to visit.md."))
  }

  @Test func saveOnAnExistingFileAsksAndYesReplacesIt() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try "old\n".write(toFile: folder.path + "/visit.txt", atomically: true, encoding: .utf8)
    let run = try Self.run(["/save visit.txt", "yes", "/quit"], folder: folder.path)
    #expect(run.terminal.output.contains("The file visit.txt already exists."))
    #expect(run.runner.transcript.filter { $0 == "[save visit.txt]" }.count == 2)
    #expect(folder.contents("visit.txt")?.contains("old") == false)
  }

  @Test func defaultFormatAppliesToNamesWithoutAKnownExtension() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    _ = try Self.run(["/save visit", "/quit"], folder: folder.path) { $0.defaultFormat = .html }
    #expect(folder.contents("visit")?.hasPrefix("<!DOCTYPE html>") == true)
  }

  @Test func saveFailureIsReportedInPlainWords() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let run = try Self.run(["/save no-such-folder/visit.txt", "/quit"], folder: folder.path)
    #expect(run.terminal.output.contains("Your summary could not be saved to no-such-folder/visit.txt"))
    #expect(!run.terminal.output.contains(folder.path))
  }

  @Test func printSendsThePaginatedSummaryToThePrinter() throws {
    let run = try Self.run(["/note call the clinic", "/print", "/quit"]) { $0.printer = "front-desk" }
    let job = try #require(run.printer.jobs.first)
    #expect(run.printer.jobs.count == 1)
    #expect(job.printer == "front-desk")
    #expect(job.paper == .letter)
    #expect(job.text.contains("call the clinic"))
    #expect(run.terminal.output.contains("front-desk"))
  }

  @Test func printFailureIsShown() throws {
    let run = try Self.run(["/print", "/quit"], printerFailure: "no printer is set up")
    #expect(run.printer.jobs.isEmpty)
    #expect(run.terminal.output.contains("no printer is set up"))
  }

  @Test func kioskWaitsForTheIdleTimeoutThenTheCountdownThenResets() throws {
    let run = try Self.run(["<idle>", "<idle>", "<term>"], kiosk: true) {
      $0.idleTimeout = .seconds(120)
      $0.countdown = .seconds(30)
    }
    #expect(run.terminal.timeouts == [.seconds(120), .seconds(30), .seconds(120)])
    #expect(run.terminal.historyClears == 1)
    #expect(run.terminal.output.contains("\u{1B}[H\u{1B}[2J\u{1B}[3J"))
    #expect(run.runner.transcript.contains("[screen cleared]"))
    #expect(run.runner.transcript.contains("[history cleared]"))
  }

  @Test func aLineAfterTheWarningGoesBackToTheIdleTimeout() throws {
    let run = try Self.run(["<idle>", "what is oih", "<term>"], kiosk: true) {
      $0.idleTimeout = .seconds(5)
      $0.countdown = .seconds(2)
    }
    #expect(run.terminal.timeouts == [.seconds(5), .seconds(2), .seconds(5)])
    #expect(run.terminal.historyClears == 0)
  }

  @Test func staffExitPhraseEndsTheKioskWithoutReachingTheEngine() throws {
    let run = try Self.run(["my note", "staff exit 99", "never read"], kiosk: true) { $0.staffExit = "staff exit 99" }
    #expect(run.terminal.timeouts.count == 2)
    #expect(!run.runner.transcript.contains("> staff exit 99"))
    #expect(run.runner.transcript.last == "[screen cleared]")
  }

  @Test func kioskResetsAtEndOfInputOnATerminal() throws {
    let run = try Self.run(["/note private", "<eof>", "<term>"], kiosk: true)
    #expect(run.runner.engine.record.notes.isEmpty)
    #expect(run.terminal.historyClears == 1)
  }

  @Test func endOfInputSaysGoodbyeOutsideAKiosk() throws {
    let run = try Self.run(["<eof>"])
    #expect(run.terminal.output.contains("Goodbye, and take care."))
    #expect(run.runner.transcript.suffix(2).last == "[end]")
  }

  @Test func interruptExplainsAndGoesOn() throws {
    let run = try Self.run(["<interrupt>", "/quit"])
    #expect(run.runner.transcript.contains("> <interrupt>"))
    #expect(run.runner.transcript.last == "[end]")
  }

  @Test func nothingIsRecordedUnlessAsked() throws {
    let loaded = try Shipped.require()
    let terminal = ScriptedTerminal(lines: ["/note private", "/quit"])
    var runner = SessionRunner(
      engine: try Shipped.engine(), knowledge: loaded.knowledge, terminal: terminal, store: FileStore(),
      printer: RecordingPrinter(), settings: RunnerSettings())
    runner.run()
    #expect(runner.transcript.isEmpty)
    #expect(terminal.output.contains("Goodbye"))
  }

  @Test func largeAddsABlankLineBetweenBlocks() throws {
    let plain = try Self.run(["/quit"]).terminal.output
    let large = try Self.run(["/quit"]) { $0.large = true }.terminal.output
    #expect(large.count > plain.count)
    #expect(large.contains("\n\n\n"))
  }
}
