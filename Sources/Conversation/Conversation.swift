import KnowledgeBase
import Search
import TextAnalysis

/// The conversation engine: a pure state machine. Values in, values out; no I/O, no clock.
///
/// Every line passes, in order: the safety gate (red flags), the global commands (matched
/// exactly), the current step of the active guide or activity, and otherwise is a question
/// answered from the knowledge base.
public struct Conversation: Sendable {
  /// Something that happened outside the engine.
  public enum Event: Sendable, Equatable {
    /// The person typed a line.
    case line(String)
    /// Nobody typed for the idle timeout (kiosk).
    case idleTimeout
    /// Ctrl-C or SIGINT.
    case interrupt
    /// End of input (Ctrl-D, end of a pipe, SIGTERM).
    case endOfInput
    /// A save or print the engine asked for was carried out.
    case outcome(Outcome)
  }

  /// Fixed settings for a session.
  public struct Options: Sendable, Equatable {
    /// Region id for numbers.
    public var region: String
    /// Today's date, YYYY-MM-DD (the engine has no clock).
    public var date: String
    /// The guide the session starts in (and `/menu` returns to).
    public var guide: String
    /// Kiosk mode: no saving, resets instead of quitting.
    public var kiosk: Bool
    /// Kiosk: seconds of the "are you still there" countdown, for the message.
    public var countdownSeconds: Int
    /// Kiosk: printer name shown to staff.
    public var printer: String?
    /// Kiosk: where people collect their prints ("at the front desk"); the message
    /// `kiosk.pickup` when nil.
    public var pickup: String?
    /// Kiosk: seconds the "collect your print" message stays before the reset.
    public var printedSeconds: Int

    /// Creates options.
    public init(
      region: String, date: String, guide: String = "welcome", kiosk: Bool = false, countdownSeconds: Int = 30, printer: String? = nil,
      pickup: String? = nil, printedSeconds: Int = 8
    ) {
      self.region = region
      self.date = date
      self.guide = guide
      self.kiosk = kiosk
      self.countdownSeconds = countdownSeconds
      self.printer = printer
      self.pickup = pickup
      self.printedSeconds = printedSeconds
    }
  }

  /// What the engine is doing, for tests and the state diagram.
  public enum Phase: String, Sendable, Equatable {
    case welcome, menu, topic, question, symptomCheck, pickQuestions, summary, guide, confirm, goodbye
  }

  /// An activity that takes over input for a while.
  enum Activity: Sendable, Equatable {
    /// Symptom check at item `index`.
    case check(id: String, index: Int)
    /// Picking doctor questions.
    case pick
    /// Search offered these topics as numbered choices.
    case choices([String])
    /// Browsing: choosing a group, or a topic within a group.
    case browse(group: String?)
    /// Waiting for yes/no to overwrite a file.
    case confirmOverwrite(SaveRequest)
  }

  struct Position: Sendable, Equatable {
    var node: String
    var activity: Activity?
  }

  let knowledge: Knowledge
  let index: SearchIndex
  let safety: RedFlagMatcher
  let options: Options
  let region: Region
  let answers: AnswerParser
  let dosePatterns: [PhrasePattern]

  /// The record the summary is made from.
  public internal(set) var record: SessionRecord
  /// The current phase.
  public internal(set) var phase: Phase = .welcome
  var guide: Guide
  var position: Position
  var history: [Position] = []
  var variables: [String: String] = [:]
  var lastTopic: String?
  var previousLine: String?
  var alertJustRaised = false
  var idleWarned = false
  var ended = false

  /// Creates an engine.
  ///
  /// - Parameters:
  ///   - knowledge: The validated knowledge base.
  ///   - index: The search index built from it.
  ///   - safety: The red-flag matcher built from it.
  ///   - options: Region, date, starting guide and mode.
  ///   - guide: A guide to run instead of the one named in `options` (for `oih guide run FILE`).
  public init(knowledge: Knowledge, index: SearchIndex, safety: RedFlagMatcher, options: Options, guide: Guide? = nil) {
    self.knowledge = knowledge
    self.index = index
    self.safety = safety
    self.options = options
    let region = knowledge.region(options.region) ?? knowledge.region(knowledge.defaultRegion)
    self.region = region ?? Region(id: "US", name: "United States", emergency: "911", crisis: "988", crisisName: "988", urgent: "", sources: [], location: SourceLocation(file: "", line: 1, column: 1))
    self.answers = AnswerParser(words: knowledge.answerWords)
    self.dosePatterns = knowledge.doseQuestionPatterns.compactMap { PhrasePattern($0) }
    let chosen = guide ?? knowledge.guide(options.guide) ?? knowledge.guides.first
    self.guide = chosen ?? Guide(id: "empty", title: "", start: "start", nodes: [:], order: [], file: "", startLocation: SourceLocation(file: "", line: 1, column: 1))
    self.position = Position(node: self.guide.start, activity: nil)
    self.record = SessionRecord(date: options.date, region: self.region.id)
  }

