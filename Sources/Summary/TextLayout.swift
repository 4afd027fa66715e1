/// Word wrapping for the plain-text summary, by display columns.
enum TextLayout {
  /// The columns `character` takes on a terminal or a fixed-width printout: 2 for wide East Asian
  /// characters and emoji, 0 for zero-width marks, else 1.
  static func columns(_ character: Character) -> Int {
    guard let first = character.unicodeScalars.first else { return 0 }
    let value = first.value
    if first.properties.generalCategory == .format || first.properties.generalCategory == .nonspacingMark {
      return 0
    }
    if first.properties.isEmojiPresentation { return 2 }
    let wide: [ClosedRange<UInt32>] = [
      0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
      0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x2FFFD,
      0x30000...0x3FFFD,
    ]
    return wide.contains { $0.contains(value) } ? 2 : 1
  }

  /// The columns `text` takes.
  static func columns(_ text: some StringProtocol) -> Int {
    text.reduce(0) { $0 + columns($1) }
  }

  /// Wraps one-line `text` at spaces into lines of at most `width` columns.
  ///
  /// A word longer than a line is split where it must be; lines never exceed `width`.
  ///
  /// - Parameters:
  ///   - text: The text, already one line (see `SummaryDocument.clean`).
  ///   - width: The widest line allowed.
  ///   - first: Put before the first line (such as "- ").
  ///   - rest: Put before the following lines (a hanging indent).
  /// - Returns: The lines.
  static func wrap(_ text: String, width: Int, first: String = "", rest: String = "") -> [String] {
    let words = text.split(separator: " ").map(String.init)
    var lines: [String] = []
    var line = first
    var used = columns(first)
    var lineHasWord = false
    for word in words {
      let wordWidth = columns(word)
      if lineHasWord && used + 1 + wordWidth <= width {
        line += " " + word
        used += 1 + wordWidth
        continue
      }
      if lineHasWord {
        lines.append(line)
        line = rest
        used = columns(rest)
        lineHasWord = false
      }
      if used + wordWidth <= width {
        line += word
        used += wordWidth
        lineHasWord = true
        continue
      }
      // A word wider than the line: split it across lines.
      var contentOnLine = false
      for character in word {
        let w = columns(character)
        if used + w > width && contentOnLine {
          lines.append(line)
          line = rest
          used = columns(rest)
        }
        line.append(character)
        used += w
        contentOnLine = true
      }
      lineHasWord = true
    }
    if lineHasWord || lines.isEmpty { lines.append(lineHasWord ? line : trimTrailing(first)) }
    return lines
  }

  /// Breaks a web address into lines of at most `width` columns after `indent`, preferring to
  /// break after `/`, `?`, `&`, `-` or `.` so each piece is easy to copy by hand.
  static func wrapAddress(_ address: String, width: Int, indent: String) -> [String] {
    let room = max(8, width - columns(indent))
    let characters = Array(address)
    var lines: [String] = []
    var start = 0
    while start < characters.count {
      var end = start
      var used = 0
      var lastBreak: Int?
      while end < characters.count && used + columns(characters[end]) <= room {
        used += columns(characters[end])
        if "/?&-.=_".contains(characters[end]) { lastBreak = end + 1 }
        end += 1
      }
      if end == start {
        end = start + 1
      } else if end < characters.count, let lastBreak, (lastBreak - start) * 2 >= end - start {
        end = lastBreak
      }
      lines.append(indent + String(characters[start..<end]))
      start = end
    }
    return lines.isEmpty ? [trimTrailing(indent)] : lines
  }

  static func trimTrailing(_ text: String) -> String {
    var s = Substring(text)
    while s.last == " " { s.removeLast() }
    return String(s)
  }
}
