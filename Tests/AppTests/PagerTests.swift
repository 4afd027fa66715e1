import Conversation
import Foundation
import Testing

@testable import App

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

  /// The whole signs check from the menu: the three PEG numbers, then an answer to each of the
  /// other 16 items. Nothing before the last answer fills a 24-row screen; the result of the
  /// check after it (about 55 rows) is more than two screens.
  static let wholeCheck = [
    "4", "7", "7", "6", "yes", "yes", "no", "sometimes", "no", "no", "no", "yes", "no", "yes", "yes", "no", "yes",
    "yes", "yes", "yes",
  ]
  /// Near the end of the check's result, on its third 24-row screen.
  static let checkEnd = "Only a clinician can tell what is causing your pain."
  /// A full session: the whole check, the medicines and what matters most, every doctor question
  /// of every theme, a note. Its summary is about 120 rows.
  static let fullSession =
    wholeCheck + [
      "oxycodone and tylenol", "to sleep through the night", "/questions",
      "1", "1 2 3 4 5 6 7 8", "2", "1 2 3 4 5 6", "3", "1 2 3 4 5 6 7 8", "4", "1 2 3 4 5 6",
      "5", "1 2 3 4 5 6 7 8", "6", "1 2 3 4 5", "7", "1 2 3 4 5", "done", "/note bring my pill bottles",
    ]
  /// The first line of a summary on the screen, and its last.
  static let summaryTitle = "My discussion summary: opioids and pain"
  static let summaryEnd = "Made with oih, an education program. It does not diagnose."

  @Test func theSummaryOfAFullSessionPausesBeforeEachScreenOverflowsAndSpaceShowsEverything() throws {
    let lines = Self.fullSession + ["/summary", "/quit"]
    let paged = try Self.run(lines)
    let unpaged = try Self.run(lines, height: nil)
    #expect(unpaged.terminal.pagerPauses == 0)
    // Nothing is lost or added: without the prompts it is the same text.
    #expect(paged.terminal.output.replacing(Self.pause, with: "") == unpaged.terminal.output)
    #expect(paged.terminal.output.contains(Self.summaryEnd))
    // The summary alone, from its title: it pauses before each screen overflows. The page before
    // the first pause ends below the typed "> /summary" line (at most 22 rows of text); each
    // later page fills the screen but its last row, which the prompt takes.
    let title = try #require(paged.terminal.output.range(of: Self.summaryTitle))
    let pages = Self.pages(String(paged.terminal.output[title.lowerBound...]))
    #expect(pages.count >= 4, "the summary paused \(pages.count - 1) times")
    let first = try #require(pages.first)
    #expect(first.count <= 22, "the first page of \(first.count) rows pushed the typed line off the screen")
    #expect(first.count >= 20, "the first page of \(first.count) rows paused too early")
    for page in pages.dropFirst().dropLast() {
      #expect(page.count <= 23, "a page of \(page.count) rows scrolled off a 24-row screen")
      #expect(page.count >= 20, "a page of \(page.count) rows paused too early")
    }
  }

  @Test func qStopsTheOutputAndTheNextLineWorks() throws {
    let run = try Self.run(Self.wholeCheck + ["oxycodone and tylenol", "/quit"], keys: [.stop])
    #expect(run.terminal.pagerPauses == 1)
    let output = run.terminal.output
    #expect(output.contains("Your signs check"))
    #expect(!output.contains(Self.checkEnd), "q did not skip the rest")
    // The next line goes to the step after the check.
    #expect(output.contains("Kept for your summary: oxycodone, Tylenol (acetaminophen)."))
    #expect(output.contains("Goodbye, and take care."))
    // The transcript still has everything the engine said.
    #expect(run.runner.transcript.contains { $0.contains(Self.checkEnd) })
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
    let afterHelp = try #require(
      run.terminal.output.components(separatedBy: "You can type a number from the list").last)
    #expect(run.terminal.pagerPauses == before + keys.count)
    // What came after the alert (the menu hint) was skipped; the alert was not.
    #expect(!afterHelp.contains("Type a number from the menu"), "q did not stop the output")
    if keys == [.stop] { #expect(!afterHelp.contains("/restart - start over"), "q did not stop the command list") }
    #expect(afterHelp.contains("URGENT: YOUR SAFETY MATTERS"), "the alert after q was skipped:\n\(afterHelp)")
    #expect(afterHelp.contains("better with help."), "the alert was cut:\n\(afterHelp)")
  }

  @Test func typedAheadInputLetsTheRestFlowWithoutPausing() throws {
    let run = try Self.run(Self.wholeCheck + ["/quit"], keys: [.noPause])
    #expect(run.terminal.pagerPauses == 1)
    #expect(run.terminal.output.contains(Self.checkEnd))
    #expect(run.terminal.output.contains("Which pain medicines do you take?"))
  }

  @Test func aPipeOrAScriptWithoutHeightNeverPauses() throws {
    let run = try Self.run(Self.wholeCheck + ["/summary", "/quit"], height: nil)
    #expect(run.terminal.pagerPauses == 0)
    #expect(!run.terminal.output.contains(Self.prompt))
    #expect(run.terminal.output.contains(Self.checkEnd))
    #expect(run.terminal.output.contains(Self.summaryEnd))
  }

  @Test func aTinyScreenNeverPauses() throws {
    let run = try Self.run(Self.wholeCheck + ["/quit"], height: 3)
    #expect(run.terminal.pagerPauses == 0)
    #expect(run.terminal.output.contains(Self.checkEnd))
  }

  @Test func idleAtThePagerInAKioskWarnsThenResets() throws {
    let run = try Self.run(Self.wholeCheck + ["<idle>", "<term>"], keys: [.idle], kiosk: true) {
      $0.idleTimeout = .seconds(120)
      $0.countdown = .seconds(30)
    }
    #expect(run.terminal.pagerPauses == 1)
    #expect(run.terminal.pagerTimeouts == [.seconds(120)])
    // The pager's wait was the idle time: the warning comes at once, then the countdown.
    #expect(run.runner.transcript.contains("> <idle>"))
    #expect(run.terminal.output.contains("Are you still there?"))
    #expect(!run.terminal.output.contains(Self.checkEnd))
    let answers = Array(repeating: Duration?.some(.seconds(120)), count: Self.wholeCheck.count)
    #expect(run.terminal.timeouts == answers + [.seconds(30), .seconds(120)])
    #expect(run.terminal.historyClears == 1)
  }

  @Test func sigtermAtThePagerEndsWithoutAsking() throws {
    let lines = ["/note keep me"] + Self.wholeCheck + ["never read"]
    let run = try Self.run(lines, keys: [.terminated], interactive: true)
    #expect(run.terminal.pagerPauses == 1)
    #expect(run.runner.transcript.last == "[end]")
    #expect(run.terminal.output.contains("Goodbye, and take care."))
    #expect(!run.terminal.output.contains("Save or print your summary first?"))
    // Every line before the pause was read, "never read" was not.
    #expect(run.terminal.timeouts.count == lines.count - 1)
    #expect(!run.runner.transcript.contains("> never read"))
  }
}
