import Conversation
import FoundationEssentials
import KnowledgeBase
import TextAnalysis

/// `oih kiosk`: an unattended waiting-room terminal that resets itself and keeps nothing.
///
/// Options may also come from a YAML file (default /etc/oih/kiosk.yaml, keys: idle-timeout,
/// countdown, region, printer, pickup, large, staff-exit, knowledge); command-line options win.
/// Every value is checked before the kiosk starts (`KioskConfiguration`): any mistake stops it
/// with file:line:column and exit status 1, as an unattended kiosk must not start
/// half-configured.
public struct KioskOptions: Sendable, Equatable {
  /// Where the configuration is read from when none is given (if it exists).
  public static let defaultConfig = "/etc/oih/kiosk.yaml"

  /// The configuration file given with `--config` (it must exist), or nil for
  /// `defaultConfig` (read only if it exists).
  public var config: String?
  /// The knowledge folder.
  public var knowledge: String?
  /// Seconds without a key press before "Are you still there?".
  public var idleTimeout: Int?
  /// Seconds of the countdown before the reset.
  public var countdown: Int?
  /// Region for emergency numbers.
  public var region: String?
  /// Printer for `/print`.
  public var printer: String?
  /// Where people collect their prints ("at the front desk").
  public var pickup: String?
  /// Larger, calmer screen.
  public var large = false
  /// A phrase that, typed alone on a line, ends the kiosk (for staff).
  public var staffExit: String?

  /// The last line of every refusal to start.
  public static let refusal = "oih kiosk did not start: fix the configuration and start it again."

  /// Creates options; unset values come from the configuration file or the defaults.
  public init(
    config: String? = nil, knowledge: String? = nil, idleTimeout: Int? = nil, countdown: Int? = nil,
    region: String? = nil, printer: String? = nil, pickup: String? = nil, large: Bool = false, staffExit: String? = nil
  ) {
    self.config = config
    self.knowledge = knowledge
    self.idleTimeout = idleTimeout
    self.countdown = countdown
    self.region = region
    self.printer = printer
    self.pickup = pickup
    self.large = large
    self.staffExit = staffExit
  }

  /// The problems with the command-line values on their own (before any file is read): an idle
  /// time under 10 s, a countdown under 5 s, an empty or example staff exit phrase.
  ///
  /// - Returns: One message per problem, naming the option (`--idle-timeout ...`).
  public func commandLineProblems() -> [String] {
    var out: [String] = []
    if let idleTimeout, let problem = KioskConfiguration.idleTimeoutProblem(String(idleTimeout)) {
      out.append(problem.replacing("'idle-timeout'", with: "--idle-timeout"))
    }
    if let countdown, let problem = KioskConfiguration.countdownProblem(String(countdown)) {
      out.append(problem.replacing("'countdown'", with: "--countdown"))
    }
    if let staffExit, let problem = KioskConfiguration.staffExitProblem(staffExit) {
      out.append(problem.replacing("'staff-exit'", with: "--staff-exit"))
    }
    return out
  }

  /// Stops with every problem and the refusal line (exit status 1).
  static func refuse(_ lines: [String]) -> AppError {
    .failure((lines.map { TerminalText.filter($0, keepNewlines: false) } + [refusal]).joined(separator: "\n"))
  }

  /// The configuration file's settings: none when no file is given and the default is absent.
  ///
  /// - Throws: `AppError.failure` with every problem as file:line:column when the file given is
  ///   missing, cannot be read, is not a mapping, has an unknown key or a bad value.
  public func fileSettings() throws(AppError) -> KioskConfiguration {
    let path = config ?? Self.defaultConfig
    if config == nil && !FileManager.default.fileExists(atPath: path) { return KioskConfiguration() }
    let (settings, diagnostics) = KioskConfiguration.load(path: path)
    guard let settings else { throw Self.refuse(diagnostics.map(\.description)) }
    return settings
  }

  /// Runs the kiosk until SIGTERM, the staff exit phrase, or the end of piped input.
  ///
  /// - Parameter clock: Tells the date for each session.
  /// - Throws: `AppError` for a bad configuration (file or command line) or knowledge base.
  public func run(clock: any SessionClock = SystemClock()) throws(AppError) {
    let early = commandLineProblems()
    if !early.isEmpty { throw Self.refuse(early.map { "error: " + $0 }) }
    let file = try fileSettings()
    let loaded = try KnowledgeFolder.load(knowledge ?? file.knowledge)
    let place = { (key: String) in file.locations[key].map { "\($0): error: " } ?? "error: " }
    var problems: [String] = []
    var regionID: String?
    if let regionCode = region ?? file.region {
      if let found = loaded.knowledge.region(regionCode) {
        regionID = found.id
      } else {
        let from = region == nil ? place("region") : "error: --region: "
        problems.append(
          "\(from)unknown region '\(regionCode)' (use \(loaded.knowledge.regions.map(\.id).joined(separator: ", ")))")
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
      region: regionID, date: clock.today(), guide: "welcome", kiosk: true, countdownSeconds: countdownSeconds,
      printer: printerName, pickup: pickup ?? file.pickup)
    let engine = Conversation(knowledge: loaded.knowledge, index: loaded.index, safety: loaded.safety, options: options)
    var settings = RunnerSettings()
    settings.kiosk = true
    settings.printer = printerName
    settings.idleTimeout = .seconds(idle)
    settings.countdown = .seconds(countdownSeconds)
    settings.staffExit = phrase
    settings.large = isLarge
    var runner = SessionRunner(
      engine: engine, knowledge: loaded.knowledge,
      terminal: ConsoleTerminal(kiosk: true, maximumWidth: isLarge ? 60 : nil),
      store: FileStore(), printer: CUPSPrinter(), settings: settings)
    // Exit status 0 for the staff exit and SIGTERM: the systemd unit restarts only on failure.
    runner.run()
  }
}
