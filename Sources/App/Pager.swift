/// Keeps output from scrolling off a screen: counts the rows written since the last prompt and
/// says when to pause with a "more" prompt, before the screen would overflow.
///
/// The run loop owns one. Only a terminal with a height pages (never a pipe or a script).
struct Pager: Equatable {
  /// How this output goes on.
  enum State: Equatable {
    /// Pause when the screen is full.
    case paging
    /// The person stopped it (q, Ctrl-C, Ctrl-D, another key, idle, SIGTERM): skip the rest of
    /// the text until the next prompt; safety alerts are still shown.
    case stopped
    /// Input was typed ahead: show the rest without pausing.
    case flowing
  }

  /// Rows used since the last prompt (the typed line counts).
  var rows = 0
  /// How this output goes on.
  var state = State.paging

  /// A fresh count after a prompt whose line took `rows` rows.
  init(rows: Int = 0) {
    self.rows = rows
  }

  /// Whether a line of `lineRows` rows must wait for a key first, on a screen of `height` rows
  /// (the last row is kept for the "more" prompt, then for the line prompt). A line taller than
  /// the screen is shown whole at the top of a page.
  func mustPause(before lineRows: Int, height: Int) -> Bool {
    state == .paging && rows > 0 && rows + lineRows > height - 1
  }

  /// The rows a line takes on a screen `width` columns wide: its characters, not counting the
  /// program's own color sequences, wrapped (at least one row).
  static func rows(of line: some StringProtocol, width: Int) -> Int {
    var columns = 0
    var inEscape = false
    var afterEscape = false
    for character in line {
      if afterEscape {
        afterEscape = false
        inEscape = character == "["
        if inEscape { continue }
      }
      if inEscape {
        // A CSI sequence ends at its final byte, @ to ~.
        if let ascii = character.asciiValue, (0x40...0x7E).contains(ascii) { inEscape = false }
        continue
      }
      if character == "\u{1B}" {
        afterEscape = true
        continue
      }
      columns += 1
    }
    let width = max(1, width)
    return max(1, (columns + width - 1) / width)
  }
}
