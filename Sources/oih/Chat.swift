import ArgumentParser
import Conversation
import FoundationEssentials
import KnowledgeBase
import LineEditor
import Output
import TextAnalysis

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Options for how a session looks and where it applies.
struct SessionOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Region for emergency and crisis numbers: US, CA, UK, IE, AU, NZ or EU.", valueName: "CODE"))
  var region: String?

  @Flag(name: .customLong("no-color"), help: "Never use color (the NO_COLOR environment variable does the same).")
  var noColor = false

  @Option(help: ArgumentHelp("Printer for /print (default: the system's default printer).", valueName: "NAME"))
  var printer: String?

  @Option(help: ArgumentHelp("Format of /save when the file name has no known extension.", valueName: "text|markdown|html"))
  var format: String?

  func validate() throws {
    if let format, SummaryFormat(rawValue: format) == nil {
      throw ValidationError("--format must be text, markdown or html (got '\(format)').")
    }
  }

  /// The region to use, checked against the knowledge base.
  func regionID(_ knowledge: Knowledge) throws -> String {
    guard let region else { return knowledge.defaultRegion }
    guard let found = knowledge.region(region) else {
      throw ValidationError("unknown region '\(region)'. Use one of: \(knowledge.regions.map(\.id).joined(separator: ", ")).")
    }
    return found.id
  }

  var useColor: Bool {
    !noColor && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true && Terminal.isInteractive(fd: 1)
  }
}

/// `oih chat`: an interactive session (the default command).
struct Chat: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Start a conversation: topics, questions, a signs check, questions for your doctor and a summary.",
    discussion: """
      Type a number, a word from the menu, a /command or any question. /help lists the commands. \
      When standard input is not a terminal, lines are read plainly (no prompt, no escape codes), \
      so `printf 'what is oih\\n/quit\\n' | oih` works as a script.
      """)

  @OptionGroup var knowledgeOptions: KnowledgeOptions
  @OptionGroup var session: SessionOptions

  @Option(help: ArgumentHelp("Run this guide file instead of the main menu.", valueName: "FILE"))
  var guide: String?

  @Option(help: ArgumentHelp("Write this session as a transcript to FILE (opt-in; nothing is written otherwise).", valueName: "FILE"))
  var record: String?

  @Flag(help: "With --record, replace FILE if it exists.")
  var force = false

  func run() throws {
    // A recording that cannot be written is said before the session, not after it.
    if let record, let problem = SummaryFile.problemWriting(to: record, overwrite: force) {
      let hint = problem == "the file already exists" ? " Use --force to replace it, or choose another name." : ""
      Console.error(TerminalText.filter("error: cannot record to \(record): \(problem).\(hint)", keepNewlines: false))
      throw ExitCode(1)
    }
    let loaded = try knowledgeOptions.load()
    var knowledge = loaded.knowledge
    var guideValue: Guide?
    if let guide {
      let (value, diagnostics) = GuideLoader.load(path: guide, knowledge: knowledge)
      if diagnostics.contains(where: { $0.severity == .error }) || value == nil {
        diagnostics.forEach { Console.error($0.description) }
        throw ExitCode(1)
      }
      guideValue = value
      if let value { knowledge.guides.append(value) }
    }
    let options = Conversation.Options(
      region: try session.regionID(knowledge), date: Today.string(), guide: guideValue?.id ?? "welcome",
      printer: session.printer)
    let engine = Conversation(knowledge: knowledge, index: loaded.index, safety: loaded.safety, options: options, guide: guideValue)
    var runner = SessionRunner(
      engine: engine, knowledge: knowledge, color: session.useColor, printer: session.printer,
      defaultFormat: session.format.flatMap(SummaryFormat.init(rawValue:)), recordPath: record)
    runner.recordOverwrite = force
    let status = runner.run()
    if status != 0 { throw ExitCode(status) }
  }
}

/// Today's date as YYYY-MM-DD, in local time.
enum Today {
  static func string() -> String {
    var now = time(nil)
    var parts = tm()
    localtime_r(&now, &parts)
    func twoDigits(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return "\(parts.tm_year + 1900)-\(twoDigits(parts.tm_mon + 1))-\(twoDigits(parts.tm_mday))"
  }
}
