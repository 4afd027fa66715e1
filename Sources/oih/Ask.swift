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
      The question is always a question: numbers and commands do not pick from a menu. With \
      --json, prints one object: question, outcome ("answer", "more", "choices", "unknown", \
      "small-talk", "glossary", "warning-signs", "doctor-questions", "dose", "urgent", "command" \
      or "empty"), text (exactly what the text form prints), topic_id, title, answer, sources, \
      related (the topic shown, or the closest one for choices; null and empty otherwise), \
      choices (id and title of each topic offered), urgent and alerts (kind, label, message, \
      action), and for some outcomes term, intent or detail. See README.md. Exit status 0 when \
      a reply was given.
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
    let engine = Conversation(
      knowledge: knowledge, index: loaded.index, safety: loaded.safety,
      options: Conversation.Options(region: regionID, date: Today.string(), guide: "welcome"))
    let output = AskOutput(question: question, engine: engine, knowledge: knowledge)
    let renderer = Renderer(width: Terminal.widthOr80(), color: false, knowledge: knowledge) { _ in "" }
    Console.out(json ? output.json(renderer) + "\n" : output.text(renderer))
  }
}
