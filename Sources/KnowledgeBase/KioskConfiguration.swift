/// The kiosk's settings from its configuration file (`/etc/oih/kiosk.yaml`), checked strictly:
/// a kiosk runs unattended, so a typo or a bad value must stop it at once with file:line:column,
/// not leave it resetting in a loop or running without its staff exit.
public struct KioskConfiguration: Sendable, Equatable {
  /// Seconds without a key press before "Are you still there?".
  public var idleTimeout: Int?
  /// Seconds of the countdown before the reset.
  public var countdown: Int?
  /// Region id.
  public var region: String?
  /// Printer for /print.
  public var printer: String?
  /// Where people collect their prints ("at the front desk").
  public var pickup: String?
  /// The narrower, calmer screen.
  public var large: Bool?
  /// The phrase that ends the kiosk (staff only).
  public var staffExit: String?
  /// The knowledge folder.
  public var knowledge: String?
  /// Where each key's value is, for later messages (the region is checked against the
  /// knowledge base, the staff exit phrase against its menus).
  public var locations: [String: SourceLocation] = [:]

  /// The fewest seconds of idle time: shorter resets people who are still reading.
  public static let minimumIdleTimeout = 10
  /// The fewest seconds of countdown: shorter gives no time to press Enter.
  public static let minimumCountdown = 5
  /// The example phrases of docs/kiosk/kiosk.yaml (now and before), refused so that no kiosk runs
  /// with a phrase published in the documentation.
  public static let examplePhrases = ["CHOOSE YOUR OWN PHRASE", "CHANGE-THIS-PHRASE"]
  /// The keys a configuration file may have.
  public static let keys = [
    "countdown", "idle-timeout", "knowledge", "large", "pickup", "printer", "region", "staff-exit",
  ]

  /// Creates an empty configuration (every setting at its default).
  public init() {}

  /// Reads the configuration file at `path`.
  ///
  /// - Parameter path: The file; any kind of readable file (`/dev/null` is an empty one).
  /// - Returns: The settings, or nil with every problem as file:line:column errors (a missing
  ///   file is one).
  public static func load(path: String) -> (KioskConfiguration?, [Diagnostic]) {
    switch YAMLFile.read(path) {
    case .success(let text):
      return parse(text, file: path)
    case .failure(let problem):
      return (nil, [Diagnostic(.error, problem.message, at: SourceLocation(file: path, line: 1, column: 1))])
    }
  }

  /// Reads settings from `text`.
  ///
  /// - Parameters:
  ///   - text: The file's text. Empty (or only comments) means every default.
  ///   - file: The path, for messages.
  /// - Returns: The settings, or nil with every problem as file:line:column errors.
  public static func parse(_ text: String, file: String) -> (KioskConfiguration?, [Diagnostic]) {
    let sink = DiagnosticSink()
    guard let root = YAMLFile.parse(text, file: file, sink: sink) else {
      if sink.diagnostics.map(\.message) == ["file is empty"] { return (KioskConfiguration(), []) }
      return (nil, sink.diagnostics)
    }
    guard let reader = MappingReader.make(root, file: file, what: "the kiosk configuration", sink: sink) else {
      return (nil, sink.diagnostics)
    }
    var config = KioskConfiguration()
    for entry in reader.entries() {
      let at = MappingReader.location(of: entry.value, in: file)
      guard keys.contains(entry.key) else {
        sink.error("unknown key '\(entry.key)' (use \(keys.joined(separator: ", ")))", at: entry.location)
        continue
      }
      guard case .scalar(let scalar) = entry.value else {
        sink.error("'\(entry.key)' must be a single value, not a list or mapping", at: at)
        continue
      }
      let value = scalar.string
      config.locations[entry.key] = at
      switch entry.key {
      case "idle-timeout":
        if let problem = idleTimeoutProblem(value) {
          sink.error(problem, at: at)
        } else {
          config.idleTimeout = Int(value)
        }
      case "countdown":
        if let problem = countdownProblem(value) { sink.error(problem, at: at) } else { config.countdown = Int(value) }
      case "large":
        switch value.lowercased() {
        case "true", "yes": config.large = true
        case "false", "no": config.large = false
        default: sink.error("'large' must be true or false (found '\(value)')", at: at)
        }
      case "staff-exit":
        if let problem = staffExitProblem(value) { sink.error(problem, at: at) } else { config.staffExit = value }
      default:
        if value.isBlank || (scalar.isPlain && (value == "~" || value == "null")) {
          sink.error("'\(entry.key)' is empty: give a value or remove the line", at: at)
          continue
        }
        switch entry.key {
        case "region": config.region = value
        case "printer": config.printer = value
        case "pickup": config.pickup = value
        default: config.knowledge = value
        }
      }
    }
    if sink.diagnostics.contains(where: { $0.severity == .error }) { return (nil, sink.diagnostics) }
    return (config, sink.diagnostics)
  }

  /// Why `text` is not a usable idle timeout, or nil.
  public static func idleTimeoutProblem(_ text: String) -> String? {
    if let seconds = Int(text), seconds >= minimumIdleTimeout { return nil }
    return "'idle-timeout' must be a whole number of seconds, at least \(minimumIdleTimeout) (found '\(text)')"
  }

  /// Why `text` is not a usable countdown, or nil.
  public static func countdownProblem(_ text: String) -> String? {
    if let seconds = Int(text), seconds >= minimumCountdown { return nil }
    return "'countdown' must be a whole number of seconds, at least \(minimumCountdown) (found '\(text)')"
  }

  /// Why a staff exit phrase cannot be used on its own terms (empty, the example), or nil.
  /// The phrase is also checked against the menus and commands once the knowledge base is
  /// loaded (`Conversation.staffExitProblem`).
  public static func staffExitProblem(_ phrase: String) -> String? {
    if phrase.isBlank { return "'staff-exit' is empty: choose a phrase that only staff know, or remove the line" }
    if examplePhrases.contains(phrase.trimmingWhitespace().uppercased()) {
      return "'staff-exit' is still the example phrase: choose a phrase that only staff know"
    }
    return nil
  }
}
