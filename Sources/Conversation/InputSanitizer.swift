import TextAnalysis

/// Cleans a typed line: drops terminal escape sequences and control characters, replaces
/// unreadable bytes, and limits the length, so nothing raw is ever echoed back.
public enum InputSanitizer {
  /// Lines longer than this many characters are cut.
  public static let maximumLength = 2000

  /// What was wrong with a line, for a message.
  public struct Report: Sendable, Equatable {
    /// The line was cut to `maximumLength`.
    public var truncated = false
    /// Unreadable bytes (U+FFFD) or control characters were removed.
    public var removed = false
  }

  /// Cleans `line`.
  ///
  /// - Parameter line: The raw line.
  /// - Returns: The clean text (trimmed) and what was changed.
  public static func clean(_ line: String) -> (String, Report) {
    var report = Report()
    var raw = line
    if raw.unicodeScalars.count > maximumLength * 4 {
      raw = String(String.UnicodeScalarView(raw.unicodeScalars.prefix(maximumLength * 4)))
      report.truncated = true
    }
    // The same filter as all output (TerminalText), with controls as spaces so words stay apart.
    let (filtered, removed) = TerminalText.filterReporting(raw, keepNewlines: false, controlsBecomeSpaces: true)
    report.removed = removed
    var out = String.UnicodeScalarView()
    for s in filtered.unicodeScalars {
      if s == "\u{FFFD}" { report.removed = true } else { out.append(s) }
    }
    var text = String(out).trimmingWhitespace()
    if text.count > maximumLength {
      text = String(text.prefix(maximumLength))
      report.truncated = true
    }
    return (text, report)
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
