import App
import Conversation
import Foundation
import KnowledgeBase
import QuestionEvaluation
import Search
import Testing

/// The shipped knowledge base, loaded once per process.
enum Shipped {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let loaded: Loaded? = {
    guard let (knowledge, _) = try? KnowledgeLoader.load(from: root.appendingPathComponent("Knowledge").path) else {
      return nil
    }
    return Loaded(
      knowledge: knowledge, index: SearchIndex(knowledge: knowledge), safety: RedFlagMatcher(knowledge: knowledge))
  }()

  static func require() throws -> Loaded { try #require(loaded, "the shipped knowledge base must load") }

  /// A line the shipped search answers with choices (`ChoicesFixture`).
  static func choicesLine() throws -> String {
    let index = try require().index
    return try #require(ChoicesFixture.line(index), "no line in ChoicesFixture gets choices any more")
  }

  /// An engine, not started.
  ///
  /// - Parameter interactive: A person at a terminal (leaving asks about an unsaved summary).
  static func engine(kiosk: Bool = false, printer: String? = nil, interactive: Bool = false) throws -> Conversation {
    let loaded = try require()
    return Conversation(
      knowledge: loaded.knowledge, index: loaded.index, safety: loaded.safety,
      options: Conversation.Options(
        region: "US", date: "2026-01-15", kiosk: kiosk, countdownSeconds: 30, printer: printer, interactive: interactive
      ))
  }
}

/// A temporary folder, removed by `remove()`.
struct TemporaryFolder {
  let path: String

  init() throws {
    path = FileManager.default.temporaryDirectory.appendingPathComponent("oih-app-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  func remove() { try? FileManager.default.removeItem(atPath: path) }

  func contents(_ name: String) -> String? { try? String(contentsOfFile: path + "/" + name, encoding: .utf8) }
}
