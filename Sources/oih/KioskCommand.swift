import App
import ArgumentParser

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

  @Option(
    help: ArgumentHelp(
      "Configuration file (default \(KioskOptions.defaultConfig), if it exists; a file given here must exist).",
      valueName: "FILE"))
  var config: String?
  @Option(help: ArgumentHelp("The knowledge folder.", valueName: "DIR")) var knowledge: String?
  @Option(
    name: .customLong("idle-timeout"),
    help: "Seconds without a key press before asking 'Are you still there?' (default 120, at least 10).")
  var idleTimeout: Int?
  @Option(help: "Seconds of the 'are you still there' countdown before the reset (default 30, at least 5).")
  var countdown: Int?
  @Option(help: ArgumentHelp("Region for emergency numbers.", valueName: "CODE")) var region: String?
  @Option(help: ArgumentHelp("Printer for /print.", valueName: "NAME")) var printer: String?
  @Option(
    help: ArgumentHelp(
      "Where people collect prints, said after printing (such as \"at the front desk\").", valueName: "PLACE"))
  var pickup: String?
  @Flag(help: "Larger, calmer screen: shorter lines and more space.") var large = false
  @Option(
    name: .customLong("staff-exit"),
    help: ArgumentHelp(
      "A phrase that, typed alone on a line, ends the kiosk (for staff). Not a command, number, answer or menu word.",
      valueName: "PHRASE"))
  var staffExit: String?

  var options: KioskOptions {
    KioskOptions(
      config: config, knowledge: knowledge, idleTimeout: idleTimeout, countdown: countdown, region: region,
      printer: printer, pickup: pickup, large: large, staffExit: staffExit)
  }

  func validate() throws {
    if let problem = options.commandLineProblems().first { throw ValidationError(problem) }
  }

  func run() throws {
    let options = self.options
    try reporting { () throws(AppError) in try options.run() }
  }
}
