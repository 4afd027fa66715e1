import Conversation
import KnowledgeBase
import TextAnalysis

/// The content of a summary, before it is written as text, Markdown or HTML.
///
/// Every string here comes from the session record or the knowledge base; the writers only add
/// punctuation and markup. The first section is for the clinician (safety messages, medicines,
/// what matters most, PEG, every answer of the signs check); the person's own sections follow.
struct SummaryDocument: Sendable, Equatable {
  /// A cited source: its short form and where to read it.
  struct Citation: Sendable, Equatable {
    var short: String
    var url: String
  }

  /// A red flag raised: its heading and the action advised.
  struct AlertLine: Sendable, Equatable {
    var label: String
    var action: String
  }

  /// One answer of the signs check.
  struct AnswerRow: Sendable, Equatable {
    /// The item's short label.
    var question: String
    /// The answer given ("yes", "not changed", "skipped").
    var answer: String
    /// Whether the answer points to a cause to check first.
    var marked: Bool
  }

  /// The answers of the signs check, as a table.
  struct AnswerTable: Sendable, Equatable {
    /// The column headings.
    var questionHeader: String
    var answerHeader: String
    /// What a mark means ("points to a cause to check first").
    var markMeaning: String
    var rows: [AnswerRow]
    /// Whether a line after the table must say what a mark means: some answer is marked and no
    /// result line says it (the check was left part way).
    var explainMark: Bool
  }

  /// A piece of a section.
  enum Block: Sendable, Equatable {
    /// A paragraph.
    case paragraph(String)
    /// A labelled value on one line: "Pain medicines I take: oxycodone".
    case field(label: String, value: String)
    /// A list with an optional label (a small heading), bulleted or numbered from `start`.
    case list(label: String?, items: [String], numbered: Bool, start: Int)
    /// Red flags raised, under a label.
    case alerts(label: String, [AlertLine])
    /// The signs check's answers.
    case answers(AnswerTable)
    /// Cited sources.
    case citations([Citation])
    /// Empty lines to write on by hand.
    case writingLines(Int)
  }

  /// What a section is, for the HTML class names.
  enum Kind: String, Sendable, Equatable {
    case clinician, questions, notes, topics, visit, sources
  }

  /// A headed section.
  struct Section: Sendable, Equatable {
    var kind: Kind
    var heading: String
    var blocks: [Block]
    /// Blocks follow each other without a blank line (the clinician's block, kept short).
    var compact = false
  }

  var title: String
  var date: String
  var disclaimer: String
  var sections: [Section]
  var footer: String
  /// The paper the person's region uses, for the HTML's page size.
  var paper: Paper

  /// How many lines the "notes from my visit" area has.
  static let writingLineCount = 3

  /// Builds the content of `record`'s summary.
  init(record: SessionRecord, knowledge: Knowledge) {
    var builder = Builder(record: record, knowledge: knowledge)
    title = builder.text(.summaryTitle)
    date = builder.text(.summaryDate).replacing("{date}", with: record.date)
    disclaimer = builder.text(.summaryDisclaimer)
    footer = builder.text(.summaryFooter)
    paper = Paper.forRegion(record.region)
    // The person's sections only when they hold something, so a usual session fits one page.
    sections = [builder.clinician()] + [builder.questions(), builder.notes(), builder.topics()].compactMap { $0 }
    sections.append(
      Section(kind: .visit, heading: builder.text(.summaryVisitHeading), blocks: [.writingLines(Self.writingLineCount)])
    )
    // Sources last, in the order first cited.
    if let sources = builder.sources() { sections.append(sources) }
  }

  /// Makes `text` one line: escape sequences go (`TerminalText.filter`); control characters,
  /// line breaks and runs of white space become one space, and the ends are trimmed. A form feed
  /// in a note must not start a new page.
  static func clean(_ text: String) -> String {
    var out = ""
    var pendingSpace = false
    for scalar in TerminalText.filter(text, keepNewlines: false, controlsBecomeSpaces: true).unicodeScalars {
      let isSpace =
        scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
        || scalar.properties.generalCategory == .lineSeparator
        || scalar.properties.generalCategory == .paragraphSeparator
      if isSpace {
        pendingSpace = !out.isEmpty
        continue
      }
      if pendingSpace {
        out.unicodeScalars.append(" ")
        pendingSpace = false
      }
      out.unicodeScalars.append(scalar)
    }
    return out
  }
}

