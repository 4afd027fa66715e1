import KnowledgeBase
import Search
import TextAnalysis

extension Conversation {
  /// Answers a free question from the knowledge base, or says it cannot.
  mutating func question(_ line: String, hint: MessageKey? = nil) -> [Effect] {
    if isDoseQuestion(line) {
      return [.say([.text(fill(text(.questionDose)))])]
    }
    return answer(index.outcome(for: line), hint: hint)
  }

  /// The effects for a search outcome: the topic, numbered choices (the next line picks one) or
  /// "no answer".
  mutating func answer(_ outcome: SearchOutcome, hint: MessageKey?, choicesHint: Bool = true) -> [Effect] {
    switch outcome {
    case .answer(let hit):
      return showTopic(hit.topicID)
    case .choices(let hits):
      let ids = hits.map(\.topicID)
      session.history.append(position)
      position.activity = .choices(ids)
      var blocks: [Block] = [.text(text(.questionWeak))]
      for (number, id) in ids.enumerated() {
        blocks.append(.option(number + 1, knowledge.topic(id)?.title ?? id))
      }
      if choicesHint { blocks.append(.text(text(.choicesHint))) }
      return [.say(blocks)]
    case .unknown:
      var blocks: [Block] = [.text(fill(text(.questionUnknown)))]
      if let hint { blocks.append(.text(text(hint))) }
      return [.say(blocks)]
    }
  }

  /// Whether a question asks for an amount, rate or schedule of medicine.
  func isDoseQuestion(_ line: String) -> Bool {
    if DoseDetector.firstDose(in: line) != nil { return true }
    return dosePatterns.matchesAny(safety.tokens(line))
  }

  /// Shows a topic's short answer, sources and related topics, and records it as read.
  mutating func showTopic(_ id: String) -> [Effect] {
    guard let topic = knowledge.topic(id) else { return [] }
    session.lastTopic = id
    record.topicsRead.append(id)
    // Topic texts may name the region's numbers, such as {crisis_name} and {crisis}.
    var blocks: [Block] = [.heading(topic.title), .text(region.fill(topic.answer)), .sources(knowledge.shortSources(topic.sources))]
    let related = topic.related.prefix(2).compactMap { knowledge.topic($0)?.title }
    if !related.isEmpty {
      blocks.append(.text(text(.questionRelated).replacing("{topics}", with: related.map { "\"\($0)\"" }.joined(separator: ", "))))
    }
    if topic.detail != nil { blocks.append(.text(text(.questionMoreHint))) }
    return [.say(blocks)]
  }

  /// "Tell me more": the longer explanation of the last topic.
  mutating func more() -> [Effect] {
    guard let id = session.lastTopic, let topic = knowledge.topic(id) else { return [.say([.text(text(.moreNothing))])] }
    guard let detail = topic.detail else { return [.say([.text(text(.moreNone))])] }
    return [.say([.heading(topic.title), .text(region.fill(detail)), .sources(knowledge.shortSources(topic.sources))])]
  }

  /// Lists groups, or the topics of one group, as numbered choices.
  func browseList(_ group: String?) -> [Effect] {
    if let group {
      let topics = knowledge.topics.filter { $0.group == group }
      let title = knowledge.groups.first { $0.id == group }?.title ?? group
      return [.say([.heading(title)] + topics.enumerated().map { .option($0.offset + 1, $0.element.title) } + [.text(text(.browseHint))])]
    }
    return [.say([.text(text(.browseIntro))] + knowledge.groups.enumerated().map { .option($0.offset + 1, $0.element.title) } + [.text(text(.browseHint))])]
  }

  mutating func browseAnswer(_ line: String, group: String?) -> [Effect] {
    let number = Int(AnswerParser.key(line))
    if let group {
      let topics = knowledge.topics.filter { $0.group == group }
      if let number, let topic = topics[safe: number - 1] { return showTopic(topic.id) }
    } else {
      let chosen = number.flatMap { knowledge.groups[safe: $0 - 1] }
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

