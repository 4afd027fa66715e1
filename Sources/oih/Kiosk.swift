import ArgumentParser
import Conversation
import FoundationEssentials
import KnowledgeBase
import TextAnalysis


/// `oih kiosk`: an unattended waiting-room terminal that resets itself and keeps nothing.
struct Kiosk: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run as an unattended kiosk: resets between people, keeps no personal data.",
    discussion: """
      Options may also come from a YAML file (default /etc/oih/kiosk.yaml, keys: idle-timeout, \
      countdown, region, printer, pickup, large, staff-exit, knowledge); command-line options win. \
      Every value is checked before the kiosk starts; any mistake stops it with exit status 1. Saving \
      to a file is disabled; /print goes to the configured printer only. Ctrl-C, Ctrl-Z and Ctrl-\\ \
      cannot stop it; SIGTERM ends it cleanly (exit status 0), and so does typing the staff exit \
      phrase.
      """)

  /// Where the configuration is read from when `--config` is not given (if it exists).
  static let defaultConfig = "/etc/oih/kiosk.yaml"

  @Option(help: ArgumentHelp("Configuration file (default \(Kiosk.defaultConfig), if it exists; a file given here must exist).", valueName: "FILE"))
  var config: String?
  @Option(help: ArgumentHelp("The knowledge folder.", valueName: "DIR")) var knowledge: String?
  @Option(name: .customLong("idle-timeout"), help: "Seconds without a key press before asking 'Are you still there?' (default 120, at least 10).")
  var idleTimeout: Int?
  @Option(help: "Seconds of the 'are you still there' countdown before the reset (default 30, at least 5).") var countdown: Int?
  @Option(help: ArgumentHelp("Region for emergency numbers.", valueName: "CODE")) var region: String?
  @Option(help: ArgumentHelp("Printer for /print.", valueName: "NAME")) var printer: String?
  @Option(help: ArgumentHelp("Where people collect prints, said after printing (such as \"at the front desk\").", valueName: "PLACE"))
  var pickup: String?
  @Flag(help: "Larger, calmer screen: shorter lines and more space.") var large = false
  @Option(name: .customLong("staff-exit"), help: ArgumentHelp("A phrase that, typed alone on a line, ends the kiosk (for staff). Not a command, number, answer or menu word.", valueName: "PHRASE"))
  var staffExit: String?

  func validate() throws {
    if let idleTimeout, let problem = KioskConfiguration.idleTimeoutProblem(String(idleTimeout)) {
      throw ValidationError(problem.replacing("'idle-timeout'", with: "--idle-timeout"))
    }
    if let countdown, let problem = KioskConfiguration.countdownProblem(String(countdown)) {
      throw ValidationError(problem.replacing("'countdown'", with: "--countdown"))
    }
    if let staffExit, let problem = KioskConfiguration.staffExitProblem(staffExit) {
      throw ValidationError(problem.replacing("'staff-exit'", with: "--staff-exit"))
    }
  }

  /// Stops with every problem on stderr and exit status 1 (an unattended kiosk must not start
  /// half-configured).
  static func refuse(_ lines: [String]) -> ExitCode {
    Console.error(lines.map { TerminalText.filter($0, keepNewlines: false) }.joined(separator: "\n"))
    Console.error("oih kiosk did not start: fix the configuration and start it again.")
    return ExitCode(1)
  }

  /// The configuration file's settings: none when no file is given and the default is absent.
  func fileSettings() throws -> KioskConfiguration {
    let path = config ?? Self.defaultConfig
    if config == nil && !FileManager.default.fileExists(atPath: path) { return KioskConfiguration() }
    let (settings, diagnostics) = KioskConfiguration.load(path: path)
    guard let settings else { throw Self.refuse(diagnostics.map(\.description)) }
    return settings
  }

  func run() throws {
    let file = try fileSettings()
    var knowledgeOptions = try KnowledgeOptions.parse([])
    knowledgeOptions.knowledge = knowledge ?? file.knowledge
    let loaded = try knowledgeOptions.load()
    let place = { (key: String) in file.locations[key].map { "\($0): error: " } ?? "error: " }
    var problems: [String] = []
    let regionCode = region ?? file.region
    var regionID = loaded.knowledge.defaultRegion
    if let regionCode {
      if let found = loaded.knowledge.region(regionCode) {
        regionID = found.id
      } else {
        let from = region == nil ? place("region") : "error: --region: "
        problems.append("\(from)unknown region '\(regionCode)' (use \(loaded.knowledge.regions.map(\.id).joined(separator: ", ")))")
      }
    }
    let phrase = staffExit ?? file.staffExit
    if let phrase, let problem = Conversation.staffExitProblem(phrase, knowledge: loaded.knowledge) {
      problems.append((staffExit == nil ? place("staff-exit") : "error: --staff-exit: ") + problem)
    }
    if !problems.isEmpty { throw Self.refuse(problems) }
    let idle = idleTimeout ?? file.idleTimeout ?? 120
    let countdownSeconds = countdown ?? file.countdown ?? 30
    let printerName = printer ?? file.printer
    let isLarge = large || file.large == true
    let options = Conversation.Options(
      region: regionID, date: Today.string(), guide: "welcome", kiosk: true, countdownSeconds: countdownSeconds,
      printer: printerName, pickup: pickup ?? file.pickup)
    let engine = Conversation(knowledge: loaded.knowledge, index: loaded.index, safety: loaded.safety, options: options)
    var runner = SessionRunner(
      engine: engine, knowledge: loaded.knowledge, color: false, printer: printerName, defaultFormat: nil, recordPath: nil,
      idleTimeout: .seconds(idle), kiosk: true)
    runner.countdown = .seconds(countdownSeconds)
    runner.staffExit = phrase
    runner.maximumWidth = isLarge ? 60 : nil
    runner.large = isLarge
    // Exit status 0 for the staff exit and SIGTERM: the systemd unit restarts only on failure.
    _ = runner.run()
  }
}
