import App
import ArgumentParser
import KnowledgeBase
import TextAnalysis

/// `oih knowledge`: check, count and export the knowledge base.
struct KnowledgeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "knowledge",
    abstract: "Validate, count or export the knowledge base.",
    subcommands: [Validate.self, Stats.self, Export.self])

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
      if let program = ValidationStamp.programIdentity(version: Version.current) {
        ValidationStamp.write(in: dir, program: program, fingerprint: knowledge.fingerprint)
      }
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
      Console.out(JSONOutput.pretty(entries) + "\n")
    }
  }
}
