import Conversation
import KnowledgeBase
import TextAnalysis

/// Turns engine effects into terminal text: wrapped to a width, colored only when asked.
/// Meaning never depends on color: headings are underlined and alerts carry a label and rules.
///
/// Every string it shows (knowledge content, echoes of what a person typed, the summary) first
/// passes `TerminalText.filter`, so no escape sequence or control character from them reaches
/// the terminal; the renderer's own styling is added afterwards.
public struct Renderer: Sendable {
  /// Line width.
  public var width: Int
  /// Whether ANSI color and bold may be used.
  public var color: Bool
  /// Renders the discussion summary as plain text for the screen.
  public var summary: @Sendable (SessionRecord) -> String
  /// The label put before every alert's heading, from messages.yaml ("URGENT").
  public var alertLabel: String
  /// "Sources:", from messages.yaml.
  public var sourcesLabel: String
  /// The label before calm safety advice ("SAFETY NOTE"), from messages.yaml.
  public var adviceLabel: String

  /// Creates a renderer.
  public init(width: Int, color: Bool, knowledge: Knowledge, summary: @escaping @Sendable (SessionRecord) -> String) {
    self.width = max(20, width)
    self.color = color
    self.summary = summary
    self.alertLabel = knowledge.text(.alertLabel)
    self.sourcesLabel = knowledge.text(.sourcesLabel)
    self.adviceLabel = knowledge.text(.alertAdviceLabel)
  }

  func bold(_ s: String) -> String { color ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
  func dim(_ s: String) -> String { color ? "\u{1B}[2m\(s)\u{1B}[0m" : s }
  func alarm(_ s: String) -> String { color ? "\u{1B}[1;97;41m\(s)\u{1B}[0m" : s }

  /// The text for one effect (ending in a newline), or nil when it shows nothing.
  ///
  /// - Parameter effect: An effect from the engine.
  /// - Returns: Text to write, with a blank line after each block of output.
  public func render(_ effect: Effect) -> String? {
    switch effect {
    case .say(let blocks):
      return blocks.flatMap(lines).joined(separator: "\n") + "\n\n"
    case .urgent(let alert):
      // Calm safety advice gets its own label and plain rules, never the alarm.
      let rule = String(repeating: alert.urgent ? "!" : "-", count: min(width, 60))
      let heading = clean("\(alert.urgent ? alertLabel : adviceLabel): \(alert.label)")
      var out = [rule, alert.urgent ? alarm(heading) : bold(heading)]
      out += TextWrapper.wrap(clean(alert.message), width: width)
      out.append(rule)
      return out.joined(separator: "\n") + "\n\n"
    case .summary(let record):
      return clean(summary(record)) + "\n"
    case .clearScreen:
      return "\u{1B}[H\u{1B}[2J\u{1B}[3J"
    case .prompt, .clearHistory, .pause, .save, .print, .end:
      return nil
    }
  }

  /// Content with escape sequences and control characters removed (line feeds kept).
  func clean(_ text: String) -> String { TerminalText.filter(text) }

  func lines(_ block: Block) -> [String] {
    switch block {
    case .heading(let text):
      let wrapped = TextWrapper.wrap(clean(text), width: width)
      let underline = String(repeating: "-", count: min(width, wrapped.map(\.count).max() ?? 0))
      return wrapped.map(bold) + [underline]
    case .text(let text):
      return TextWrapper.wrap(clean(text), width: width)
    case .option(let number, let label):
      let marker = number < 10 ? "  \(number). " : " \(number). "
      return TextWrapper.wrap(clean(label), width: width, first: marker, rest: "      ")
    case .bullet(let text):
      return TextWrapper.wrap(clean(text), width: width, first: "  - ", rest: "    ")
    case .sources(let sources):
      guard !sources.isEmpty else { return [] }
      return TextWrapper.wrap(clean("\(sourcesLabel) " + sources.joined(separator: "; ")), width: width).map(dim)
    case .blank:
      return [""]
    }
  }
}
