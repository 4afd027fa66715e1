import ArgumentParser
import Conversation
import FoundationEssentials
import LineEditor
import KnowledgeBase
import Rendering
import Search
import Summary

/// `oih ask`: answer one question and exit.
struct Ask: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Answer one question from the knowledge base and exit.",
    discussion: """
      With --json, prints one object with these fields: question, topic_id, title, answer, sources \
      (short forms), related (topic ids), score (ranking score, 0 when none), outcome ("answer", \
      "choices", "unknown", "dose" or "urgent"), choices (topic ids offered when unsure), urgent \
      (true when a red flag fired) and alerts (kind, label, message, action) when urgent. \
      Exit status 0 when a reply was given.
      """)

  @OptionGroup var knowledgeOptions: KnowledgeOptions
  @Option(help: ArgumentHelp("Region for emergency numbers.", valueName: "CODE"))
  var region: String?
  @Flag(help: "Print one JSON object instead of text.")
  var json = false
  @Argument(help: "The question, in your own words.")
  var question: String

  func run() throws {
    let loaded = try knowledgeOptions.load()
    let knowledge = loaded.knowledge
    let regionID = region.flatMap { knowledge.region($0)?.id } ?? knowledge.defaultRegion
    if let region, knowledge.region(region) == nil {
      throw ValidationError("unknown region '\(region)'. Use one of: \(knowledge.regions.map(\.id).joined(separator: ", ")).")
    }
    let reply = OneShot.answer(question, knowledge: knowledge, index: loaded.index, safety: loaded.safety, region: regionID)
    if json {
      Console.out(reply.json() + "\n")
    } else {
      let renderer = Renderer(width: Terminal.widthOr80(), color: false, knowledge: knowledge) { _ in "" }
      for effect in reply.effects { Console.out(renderer.render(effect) ?? "") }
    }
  }
}

/// One question answered outside a session, with the same safety gate and ranking.
struct OneShot {
  var question: String
  var outcome = "unknown"
  var topic: Topic?
  var sources: [String] = []
  var score = 0.0
  var choices: [String] = []
  var alerts: [Alert] = []
  var effects: [Effect] = []

  static func answer(_ question: String, knowledge: Knowledge, index: SearchIndex, safety: RedFlagMatcher, region: String) -> OneShot {
    var reply = OneShot(question: question)
    var engine = Conversation(
      knowledge: knowledge, index: index, safety: safety,
      options: Conversation.Options(region: region, date: Today.string(), guide: "welcome"))
    _ = engine.start()
    reply.effects = engine.handle(.line(question)).filter {
      if case .prompt = $0 { return false }
      return true
    }
    for effect in reply.effects {
      if case .urgent(let alert) = effect { reply.alerts.append(alert) }
    }
    if !reply.alerts.isEmpty {
      reply.outcome = "urgent"
      reply.effects = reply.effects.filter {
        if case .urgent = $0 { return true }
        return false
      }
      return reply
    }
    if engine.isDoseQuestionPublic(question) {
      reply.outcome = "dose"
      return reply
    }
    switch index.outcome(for: question) {
    case .answer(let hit):
      reply.outcome = "answer"
      reply.topic = knowledge.topic(hit.topicID)
      // Topic texts may name the region's numbers, such as {crisis}.
      if let place = knowledge.region(region) ?? knowledge.region(knowledge.defaultRegion), let topic = reply.topic {
        reply.topic?.answer = place.fill(topic.answer)
        reply.topic?.detail = topic.detail.map(place.fill)
      }
      reply.score = hit.score
    case .choices(let hits):
      reply.outcome = "choices"
      reply.choices = hits.map(\.topicID)
      reply.score = hits.first?.score ?? 0
    case .unknown:
      reply.outcome = "unknown"
      reply.score = index.search(question, limit: 1).first?.score ?? 0
    }
    reply.sources = knowledge.shortSources(reply.topic?.sources ?? [])
    return reply
  }

  func json() -> String {
    var object: [String: JSON] = [
      "question": .string(question), "outcome": .string(outcome), "urgent": .bool(!alerts.isEmpty),
      "score": .number((score * 1000).rounded() / 1000), "sources": JSON(sources), "related": JSON(topic?.related ?? []),
      "choices": JSON(choices),
    ]
    object["topic_id"] = JSON(topic?.id)
    object["title"] = JSON(topic?.title)
    object["answer"] = JSON(topic?.answer)
    if !alerts.isEmpty {
      let list = alerts.map { JSON(["kind": $0.kind, "label": $0.label, "message": $0.message, "action": $0.action]) }
      object["alerts"] = .array(list)
      object["alert"] = list[0]
    }
    return JSON.object(object).compact
  }
}