extension SummaryDocument {
  /// Builds the sections one by one, collecting the sources they cite.
  struct Builder {
    let record: SessionRecord
    let knowledge: Knowledge
    let region: Region
    /// Source ids in the order first cited.
    var cited: [String] = []

    init(record: SessionRecord, knowledge: Knowledge) {
      self.record = record
      self.knowledge = knowledge
      region = knowledge.regionOrAll(record.region)
    }

    /// A message, with the region's numbers filled in, as one line.
    func text(_ key: MessageKey) -> String { fill(knowledge.text(key)) }

    func fill(_ raw: String) -> String { SummaryDocument.clean(region.fill(raw)) }

    var none: String { text(.summaryEmpty) }

    mutating func cite(_ ids: [String]) {
      for id in ids where !cited.contains(id) { cited.append(id) }
    }

    /// "For your clinician": safety messages, medicines, what matters most, PEG and the signs
    /// check, each answer on a row.
    mutating func clinician() -> Section {
      var blocks: [Block] = []
      // Red flags raised, once per flag, in the order they were raised.
      var seenFlags: Set<String> = []
      var alerts: [AlertLine] = []
      for alert in record.alerts where seenFlags.insert(alert.flagID).inserted {
        alerts.append(AlertLine(label: clean(alert.label), action: clean(alert.action)))
        cite(knowledge.redFlags.first { $0.id == alert.flagID }?.sources ?? [])
      }
      let alertsLabel = text(.summaryAlertsHeading)
      blocks.append(alerts.isEmpty ? .field(label: alertsLabel, value: none) : .alerts(label: alertsLabel, alerts))
      let notAnswered = text(.summaryNotAnswered)
      let medicines = record.medicines.map(clean).filter { !$0.isEmpty }
      blocks.append(
        .field(
          label: text(.summaryMedicines), value: medicines.isEmpty ? notAnswered : medicines.joined(separator: ", ")))
      let goal = clean(record.visitGoal ?? "")
      blocks.append(.field(label: text(.summaryGoal), value: goal.isEmpty ? notAnswered : goal))
      blocks += check()
      return Section(kind: .clinician, heading: text(.summaryClinicianHeading), blocks: blocks, compact: true)
    }

