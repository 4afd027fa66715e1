import App
import ArgumentParser
import KnowledgeBase

/// `oih knowledge`: check, count and export the knowledge base.
struct KnowledgeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "knowledge",
    abstract: "Validate, count or export the knowledge base.",
    subcommands: [Validate.self, Stats.self, Export.self, Review.self])

  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Report every problem as path:line:column: error: ... (exit 1 on any error).",
      discussion: """
        With no errors, it also writes \(ValidationStamp.fileName) in the folder: a note that this build \
        checked these exact files, so starting oih does not repeat the content checks until a file \
        (or the program) changes. It holds only a hash; deleting it is always safe.
        """)
    @Argument(help: "The knowledge folder (default: the bundled one).") var directory: String?
    @Flag(help: "Hide warnings.") var quiet = false

    func run() throws {
      let dir = try reporting { () throws(AppError) in try KnowledgeFolder.find(directory) }
      let report = KnowledgeCheck.run(dir, quiet: quiet)
      Console.out(report.lines.joined(separator: "\n") + "\n")
      if !report.passed { throw ExitCode.failure }
    }
  }

  struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List what is due for review, oldest first, as path:line: kind id reviewed DATE.",
      discussion: """
        Topics, sources, red flags and regions carry `reviewed: YYYY-MM-DD` (glossary terms, doctor \
        questions and check items are listed when they carry one). An entry is due when its date is \
        --months or more ago, or when it has no date. Work down the list: check the entry against \
        its sources, fix what changed, set `reviewed:` to today, then run `oih knowledge validate`. \
        See Knowledge/README.md.
        """)
    @Argument(help: "The knowledge folder (default: the bundled one).") var directory: String?
    @Flag(help: "List the entries that are due (the only listing there is).") var due = false
    @Option(help: "How many months a review stays current.") var months = ReviewSchedule.defaultMonths

    func validate() throws {
      guard months > 0 else { throw ValidationError("--months must be 1 or more") }
    }

    func run() throws {
      let dir = try reporting { () throws(AppError) in try KnowledgeFolder.find(directory) }
      let report = KnowledgeReview.run(dir, months: months)
      report.errors.forEach(Console.error)
      for line in report.lines { Console.out(line + "\n") }
    }
  }

  struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print counts and the reading-level spread.")
    @OptionGroup var knowledgeOptions: KnowledgeOptions

    func run() throws {
      Console.out(KnowledgeStats.lines(try knowledgeOptions.load().knowledge).joined(separator: "\n") + "\n")
    }
  }

  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print every entry with stable field names, for other tools.",
      discussion: """
        JSON fields of each entry: id, kind (topic, glossary, red-flag, doctor-question, check-item, source), \
        title, answer, detail, asks, related, sources. Fields that do not apply are empty strings or lists. \
        See Knowledge/README.md.
        """)
    @OptionGroup var knowledgeOptions: KnowledgeOptions
    @Flag(help: "Print JSON (the only format).") var json = false

    func run() throws {
      let k = try knowledgeOptions.load().knowledge
      let entries = KnowledgeExport.entries(k)
      Console.out(JSONOutput.pretty(entries) + "\n")
    }
  }
}
