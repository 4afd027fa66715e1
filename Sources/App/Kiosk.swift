import Conversation
import FoundationEssentials
import KnowledgeBase
import TextAnalysis

/// `oih kiosk`: an unattended waiting-room terminal that resets itself and keeps nothing.
///
/// Options may also come from a YAML file (default /etc/oih/kiosk.yaml, keys: idle-timeout,
/// countdown, region, printer, large, staff-exit, knowledge); command-line options win.
public struct KioskOptions: Sendable, Equatable {
  /// The configuration file.
  public var config = "/etc/oih/kiosk.yaml"
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
  /// Larger, calmer screen.
  public var large = false
  /// A phrase that, typed alone on a line, ends the kiosk (for staff).
  public var staffExit: String?

  /// The keys the configuration file may have.
  public static let keys: Set<String> = ["idle-timeout", "countdown", "region", "printer", "large", "staff-exit", "knowledge"]

  /// Creates options; unset values come from the configuration file or the defaults.
  public init(
    config: String = "/etc/oih/kiosk.yaml", knowledge: String? = nil, idleTimeout: Int? = nil, countdown: Int? = nil,
    region: String? = nil, printer: String? = nil, large: Bool = false, staffExit: String? = nil
  ) {
    self.config = config
    self.knowledge = knowledge
    self.idleTimeout = idleTimeout
    self.countdown = countdown
    self.region = region
    self.printer = printer
    self.large = large
    self.staffExit = staffExit
  }

  /// Settings from the YAML file, if it exists.
  ///
  /// - Throws: `AppError.failure` when the file cannot be read, is not a mapping or has an
  ///   unknown key.
  public func fileSettings() throws(AppError) -> [String: String] {
    guard FileManager.default.fileExists(atPath: config) else { return [:] }
    guard let bytes = Console.readFile(config), let text = String(validating: bytes, as: UTF8.self) else {
      throw .failure("error: cannot read the configuration file \(config).")
    }
    if text.isBlank { return [:] }
    guard let entries = SettingsFile.entries(text) else {
      throw .failure("error: \(config) must be a YAML mapping (key: value lines).")
    }
    var out: [String: String] = [:]
    let known = Self.keys
    for entry in entries {
      guard known.contains(entry.key) else {
        throw .failure("error: \(config):\(entry.line): unknown key '\(entry.key)' (use \(known.sorted().joined(separator: ", "))).")
      }
      out[entry.key] = entry.value
    }
    return out
  }

  /// Runs the kiosk until SIGTERM, the staff exit phrase, or the end of piped input.
  ///
  /// - Parameter clock: Tells the date for each session.
  /// - Throws: `AppError` for a bad configuration file or knowledge base.
  public func run(clock: any SessionClock = SystemClock()) throws(AppError) {
    let file = try fileSettings()
    let loaded = try KnowledgeFolder.load(knowledge ?? file["knowledge"])
    let regionID = try loaded.regionID(region ?? file["region"])
    let idle = idleTimeout ?? file["idle-timeout"].flatMap { Int($0) } ?? 120
    let countdownSeconds = countdown ?? file["countdown"].flatMap { Int($0) } ?? 30
    let printerName = printer ?? file["printer"]
    let isLarge = large || file["large"] == "true"
    let options = Conversation.Options(
      region: regionID, date: clock.today(), guide: "welcome", kiosk: true, countdownSeconds: countdownSeconds,
      printer: printerName)
    let engine = Conversation(knowledge: loaded.knowledge, index: loaded.index, safety: loaded.safety, options: options)
    var settings = RunnerSettings()
    settings.kiosk = true
    settings.printer = printerName
    settings.idleTimeout = .seconds(idle)
    settings.countdown = .seconds(countdownSeconds)
    settings.staffExit = staffExit ?? file["staff-exit"]
    settings.large = isLarge
    var runner = SessionRunner(
      engine: engine, knowledge: loaded.knowledge, terminal: ConsoleTerminal(kiosk: true, maximumWidth: isLarge ? 60 : nil),
      store: FileStore(), printer: CUPSPrinter(), settings: settings)
    runner.run()
  }
}
