import Conversation
import Foundation
import KnowledgeBase
import Rendering
import Search
import Testing

/// `oih ask "X"` and `oih ask --json "X"` give the same outcome and the same text.
@Suite struct AskTests {
  static let knowledge: Knowledge? = try? KnowledgeLoader.load(
    from: TranscriptTests.root.appendingPathComponent("Knowledge").path).0
  static let index = knowledge.map { SearchIndex(knowledge: $0) }
  static let safety = knowledge.map { RedFlagMatcher(knowledge: $0) }

  static let inputs = [
    "what is oih", "quit", "1", "/quit", "tell me more", "", "  ", "thanks", "is it my fault", "how much oxy can i take",
    "i took too many pills and my husband wont wake up", "what are the warning signs", "what should i ask my doctor",
    "whats hyperkatifeia", "anxiety getting worse since tapering", "how do i bake sourdough bread",
    "what is \u{1B}[2J oih", "/save x.txt",
  ]

  func output(_ question: String) throws -> (AskOutput, Renderer) {
    let knowledge = try #require(Self.knowledge)
    let engine = Conversation(
      knowledge: knowledge, index: try #require(Self.index), safety: try #require(Self.safety),
      options: Conversation.Options(region: "US", date: "2026-11-27"))
    let renderer = Renderer(width: 80, color: false, knowledge: knowledge) { _ in "" }
    return (AskOutput(question: question, engine: engine, knowledge: knowledge), renderer)
  }

  @Test(arguments: inputs)
  func textAndJSONAgree(question: String) throws {
    let (output, renderer) = try output(question)
    let text = output.text(renderer)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(output.json(renderer).utf8)) as? [String: Any])
    #expect(object["outcome"] as? String == output.reply.outcome.name)
    #expect(object["text"] as? String == text)
    #expect(!text.isEmpty, "every outcome shows something")
  }

  @Test func commandsAndNumbersAreNotRunOrPickedFromAMenu() throws {
    #expect(try output("quit").0.reply.outcome == .command("quit"))
    #expect(try output("1").0.reply.outcome == .unknown)
    #expect(try !output("what is oih").0.text(Renderer(width: 80, color: false, knowledge: #require(Self.knowledge)) { _ in "" }).contains("What would you like to do?"))
  }

  @Test func controlCharactersAreRemovedBeforeMatchingInBothForms() throws {
    let (output, renderer) = try output("what is \u{1B}[2J oih")
    #expect(output.reply.outcome == .answer(topic: "what-is-oih", definition: "oih"))
    #expect(output.json(renderer).contains(#""topic_id":"what-is-oih""#))
  }

  @Test func choicesCarryTitles() throws {
    let (output, renderer) = try output("anxiety getting worse since tapering")
    guard case .choices(let ids) = output.reply.outcome else {
      Issue.record("expected choices, got \(output.reply.outcome)")
      return
    }
    let object = try #require(try JSONSerialization.jsonObject(with: Data(output.json(renderer).utf8)) as? [String: Any])
    let choices = try #require(object["choices"] as? [[String: String]])
    #expect(choices.map { $0["id"] } == ids)
    #expect(choices.allSatisfy { ($0["title"] ?? "").count > 3 })
  }

  @Test func urgentCarriesTheAlerts() throws {
    let (output, renderer) = try output("i took too many pills and my husband wont wake up")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(output.json(renderer).utf8)) as? [String: Any])
    #expect(object["urgent"] as? Bool == true)
    #expect((object["alerts"] as? [[String: String]])?.first?["kind"] == "overdose")
    #expect(object["alert"] == nil)
  }
}
