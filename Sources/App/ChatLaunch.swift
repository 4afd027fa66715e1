import Conversation
import KnowledgeBase
import Output
import TextAnalysis

/// `oih chat` and `oih guide run`: a session on the real terminal.
public struct ChatLaunch: Sendable {
  /// The knowledge folder (nil: the bundled one).
  public var knowledge: String?
  /// Region code for emergency and crisis numbers (nil: the knowledge base's default).
  public var region: String?
  /// Whether color may be used (on a terminal, without NO_COLOR).
  public var color = false
  /// Printer for `/print`.
  public var printer: String?
  /// Format of `/save` when the file name has no known extension.
  public var format: SummaryFormat?
  /// A guide file to run instead of the main menu.
  public var guide: String?
  /// Write the session as a transcript to this file (opt-in).
  public var record: String?
  /// `--record --force`: the transcript may replace an existing ordinary file.
  public var recordOverwrite = false

  /// Creates a launch; by default the bundled knowledge, default region and the main menu.
  public init(
    knowledge: String? = nil, region: String? = nil, color: Bool = false, printer: String? = nil,
    format: SummaryFormat? = nil, guide: String? = nil, record: String? = nil
  ) {
    self.knowledge = knowledge
    self.region = region
    self.color = color
    self.printer = printer
    self.format = format
    self.guide = guide
    self.record = record
  }

  /// Runs the session until the person quits or input ends.
  ///
  /// - Parameter clock: Tells today's date.
  /// - Throws: `AppError` for a missing or broken knowledge base or guide, or an unknown region.
  public func run(clock: any SessionClock = SystemClock()) throws(AppError) {
    // A recording that cannot be written is said before the session, not after it.
    if let record, let problem = SummaryFile.problemWriting(to: record, overwrite: recordOverwrite) {
      let hint = problem == "the file already exists" ? " Use --force to replace it, or choose another name." : ""
      throw .failure(TerminalText.filter("error: cannot record to \(record): \(problem).\(hint)", keepNewlines: false))
    }
    let loaded = try KnowledgeFolder.load(knowledge)
    var knowledge = loaded.knowledge
    var guideValue: Guide?
    if let guide {
      let (value, diagnostics) = GuideLoader.load(path: guide, knowledge: knowledge)
      guard let value, !diagnostics.contains(where: { $0.severity == .error }) else {
        throw .failure(diagnostics.filter { $0.severity == .error }.map(\.description).joined(separator: "\n"))
      }
      guideValue = value
      knowledge.guides.append(value)
    }
    let terminal = ConsoleTerminal()
    // Only a person at a terminal is asked "Save or print your summary first?" on the way out.
    let options = Conversation.Options(
      region: try loaded.regionID(region), date: clock.today(), guide: guideValue?.id ?? "welcome", printer: printer,
      interactive: terminal.isInteractive)
    let engine = Conversation(
      knowledge: knowledge, index: loaded.index, safety: loaded.safety, options: options, guide: guideValue)
    var settings = RunnerSettings()
    settings.color = color
    settings.printer = printer
    settings.defaultFormat = format
    settings.record = record != nil
    var runner = SessionRunner(
      engine: engine, knowledge: knowledge, terminal: terminal, store: FileStore(), printer: CUPSPrinter(),
      settings: settings)
    runner.run()
    if let record {
      let interactive = terminal.isInteractive ? "  interactive: yes" : ""
      let header =
        "# Recorded with oih chat --record.\n#! region: \(runner.engine.record.region)  width: \(terminal.width)  date: \(runner.engine.record.date)\(interactive)\n"
      let text = header + runner.transcript.joined(separator: "\n") + "\n"
      switch SummaryFile.save(text, to: record, overwrite: recordOverwrite) {
      case .saved: Console.error(TerminalText.filter("Transcript written to \(record).", keepNewlines: false))
      case .saveFailed(_, let reason):
        throw .failure(
          TerminalText.filter("error: could not write the transcript to \(record): \(reason)", keepNewlines: false))
      case .exists:
        throw .failure(
          TerminalText.filter(
            "error: could not write the transcript to \(record): a file of that name appeared during the session (use --force to replace it).",
            keepNewlines: false))
      case .printed, .printFailed: break
      }
    }
  }
}
