import TextAnalysis

/// Cleans a typed line: drops terminal escape sequences and control characters and replaces
/// unreadable bytes, so nothing raw is ever echoed back; `limited(_:)` then cuts a long line for
/// everything after the safety check (which reads every character).
public enum InputSanitizer {
  /// Lines longer than this many characters are cut after the safety check.
  public static let maximumLength = 2000

  /// What was wrong with a line, for a message.
  public struct Report: Sendable, Equatable {
    /// The line was cut to `maximumLength`.
    public var truncated = false
    /// Unreadable bytes (U+FFFD) or control characters were removed.
    public var removed = false
  }

  /// Cleans `line`, keeping all of it: the safety check must read every character.
  ///
  /// - Parameter line: The raw line.
  /// - Returns: The clean text (trimmed) and what was changed (`truncated` is always false here).
  public static func clean(_ line: String) -> (String, Report) {
    var report = Report()
    // The same filter as all output (TerminalText), with controls as spaces so words stay apart.
    // Nothing is cut here: the safety check reads the whole line.
    let (filtered, removed) = TerminalText.filterReporting(line, keepNewlines: false, controlsBecomeSpaces: true)
    report.removed = removed
    var out = String.UnicodeScalarView()
    for s in filtered.unicodeScalars {
      if s == "\u{FFFD}" { report.removed = true } else { out.append(s) }
    }
    return (String(out).trimmingWhitespace(), report)
  }

  /// `text` cut to `maximumLength` characters, and whether it was cut. Only for what comes after
  /// the safety check: answering, notes and echoes.
  ///
  /// - Parameter text: A cleaned line.
  /// - Returns: The text to go on with, and whether it was cut.
  public static func limited(_ text: String) -> (String, Bool) {
    guard text.utf8.count > maximumLength, text.count > maximumLength else { return (text, false) }
    return (String(text.prefix(maximumLength)), true)
  }

  /// The end of `text`, at most `count` characters, starting at a word: enough of a line for a
  /// phrase that goes on in the next line.
  public static func tail(_ text: String, count: Int = 300) -> String {
    guard text.utf8.count > count else { return text }
    let end = text.suffix(count)
    guard let space = end.firstIndex(of: " ") else { return String(end) }
    return String(end[end.index(after: space)...])
  }
}

extension String {
  /// The string without leading and trailing spaces and newlines.
  func trimmingWhitespace() -> String {
    var view = Substring(self)
    while let first = view.first, first.isWhitespace { view.removeFirst() }
    while let last = view.last, last.isWhitespace { view.removeLast() }
    return String(view)
  }
}
