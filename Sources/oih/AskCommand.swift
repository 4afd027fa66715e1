import App
import ArgumentParser
import LineEditor

/// `oih ask`: answer one question and exit.
struct Ask: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Answer one question from the knowledge base and exit.",
    discussion: """
      The question is always a question, answered as in a session (safety check first, never a \
      dose, follow-ups and small talk understood), but numbers and commands do not pick from a \
      menu: "quit" gets a note that commands work in a session. With --json, prints one object: \
      question, outcome ("answer", "more", "choices", "unknown", "small-talk", "glossary", \
      "warning-signs", "doctor-questions", "dose", "urgent", "command" or "empty"), text (exactly \
      what the text form prints), topic_id, title, answer, sources, related (the topic shown, or \
      the closest one for choices; null and empty otherwise), choices (id and title of each topic \
      offered), urgent and alerts (kind, label, message, action), and for some outcomes term, \
      intent or detail. See README.md. Exit status 0 when a reply was given.
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
    let regionID = try reporting { () throws(AppError) in try loaded.regionID(region) }
    let reply = OneShot(
      question, loaded: loaded, region: regionID, date: SystemClock().today(), width: Terminal.width(fd: 1) ?? 80)
    Console.out(json ? reply.jsonText() + "\n" : reply.text)
  }
}
