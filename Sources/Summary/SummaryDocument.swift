import Conversation
import KnowledgeBase
import TextAnalysis

/// The content of a summary, before it is written as text, Markdown or HTML.
///
/// Every string here comes from the session record or the knowledge base; the writers only add
/// punctuation and markup.
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

  /// A piece of a section.
  enum Block: Sendable, Equatable {
    /// A paragraph.
    case paragraph(String)
    /// A list with an optional label (a small heading), bulleted or numbered.
    case list(label: String?, items: [String], numbered: Bool)
    /// Red flags raised.
    case alerts([AlertLine])
    /// Cited sources.
    case citations([Citation])
    /// Empty lines to write on by hand.
    case writingLines(Int)
  }

  /// What a section is, for the HTML class names.
  enum Kind: String, Sendable, Equatable {
    case alerts, check, notes, questions, topics, visit, sources
  }

  /// A headed section.
  struct Section: Sendable, Equatable {
    var kind: Kind
    var heading: String
    var blocks: [Block]
  }

  var title: String
  var date: String
  var disclaimer: String
  var sections: [Section]
  var footer: String

  /// How many lines the "notes from my visit" area has.
  static let writingLineCount = 6

  /// Builds the content of `record`'s summary.
  init(record: SessionRecord, knowledge: Knowledge) {
    let region = knowledge.region(record.region) ?? knowledge.region(knowledge.defaultRegion)
    func text(_ key: MessageKey) -> String {
      let raw = knowledge.text(key)
      return Self.clean(region?.fill(raw) ?? raw)
    }
    let none = text(.summaryEmpty)
    var cited: [String] = []
    func cite(_ ids: [String]) {
      for id in ids where !cited.contains(id) { cited.append(id) }
    }

    title = text(.summaryTitle)
    date = text(.summaryDate).replacing("{date}", with: record.date)
    disclaimer = text(.summaryDisclaimer)
    footer = text(.summaryFooter)
    sections = []

    // Red flags raised, once per flag, in the order they were raised.
    var seenFlags: Set<String> = []
    var alerts: [AlertLine] = []
    for alert in record.alerts where seenFlags.insert(alert.flagID).inserted {
      alerts.append(AlertLine(label: Self.clean(alert.label), action: Self.clean(alert.action)))
      cite(knowledge.redFlags.first { $0.id == alert.flagID }?.sources ?? [])
    }
    if !alerts.isEmpty {
      sections.append(Section(kind: .alerts, heading: text(.summaryAlertsHeading), blocks: [.alerts(alerts)]))
    }

    // The symptom check.
    var check: [Block] = []
    if let id = record.checkID, let checklist = knowledge.checklist(id),
      record.checkDone || !record.answers.isEmpty || !record.skipped.isEmpty
    {
      let result = CheckResult.score(checklist, answers: record.answers)
      let fits = result.counted.map { "\($0.item.finding) (+\($0.points))" }
      let elsewhere = result.elsewhere.map(\.finding)
      let context = result.context.map(\.finding)
      // Unanswered items count as skipped once the check is done; before that, only the ones the
      // person chose to skip (the rest were never reached).
      let skipped = result.skipped.filter { record.checkDone || record.skipped.contains($0.id) }.map(\.text)
      // Fits, elsewhere and skipped always show (with "None."); background only when it applies.
      let groups: [(MessageKey, [String], Bool)] = [
        (.summaryFits, fits, true), (.summaryElsewhere, elsewhere, true), (.summaryContext, context, false),
        (.summarySkipped, skipped, true),
      ]
      for (key, items, always) in groups where always || !items.isEmpty {
        check.append(.list(label: text(key), items: items.isEmpty ? [none] : items.map(Self.clean), numbered: false))
      }
      if record.checkDone, let band = result.band {
        check.append(
          .paragraph(
            text(.summaryBand).replacing("{band}", with: band.label)
              .replacing("{score}", with: String(result.score))))
      }
      if let peg = result.peg {
        check.append(
          .paragraph(text(.summaryPeg).replacing("{score}", with: CheckResult.formatPEG(peg))))
      }
      cite(result.counted.flatMap(\.item.sources))
      cite(result.elsewhere.flatMap(\.sources))
      cite(result.context.flatMap(\.sources))
      if result.peg != nil {
        cite(checklist.items.filter { checklist.pegItems.contains($0.id) }.flatMap(\.sources))
      }
    } else {
      check.append(.paragraph(text(.summaryCheckNotDone)))
    }
    sections.append(Section(kind: .check, heading: text(.summaryCheckHeading), blocks: check))

    // The person's notes.
    let notes = record.notes.map(Self.clean).filter { !$0.isEmpty }
    sections.append(
      Section(
        kind: .notes, heading: text(.summaryNotesHeading),
        blocks: [notes.isEmpty ? .paragraph(none) : .list(label: nil, items: notes, numbered: false)]))

    // Questions for the doctor: picked from the list, then their own.
    var questions: [String] = []
    var seenQuestions: Set<String> = []
    for id in record.pickedQuestions where seenQuestions.insert(id).inserted {
      guard let question = knowledge.doctorQuestion(id) else { continue }
      questions.append(Self.clean(question.text))
      cite(question.sources)
    }
    questions += record.ownQuestions.map(Self.clean).filter { !$0.isEmpty }
    sections.append(
      Section(
        kind: .questions, heading: text(.summaryQuestionsHeading),
        blocks: [questions.isEmpty ? .paragraph(none) : .list(label: nil, items: questions, numbered: true)]))

    // Topics read.
    var topics: [String] = []
    var seenTopics: Set<String> = []
    for id in record.topicsRead where seenTopics.insert(id).inserted {
      guard let topic = knowledge.topic(id) else { continue }
      topics.append(Self.clean(topic.title))
      cite(topic.sources)
    }
    sections.append(
      Section(
        kind: .topics, heading: text(.summaryTopicsHeading),
        blocks: [topics.isEmpty ? .paragraph(none) : .list(label: nil, items: topics, numbered: false)]))

    // Room to write during the visit.
    sections.append(
      Section(kind: .visit, heading: text(.summaryVisitHeading), blocks: [.writingLines(Self.writingLineCount)]))

    // Sources, in the order first cited.
    let citations = cited.compactMap { knowledge.source($0) }.map {
      Citation(short: Self.clean($0.short), url: Self.clean($0.url))
    }
    sections.append(
      Section(
        kind: .sources, heading: text(.summarySourcesHeading),
        blocks: [citations.isEmpty ? .paragraph(none) : .citations(citations)]))
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
