import Conversation
import KnowledgeBase
import TextAnalysis

/// `oih knowledge stats`: counts and the reading-level spread of the knowledge base.
public enum KnowledgeStats {
  /// The report, one line each.
  ///
  /// - Parameter k: The knowledge base.
  /// - Returns: Counts, then the Flesch-Kincaid grade spread of each kind of text.
  public static func lines(_ k: Knowledge) -> [String] {
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
    return lines
  }

  /// One line: median, maximum and a count per grade band.
  static func spread(_ name: String, _ grades: [Double]) -> String {
    guard !grades.isEmpty else { return "  \(name): none" }
    let sorted = grades.sorted()
    let median = sorted[sorted.count / 2]
    let bands: [(Double, Double, String)] = [(-100, 4, "<4"), (4, 6, "4-6"), (6, 8, "6-8"), (8, 100, ">8")]
    let counts = bands.map { band in "\(band.2): \(grades.filter { $0 >= band.0 && $0 < band.1 }.count)" }
    return "  \(name): median \(decimalText(median, places: 1)), max \(decimalText(sorted.last ?? 0, places: 1)); "
      + counts.joined(separator: ", ")
  }
}

/// `oih guide validate`: every problem in guide files, examples included.
public enum GuideCheck {
  /// The report and the number of errors.
  ///
  /// - Parameters:
  ///   - files: Guide files.
  ///   - loaded: The knowledge base they use.
  /// - Returns: One line per diagnostic, then a count line; and the error count.
  public static func run(_ files: [String], loaded: Loaded) -> (lines: [String], errors: Int) {
    var lines: [String] = []
    var errors = 0
    for file in files {
      let (guide, diagnostics) = GuideLoader.load(path: file, knowledge: loaded.knowledge)
      var all = diagnostics
      if let guide {
        all += Conversation.checkExamples(
          guide, knowledge: loaded.knowledge, index: loaded.index, safety: loaded.safety)
      }
      lines += all.map(\.description)
      errors += all.filter { $0.severity == .error }.count
    }
    lines.append("\(errors) error(s) in \(files.count) file(s)")
    return (lines, errors)
  }
}

/// `oih knowledge validate`: every problem in a knowledge folder; with none, the validation stamp.
public enum KnowledgeCheck {
  /// Checks the folder, writes or removes its validation stamp, and reports.
  ///
  /// - Parameters:
  ///   - dir: The knowledge folder.
  ///   - quiet: Leave warnings out of the report.
  /// - Returns: One line per diagnostic and a count line; and whether there were no errors.
  public static func run(_ dir: String, quiet: Bool) -> (lines: [String], passed: Bool) {
    let (knowledge, diagnostics) = KnowledgeLoader.check(dir)
    let errors = diagnostics.filter { $0.severity == .error }
    let warnings = diagnostics.filter { $0.severity == .warning }
    var lines = diagnostics.filter { !(quiet && $0.severity == .warning) }.map(\.description)
    lines.append("\(errors.count) error(s), \(warnings.count) warning(s) in \(dir)")
    guard errors.isEmpty else {
      ValidationStamp.remove(in: dir)
      return (lines, false)
    }
    if let program = ValidationStamp.programIdentity(version: Version.current) {
      ValidationStamp.write(in: dir, program: program, fingerprint: knowledge.fingerprint)
    }
    return (lines, true)
  }
}

/// `oih knowledge review --due`: what is due for review, oldest first.
public enum KnowledgeReview {
  /// The lines to print for `dir`: read errors first (for stderr), then one line per entry that
  /// is due, then a count.
  ///
  /// - Parameters:
  ///   - dir: The knowledge folder.
  ///   - months: How many months a review stays current.
  /// - Returns: Errors for stderr and lines for stdout.
  public static func run(_ dir: String, months: Int) -> (errors: [String], lines: [String]) {
    // Reading is enough: review dates do not depend on the slower checks.
    let (knowledge, diagnostics) = KnowledgeLoader.readOnly(dir)
    let errors = diagnostics.filter { $0.severity == .error }.map(\.description)
    let entries = ReviewSchedule.due(knowledge, today: ReviewDay.today(), months: months)
    let total = ReviewSchedule.entries(knowledge).count
    return (
      errors,
      entries.map(\.description)
        + [
          "\(entries.count) of \(total) entries due for review (reviewed \(months) or more months ago, or never) in \(dir)"
        ]
    )
  }
}
