/// What one call to ``LineReading/readLine(prompt:)`` produced.
///
/// The run loop turns each case into an event: a line to answer, the end of the session, a
/// cleared line to re-prompt after, an idle reset, or a request to stop.
public enum ReadResult: Sendable, Equatable {
  /// A complete line, without its trailing newline (and without a trailing carriage return).
  case line(String)
  /// The input ended: Ctrl-D on an empty line, or end of file on a pipe or closed terminal.
  case endOfInput
  /// Ctrl-C (or an external SIGINT): the partial line was discarded; prompt again.
  case interrupt
  /// No key was pressed for the configured idle timeout; the partial line was discarded.
  case idleTimeout
  /// SIGTERM or SIGHUP arrived: finish up and exit.
  case terminated
}