  /// The welcome: title, disclaimer, region, then the guide's first node, then a prompt.
  public mutating func start() -> [Effect] { welcome() + [prompt()] }

  mutating func welcome() -> [Effect] {
    phase = .welcome
    var blocks: [Block] = [.heading(text(.welcomeTitle)), .text(fill(text(.welcomeDisclaimer))), .text(fill(text(.welcomeRegion)))]
    if options.kiosk {
      blocks.append(.text(fill(text(.kioskStaff)).replacing("{printer}", with: options.printer ?? "default")))
    }
    var effects: [Effect] = [.say(blocks)]
    effects += enter(guide.start, remember: false)
    return effects
  }

  /// Handles one event and returns what to do, in order.
  ///
  /// - Parameter event: What happened.
  /// - Returns: Effects for the run loop to render or perform.
  public mutating func handle(_ event: Event) -> [Effect] {
    guard !ended else { return [] }
    switch event {
    case .line(let raw):
      idleWarned = false
      return handleLine(raw)
    case .interrupt:
      // In a kiosk /quit does not leave, so Ctrl-C explains /done instead.
      return [.say([.text(text(options.kiosk ? .kioskQuit : .interrupt))]), prompt()]
    case .endOfInput:
      if options.kiosk { return reset() + [prompt()] }
      return quit()
    case .idleTimeout:
      guard options.kiosk else { return [prompt()] }
      if idleWarned { return reset() + [prompt()] }
      idleWarned = true
      let message = text(.kioskIdle).replacing("{seconds}", with: String(options.countdownSeconds))
      return [.say([.text(message)]), prompt()]
    case .outcome(let outcome):
      return handleOutcome(outcome) + (ended ? [] : [prompt()])
    }
  }

  // MARK: - Lines

  mutating func handleLine(_ raw: String) -> [Effect] {
    let (line, report) = InputSanitizer.clean(raw)
    var effects: [Effect] = []
    if report.truncated { effects.append(.say([.text(text(.inputLong))])) }
    if report.removed && line.isEmpty { effects.append(.say([.text(text(.inputUnreadable))])) }
    guard !line.isEmpty else { return effects + [prompt()] }

    // 1. Safety gate, before anything else.
    let matches = safety.matches(line, previous: previousLine)
    previousLine = line
    if !matches.isEmpty {
      for match in matches { effects.append(.urgent(raise(match.flag))) }
      alertJustRaised = true
      effects.append(.say([.text(text(.alertResume))]))
      return effects + repeatStep() + [prompt()]
    }
    if alertJustRaised {
      alertJustRaised = false
      if answers.isDenial(line) && !expectsYesNo {
        return effects + [.say([.text(fill(text(.alertDenial)))])] + repeatStep() + [prompt()]
      }
    }

    // 2. Global commands, matched exactly; 3. the current step; 4. otherwise a question.
    let body = Command.parse(line).map { run($0) } ?? step(line)
    return effects + body + (ended ? [] : [prompt()])
  }

  var expectsYesNo: Bool {
    if case .check(let id, let index)? = position.activity,
      let item = knowledge.checklist(id)?.items[safe: index]
    {
      return item.answer == .yesno
    }
    if case .confirmOverwrite? = position.activity { return true }
    if case .ask(let ask)? = guide.nodes[position.node]?.input, position.activity == nil { return ask.kind == .yesno }
    return false
  }

  mutating func raise(_ flag: RedFlag) -> Alert {
    let label = knowledge.redFlagKind(flag.kind)?.label ?? flag.kind.uppercased()
    let alert = Alert(
      flagID: flag.id, kind: flag.kind, label: label, message: fill(flag.message), action: fill(flag.action),
      emergency: region.emergency)
    record.alerts.append(AlertRecord(flagID: flag.id, kind: flag.kind, label: label, action: alert.action))
    return alert
  }

  // MARK: - Helpers

  func text(_ key: MessageKey) -> String { knowledge.text(key) }

  func fill(_ text: String) -> String {
    var out = region.fill(text)
    for (name, value) in variables { out = out.replacing("{\(name)}", with: value) }
    return out
  }

  /// The prompt, with Tab completions for commands and the current choices.
  func prompt() -> Effect {
    var words = Command.completions(kiosk: options.kiosk)
    if position.activity == nil, case .choose(let options)? = guide.nodes[position.node]?.input {
      words += options.flatMap { $0.words }
    }
    return .prompt(completions: words)
  }

  mutating func quit() -> [Effect] {
    ended = true
    phase = .goodbye
    return [.say([.text(fill(text(.goodbye)))]), .end]
  }

  /// Kiosk reset: forget everything about the person and start again.
  mutating func reset() -> [Effect] {
    record = SessionRecord(date: options.date, region: region.id)
    history = []
    variables = [:]
    lastTopic = nil
    previousLine = nil
    alertJustRaised = false
    idleWarned = false
    position = Position(node: guide.start, activity: nil)
    return [.say([.text(text(.kioskReset))]), .clearHistory, .clearScreen] + welcome()
  }
}

extension Array {
  subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
