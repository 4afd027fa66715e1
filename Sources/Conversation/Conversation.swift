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
    /// End of input (Ctrl-D, end of a pipe). At a terminal with an unsaved summary this asks
    /// "Save or print your summary first?" once; at that question it leaves.
    case endOfInput
    /// SIGTERM or SIGHUP: the program must stop now, so it says goodbye without asking anything
    /// (a kiosk resets instead).
    case terminate
    /// A save or print the engine asked for was carried out.
    case outcome(Outcome)
  }

  /// Fixed settings for a session.
  public struct Options: Sendable, Equatable {
    /// Region id for numbers; `nil` asks the person once and shows every region's numbers
    /// until one is chosen.
    public var region: String?
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
    /// A person at a terminal can answer questions (input is not a pipe or a script): only then
    /// does leaving or starting over ask "Save or print your summary first?". Never in a kiosk.
    public var interactive: Bool
    /// Kiosk: where people collect their prints ("at the front desk"); the message
    /// `kiosk.pickup` when nil.
    public var pickup: String?
    /// Kiosk: seconds the "collect your print" message stays before the reset.
    public var printedSeconds: Int

    /// Creates options.
    public init(
      region: String?, date: String, guide: String = "welcome", kiosk: Bool = false, countdownSeconds: Int = 30,
      printer: String? = nil, interactive: Bool = false, pickup: String? = nil, printedSeconds: Int = 8
    ) {
      self.region = region
      self.date = date
      self.guide = guide
      self.kiosk = kiosk
      self.countdownSeconds = countdownSeconds
      self.printer = printer
      self.interactive = interactive
      self.pickup = pickup
      self.printedSeconds = printedSeconds
    }
  }

  /// What the next line will be taken as, derived from the state (never stored): for tests and
  /// the state diagram.
  public enum Phase: String, Sendable, Equatable, CaseIterable {
    /// Before `start()`.
    case welcome
    /// At the first node of the welcome guide (the main menu).
    case menu
    /// At any other node of a guide.
    case guide
    /// Browsing topic groups or the topics of a group.
    case browse
    /// Search offered numbered topics to choose from.
    case choices
    /// Answering the symptom check.
    case symptomCheck
    /// Picking questions for the prescriber.
    case pickQuestions
    /// Waiting for yes or no to replace a file.
    case confirm
    /// Asked "Save or print your summary first?" before leaving or starting over (or one of its
    /// follow-up questions: a file name, "leave without saving?", "replace the file?").
    case leaving
    /// The session is over.
    case goodbye
  }

  /// An activity that takes over input for a while.
  enum Activity: Sendable, Equatable {
    /// Symptom check at item `index`.
    case check(id: String, index: Int)
    /// Picking doctor questions: choosing a theme, in a theme, or typing their own.
    case pick(PickStep)
    /// Search offered these topics as numbered choices.
    case choices([String])
    /// Browsing: choosing a group, or a topic within a group.
    case browse(group: String?)
    /// Waiting for yes/no to overwrite a file.
    case confirmOverwrite(SaveRequest)
  }

  /// Where the person is while picking doctor questions.
  enum PickStep: Sendable, Equatable {
    /// The list of themes (and "write my own question").
    case themes
    /// The questions of the theme at this index of `Knowledge.doctorQuestions`.
    case theme(Int)
    /// The next line is their own question.
    case own
  }

  /// A node of the guide, and the activity running there, if any.
  struct Position: Sendable, Equatable {
    var node: String
    var activity: Activity?
  }

  /// Where the conversation stands. Each case carries what it needs; nothing else is stored.
  enum Stage: Sendable, Equatable {
    /// Created, the welcome not shown yet.
    case notStarted
    /// At a step of the guide.
    case at(Position)
    /// Asking whether to save or print before leaving or starting over.
    case leaving(Leaving)
    /// The person quit; every later event is ignored.
    case ended
  }

  /// The "Save or print your summary first?" question and what follows it. It knows what it
  /// will do once the person has answered, and where "go back" returns to.
  struct Leaving: Sendable, Equatable {
    /// What happens after the summary is saved or printed, or the person goes on without it.
    enum After: Sendable, Equatable {
      /// End the session (`/quit`, Ctrl-D, the menu's Quit, "bye", the end of a guide).
      case quit
      /// Start over (`/restart`).
      case restart
    }

    /// The question showing.
    enum Step: Sendable, Equatable {
      /// Save, print, go on without saving, or go back.
      case choose
      /// A file name, or Enter for the default one.
      case fileName
      /// "Leave without saving?" yes or no.
      case confirm
      /// The file exists: replace it? yes or no.
      case overwrite(SaveRequest)
    }

    /// What happens at the end.
    var after: After
    /// The question showing.
    var step: Step
    /// Where "go back" returns.
    var from: Position
  }

  /// Everything about the person using the program, in one value: a kiosk reset replaces it
  /// whole (`session = Session(...)`), so no field can be forgotten.
  public struct Session: Sendable, Equatable {
    /// The record the summary is made from (alerts, answers, topics, picks, notes).
    public internal(set) var record: SessionRecord
    /// Where the conversation stands.
    var stage: Stage = .notStarted
    /// Earlier positions, for `/back`.
    var history: [Position] = []
    /// Guide variables (answers to `ask` steps, check results).
    var variables: [String: String] = [:]
    /// The topic shown last, for `/more` and for follow-ups ("where do i get it").
    var lastTopic: String?
    /// What else follow-ups need (the longer explanation already shown).
    var followUp = FollowUpState()
    /// The line before, so a red-flag phrase split across two lines still matches.
    var previousLine: String?
    /// An alert was shown for the line before (a denial now gets a reply, not a new topic).
    var alertJustRaised = false
    /// Kiosk: "are you still there" is showing; the next idle timeout resets.
    var idleWarned = false
    /// The welcome asked for the region and the next line may answer it.
    var regionPending = false
    /// The record as it was last saved or printed, so leaving asks only about what is not kept.
    var keptRecord: SessionRecord?

    /// A session that has not started, with an empty record.
    ///
    /// - Parameters:
    ///   - date: Today, YYYY-MM-DD.
    ///   - region: The region id.
    public init(date: String, region: String) {
      record = SessionRecord(date: date, region: region)
    }

    /// A new session that keeps only the alerts of `old` (for `/restart`: safety information
    /// stays visible).
    init(keepingAlertsOf old: Session) {
      self.init(date: old.record.date, region: old.record.region)
      record.alerts = old.record.alerts
    }
  }

  let knowledge: Knowledge

  /// The end of a line, kept so that a phrase split over two lines still matches, unless a
  /// pattern raised an alert on it: joining a handled line to the next one would raise alerts the
  /// next line does not call for. An alert of the second net alone keeps it: that alert is a
  /// general one ("my dad is on morphine and i cant" is read as an emergency), and the next
  /// line ("wake him up") may complete the danger it only guessed at.
  static func keptForNextLine(_ line: String, _ matches: [RedFlagMatch]) -> String? {
    matches.allSatisfy(\.isFromSecondNet) ? InputSanitizer.tail(line) : nil
  }
  let index: SearchIndex
  let safety: RedFlagMatcher
  let options: Options
  /// The region whose numbers fill every text (the person's choice, kept in the session); the
  /// combined "every region" stand-in until one is chosen.
  var region: Region { knowledge.region(session.record.region) ?? everyRegion }
  /// The "every region" stand-in (`Knowledge.regionOrAll`), made once: every text filled before
  /// a region is chosen needs it, the welcome's included.
  let everyRegion: Region
  let answers: AnswerParser
  /// The dose phrase lists and the medicine names, built when a line first needs them rather
  /// than before the welcome (about 2 ms of a start).
  let readers: Lazy<Readers>
  /// Marks a question as asking for a dose, amount or schedule.
  var dosePatterns: PhraseList { readers.value.dosePatterns }
  /// With an amount in the line, asks to judge it ("is that too much").
  var doseJudging: PhraseList { readers.value.doseJudging }
  /// Right after a refusal, asks for the amount anyway ("just a ballpark").
  var doseAfterRefusal: PhraseList { readers.value.doseAfterRefusal }
  /// Reads a line of medicine names (`filter: medicine-names`).
  var medicineNames: MedicineNames { readers.value.medicineNames }

  /// What `readers` holds.
  struct Readers: Sendable {
    let dosePatterns: PhraseList
    let doseJudging: PhraseList
    let doseAfterRefusal: PhraseList
    let medicineNames: MedicineNames

    init(_ knowledge: Knowledge) {
      dosePatterns = PhraseList(knowledge.doseQuestionPatterns.compactMap { PhrasePattern($0) })
      doseJudging = PhraseList(knowledge.doseJudgingPatterns.compactMap { PhrasePattern($0) })
      doseAfterRefusal = PhraseList(knowledge.doseAfterRefusalPatterns.compactMap { PhrasePattern($0) })
      medicineNames = MedicineNames(knowledge.medicines)
    }
  }

  let guide: Guide
  /// Everything about the person; the rest of the engine is configuration.
  public internal(set) var session: Session

  /// The record the summary is made from.
  public internal(set) var record: SessionRecord {
    get { session.record }
    set { session.record = newValue }
  }

  /// The current position (the start node before the welcome and after the end).
  var position: Position {
    get {
      switch session.stage {
      case .at(let position): return position
      case .leaving(let leaving): return leaving.from
      case .notStarted, .ended: return Position(node: guide.start, activity: nil)
      }
    }
    set { session.stage = .at(newValue) }
  }

  /// Whether the person quit.
  var ended: Bool { session.stage == .ended }

  /// What the next line will be taken as, derived from the state.
  public var phase: Phase {
    switch session.stage {
    case .notStarted: return .welcome
    case .ended: return .goodbye
    case .leaving: return .leaving
    case .at(let position):
      switch position.activity {
      case .check?: return .symptomCheck
      case .pick?: return .pickQuestions
      case .choices?: return .choices
      case .browse?: return .browse
      case .confirmOverwrite?: return .confirm
      case nil:
        if case .browse? = guide.nodes[position.node]?.input { return .browse }
        return position.node == guide.start && guide.id == "welcome" ? .menu : .guide
      }
    }
  }

  /// Kiosk: what the next read should wait for, from the state.
  var wait: Prompt.Wait {
    guard options.kiosk else { return .forever }
    return session.idleWarned ? .countdown : .idle
  }

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
    self.answers = AnswerParser(words: knowledge.answerWords)
    self.readers = Lazy { Readers(knowledge) }
    let chosen = guide ?? knowledge.guide(options.guide) ?? knowledge.guides.first
    self.guide =
      chosen
      ?? Guide(
        id: "empty", title: "", start: "start", nodes: [:], order: [], file: "",
        startLocation: SourceLocation(file: "", line: 1, column: 1))
    self.everyRegion = knowledge.regionOrAll(nil)
    self.session = Session(date: options.date, region: "")
    session.record.region = startRegion.id
  }

  /// The welcome: title, disclaimer, region, then the guide's first node, then a prompt.
  public mutating func start() -> [Effect] { welcome() + [prompt()] }

  /// The region of `options`, or the "every region" stand-in when none is set.
  var startRegion: Region { options.region.flatMap { knowledge.region($0) } ?? everyRegion }

  mutating func welcome() -> [Effect] {
    record.region = startRegion.id
    session.regionPending = record.region.isEmpty
    let regionText = session.regionPending ? text(.regionAsk) : text(.welcomeRegion)
    var blocks: [Block] = [
      .heading(text(.welcomeTitle)), .text(fill(text(.welcomeDisclaimer))), .text(fill(regionText)),
    ]
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
      session.idleWarned = false
      return handleLine(raw)
    case .interrupt:
      if case .leaving(let leaving) = session.stage { return leavingQuestion(leaving) + [prompt()] }
      // In a kiosk /quit does not leave, so Ctrl-C explains /done instead.
      return [.say([.text(text(options.kiosk ? .kioskQuit : .interrupt))]), prompt()]
    case .endOfInput:
      if options.kiosk { return reset() + [prompt()] }
      // At the "save first?" question, Ctrl-D leaves: the person is never trapped.
      if case .leaving = session.stage { return quit() }
      return leave(.quit) + (ended ? [] : [prompt()])
    case .terminate:
      if options.kiosk { return reset() + [prompt()] }
      return quit()
    case .idleTimeout:
      guard options.kiosk else { return [prompt()] }
      if session.idleWarned { return reset() + [prompt()] }
      session.idleWarned = true
      let message = text(.kioskIdle).replacing("{seconds}", with: String(options.countdownSeconds))
      return [.say([.text(message)]), prompt()]
    case .outcome(let outcome):
      if case .leaving(let leaving) = session.stage {
        return leavingOutcome(outcome, leaving) + (ended ? [] : [prompt()])
      }
      return handleOutcome(outcome) + (ended ? [] : [prompt()])
    }
  }

  // MARK: - Lines

  mutating func handleLine(_ raw: String) -> [Effect] {
    let (full, report) = InputSanitizer.clean(raw)
    var effects: [Effect] = []
    if report.removed && full.isEmpty { effects.append(.say([.text(text(.inputUnreadable))])) }
    // Enter alone at the file-name question of leaving takes the default name.
    if full.isEmpty, !report.removed, case .leaving(let leaving) = session.stage, leaving.step == .fileName {
      return saveWhileLeaving(defaultSavePath) + [prompt()]
    }
    guard !full.isEmpty else { return effects + [prompt()] }

    // 1. Safety gate, before anything else, on every character of the line.
    let matches = safety.matches(full, previous: session.previousLine)
    session.previousLine = Self.keptForNextLine(full, matches)
    let (line, truncated) = InputSanitizer.limited(full)
    if !matches.isEmpty {
      for match in matches { effects.append(.urgent(raise(match.flag))) }
      session.alertJustRaised = true
      // What the person was writing down is kept, alarming or not: a note, a question, or the
      // answer of a step that writes into the summary (which then goes on).
      effects += keepRecordedText(line)
      // A question about mixing, stopping or an old dose gets its answer after the alert.
      if Command.parse(line) == nil && !stepKeepsText && takesQuestion(line) && answersAfterAlerts(matches, line: line)
      {
        var copy = self
        let (outcome, body) = copy.answerQuestion(line)
        if Self.helpsAfterAlerts(outcome) {
          self = copy
          return effects + body + (ended ? [] : [prompt()])
        }
      }
      effects.append(.say([.text(text(.alertResume))]))
      if Command.parse(line) == nil && stepKeepsText { return effects + step(line) + (ended ? [] : [prompt()]) }
      return effects + repeatStep() + [prompt()]
    }
    if truncated { effects.append(.say([.text(text(.inputLong))])) }
    // The region question from the welcome: a region's code or name answers it; anything else
    // goes on as usual (the numbers of every region stay on screen until one is chosen).
    if session.regionPending {
      session.regionPending = false
      if let chosen = knowledge.regions.first(where: { $0.isNamed(line.trimmingTrailingPunctuation()) }) {
        return effects + setRegion(chosen) + repeatStep() + [prompt()]
      }
    }
    if session.alertJustRaised {
      session.alertJustRaised = false
      if answers.isDenial(line) && !expectsYesNo {
        return effects + [.say([.text(fill(text(.alertDenial)))])] + repeatStep() + [prompt()]
      }
    }

    // Leaving has its own questions; a few commands work there too.
    if case .leaving(let leaving) = session.stage {
      return effects + leavingLine(line, leaving) + (ended ? [] : [prompt()])
    }
    // 2. Global commands, matched exactly; 3. the current step; 4. otherwise a question.
    let body = Command.parse(line).map { run($0) } ?? step(line)
    return effects + body + (ended ? [] : [prompt()])
  }

  /// Whether the current step writes the line into the summary: their own question, or a guide
  /// question stored into a summary variable (`medicines`, `visit_goal`).
  var stepKeepsText: Bool {
    if case .pick(.own)? = position.activity { return true }
    if position.activity == nil, case .ask(let ask)? = guide.nodes[position.node]?.input {
      return Guide.summaryVariables.contains(ask.into)
    }
    return false
  }

  /// Whether the current step would take `line` as a free question (a menu that has no such
  /// option, the questions step, a topic), not as an answer, a pick or a check.
  func takesQuestion(_ line: String) -> Bool {
    switch position.activity {
    case .choices(let ids)?:
      if let number = Int(line.trimmingTrailingPunctuation()), ids.indices.contains(number - 1) { return false }
    case .check?, .pick?, .browse?, .confirmOverwrite?:
      return false
    case nil:
      break
    }
    guard let node = guide.nodes[position.node] else { return true }
    switch node.input {
    case .choose(let choices)?: return match(line, choices) == nil
    case .questions?, nil: return true
    case .ask?, .browse?: return false
    }
  }

  var expectsYesNo: Bool {
    if case .check(let id, let index)? = position.activity,
      let item = knowledge.checklist(id)?.items[safe: index]
    {
      return item.answer == .yesno
    }
    if case .leaving(let leaving) = session.stage {
      switch leaving.step {
      case .confirm, .overwrite: return true
      case .choose, .fileName: return false
      }
    }
    if case .confirmOverwrite? = position.activity { return true }
    if case .ask(let ask)? = guide.nodes[position.node]?.input, position.activity == nil { return ask.kind == .yesno }
    return false
  }

  mutating func raise(_ flag: RedFlag) -> Alert {
    let label = knowledge.redFlagKind(flag.kind)?.label ?? flag.kind.uppercased()
    let alert = Alert(
      flagID: flag.id, kind: flag.kind, label: label, message: fill(flag.message), action: fill(flag.action),
      emergency: region.emergency, urgent: knowledge.redFlagKind(flag.kind)?.urgent ?? true)
    record.alerts.append(AlertRecord(flagID: flag.id, kind: flag.kind, label: label, action: alert.action))
    return alert
  }

  // MARK: - Helpers

  func text(_ key: MessageKey) -> String { knowledge.text(key) }

  func fill(_ text: String) -> String {
    var out = region.fill(text)
    for (name, value) in session.variables { out = out.replacing("{\(name)}", with: value) }
    return out
  }

  /// The prompt, with Tab completions for commands and the current choices.
  func prompt() -> Effect {
    var words = Command.completions(kiosk: options.kiosk)
    if case .leaving = session.stage { return .prompt(Prompt(completions: words, wait: wait)) }
    if position.activity == nil, case .choose(let options)? = guide.nodes[position.node]?.input {
      words += options.flatMap { $0.words }
    }
    return .prompt(Prompt(completions: words, wait: wait))
  }

  mutating func quit() -> [Effect] {
    session.stage = .ended
    return [.say([.text(fill(text(.goodbye)))]), .end]
  }

  /// Uses `chosen` for every number from now on, and says so.
  mutating func setRegion(_ chosen: Region) -> [Effect] {
    record.region = chosen.id
    return [.say([.text(fill(text(.regionSet)))])]
  }

  /// Kiosk reset: forget everything about the person and start again.
  mutating func reset() -> [Effect] {
    session = Session(date: options.date, region: region.id)
    return [.say([.text(text(.kioskReset))]), .clearHistory, .clearScreen] + welcome()
  }
}

extension Array {
  subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
