import KnowledgeBase
import Search

/// One question answered outside a session (`oih ask`), with the same safety gate, dose check
/// and ranking as in a session, and without menus or commands: "quit" is a question here.
public struct QuestionReply: Sendable, Equatable {
  /// What kind of reply it is.
  public enum Kind: String, Sendable, Equatable, CaseIterable, Codable {
    /// One topic answers it.
    case answer
    /// Several topics are close: they are offered.
    case choices
    /// The knowledge base has no answer.
    case unknown
    /// It asks for an amount, rate or schedule of medicine, which is never given.
    case dose
    /// A red flag fired: only the alerts are shown.
    case urgent
  }

  /// What kind of reply it is.
  public var kind: Kind
  /// The alerts raised, most urgent first (only for `.urgent`).
  public var alerts: [Alert]
  /// The topic shown (only for `.answer`).
  public var topicID: String?
  /// The topics offered (only for `.choices`).
  public var choices: [String]
  /// The ranking score of the best topic, 0 when nothing matched.
  public var score: Double
  /// What to show, exactly as a session would show it.
  public var effects: [Effect]
}

extension Conversation {
  /// Answers one question outside a session: safety gate, dose check, then search.
  ///
  /// - Parameter question: What the person asked.
  /// - Returns: The reply and the effects that show it.
  public mutating func reply(to question: String) -> QuestionReply {
    let line = InputSanitizer.clean(question).0
    var reply = QuestionReply(kind: .unknown, alerts: [], topicID: nil, choices: [], score: 0, effects: [])
    let matches = safety.matches(line)
    if !matches.isEmpty {
      reply.kind = .urgent
      reply.alerts = matches.map { raise($0.flag) }
      reply.effects = reply.alerts.map(Effect.urgent)
      return reply
    }
    if isDoseQuestion(line) {
      reply.kind = .dose
      reply.effects = [.say([.text(fill(text(.questionDose)))])]
      return reply
    }
    let outcome = index.outcome(for: line)
    switch outcome {
    case .answer(let hit):
      reply.kind = .answer
      reply.topicID = hit.topicID
      reply.score = hit.score
    case .choices(let hits):
      reply.kind = .choices
      reply.choices = hits.map(\.topicID)
      reply.score = hits.first?.score ?? 0
    case .unknown:
      reply.score = index.search(line, limit: 1).first?.score ?? 0
    }
    reply.effects = answer(outcome, hint: nil, choicesHint: false)
    return reply
  }
}
