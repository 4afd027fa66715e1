// Shared by the libFuzzer harnesses (built by scripts/fuzz, not by SwiftPM).
// Tests/TranscriptTests/FuzzCorpusTests.swift replays every input in Tests/Fuzz/ the same way in
// ordinary `swift test`: keep the two in step. An input that crashed a harness goes into
// Tests/Fuzz/HARNESS/ (named crash-...) and so becomes a regression test.

import Conversation
import KnowledgeBase
import Rendering
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

/// The escape codes the renderer itself adds: bold, dim, alert colors, reset, clear screen.
let ownStyling = ["\u{1B}[1;97;41m", "\u{1B}[1m", "\u{1B}[2m", "\u{1B}[0m", "\u{1B}[H\u{1B}[2J\u{1B}[3J"]

/// Traps when `text` holds a control character or escape code that is not our own styling:
/// nothing from content or input may reach the terminal raw.
func requireClean(_ text: String, _ what: String) {
  var rest = text
  if rest.utf8.contains(0x1B) { for code in ownStyling { rest = rest.replacing(code, with: "") } }
  for scalar in rest.unicodeScalars where scalar != "\n" && (scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)) {
    fatalError("\(what) would send control character U+\(String(scalar.value, radix: 16)) to the terminal: \(text.debugDescription)")
  }
}

/// Runs effects as the program does: renders text (checking it is clean) and answers save and
/// print requests with outcomes chosen by `choice`. Returns false once the session ended.
func perform(_ effects: [Effect], engine: inout Conversation, renderer: Renderer, choice: inout UInt8) -> Bool {
  var pending = effects
  var goesOn = true
  var steps = 0
  while !pending.isEmpty {
    steps += 1
    if steps > 1_000 { fatalError("more than 1,000 effects for one event: a loop") }
    let effect = pending.removeFirst()
    switch effect {
    case .save(let request):
      choice = choice &* 31 &+ 7
      let outcome: Outcome
      switch choice % 3 {
      case 0: outcome = .saved(path: request.path)
      case 1: outcome = request.overwrite ? .saved(path: request.path) : .exists(path: request.path)
      default: outcome = .saveFailed(path: request.path, reason: "the disk is full")
      }
      pending = engine.handle(.outcome(outcome)) + pending
    case .print:
      choice = choice &* 31 &+ 7
      let outcome: Outcome = choice % 2 == 0 ? .printed(printer: "front-desk") : .printFailed(reason: "no printer is set up")
      pending = engine.handle(.outcome(outcome)) + pending
    case .end:
      goesOn = false
    case .say, .urgent, .summary, .prompt, .clearScreen, .clearHistory, .pause:
      if let text = renderer.render(effect) { requireClean(text, "rendered output") }
    }
  }
  return goesOn
}
