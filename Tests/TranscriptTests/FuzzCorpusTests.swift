import App
import Conversation
import Foundation
import Search
import Summary
import Testing

@testable import KnowledgeBase

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

  static let loaded: Loaded? = {
    guard let (knowledge, _) = try? KnowledgeLoader.load(from: root.appendingPathComponent("Knowledge").path) else {
      return nil
    }
    return Loaded(
      knowledge: knowledge, index: SearchIndex(knowledge: knowledge), safety: RedFlagMatcher(knowledge: knowledge))
  }()

  /// Our own styling (and the pager clearing its line); anything else below U+0020 (but the line
  /// feed) or in U+007F...U+009F is a leak.
  static func isClean(_ text: String) -> Bool {
    var rest = text
    for code in ["\u{1B}[1;97;41m", "\u{1B}[1m", "\u{1B}[2m", "\u{1B}[0m", "\u{1B}[H\u{1B}[2J\u{1B}[3J", "\r\u{1B}[K"] {
      rest = rest.replacingOccurrences(of: code, with: "")
    }
    return !rest.unicodeScalars.contains { $0 != "\n" && ($0.value < 0x20 || (0x7F...0x9F).contains($0.value)) }
  }

  /// Answers saves as the harness does, writing nothing.
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

  /// Answers prints as the harness does, printing nothing.
  final class ChoosingPrinter: SummaryPrinting {
    var choice: UInt8
    init(choice: UInt8) { self.choice = choice }

    func print(_ text: String, printer: String?, paper: Paper) -> Outcome {
      choice = choice &* 31 &+ 7
      return choice % 2 == 0 ? .printed(printer: printer ?? "default") : .printFailed(reason: "no printer is set up")
    }
  }

  static func scriptLine(_ bytes: some Collection<UInt8>) -> String {
    let text = String(decoding: bytes, as: UTF8.self)
    switch text {
    case "\u{1}": return "<idle>"
    case "\u{2}": return "<interrupt>"
    case "\u{4}": return "<eof>"
    case "\u{5}": return "<term>"
    default: return text
    }
  }

  /// A whole session through the run loop on a scripted terminal, as the harness runs it.
  static func runSession(
    _ l: Loaded, knowledge: Knowledge, options: Conversation.Options, guide: Guide? = nil, lines: [String], width: Int,
    height: Int?, color: Bool, choice: UInt8
  ) -> Conversation {
    let engine = Conversation(knowledge: knowledge, index: l.index, safety: l.safety, options: options, guide: guide)
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
    #expect(isClean(terminal.output), "\(terminal.output.debugDescription)")
    return runner.engine
  }

  @Test(arguments: inputs("engine"))
  func engineInputReplays(_ name: String) throws {
    let l = try #require(Self.loaded)
    let bytes = try Self.bytes(name)
    guard let settings = bytes.first else { return }
    let region = l.knowledge.regions[Int(settings >> 1) % l.knowledge.regions.count].id
    let guides = l.knowledge.guides.sorted { $0.id < $1.id }
    let kiosk = settings & 1 != 0
    let options = Conversation.Options(
      region: region, date: "2026-01-15", guide: guides[Int(settings >> 3) % guides.count].id, kiosk: kiosk,
      printer: "front-desk", interactive: !kiosk && settings & 0x20 != 0)
    let lines = bytes.dropFirst().split(separator: 0x0A, omittingEmptySubsequences: false).map { Self.scriptLine($0) }
    let height = settings & 0x40 != 0 ? 4 + Int(settings >> 4) % 21 : nil
    let engine = Self.runSession(
      l, knowledge: l.knowledge, options: options, lines: lines, width: 20 + Int(settings) % 100, height: height,
      color: settings & 4 != 0, choice: settings)
    for format in SummaryFormat.allCases {
      _ = SummaryRenderer.render(engine.record, knowledge: l.knowledge, format: format)
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
    _ = Self.runSession(
      l, knowledge: knowledge, options: Conversation.Options(region: "US", date: "2026-01-15", guide: guide.id),
      guide: guide,
      lines: ["1", "yes", "7", "Sam", "2", "/back", "no", "3", "/menu", "1", "/summary"], width: 60, height: nil,
      color: false,
      choice: UInt8(truncatingIfNeeded: text.utf8.count))
  }
}
