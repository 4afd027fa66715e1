import Conversation
import Foundation
import KnowledgeBase
import Search

/// One row of a question split: what is expected, the line, and the line typed before it.
public struct SplitRow: Sendable, Equatable {
  /// A topic id, `none`, `smalltalk`, `glossary:TERM`, `warning-signs` (the test split's labeler
  /// writes `redflags`), `doctor-questions`, `dose` or `urgent`; two or three of them joined by
  /// `|` when any is right.
  public var expected: String
  /// The line scored.
  public var line: String
  /// The line typed just before it (follow-ups), asked first and not scored.
  public var previous: String?

  /// Creates a row.
  public init(expected: String, line: String, previous: String? = nil) {
    self.expected = expected
    self.line = line
    self.previous = previous
  }

  /// The acceptable answers: `expected` split at `|`, with `redflags` read as `warning-signs`.
  public var accepted: [String] {
    expected.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      .map { $0 == "redflags" ? "warning-signs" : $0 }
  }
}

/// The shares the issue asks for, over one split.
public struct SplitScore: Sendable {
  /// Lines scored.
  public var rows = 0
  /// A direct reply that is right.
  public var strict = 0
  /// Right, or the first of the choices is right.
  public var lenient = 0
  /// Lines answered with a list of choices.
  public var choices = 0
  /// Lines answered "I do not have an answer".
  public var unknown = 0
  /// Lines where a red-flag alert came first (the safety gate answers before any search).
  public var urgent = 0
  /// The rows that were not strictly right, with what the program made of them.
  public var misses: [(SplitRow, ReplyOutcome)] = []

  /// Creates an empty score.
  public init() {}

  /// `count` as a percentage of the rows, one decimal.
  public func percent(_ count: Int) -> String { String(format: "%.1f%%", Double(count) / Double(max(1, rows)) * 100) }
}

/// Scoring the program on question splits (`oih-bench eval`, `ablation`, `tune-decision` and
/// the search tests' floors): one judge for all of them.
public enum QuestionSplit {
  /// Reads `expected<TAB>line[<TAB>previous line]` files; `#` lines are comments.
  ///
  /// - Parameter paths: The files of one split.
  /// - Returns: Their rows in order; a file that cannot be read gives none.
  public static func read(_ paths: [String]) -> [SplitRow] {
    paths.flatMap { path -> [SplitRow] in
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
      return text.split(separator: "\n").compactMap { raw in
        let line = String(raw)
        guard !line.hasPrefix("#"), !line.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        let parts = line.components(separatedBy: "\t")
        guard parts.count >= 2 else { return nil }
        let previous = parts.count >= 3 && !parts[2].isEmpty ? parts[2] : nil
        return SplitRow(expected: parts[0].trimmingCharacters(in: .whitespaces), line: parts[1], previous: previous)
      }
    }
  }

  /// Whether `outcome` is right for `row`, strictly and leniently: any acceptable answer counts.
  public static func judge(_ outcome: ReplyOutcome, row: SplitRow, knowledge: Knowledge) -> (
    strict: Bool, lenient: Bool
  ) {
    let verdicts = row.accepted.map { judge(outcome, expected: $0, knowledge: knowledge) }
    return (verdicts.contains { $0.strict }, verdicts.contains { $0.lenient })
  }

