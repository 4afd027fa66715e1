import KnowledgeBase
import Search
import TextAnalysis

/// What the engine made of one free line: the same for the chat, `oih ask` and `oih ask --json`.
public enum ReplyOutcome: Sendable, Equatable {
  /// A topic was shown; `definition` is the glossary term asked about (its definition is shown
  /// first unless the topic is the term's own).
  case answer(topic: String, definition: String?)
  /// The longer explanation of a topic (a follow-up, "tell me more").
  case more(topic: String)
  /// The closest topic's first line and two or three close topics to choose from, best first.
  case choices([String])
  /// Nothing in the knowledge base answers it.
  case unknown
  /// A small-talk reply (intent id).
  case smallTalk(String)
  /// A glossary definition (term id).
  case glossary(String)
  /// The warning signs: each kind of red flag and what to do.
  case warningSigns
  /// The questions to bring to the doctor.
  case doctorQuestions
  /// A dose question: sent to the prescriber.
  case dose
  /// A red flag fired: its alerts, and, when every kind that fired answers questions after its
  /// alert (`RedFlagKind.thenAnswer`), what the line got as a question after them.
  indirect case urgent([Alert], then: ReplyOutcome? = nil)
  /// A command, which only works in a session (`oih ask`).
  case command(String)
  /// The line had no readable text.
  case empty

  /// A short name for JSON and tables: "answer", "more", "choices", "unknown", "small-talk",
  /// "glossary", "warning-signs", "doctor-questions", "dose", "urgent", "command", "empty".
  public var name: String {
    switch self {
    case .answer: return "answer"
    case .more: return "more"
    case .choices: return "choices"
    case .unknown: return "unknown"
    case .smallTalk: return "small-talk"
    case .glossary: return "glossary"
    case .warningSigns: return "warning-signs"
    case .doctorQuestions: return "doctor-questions"
    case .dose: return "dose"
    case .urgent: return "urgent"
    case .command: return "command"
    case .empty: return "empty"
    }
  }

  /// The topic this outcome shows in full or in part, if any (the best one for choices).
  public var topicID: String? {
    switch self {
    case .answer(let topic, _), .more(let topic): return topic
    case .choices(let ids): return ids.first
    case .urgent(_, let then?): return then.topicID
    case .unknown, .smallTalk, .glossary, .warningSigns, .doctorQuestions, .dose, .urgent, .command, .empty: return nil
    }
  }
}

/// One line answered outside the chat's menus: the outcome and what to show.
public struct Reply: Sendable, Equatable {
  /// What the engine made of the line.
  public var outcome: ReplyOutcome
  /// What to show, in order (no prompt).
  public var effects: [Effect]
}

/// What the engine remembers between lines to keep context.
struct FollowUpState: Sendable, Equatable {
  /// The topic whose longer explanation was shown last ("tell me more" twice).
  var detailShown: String?
  /// The line before was refused as a dose question, so "just a rough number" asks it again.
  var doseRefused = false
}

extension Conversation {
  /// Answers one line as a question, the way `oih ask` does: the safety gate, then commands (which
  /// only work in a session), dose questions, and the same resolution the chat uses. The engine
  /// keeps context, so a second call is a follow-up on the first ("where do i get it").
  ///
  /// - Parameter raw: What the person typed.
  /// - Returns: The outcome and the effects to show.
  public mutating func ask(_ raw: String) -> Reply {
    let (full, report) = InputSanitizer.clean(raw)
    guard !full.isEmpty else {
      return Reply(outcome: .empty, effects: [.say([.text(text(report.removed ? .inputUnreadable : .askEmpty))])])
    }
    // The safety gate first, on every character, as in a session (`handleLine`).
    let matches = safety.matches(full, previous: session.previousLine)
    session.previousLine = Self.keptForNextLine(full, matches)
    let (line, truncated) = InputSanitizer.limited(full)
    if !matches.isEmpty {
      let alerts = matches.map { raise($0.flag) }
      let effects: [Effect] = alerts.map { .urgent($0) }
      guard answersAfterAlerts(matches, line: line), Command.parse(line) == nil else {
        return Reply(outcome: .urgent(alerts), effects: effects)
      }
      var copy = self
      let (outcome, body) = copy.answerQuestion(line, oneShot: true)
      guard Self.helpsAfterAlerts(outcome) else { return Reply(outcome: .urgent(alerts), effects: effects) }
      self = copy
      return Reply(outcome: .urgent(alerts, then: outcome), effects: effects + body)
    }
    let effects: [Effect] = truncated ? [.say([.text(text(.inputLong))])] : []
    // "tell me more" is a follow-up here, not a command.
    if let command = Command.parse(line), command != .more {
      let name = line.trimmingWhitespace()
      return Reply(
        outcome: .command(name), effects: effects + [.say([.text(text(.askCommand).replacing("{input}", with: name))])])
    }
    let (outcome, body) = answerQuestion(line, oneShot: true)
    return Reply(outcome: outcome, effects: effects + body)
  }

