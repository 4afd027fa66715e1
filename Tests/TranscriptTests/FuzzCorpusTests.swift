import Conversation
import Foundation
@testable import KnowledgeBase
import Rendering
import Search
import Summary
import Testing

/// Every input in Tests/Fuzz/ (the seeds, and any input that once crashed a harness) replayed
/// the way its libFuzzer harness runs it (Tests/Fuzz/Harnesses/), in ordinary `swift test`:
/// nothing traps, nothing loops, and no output or diagnostic carries a raw control character.
@Suite struct FuzzCorpusTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static func inputs(_ harness: String) -> [String] {
    let folder = root.appendingPathComponent("Tests/Fuzz/\(harness)").path
    return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted().map { "\(harness)/\($0)" }
  }

  static func bytes(_ name: String) throws -> [UInt8] {
    Array(try Data(contentsOf: root.appendingPathComponent("Tests/Fuzz/\(name)")))
  }

  struct Loaded: Sendable {
    let knowledge: Knowledge
    let index: SearchIndex
    let safety: RedFlagMatcher
  }

  static let loaded: Loaded? = {
    guard let (knowledge, _) = try? KnowledgeLoader.load(from: root.appendingPathComponent("Knowledge").path) else { return nil }
    return Loaded(knowledge: knowledge, index: SearchIndex(knowledge: knowledge), safety: RedFlagMatcher(knowledge: knowledge))
  }()

  /// Our own styling; anything else below U+0020 (but the line feed) or in U+007F...U+009F is a leak.
  static func isClean(_ text: String) -> Bool {
    var rest = text
    for code in ["\u{1B}[1;97;41m", "\u{1B}[1m", "\u{1B}[2m", "\u{1B}[0m", "\u{1B}[H\u{1B}[2J\u{1B}[3J"] {
      rest = rest.replacingOccurrences(of: code, with: "")
    }
    return !rest.unicodeScalars.contains { $0 != "\n" && ($0.value < 0x20 || (0x7F...0x9F).contains($0.value)) }
  }

  /// Runs effects as the harness does; returns false once the session ended.
  static func perform(_ effects: [Effect], engine: inout Conversation, renderer: Renderer, choice: inout UInt8) -> Bool {
    var pending = effects
    var goesOn = true
    var steps = 0
    while !pending.isEmpty && steps < 1_000 {
      steps += 1
      let effect = pending.removeFirst()
      switch effect {
      case .save(let request):
        choice = choice &* 31 &+ 7
        let outcome: Outcome =
          choice % 3 == 0
          ? .saved(path: request.path)
          : choice % 3 == 1 ? (request.overwrite ? .saved(path: request.path) : .exists(path: request.path))
          : .saveFailed(path: request.path, reason: "the disk is full")
        pending = engine.handle(.outcome(outcome)) + pending
      case .print:
        choice = choice &* 31 &+ 7
        pending = engine.handle(.outcome(choice % 2 == 0 ? .printed(printer: "front-desk") : .printFailed(reason: "no printer"))) + pending
      case .end:
        goesOn = false
      case .say, .urgent, .summary, .prompt, .clearScreen, .clearHistory, .pause:
        if let text = renderer.render(effect) { #expect(isClean(text), "\(text.debugDescription)") }
      }
    }
    #expect(steps < 1_000, "more than 1,000 effects for one event")
    return goesOn
  }

  @Test(arguments: inputs("engine"))
  func engineInputReplays(_ name: String) throws {
    let l = try #require(Self.loaded)
    let bytes = try Self.bytes(name)
    guard let settings = bytes.first else { return }
    let region = l.knowledge.regions[Int(settings >> 1) % l.knowledge.regions.count].id
    let guides = l.knowledge.guides.sorted { $0.id < $1.id }
    var engine = Conversation(
      knowledge: l.knowledge, index: l.index, safety: l.safety,
      options: .init(region: region, date: "2026-01-15", guide: guides[Int(settings >> 3) % guides.count].id, kiosk: settings & 1 != 0, printer: "front-desk"))
    let width = 20 + Int(settings) % 100
    let knowledge = l.knowledge
    let renderer = Renderer(width: width, color: settings & 4 != 0, knowledge: knowledge) {
      SummaryRenderer.render($0, knowledge: knowledge, format: .text, width: width)
    }
    var choice = settings
    guard Self.perform(engine.start(), engine: &engine, renderer: renderer, choice: &choice) else { return }
    for line in bytes.dropFirst().split(separator: 0x0A, omittingEmptySubsequences: false) {
      let text = String(decoding: line, as: UTF8.self)
      let event: Conversation.Event =
        text == "\u{1}" ? .idleTimeout : text == "\u{2}" ? .interrupt : text == "\u{4}" ? .endOfInput : .line(text)
      guard Self.perform(engine.handle(event), engine: &engine, renderer: renderer, choice: &choice) else { break }
    }
  }

  @Test(arguments: inputs("knowledge"))
  func topicInputIsReadAndChecked(_ name: String) throws {
    let l = try #require(Self.loaded)
    guard let text = String(validating: try Self.bytes(name), as: UTF8.self) else { return }
    let sink = DiagnosticSink()
    if let root = YAMLFile.parse(text, file: "fuzz.yaml", sink: sink),
      let reader = MappingReader.make(root, file: "fuzz.yaml", what: "topic", sink: sink)
    {
      if let topic = KnowledgeLoader.readTopic(reader) {
        var knowledge = l.knowledge
        knowledge.topics = [topic]
        knowledge.glossary = []
        Validator(knowledge: knowledge, sink: sink).topics()
        _ = SearchIndex(knowledge: knowledge).outcome(for: topic.title)
      }
      reader.finish()
    }
    for diagnostic in sink.diagnostics { #expect(Self.isClean(diagnostic.description)) }
  }

  @Test(arguments: inputs("guide"))
  func guideInputIsLoadedCheckedAndRun(_ name: String) throws {
    let l = try #require(Self.loaded)
    guard let text = String(validating: try Self.bytes(name), as: UTF8.self) else { return }
    let path = Self.root.appendingPathComponent("Knowledge/guides/fuzz.yaml").path
    let (loaded, diagnostics) = GuideLoader.load(path: path, text: text, knowledge: l.knowledge)
    for diagnostic in diagnostics { #expect(Self.isClean(diagnostic.description)) }
    guard let guide = loaded, !diagnostics.contains(where: { $0.severity == .error }) else { return }
    var knowledge = l.knowledge
    knowledge.guides.append(guide)
    var engine = Conversation(
      knowledge: knowledge, index: l.index, safety: l.safety, options: .init(region: "US", date: "2026-01-15", guide: guide.id), guide: guide)
    let renderer = Renderer(width: 60, color: false, knowledge: knowledge) { _ in "" }
    var choice = UInt8(truncatingIfNeeded: text.utf8.count)
    guard Self.perform(engine.start(), engine: &engine, renderer: renderer, choice: &choice) else { return }
    for line in ["1", "yes", "7", "Sam", "2", "/back", "no", "3", "/menu", "1", "/summary"] {
      guard Self.perform(engine.handle(.line(line)), engine: &engine, renderer: renderer, choice: &choice) else { break }
    }
  }
}
