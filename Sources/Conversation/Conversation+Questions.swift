import KnowledgeBase
import Search
import TextAnalysis

extension Conversation {
  /// Answers a free question from the knowledge base, or says it cannot (see
  /// `answerQuestion` in Conversation+Context.swift).
  mutating func question(_ line: String, hint: MessageKey? = nil) -> [Effect] {
    answerQuestion(line, hint: hint).1
  }

  /// How a line touches on amounts of medicine.
  enum DoseReading {
    /// No amount, rate or schedule, asked or told.
    case none
    /// It asks for an amount, rate or schedule ("how much oxy can i take"): only the refusal.
    case request
    /// It tells one ("started at 10mg twice a day, now 80 ... is this normal") but asks
    /// something else: the refusal, then the answer to the rest, if a topic answers it.
    case mention
  }

  /// Whether a line asks for an amount, rate or schedule of medicine, only mentions one, or
  /// neither. Naloxone questions and prices are never dose questions.
  func doseReading(_ line: String) -> DoseReading {
    let tokens = safety.tokens(line)
    if tokens.contains(where: knowledge.doseQuestionExceptions.contains) { return .none }
    let amount = DoseDetector.firstDose(in: line) != nil
    // "what is between-dose withdrawal": a word's meaning, not an amount.
    if !amount, index.definedTerm(in: line) != nil { return .none }
    if dosePatterns.matchesAny(tokens) { return .request }
    // "im on 120 mg morphine a day, is that too much": the amount is asked about, not only told.
    if amount, doseJudging.matchesAny(tokens) { return .request }
    // "just a ballpark" right after a refusal asks for the same amount again.
    if session.followUp.doseRefused, doseAfterRefusal.matchesAny(tokens) { return .request }
    return amount ? .mention : .none
  }

  /// Shows a topic's short answer, sources and related topics, and records it as read.
  mutating func showTopic(_ id: String, oneShot: Bool = false) -> [Effect] {
    guard let topic = knowledge.topic(id) else { return [] }
    session.lastTopic = id
    session.followUp.detailShown = nil
    record.topicsRead.append(id)
    // Topic texts may name the region's numbers, such as {crisis_name} and {crisis}.
    var blocks: [Block] = [
      .heading(topic.title), .text(region.fill(topic.answer)), .sources(knowledge.shortSources(topic.sources)),
    ]
    let related = topic.related.prefix(2).compactMap { knowledge.topic($0)?.title }
    if !related.isEmpty {
      blocks.append(
        .text(text(.questionRelated).replacing("{topics}", with: related.map { "\"\($0)\"" }.joined(separator: ", "))))
    }
    if topic.detail != nil && !oneShot { blocks.append(.text(text(.questionMoreHint))) }
    return [.say(blocks)]
  }

  /// Lists groups, or the topics of one group, as numbered choices.
  func browseList(_ group: String?) -> [Effect] {
    if let group {
      let topics = knowledge.topics.filter { $0.group == group }
      let title = knowledge.groups.first { $0.id == group }?.title ?? group
      return [
        .say(
          [.heading(title)] + topics.enumerated().map { .option($0.offset + 1, $0.element.title) } + [
            .text(text(.browseHint))
          ])
      ]
    }
    return [
      .say(
        [.text(text(.browseIntro))] + knowledge.groups.enumerated().map { .option($0.offset + 1, $0.element.title) } + [
          .text(text(.browseHint))
        ])
    ]
  }

  mutating func browseAnswer(_ line: String, group: String?) -> [Effect] {
    let number = Int(AnswerParser.key(line))
    if let group {
      let topics = knowledge.topics.filter { $0.group == group }
      if let number, let topic = topics[safe: number - 1] { return showTopic(topic.id) }
    } else {
      let chosen =
        number.flatMap { knowledge.groups[safe: $0 - 1] }
        ?? knowledge.groups.first { AnswerParser.key($0.title) == AnswerParser.key(line) || $0.id == line.lowercased() }
      if let chosen {
        session.history.append(position)
        position.activity = .browse(group: chosen.id)
        return browseList(chosen.id)
      }
    }
    // Not a choice: treat it as a question and leave browsing.
    if position.activity != nil { position.activity = nil }
    return question(line)
  }
}
