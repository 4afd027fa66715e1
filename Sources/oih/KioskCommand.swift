import App
import ArgumentParser

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

  func run() throws {
    let options = KioskOptions(
      config: config, knowledge: knowledge, idleTimeout: idleTimeout, countdown: countdown, region: region,
      printer: printer, large: large, staffExit: staffExit)
    try reporting { () throws(AppError) in try options.run() }
  }
}
