import Conversation
import FoundationEssentials
import KnowledgeBase

/// `oih ask`: one question answered outside a session. The text and the JSON come from the same
/// reply, shown through the same `SessionRunner` as a session.
public struct OneShot: Sendable {
  /// The reply, as JSON fields (`oih ask --json`).
  public struct JSONReply: Codable, Sendable, Equatable {
    /// One alert, as in `alerts`.
    public struct AlertFields: Codable, Sendable, Equatable {
      /// The kind's id, such as `overdose`.
      public var kind: String
      /// The heading, such as "POSSIBLE OVERDOSE".
      public var label: String
      /// The message with the region's numbers filled in.
      public var message: String
      /// The one-line action.
      public var action: String
    }

    /// The question as asked.
    public var question: String
    /// What kind of reply: answer, choices, unknown, dose or urgent.
    public var outcome: QuestionReply.Kind
    /// The topic shown, or nil.
    public var topicID: String?
    /// Its title, or nil.
    public var title: String?
    /// Its short answer, or nil.
    public var answer: String?
    /// Its sources (short forms).
    public var sources: [String]
    /// Its related topic ids.
    public var related: [String]
    /// The ranking score (0 when nothing matched), to three decimals.
    public var score: Double
    /// The topic ids offered when unsure.
    public var choices: [String]
    /// Whether a red flag fired.
    public var urgent: Bool
    /// The alerts, most urgent first (only when urgent).
    public var alerts: [AlertFields]?
    /// The first alert (only when urgent).
    public var alert: AlertFields?
    /// Exactly the text `oih ask` without `--json` shows.
    public var text: String

    enum CodingKeys: String, CodingKey {
      case question, outcome, topicID = "topic_id", title, answer, sources, related, score, choices, urgent, alerts,
        alert, text
    }

    /// Encodes every field; a missing topic is written as `null`, not left out.
    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(question, forKey: .question)
      try container.encode(outcome, forKey: .outcome)
      try container.encode(topicID, forKey: .topicID)
      try container.encode(title, forKey: .title)
      try container.encode(answer, forKey: .answer)
      try container.encode(sources, forKey: .sources)
      try container.encode(related, forKey: .related)
      try container.encode(score, forKey: .score)
      try container.encode(choices, forKey: .choices)
      try container.encode(urgent, forKey: .urgent)
      try container.encodeIfPresent(alerts, forKey: .alerts)
      try container.encodeIfPresent(alert, forKey: .alert)
      try container.encode(text, forKey: .text)
    }
  }

  /// The engine's reply.
  public var reply: QuestionReply
  /// The text shown for it.
  public var text: String
  /// The same reply as JSON fields.
  public var json: JSONReply

  /// Answers `question`: the engine's reply, rendered through the session runner.
  ///
  /// - Parameters:
  ///   - question: What the person asked.
  ///   - loaded: The knowledge base, index and matcher.
  ///   - region: The region id.
  ///   - date: Today (YYYY-MM-DD).
  ///   - width: The width to wrap the text at.
  public init(_ question: String, loaded: Loaded, region: String?, date: String, width: Int) {
    let knowledge = loaded.knowledge
    var engine = Conversation(
      knowledge: knowledge, index: loaded.index, safety: loaded.safety,
      options: Conversation.Options(region: region, date: date, guide: "welcome"))
    reply = engine.reply(to: question)
    let terminal = ScriptedTerminal(lines: [], width: width)
    var runner = SessionRunner(
      engine: engine, knowledge: knowledge, terminal: terminal, store: FileStore(), printer: RecordingPrinter(),
      settings: RunnerSettings())
    runner.perform(reply.effects)
    text = terminal.output
    let topic = reply.topicID.flatMap { knowledge.topic($0) }
    let alerts = reply.alerts.map {
      JSONReply.AlertFields(kind: $0.kind, label: $0.label, message: $0.message, action: $0.action)
    }
    json = JSONReply(
      question: question, outcome: reply.kind, topicID: topic?.id, title: topic?.title, answer: topic?.answer,
      sources: knowledge.shortSources(topic?.sources ?? []), related: topic?.related ?? [],
      score: (reply.score * 1000).rounded() / 1000, choices: reply.choices, urgent: !alerts.isEmpty,
      alerts: alerts.isEmpty ? nil : alerts, alert: alerts.first, text: text)
  }

  /// The JSON text: one object, keys sorted, on one line.
  public func jsonText() -> String {
    JSONOutput.compact(json)
  }
}

/// JSON through `JSONEncoder` (FoundationEssentials): keys sorted, slashes not escaped.
public enum JSONOutput {
  /// `value` on one line.
  public static func compact(_ value: some Encodable) -> String {
    encode(value, formatting: [.sortedKeys, .withoutEscapingSlashes])
  }

  /// `value` indented by two spaces.
  public static func pretty(_ value: some Encodable) -> String {
    encode(value, formatting: [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted])
  }

  static func encode(_ value: some Encodable, formatting: JSONEncoder.OutputFormatting) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = formatting
    // Our types hold strings, numbers, booleans and lists only: encoding cannot fail.
    guard let data = try? encoder.encode(value) else { return "null" }
    return String(decoding: data, as: UTF8.self)
  }
}
