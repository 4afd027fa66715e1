import ArgumentParser
import FoundationEssentials
import KnowledgeBase
import Rendering
import TextAnalysis

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
      let dir = try KnowledgeOptions.find(directory)
      let (knowledge, diagnostics) = KnowledgeLoader.check(dir)
      let errors = diagnostics.filter { $0.severity == .error }
      let warnings = diagnostics.filter { $0.severity == .warning }
      for diagnostic in diagnostics where !(quiet && diagnostic.severity == .warning) {
        Console.out(diagnostic.description + "\n")
      }
      Console.out("\(errors.count) error(s), \(warnings.count) warning(s) in \(dir)\n")
      guard errors.isEmpty else {
        ValidationStamp.remove(in: dir)
        throw ExitCode(1)
      }
      if let program = ValidationStamp.programIdentity(version: OIH.version) {
        ValidationStamp.write(in: dir, program: program, fingerprint: knowledge.fingerprint)
      }
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
      let dir = try KnowledgeOptions.find(directory)
      // Reading is enough: review dates do not depend on the slower checks.
      let (knowledge, diagnostics) = KnowledgeLoader.readOnly(dir)
      for diagnostic in diagnostics where diagnostic.severity == .error { Console.error(diagnostic.description) }
      let entries = ReviewSchedule.due(knowledge, today: ReviewDay.today(), months: months)
      for entry in entries { Console.out(entry.description + "\n") }
      let total = ReviewSchedule.entries(knowledge).count
      Console.out("\(entries.count) of \(total) entries due for review (reviewed \(months) or more months ago, or never) in \(dir)\n")
    }
  }

  struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print counts and the reading-level spread.")
    @OptionGroup var knowledgeOptions: KnowledgeOptions

    func run() throws {
      let k = try knowledgeOptions.load().knowledge
      let questions = k.doctorQuestions.flatMap(\.questions).count
      var lines = [
        "sources: \(k.sources.count)", "topics: \(k.topics.count)", "glossary terms: \(k.glossary.count)",
        "red flags: \(k.redFlags.count) in \(k.redFlagKinds.count) kinds", "regions: \(k.regions.count)",
        "doctor questions: \(questions) in \(k.doctorQuestions.count) themes",
        "symptom-check items: \(k.checklists.map(\.items.count).reduce(0, +))", "synonym groups: \(k.synonyms.count)",
        "guides: \(k.guides.count)", "example questions (asks): \(k.topics.map(\.asks.count).reduce(0, +))",
      ]
      let answers = k.topics.map { Readability.grade($0.answer) }
      let messages = k.redFlags.map { Readability.grade(k.region(k.defaultRegion)?.fill($0.message) ?? $0.message) }
      lines.append("reading level (Flesch-Kincaid grade):")
      lines.append(spread("topic answers", answers))
      lines.append(spread("red-flag messages", messages))
      lines.append(spread("doctor questions", k.doctorQuestions.flatMap(\.questions).map { Readability.grade($0.text) }))
      lines.append(spread("glossary definitions", k.glossary.map { Readability.grade($0.definition) }))
      Console.out(lines.joined(separator: "\n") + "\n")
    }

    func spread(_ name: String, _ grades: [Double]) -> String {
      guard !grades.isEmpty else { return "  \(name): none" }
      let sorted = grades.sorted()
      let median = sorted[sorted.count / 2]
      let bands: [(Double, Double, String)] = [(-100, 4, "<4"), (4, 6, "4-6"), (6, 8, "6-8"), (8, 100, ">8")]
      let counts = bands.map { band in "\(band.2): \(grades.filter { $0 >= band.0 && $0 < band.1 }.count)" }
      return "  \(name): median \(decimalText(median, places: 1)), max \(decimalText(sorted.last ?? 0, places: 1)); " + counts.joined(separator: ", ")
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
      Console.out(JSON(entries).pretty + "\n")
    }
  }
}
