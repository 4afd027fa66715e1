@testable import App
import Conversation
import Foundation
import Testing

/// Paging in the run loop: output taller than the screen pauses with a one-line prompt before it
/// overflows; Space or Enter shows more, q stops; a pipe or script without a height never pauses.
@Suite struct PagerTests {
  static let prompt = "-- more: press Space or Enter to go on, q to stop --"
  /// What the runner writes to take the prompt away again.
  static let pause = prompt + "\r\u{1B}[K"

  struct Run {
    var runner: SessionRunner
    var terminal: ScriptedTerminal
  }

  static func run(
    _ lines: [String], height: Int? = 24, keys: [PagerKey] = [], kiosk: Bool = false, interactive: Bool = false,
    configure: (inout RunnerSettings) -> Void = { _ in }
  ) throws -> Run {
    let loaded = try Shipped.require()
    let terminal = ScriptedTerminal(lines: lines, width: 80, height: height, pagerKeys: keys)
    var settings = RunnerSettings()
    settings.kiosk = kiosk
    settings.record = true
    configure(&settings)
    var runner = SessionRunner(
      engine: try Shipped.engine(kiosk: kiosk, interactive: interactive), knowledge: loaded.knowledge,
      terminal: terminal, store: FileStore(), printer: RecordingPrinter(), settings: settings)
    runner.run()
    return Run(runner: runner, terminal: terminal)
  }

  /// The text between pauses, as lines.
  static func pages(_ output: String) -> [[Substring]] {
    output.components(separatedBy: pause).map { page in
      var lines = page.split(separator: "\n", omittingEmptySubsequences: false)
      if lines.last == "" { lines.removeLast() }
      return lines
    }
  }

  @Test func aLineTakesOneRowPerWidthAndColorDoesNotCount() {
    #expect(Pager.rows(of: "", width: 80) == 1)
    #expect(Pager.rows(of: String(repeating: "a", count: 80), width: 80) == 1)
    #expect(Pager.rows(of: String(repeating: "a", count: 81), width: 80) == 2)
    #expect(Pager.rows(of: "\u{1B}[1m" + String(repeating: "a", count: 80) + "\u{1B}[0m", width: 80) == 1)
    #expect(Pager.rows(of: "café", width: 3) == 2)
  }

  @Test func theQuestionListPausesBeforeEachScreenOverflowsAndSpaceShowsEverything() throws {
    let paged = try Self.run(["5", "/quit"], keys: [.more, .more, .more, .more, .more])
    let unpaged = try Self.run(["5", "/quit"], height: nil)
    #expect(paged.terminal.pagerPauses >= 3)
    #expect(unpaged.terminal.pagerPauses == 0)
    // Nothing is lost or added: without the prompts it is the same text.
    #expect(paged.terminal.output.replacing(Self.pause, with: "") == unpaged.terminal.output)
    // The page before the first pause ends below the typed "> 5" line (22 rows of text); each
    // later page fills the screen but its last row, which the prompt takes.
    let pages = Self.pages(paged.terminal.output)
    for page in pages.dropFirst().dropLast() {
      #expect(page.count <= 23, "a page of \(page.count) rows scrolled off a 24-row screen")
      #expect(page.count >= 20, "a page of \(page.count) rows paused too early")
    }
    let firstAfterFive = try #require(pages.first?.split { $0.hasPrefix("Here are questions") }.last)
    #expect(firstAfterFive.count + 1 <= 22)
  }

  @Test func qStopsTheOutputAndTheNextLineWorks() throws {
    let run = try Self.run(["5", "1", "done", "/quit"], keys: [.stop])
    #expect(run.terminal.pagerPauses == 1)
    let output = run.terminal.output
    #expect(!output.contains(" 40. "))
    #expect(output.contains("Added: Could my medicine be making my pain worse?"))
    #expect(output.contains("Goodbye, and take care."))
    // The transcript still has everything the engine said.
    #expect(run.runner.transcript.contains { $0.hasPrefix(" 40. ") })
  }

  /// /help lists the commands, then shows earlier alerts again. On a 10-row screen, q at the
  /// first pause stops inside the command list, and q at the third pause stops inside the alert.
  @Test(arguments: [[PagerKey.stop], [.more, .more, .stop]])
  func aSafetyAlertIsShownInFullEvenAfterQ(keys: [PagerKey]) throws {
    // Space at every pause before /help (the welcome and the first alert take a few screens).
    let before = try Self.run(["i want to end my life"], height: 10).terminal.pagerPauses
    let run = try Self.run(
      ["i want to end my life", "/help", "/quit"], height: 10,
      keys: Array(repeating: .more, count: before) + keys)
    let afterHelp = try #require(run.terminal.output.components(separatedBy: "You can type a number from the list").last)
    #expect(run.terminal.pagerPauses == before + keys.count)
    // What came after the alert (the menu hint) was skipped; the alert was not.
    #expect(!afterHelp.contains("Type a number from the menu"), "q did not stop the output")
    if keys == [.stop] { #expect(!afterHelp.contains("/restart - start over"), "q did not stop the command list") }
    #expect(afterHelp.contains("URGENT: YOUR SAFETY MATTERS"), "the alert after q was skipped:\n\(afterHelp)")
    #expect(afterHelp.contains("better with help."), "the alert was cut:\n\(afterHelp)")
  }

  @Test func typedAheadInputLetsTheRestFlowWithoutPausing() throws {
    let run = try Self.run(["5", "/quit"], keys: [.noPause])
    #expect(run.terminal.pagerPauses == 1)
    #expect(run.terminal.output.contains(" 40. "))
  }

  @Test func aPipeOrAScriptWithoutHeightNeverPauses() throws {
    let run = try Self.run(["5", "done", "/summary", "/quit"], height: nil)
    #expect(run.terminal.pagerPauses == 0)
    #expect(!run.terminal.output.contains(Self.prompt))
  }

  @Test func aTinyScreenNeverPauses() throws {
    let run = try Self.run(["5", "/quit"], height: 3)
    #expect(run.terminal.pagerPauses == 0)
  }

  @Test func idleAtThePagerInAKioskWarnsThenResets() throws {
    let run = try Self.run(["5", "<idle>", "<term>"], keys: [.idle], kiosk: true) {
      $0.idleTimeout = .seconds(120)
      $0.countdown = .seconds(30)
    }
    #expect(run.terminal.pagerTimeouts == [.seconds(120)])
    // The pager's wait was the idle time: the warning comes at once, then the countdown.
    #expect(run.runner.transcript.contains("> <idle>"))
    #expect(run.terminal.output.contains("Are you still there?"))
    #expect(run.terminal.timeouts == [.seconds(120), .seconds(30), .seconds(120)])
    #expect(run.terminal.historyClears == 1)
  }

  @Test func sigtermAtThePagerEndsWithoutAsking() throws {
    let run = try Self.run(["/note keep me", "5", "never read"], keys: [.terminated], interactive: true)
    #expect(run.runner.transcript.last == "[end]")
    #expect(run.terminal.output.contains("Goodbye, and take care."))
    #expect(!run.terminal.output.contains("Save or print your summary first?"))
    #expect(run.terminal.timeouts.count == 2)
  }
}
