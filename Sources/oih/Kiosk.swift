import ArgumentParser
import Conversation
import FoundationEssentials
import KnowledgeBase


/// `oih kiosk`: an unattended waiting-room terminal that resets itself and keeps nothing.
struct Kiosk: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run as an unattended kiosk: resets between people, keeps no personal data.",
    discussion: """
      Options may also come from a YAML file (default /etc/oih/kiosk.yaml, keys: idle-timeout, \
      countdown, region, printer, large, staff-exit, knowledge); command-line options win. Saving to \
      a file is disabled; /print goes to the configured printer only. Ctrl-C, Ctrl-Z and Ctrl-\\ \
      cannot stop it; SIGTERM ends it cleanly, and so does typing the staff exit phrase.
      """)

  @Option(help: ArgumentHelp("Configuration file.", valueName: "FILE")) var config = "/etc/oih/kiosk.yaml"
  @Option(help: ArgumentHelp("The knowledge folder.", valueName: "DIR")) var knowledge: String?
  @Option(name: .customLong("idle-timeout"), help: "Seconds without a key press before asking 'Are you still there?' (default 120).")
  var idleTimeout: Int?
  @Option(help: "Seconds of the 'are you still there' countdown before the reset (default 30).") var countdown: Int?
  @Option(help: ArgumentHelp("Region for emergency numbers.", valueName: "CODE")) var region: String?
  @Option(help: ArgumentHelp("Printer for /print.", valueName: "NAME")) var printer: String?
  @Flag(help: "Larger, calmer screen: shorter lines and more space.") var large = false
  @Option(name: .customLong("staff-exit"), help: ArgumentHelp("A phrase that, typed alone on a line, ends the kiosk (for staff).", valueName: "PHRASE"))
  var staffExit: String?

  func validate() throws {
    if let idleTimeout, idleTimeout < 1 { throw ValidationError("--idle-timeout must be at least 1 second.") }
    if let countdown, countdown < 1 { throw ValidationError("--countdown must be at least 1 second.") }
  }

  /// Settings from the YAML file, if it exists.
  func fileSettings() throws -> [String: String] {
    guard FileManager.default.fileExists(atPath: config) else { return [:] }
    guard let bytes = Console.readFile(config), let text = String(validating: bytes, as: UTF8.self) else {
      throw ValidationError("cannot read the configuration file \(config).")
    }
    if text.isBlank { return [:] }
    guard let entries = SettingsFile.entries(text) else {
      throw ValidationError("\(config) must be a YAML mapping (key: value lines).")
    }
    var out: [String: String] = [:]
    let known: Set<String> = ["idle-timeout", "countdown", "region", "printer", "large", "staff-exit", "knowledge"]
    for entry in entries {
      guard known.contains(entry.key) else {
        throw ValidationError("\(config):\(entry.line): unknown key '\(entry.key)' (use \(known.sorted().joined(separator: ", "))).")
      }
      out[entry.key] = entry.value
    }
    return out
  }

  func run() throws {
    let file = try fileSettings()
    var knowledgeOptions = try KnowledgeOptions.parse([])
    knowledgeOptions.knowledge = knowledge ?? file["knowledge"]
    let loaded = try knowledgeOptions.load()
    let regionCode = region ?? file["region"]
    let regionID = try regionCode.map { code -> String in
      guard let found = loaded.knowledge.region(code) else { throw ValidationError("unknown region '\(code)'.") }
      return found.id
    } ?? loaded.knowledge.defaultRegion
    let idle = idleTimeout ?? file["idle-timeout"].flatMap { Int($0) } ?? 120
    let countdownSeconds = countdown ?? file["countdown"].flatMap { Int($0) } ?? 30
    let printerName = printer ?? file["printer"]
    let isLarge = large || file["large"] == "true"
    let options = Conversation.Options(
      region: regionID, date: Today.string(), guide: "welcome", kiosk: true, countdownSeconds: countdownSeconds,
      printer: printerName)
    let engine = Conversation(knowledge: loaded.knowledge, index: loaded.index, safety: loaded.safety, options: options)
    var runner = SessionRunner(
      engine: engine, knowledge: loaded.knowledge, color: false, printer: printerName, defaultFormat: nil, recordPath: nil,
      idleTimeout: .seconds(idle), kiosk: true)
    runner.countdown = .seconds(countdownSeconds)
    runner.staffExit = staffExit ?? file["staff-exit"]
    runner.maximumWidth = isLarge ? 60 : nil
    runner.large = isLarge
    _ = runner.run()
  }
}