  /// Whether a line that raised `matches` is still answered as a question after the alerts:
  /// only a question ("can i...", "...?", "..., is that a problem": `questions.openings` and
  /// `questions.phrases` in phrasings.yaml), and only when every kind that fired says so
  /// (`then-answer` in redflags.yaml: mixing, stopping or an old dose), never for an acute danger.
  func answersAfterAlerts(_ matches: [RedFlagMatch], line: String) -> Bool {
    guard !matches.isEmpty,
      matches.allSatisfy({ match in knowledge.redFlagKinds.first { $0.id == match.flag.kind }?.thenAnswer == true })
    else { return false }
    if line.trimmingWhitespace().hasSuffix("?") { return true }
    let tokens = Normalizer.tokens(line)
    guard let first = tokens.first else { return false }
    if knowledge.phrasings.questionOpenings.contains(where: { Normalizer.tokens($0).first == first }) { return true }
    return knowledge.phrasings.questionPhrases.contains { phrase in
      let words = Normalizer.tokens(phrase)
      return !words.isEmpty && tokens.indices.contains { tokens[$0...].starts(with: words) }
    }
  }

  /// Whether an answer adds to the alerts: a topic, a definition or the dose refusal, not "I do
  /// not have an answer" or small talk.
  static func helpsAfterAlerts(_ outcome: ReplyOutcome) -> Bool {
    switch outcome {
    case .answer, .more, .choices, .glossary, .dose: return true
    case .unknown, .smallTalk, .warningSigns, .doctorQuestions, .urgent, .command, .empty: return false
    }
  }

  /// Answers a free question (after the safety gate and commands): a dose refusal, or what
  /// `SearchIndex.resolve` makes of it with the topic just shown as context.
  mutating func answerQuestion(_ line: String, oneShot: Bool = false, hint: MessageKey? = nil) -> (
    ReplyOutcome, [Effect]
  ) {
    let refusal: [Effect] = [.say([.text(fill(text(.questionDose)))])]
    let dose = doseReading(line)
    session.followUp.doseRefused = dose != .none
    if dose == .request { return (.dose, refusal) }
    if dose == .mention {
      // An amount told, not asked for: the refusal first, then a topic that answers the rest
      // (topic texts never hold doses; the validator checks). Anything else: the refusal alone.
      var trial = self
      let rest = DoseDetector.removingDoses(from: line)
      let (outcome, effects) = trial.resolveQuestion(rest, oneShot: oneShot, hint: hint)
      switch outcome {
      case .answer, .more, .glossary, .choices:
        self = trial
        return (outcome, refusal + effects)
      case .unknown, .smallTalk, .warningSigns, .doctorQuestions, .dose, .urgent, .command, .empty:
        return (.dose, refusal)
      }
    }
    let (outcome, effects) = resolveQuestion(line, oneShot: oneShot, hint: hint)
    // A feeling at the start of a longer line is acknowledged before the answer.
    if let id = index.opening(of: line), outcome != .smallTalk(id),
      let acknowledge = knowledge.smallTalk.first(where: { $0.id == id })?.acknowledge
    {
      return (outcome, [.say([.text(fill(acknowledge))])] + effects)
    }
    return (outcome, effects)
  }

  mutating func resolveQuestion(_ line: String, oneShot: Bool, hint: MessageKey?) -> (ReplyOutcome, [Effect]) {
    switch index.resolve(line, context: session.lastTopic) {
    case .topic(let hit, let definition):
      var effects: [Effect] = []
      // The definition goes first unless the topic is the term's own and names it in its answer
      // (which explains it anyway); "neuropathic" is defined before the nerve-pain medicines.
      if let definition, let term = knowledge.glossary.first(where: { $0.id == definition }),
        term.topic != hit.topicID || !names(knowledge.topic(hit.topicID)?.answer ?? "", term)
      {
        effects.append(.say([.text("\(term.term): \(term.definition)")]))
      }
      return (.answer(topic: hit.topicID, definition: definition), effects + showTopic(hit.topicID, oneShot: oneShot))
    case .more(let id):
      session.lastTopic = id
      return (.more(topic: id), more(oneShot: oneShot))
    case .choices(let hits):
      return (.choices(hits.map(\.topicID)), offer(hits.map(\.topicID), oneShot: oneShot))
    case .unknown:
      var blocks: [Block] = [.text(fill(text(.questionUnknown)))]
      if let hint, !oneShot { blocks.append(.text(text(hint))) }
      return (.unknown, [.say(blocks)])
    case .smallTalk(let id):
      let reply = knowledge.smallTalk.first { $0.id == id }?.reply ?? text(.questionUnknown)
      return (.smallTalk(id), [.say([.text(fill(reply))])])
    case .glossary(let id):
      return (.glossary(id), define(id, oneShot: oneShot))
    case .warningSigns:
      return (.warningSigns, warningSigns())
    case .doctorQuestions:
      if oneShot { return (.doctorQuestions, doctorQuestionList()) }
      return (.doctorQuestions, startPick())
    }
  }

