// Shared by the libFuzzer harnesses (built by scripts/fuzz, not by SwiftPM).
// Tests/TranscriptTests/FuzzCorpusTests.swift replays every input in Tests/Fuzz/ the same way in
// ordinary `swift test`: keep the two in step. An input that crashed a harness goes into
// Tests/Fuzz/HARNESS/ (named crash-...) and so becomes a regression test.

import App
import Conversation
import KnowledgeBase
import Search
import Summary

#if canImport(Glibc)
  import Glibc
#endif

/// The shipped knowledge base, its index and matcher, loaded once per fuzzing process.
enum Shipped {
  /// Knowledge/ of this checkout (or `$OIH_KNOWLEDGE`).
  static let directory: String = {
    if let env = getenv("OIH_KNOWLEDGE") { return String(cString: env) }
    var path = #filePath
    for _ in 0..<4 { path = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) }
    return path + "/Knowledge"
  }()

  static let knowledge: Knowledge = {
    do {
      return try KnowledgeLoader.load(from: directory).0
    } catch {
      fatalError("the shipped knowledge base must load for fuzzing:\n\(error)")
    }
  }()
  static let index = SearchIndex(knowledge: knowledge)
  static let safety = RedFlagMatcher(knowledge: knowledge)
}

/// The escape codes the program itself writes: alert colors, bold, dim, reset, clear screen,
/// and the pager clearing its "more" line.
let ownStyling = ["\u{1B}[1;97;41m", "\u{1B}[1m", "\u{1B}[2m", "\u{1B}[0m", "\u{1B}[H\u{1B}[2J\u{1B}[3J", "\r\u{1B}[K"]

/// Traps when `text` holds a control character or escape code that is not our own styling:
/// nothing from content or input may reach the terminal raw.
func requireClean(_ text: String, _ what: String) {
  var rest = text
  if rest.utf8.contains(0x1B) { for code in ownStyling { rest = rest.replacing(code, with: "") } }
  for scalar in rest.unicodeScalars
  where scalar != "\n" && (scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)) {
    fatalError(
      "\(what) would send control character U+\(String(scalar.value, radix: 16)) to the terminal: \(text.debugDescription)"
    )
  }
}

/// Answers `/save` with an outcome picked by a little generator (saved, the file exists, or the
/// disk is full), writing nothing.
final class ChoosingStore: SummaryStore {
  var choice: UInt8
  init(choice: UInt8) { self.choice = choice }

  func save(_ text: String, to path: String, overwrite: Bool) -> Outcome {
    choice = choice &* 31 &+ 7
    switch choice % 3 {
    case 0: return .saved(path: path)
    case 1: return overwrite ? .saved(path: path) : .exists(path: path)
    default: return .saveFailed(path: path, reason: "the disk is full")
    }
  }
}

/// Answers `/print` with printed or failed, picked the same way, printing nothing.
final class ChoosingPrinter: SummaryPrinting {
  var choice: UInt8
  init(choice: UInt8) { self.choice = choice }

  func print(_ text: String, printer: String?, paper: Paper) -> Outcome {
    choice = choice &* 31 &+ 7
    return choice % 2 == 0 ? .printed(printer: printer ?? "default") : .printFailed(reason: "no printer is set up")
  }
}

/// The script line for one fuzzed line: alone on a line, \u{1} is the idle timeout, \u{2}
/// Ctrl-C, \u{4} Ctrl-D and \u{5} SIGTERM; anything else is typed.
func scriptLine(_ bytes: some Collection<UInt8>) -> String {
  let text = String(decoding: bytes, as: UTF8.self)
  switch text {
  case "\u{1}": return "<idle>"
  case "\u{2}": return "<interrupt>"
  case "\u{4}": return "<eof>"
  case "\u{5}": return "<term>"
  default: return text
  }
}

/// Runs a whole session through the program's one run loop (`SessionRunner`) on a scripted
/// terminal, as chat and the kiosk do: every effect carried out, long output paged when the
/// screen has a height, saves and prints answered by `choice`. Traps when the terminal would
/// get a raw control character.
///
/// - Returns: The engine after the session.
@discardableResult
func runSession(
  knowledge: Knowledge, options: Conversation.Options, guide: Guide? = nil, lines: [String], width: Int, height: Int?,
  color: Bool, choice: UInt8
) -> Conversation {
  let engine = Conversation(
    knowledge: knowledge, index: Shipped.index, safety: Shipped.safety, options: options, guide: guide)
  // The pager's keys, picked from `choice`: more, stop, typed ahead, idle, SIGTERM.
  let keys: [PagerKey] = [.more, .stop, .noPause, .more, .idle, .more, .stop, .terminated]
  var pick = choice
  let pagerKeys = (0..<6).map { _ in
    pick = pick &* 13 &+ 5
    return keys[Int(pick) % keys.count]
  }
  let terminal = ScriptedTerminal(lines: lines, width: width, height: height, pagerKeys: pagerKeys)
  var settings = RunnerSettings()
  settings.color = color
  settings.printer = options.printer
  settings.kiosk = options.kiosk
  if options.kiosk {
    settings.idleTimeout = .seconds(120)
    settings.countdown = .seconds(30)
    settings.staffExit = "staff exit 99"
  }
  var runner = SessionRunner(
    engine: engine, knowledge: knowledge, terminal: terminal, store: ChoosingStore(choice: choice),
    printer: ChoosingPrinter(choice: choice), settings: settings)
  runner.run()
  requireClean(terminal.output, "the terminal output")
  return runner.engine
}
