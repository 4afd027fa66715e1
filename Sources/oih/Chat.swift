import App
import ArgumentParser
import Conversation
import FoundationEssentials
import LineEditor

/// Options for how a session looks and where it applies.
struct SessionOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp("Region for emergency and crisis numbers: US, CA, UK, IE, AU, NZ or EU.", valueName: "CODE"))
  var region: String?

  @Flag(name: .customLong("no-color"), help: "Never use color (the NO_COLOR environment variable does the same).")
  var noColor = false

  @Option(help: ArgumentHelp("Printer for /print (default: the system's default printer).", valueName: "NAME"))
  var printer: String?

  @Option(help: ArgumentHelp("Format of /save when the file name has no known extension."))
  var format: SummaryFormat?

  var useColor: Bool {
    !noColor && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true && Terminal.isInteractive(fd: 1)
  }

  /// A session launch with these options.
  func launch(_ knowledge: KnowledgeOptions, guide: String? = nil, record: String? = nil) -> ChatLaunch {
    ChatLaunch(
      knowledge: knowledge.knowledge, region: region, color: useColor, printer: printer, format: format, guide: guide,
      record: record)
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

  @Option(
    help: ArgumentHelp(
      "Write this session as a transcript to FILE (opt-in; nothing is written otherwise).", valueName: "FILE"))
  var record: String?

  @Flag(help: "With --record, replace FILE if it exists.")
  var force = false

  func run() throws {
    var launch = session.launch(knowledgeOptions, guide: guide, record: record)
    launch.recordOverwrite = force
    try reporting { () throws(AppError) in try launch.run() }
  }
}