  /// Whether `text` names the glossary `term` by its own name, or the short form in its
  /// brackets ("OIH"); an alias such as "nerve pain" for "neuropathic pain" does not count.
  func names(_ text: String, _ term: GlossaryTerm) -> Bool {
    let words = " " + Normalizer.tokens(text).joined(separator: " ") + " "
    return term.term.split(whereSeparator: { $0 == "(" || $0 == ")" }).contains { part in
      let key = Normalizer.tokens(String(part)).joined(separator: " ")
      return !key.isEmpty && words.contains(" " + key + " ")
    }
  }

  /// Close topics: the best one's title and first sentence, then all of them to choose from.
  mutating func offer(_ ids: [String], oneShot: Bool) -> [Effect] {
    guard let best = ids.first.flatMap({ knowledge.topic($0) }) else { return [] }
    if !oneShot {
      session.history.append(position)
      position.activity = .choices(ids)
    }
    session.lastTopic = best.id
    var blocks: [Block] = [
      .text(text(.questionWeak)), .heading(best.title), .text(TextFormatting.firstSentence(of: best.answer)),
    ]
    blocks.append(.text(text(.questionClose)))
    for (number, id) in ids.enumerated() {
      blocks.append(.option(number + 1, knowledge.topic(id)?.title ?? id))
    }
    blocks.append(.text(text(oneShot ? .askChoicesHint : .choicesHint)))
    return [.say(blocks)]
  }

  /// A glossary definition and, when the term has a topic, that topic to read next.
  mutating func define(_ id: String, oneShot: Bool) -> [Effect] {
    guard let term = knowledge.glossary.first(where: { $0.id == id }) else { return [] }
    var blocks: [Block] = [.heading(term.term), .text(term.definition), .sources(knowledge.shortSources(term.sources))]
    if let topicID = term.topic, let topic = knowledge.topic(topicID) {
      blocks.append(.text(text(.glossaryMore)))
      blocks.append(.option(1, topic.title))
      if !oneShot {
        session.history.append(position)
        position.activity = .choices([topicID])
      }
      session.lastTopic = topicID
      session.followUp.detailShown = nil
    }
    return [.say(blocks)]
  }

  /// Each kind of red flag (from redflags.yaml) with one thing to do.
  func warningSigns() -> [Effect] {
    var blocks: [Block] = [.heading(text(.warningsHeading)), .text(fill(text(.warningsIntro)))]
    for kind in knowledge.redFlagKinds {
      // The action most of the kind's flags share: the general one, not one for a single sign.
      let actions = knowledge.redFlags.filter { $0.kind == kind.id }.map(\.action)
      guard
        let action = actions.max(by: { a, b in actions.filter { $0 == a }.count < actions.filter { $0 == b }.count })
      else { continue }
      blocks.append(.bullet("\(kind.label): \(fill(action))"))
    }
    blocks.append(.text(fill(text(.warningsClosing))))
    let sources = knowledge.redFlagKinds.compactMap { kind in knowledge.redFlags.first { $0.kind == kind.id } }.flatMap(
      \.sources)
    var seen = Set<String>()
    blocks.append(.sources(knowledge.shortSources(sources.filter { seen.insert($0).inserted })))
    return [.say(blocks)]
  }

  /// The doctor questions as a list to read (outside a session, where they cannot be picked).
  func doctorQuestionList() -> [Effect] {
    var blocks: [Block] = [.text(text(.pickIntro))]
    var number = 1
    for theme in knowledge.doctorQuestions {
      blocks.append(.heading(theme.title))
      for question in theme.questions {
        blocks.append(.option(number, question.text))
        number += 1
      }
    }
    blocks.append(.text(text(.askPickHint)))
    return [.say(blocks)]
  }

  /// "Tell me more": the longer explanation of the last topic; asked again, the related topics
  /// to pick from.
  mutating func more(oneShot: Bool = false) -> [Effect] {
    guard let id = session.lastTopic, let topic = knowledge.topic(id) else {
      return [.say([.text(text(.moreNothing))])]
    }
    let related = topic.related.compactMap { knowledge.topic($0) }
    guard let detail = topic.detail, session.followUp.detailShown != id else {
      var blocks: [Block] = [.text(text(.moreNone))]
      for (number, other) in related.enumerated() { blocks.append(.option(number + 1, other.title)) }
      if !related.isEmpty && !oneShot {
        session.history.append(position)
        position.activity = .choices(related.map(\.id))
        blocks.append(.text(text(.choicesHint)))
      }
      return [.say(blocks)]
    }
    session.followUp.detailShown = id
    return [.say([.heading(topic.title), .text(region.fill(detail)), .sources(knowledge.shortSources(topic.sources))])]
  }
}