    /// The PEG line, the result and the table of answers; one line when the check was not done.
    mutating func check() -> [Block] {
      guard let id = record.checkID, let checklist = knowledge.checklist(id),
        record.checkDone || !record.answers.isEmpty || !record.skipped.isEmpty
      else { return [.paragraph(text(.summaryCheckNotDone))] }
      var blocks: [Block] = []
      let result = CheckResult.score(checklist, answers: record.answers)
      let items = Dictionary(checklist.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
      // The PEG's three parts and their average.
      let pegItems = checklist.pegItems.compactMap { items[$0] }
      let pegStarted = pegItems.contains { record.answers[$0.id] != nil || record.skipped.contains($0.id) }
      if !pegItems.isEmpty && (record.checkDone || pegStarted) {
        let parts = pegItems.map { "\(clean($0.label)) \(answer(for: $0))" }.joined(separator: ", ")
        if let peg = result.peg {
          let average = CheckResult.formatPEG(peg)
          blocks.append(
            .paragraph(text(.summaryPeg).replacing("{parts}", with: parts).replacing("{score}", with: average)))
        } else {
          blocks.append(.paragraph(text(.summaryPegIncomplete).replacing("{parts}", with: parts)))
        }
        cite(pegItems.flatMap(\.sources))
      }
      // The result: causes to check first lead, else the band. None until the check is done.
      let maximum = String(CheckResult.maximumScore(checklist))
      if record.checkDone {
        let score = String(result.score)
        if result.pointsElsewhereFirst {
          let line = text(.summaryElsewhereFirst).replacing("{score}", with: score).replacing("{max}", with: maximum)
          blocks.append(.paragraph(line))
        } else if let band = result.band {
          let line = text(.summaryBand).replacing("{band}", with: clean(band.label)).replacing("{score}", with: score)
          blocks.append(.paragraph(line.replacing("{max}", with: maximum)))
        }
      }
      // Every other item, with the answer given.
      var rows: [AnswerRow] = []
      for item in checklist.items where item.role != .peg {
        let given = record.answers[item.id]
        let marked = item.role == .elsewhere && given.map { item.when.contains($0) } == true
        rows.append(AnswerRow(question: clean(item.label), answer: answer(for: item), marked: marked))
      }
      blocks.append(
        .answers(
          AnswerTable(
            questionHeader: text(.summaryAnswersQuestion), answerHeader: text(.summaryAnswersAnswer),
            markMeaning: text(.summaryAnswersMarked), rows: rows,
            explainMark: rows.contains(where: \.marked) && !(record.checkDone && result.pointsElsewhereFirst))))
      cite(result.counted.flatMap(\.item.sources))
      cite(result.elsewhere.flatMap(\.sources))
      cite(result.context.flatMap(\.sources))
      return blocks
    }

    /// The answer to `item` as the summary shows it: the answer, an extra answer's short word
    /// ("not changed"), "skipped", or "not reached" in a check left part way.
    func answer(for item: CheckItem) -> String {
      if let given = record.answers[item.id] {
        if item.also.contains(given) {
          return fill(knowledge.message(CheckAnswers.messageID(given, .summary)))
        }
        return clean(given)
      }
      if record.skipped.contains(item.id) || record.checkDone { return text(.summaryAnswerSkipped) }
      return text(.summaryAnswerNotReached)
    }

    /// Questions for the doctor: the first five chosen as most important, then the rest; nil
    /// when there are none.
    mutating func questions() -> Section? {
      var questions: [String] = []
      for choice in record.questions {
        switch choice {
        case .listed(let id):
          guard let question = knowledge.doctorQuestion(id) else { continue }
          questions.append(clean(question.text))
          cite(question.sources)
        case .own(let typed):
          let typed = clean(typed)
          if !typed.isEmpty { questions.append(typed) }
        }
      }
      guard !questions.isEmpty else { return nil }
      let top = SessionRecord.topQuestionCount
      var blocks: [Block] = [
        .list(label: text(.summaryQuestionsTop), items: Array(questions.prefix(top)), numbered: true, start: 1)
      ]
      if questions.count > top {
        blocks.append(
          .list(
            label: text(.summaryQuestionsMore), items: Array(questions.dropFirst(top)), numbered: true, start: top + 1))
      }
      return Section(kind: .questions, heading: text(.summaryQuestionsHeading), blocks: blocks)
    }

    /// The person's notes; nil when there are none.
    func notes() -> Section? {
      let notes = record.notes.map(clean).filter { !$0.isEmpty }
      guard !notes.isEmpty else { return nil }
      return Section(
        kind: .notes, heading: text(.summaryNotesHeading),
        blocks: [.list(label: nil, items: notes, numbered: false, start: 1)])
    }

    /// Topics read; nil when none.
    mutating func topics() -> Section? {
      var topics: [String] = []
      for id in record.topicsRead {
        guard let topic = knowledge.topic(id) else { continue }
        topics.append(clean(topic.title))
        cite(topic.sources)
      }
      guard !topics.isEmpty else { return nil }
      return Section(
        kind: .topics, heading: text(.summaryTopicsHeading),
        blocks: [.list(label: nil, items: topics, numbered: false, start: 1)])
    }

    /// Sources, in the order first cited; nil when nothing was cited.
    func sources() -> Section? {
      let citations = cited.compactMap { knowledge.source($0) }.map {
        Citation(short: clean($0.short), url: clean($0.url))
      }
      guard !citations.isEmpty else { return nil }
      return Section(kind: .sources, heading: text(.summarySourcesHeading), blocks: [.citations(citations)])
    }

    func clean(_ text: String) -> String { SummaryDocument.clean(text) }
  }
}
