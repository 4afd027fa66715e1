/// A source of input lines for the run loop: a terminal line editor or a plain reader.
///
/// Implementations block in ``readLine(prompt:)`` on the calling thread; use one from a single,
/// synchronous loop.
public protocol LineReading: AnyObject {
  /// Reads one line, showing `prompt` first when the reader is interactive.
  ///
  /// - Parameter prompt: ASCII text to show before the cursor (ignored by non-interactive
  ///   readers).
  /// - Returns: The line, or why no line was read.
  func readLine(prompt: String) -> ReadResult

  /// Forgets every line remembered for Up/Down recall (used for a kiosk reset).
  func clearHistory()

  /// The words Tab completes, for example `/help`, `/quit` or the current menu's choices.
  var completions: [String] { get set }
}
