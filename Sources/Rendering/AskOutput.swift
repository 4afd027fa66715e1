import Conversation
import KnowledgeBase

/// `oih ask`: one question's reply as text or as one JSON object. Both come from the same
/// `Conversation.ask` reply and the same renderer, so they never disagree.
public struct AskOutput: Sendable {
  /// The question as typed.
  public var question: String
  /// The engine's reply.
  public var reply: Reply
  let knowledge: Knowledge

  /// Answers `question` with a fresh engine (no menu: a number or command is not a menu choice).
  ///
  /// - Parameters:
  ///   - question: What the person typed.
  ///   - engine: A new engine for the knowledge base, region and date to use.
  ///   - knowledge: The same knowledge base, for titles and sources.
  public init(question: String, engine: Conversation, knowledge: Knowledge) {
    var engine = engine
    self.question = question
    self.reply = engine.ask(question)
    self.knowledge = knowledge
  }

  /// The text `oih ask` prints.
  ///
  /// - Parameter renderer: How to lay it out (width; color is never used for `oih ask`).
  /// - Returns: The rendered effects.
  public func text(_ renderer: Renderer) -> String {
    reply.effects.compactMap { renderer.render($0) }.joined()
  }

  /// The JSON object `oih ask --json` prints (see README "oih ask").
  ///
  /// - Parameter renderer: The renderer that makes the `text` field (the same as `text(_:)`).
  /// - Returns: One compact JSON object.
  public func json(_ renderer: Renderer) -> String {
    let outcome = reply.outcome
    let topic = outcome.topicID.flatMap { knowledge.topic($0) }
    var object: [String: JSON] = [
      "question": .string(question), "outcome": .string(outcome.name), "text": .string(text(renderer)),
      "topic_id": JSON(topic?.id), "title": JSON(topic?.title), "answer": JSON(topic?.answer),
      "sources": JSON(knowledge.shortSources(topic?.sources ?? [])), "related": JSON(topic?.related ?? []),
      "choices": .array([]), "urgent": .bool(false), "alerts": .array([]),
    ]
    switch outcome {
    case .answer(_, let definition):
      if let definition { object["term"] = .string(definition) }
    case .more:
      object["detail"] = JSON(topic?.detail)
    case .choices(let ids):
      object["choices"] = .array(ids.map { id in JSON(["id": id, "title": knowledge.topic(id)?.title ?? id] as [String: Any]) })
      // A list is not an answer: the best topic's fields are there to show its first line.
    case .smallTalk(let intent):
      object["intent"] = .string(intent)
    case .glossary(let term):
      object["term"] = .string(term)
    case .urgent(let alerts):
      object["urgent"] = .bool(true)
      object["alerts"] = .array(
        alerts.map { JSON(["kind": $0.kind, "label": $0.label, "message": $0.message, "action": $0.action] as [String: Any]) })
    case .unknown, .warningSigns, .doctorQuestions, .dose, .command, .empty:
      break
    }
    return JSON.object(object).compact
  }
}
