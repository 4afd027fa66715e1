/// Wraps text at word boundaries to a width, with optional indents.
public enum TextWrapper {
  /// Wraps `text` into lines no wider than `width` characters.
  ///
  /// - Parameters:
  ///   - text: The paragraph; runs of spaces and newlines count as one space.
  ///   - width: The maximum line width (at least 20 is used).
  ///   - first: Prefix of the first line (such as "  1. ").
  ///   - rest: Prefix of the following lines (a hanging indent).
  /// - Returns: The lines, without newlines.
  public static func wrap(_ text: String, width: Int, first: String = "", rest: String = "") -> [String] {
    let width = max(20, width)
    let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
    var lines: [String] = []
    var line = first
    var lineHasWord = false
    for var word in words {
      while true {
        let candidate = lineHasWord ? line + " " + word : line + word
        if candidate.count <= width {
          line = candidate
          lineHasWord = true
          break
        }
        if lineHasWord {
          lines.append(line)
          line = rest
          lineHasWord = false
          continue
        }
        // A single word longer than the line: split it.
        let room = max(1, width - line.count)
        line += String(word.prefix(room))
        lines.append(line)
        word = String(word.dropFirst(room))
        line = rest
        if word.isEmpty { break }
      }
    }
    if lineHasWord || lines.isEmpty { lines.append(lineHasWord ? line : first.trimmingTrailingSpaces()) }
    return lines
  }
}

extension String {
  func trimmingTrailingSpaces() -> String {
    var s = Substring(self)
    while s.last == " " { s.removeLast() }
    return String(s)
  }
}
