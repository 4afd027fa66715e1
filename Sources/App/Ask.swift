import Conversation
import FoundationEssentials
import KnowledgeBase

/// `oih ask`: one question answered outside a session. The text and the JSON come from the same
/// `Conversation.ask` reply, shown through the same `SessionRunner` as a session, so they never
/// disagree.
public struct OneShot: Sendable {
  /// The reply, as JSON fields (`oih ask --json`; see README "oih ask").
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

    /// One topic offered when several are close.
    public struct Choice: Codable, Sendable, Equatable {
      /// The topic id.
      public var id: String
      /// Its title, as the numbered list shows it.
      public var title: String
    }

    /// The question as asked.
    public var question: String
    /// What kind of reply (`ReplyOutcome.name`): answer, more, choices, unknown, small-talk,
    /// glossary, warning-signs, doctor-questions, dose, urgent, command or empty.
    public var outcome: String
    /// The topic shown (for choices, the closest one, whose first line is shown), or nil.
    public var topicID: String?
    /// Its title, or nil.
    public var title: String?
    /// Its short answer, or nil.
    public var answer: String?
    /// Its sources (short forms).
    public var sources: [String]
    /// Its related topic ids.
    public var related: [String]
    /// The topics offered when several are close, best first.
    public var choices: [Choice]
    /// Whether a red flag fired.
    public var urgent: Bool
    /// The alerts, most urgent first (empty unless urgent).
    public var alerts: [AlertFields]
    /// The glossary term asked about (`glossary`, or `answer` with a definition first).
    public var term: String?
    /// The small-talk intent (`small-talk`).
    public var intent: String?
    /// The longer explanation shown (`more`).
    public var detail: String?
    /// For `urgent`, what the line got as a question after the alerts (an outcome name, such
    /// as `answer`), when its kinds answer questions after the alert; else nil.
    public var then: String?
    /// Exactly the text `oih ask` without `--json` shows.
    public var text: String

    enum CodingKeys: String, CodingKey {
      case question, outcome
      case topicID = "topic_id"
      case title, answer, sources, related, choices, urgent, alerts, term,
        intent, detail, then, text
    }

    /// Encodes every field; a missing topic is written as `null`, not left out. `term`, `intent`,
    /// `detail` and `then` appear only for the outcomes that have them.
    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(question, forKey: .question)
      try container.encode(outcome, forKey: .outcome)
      try container.encode(topicID, forKey: .topicID)
      try container.encode(title, forKey: .title)
      try container.encode(answer, forKey: .answer)
      try container.encode(sources, forKey: .sources)
      try container.encode(related, forKey: .related)
      try container.encode(choices, forKey: .choices)
      try container.encode(urgent, forKey: .urgent)
      try container.encode(alerts, forKey: .alerts)
      try container.encodeIfPresent(term, forKey: .term)
      try container.encodeIfPresent(intent, forKey: .intent)
      try container.encodeIfPresent(detail, forKey: .detail)
      try container.encodeIfPresent(then, forKey: .then)
      try container.encode(text, forKey: .text)
    }
  }

  /// The engine's reply.
  public var reply: Reply
  /// The text shown for it.
  public var text: String
  /// The same reply as JSON fields.
  public var json: JSONReply

  /// Answers `question` with a fresh engine (no menu: a number or a command is not a menu
  /// choice), rendered through the session runner.
  ///
  /// - Parameters:
  ///   - question: What the person asked.
  ///   - loaded: The knowledge base, index and matcher.
  ///   - region: The region id; nil shows every region's numbers, as a session does.
  ///   - date: Today (YYYY-MM-DD).
  ///   - width: The width to wrap the text at.
  public init(_ question: String, loaded: Loaded, region: String?, date: String, width: Int) {
    let knowledge = loaded.knowledge
    var engine = Conversation(
      knowledge: knowledge, index: loaded.index, safety: loaded.safety,
      options: Conversation.Options(region: region, date: date, guide: "welcome"))
    reply = engine.ask(question)
    let terminal = ScriptedTerminal(lines: [], width: width)
    var runner = SessionRunner(
      engine: engine, knowledge: knowledge, terminal: terminal, store: FileStore(), printer: RecordingPrinter(),
      settings: RunnerSettings())
    runner.perform(reply.effects)
    text = terminal.output
    json = Self.fields(question, outcome: reply.outcome, text: text, knowledge: knowledge)
  }

  static func fields(_ question: String, outcome: ReplyOutcome, text: String, knowledge: Knowledge) -> JSONReply {
    let topic = outcome.topicID.flatMap { knowledge.topic($0) }
    var json = JSONReply(
      question: question, outcome: outcome.name, topicID: topic?.id, title: topic?.title, answer: topic?.answer,
      sources: knowledge.shortSources(topic?.sources ?? []), related: topic?.related ?? [], choices: [],
      urgent: false, alerts: [], text: text)
    switch outcome {
    case .answer(_, let definition):
      json.term = definition
    case .more:
      json.detail = topic?.detail
    case .choices(let ids):
      // A list is not an answer: the best topic's fields are there for its first line.
      json.choices = ids.map { JSONReply.Choice(id: $0, title: knowledge.topic($0)?.title ?? $0) }
    case .smallTalk(let intent):
      json.intent = intent
    case .glossary(let term):
      json.term = term
    case .urgent(let alerts, let then):
      json.urgent = true
      json.alerts = alerts.map {
        JSONReply.AlertFields(kind: $0.kind, label: $0.label, message: $0.message, action: $0.action)
      }
      if let then {
        // The answer after the alerts: its fields as if it were the outcome.
        var answered = fields(question, outcome: then, text: text, knowledge: knowledge)
        answered.outcome = outcome.name
        answered.then = then.name
        answered.urgent = true
        answered.alerts = json.alerts
        json = answered
      }
    case .unknown, .warningSigns, .doctorQuestions, .dose, .command, .empty:
      break
    }
    return json
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