  /// `judge` for one acceptable answer.
  static func judge(_ outcome: ReplyOutcome, expected: String, knowledge: Knowledge) -> (strict: Bool, lenient: Bool) {
    // An alert, then the answer (a question about mixing or stopping): the answer is judged.
    if expected != "urgent", expected != "none", case .urgent(_, let then?) = outcome {
      return judge(then, expected: expected, knowledge: knowledge)
    }
    switch expected {
    case "none":
      // No topic answers it: small talk, "no answer", or a command the line also is ("bye").
      switch outcome {
      case .smallTalk, .unknown, .command, .empty: return (true, true)
      case .answer, .more, .choices, .glossary, .warningSigns, .doctorQuestions, .dose, .urgent: return (false, false)
      }
    case "smalltalk":
      // A short reply: small talk, or the command the line also is ("bye" says goodbye with the
      // numbers, "help" lists what to type), as for `none`.
      switch outcome {
      case .smallTalk, .command: return (true, true)
      default: return (false, false)
      }
    case "warning-signs":
      return (outcome == .warningSigns, outcome == .warningSigns)
    case "doctor-questions":
      return (outcome == .doctorQuestions, outcome == .doctorQuestions)
    case "dose":
      return (outcome == .dose, outcome == .dose)
    case "urgent":
      if case .urgent = outcome { return (true, true) }
      return (false, false)
    default:
      break
    }
    if expected.hasPrefix("glossary:") {
      let term = String(expected.dropFirst("glossary:".count))
      switch outcome {
      case .glossary(let id): return (id == term, id == term)
      case .answer(_, let definition): return (definition == term, definition == term)
      case .more, .choices, .unknown, .smallTalk, .warningSigns, .doctorQuestions, .dose, .urgent, .command, .empty:
        return (false, false)
      }
    }
    switch outcome {
    case .answer(let topic, _), .more(let topic):
      return (topic == expected, topic == expected)
    case .choices(let ids):
      return (false, ids.first == expected)
    case .glossary(let id):
      let linked = knowledge.glossary.first { $0.id == id }?.topic
      return (false, linked == expected)
    case .unknown, .smallTalk, .warningSigns, .doctorQuestions, .dose, .urgent, .command, .empty:
      return (false, false)
    }
  }

  /// Scores `rows` through the engine's one-question path (`Conversation.ask`), a fresh engine
  /// per row; a row with a previous line asks that first.
  ///
  /// - Parameters:
  ///   - rows: The split.
  ///   - knowledge: The knowledge base.
  ///   - index: The search index (with the settings and features to measure).
  ///   - safety: The red-flag matcher.
  /// - Returns: The counts and the rows that were not strictly right.
  public static func score(_ rows: [SplitRow], knowledge: Knowledge, index: SearchIndex, safety: RedFlagMatcher)
    -> SplitScore
  {
    var score = SplitScore()
    let options = Conversation.Options(region: knowledge.defaultRegion, date: "2026-01-01")
    for row in rows {
      var engine = Conversation(knowledge: knowledge, index: index, safety: safety, options: options)
      if let previous = row.previous { _ = engine.ask(previous) }
      let outcome = engine.ask(row.line).outcome
      let (strict, lenient) = judge(outcome, row: row, knowledge: knowledge)
      score.rows += 1
      if strict { score.strict += 1 } else { score.misses.append((row, outcome)) }
      if lenient || strict { score.lenient += 1 }
      if case .choices = outcome { score.choices += 1 }
      if case .unknown = outcome { score.unknown += 1 }
      if case .urgent = outcome { score.urgent += 1 }
    }
    return score
  }

  /// A short description of an outcome, for lists of misses.
  public static func describe(_ outcome: ReplyOutcome) -> String {
    switch outcome {
    case .answer(let topic, let definition): return "answer \(topic)" + (definition.map { " (defines \($0))" } ?? "")
    case .more(let topic): return "more \(topic)"
    case .choices(let ids): return "choices \(ids.joined(separator: ", "))"
    case .smallTalk(let id): return "small talk \(id)"
    case .glossary(let id): return "glossary \(id)"
    case .urgent(let alerts, let then):
      return "urgent \(alerts.map(\.kind).joined(separator: ","))" + (then.map { ", then " + describe($0) } ?? "")
    case .command(let name): return "command \(name)"
    case .unknown, .warningSigns, .doctorQuestions, .dose, .empty: return outcome.name
    }
  }

  /// Whether a file may have its per-question results shown: never a test split.
  public static func mayShowRows(_ paths: [String]) -> Bool {
    !paths.contains { URL(fileURLWithPath: $0).lastPathComponent.contains("-test") }
  }
}
