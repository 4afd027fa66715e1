import App
import ArgumentParser
import LineEditor

/// `oih ask`: answer one question and exit.
struct Ask: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Answer one question from the knowledge base and exit.",
    discussion: """
      The question is answered as in a session (safety check first, never a dose), but menu words \
      and commands are not: "quit" is a question here. With --json, prints one object with these \
      fields: question, topic_id, title, answer, sources (short forms), related (topic ids), score \
      (ranking score, 0 when none), outcome ("answer", "choices", "unknown", "dose" or "urgent"), \
      choices (topic ids offered when unsure), urgent (true when a red flag fired), alerts and \
      alert (kind, label, message, action) when urgent, and text (exactly what is shown without \
      --json). Exit status 0 when a reply was given.
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
