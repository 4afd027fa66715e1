/// A global command. Matched exactly: "help" alone is help, "help the children" is a question.
enum Command: Equatable {
  case help, back, menu, restart, summary, quit, more, check, topics, questions, skip, done, print
  case note(String)
  case askDoctor(String)
  case save(String?)
  case region(String)
  case unknown(String)

  static let names = [
    "/help", "/back", "/menu", "/restart", "/summary", "/quit", "/more", "/check", "/topics", "/questions",
    "/note", "/ask-doctor", "/save", "/print", "/skip", "/region",
  ]

  /// Commands offered by Tab completion.
  static func completions(kiosk: Bool) -> [String] {
    kiosk ? names.filter { $0 != "/save" } + ["/done"] : names
  }

  /// Parses a command, or nil when the line is not one.
  static func parse(_ line: String) -> Command? {
    let lower = line.lowercased().trimmingWhitespace()
    // Bare words that mean a command only when alone on the line.
    switch lower.trimmingTrailingPunctuation() {
    case "help", "?": return .help
    case "back", "go back": return .back
    case "menu", "main menu": return .menu
    case "quit", "exit", "bye", "goodbye": return .quit
    case "more", "tell me more", "more please", "tell me more please": return .more
    default: break
    }
    guard lower.hasPrefix("/") else { return nil }
    let parts = line.trimmingWhitespace().split(separator: " ", maxSplits: 1)
    let name = parts.first.map { $0.lowercased() } ?? ""
    let argument = parts.count > 1 ? String(parts[1]).trimmingWhitespace() : ""
    switch name {
    case "/help", "/h", "/?": return .help
    case "/back": return .back
    case "/menu": return .menu
    case "/restart": return .restart
    case "/summary": return .summary
    case "/quit", "/exit", "/q": return .quit
    case "/more": return .more
    case "/check": return .check
    case "/topics": return .topics
    case "/questions", "/pick": return .questions
    case "/skip": return .skip
    case "/done": return .done
    case "/print": return .print
    case "/note": return .note(argument)
    case "/ask-doctor", "/ask", "/askdoctor": return .askDoctor(argument)
    case "/save": return .save(argument.isEmpty ? nil : argument)
    case "/region": return .region(argument)
    default: return .unknown(name)
    }
  }
}

extension String {
  func trimmingTrailingPunctuation() -> String {
    var s = Substring(self)
    while let last = s.last, ".!?".contains(last), s.count > 1 { s.removeLast() }
    return String(s)
  }
}
