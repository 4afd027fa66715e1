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
    var out = String.UnicodeScalarView()
    var scalars = Array(line.unicodeScalars)
    if scalars.count > maximumLength * 4 { scalars = Array(scalars.prefix(maximumLength * 4)); report.truncated = true }
    var i = 0
    while i < scalars.count {
      let s = scalars[i]
      if s == "\u{1B}" {
        report.removed = true
        i += 1
        guard i < scalars.count else { break }
        let kind = scalars[i]
        if kind == "[" {
          i += 1
          while i < scalars.count, !(0x40...0x7E).contains(scalars[i].value) { i += 1 }
          i += 1
        } else if kind == "]" || kind == "P" || kind == "_" || kind == "^" {
          i += 1
          while i < scalars.count, scalars[i] != "\u{07}", scalars[i] != "\u{1B}" { i += 1 }
          if i < scalars.count, scalars[i] == "\u{1B}" { i += 1 }
          i += 1
        } else {
          i += 1
        }
        continue
      }
      if s == "\t" {
        out.append(" ")
      } else if s.value < 0x20 || s.value == 0x7F || (0x80...0x9F).contains(s.value) || s == "\u{FFFD}" {
        report.removed = true
        if s.value < 0x20 && s != "\0" { out.append(" ") }
      } else {
        out.append(s)
      }
      i += 1
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
