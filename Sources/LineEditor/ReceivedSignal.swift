/// A signal the process received that the run loop should act on.
public enum ReceivedSignal: Sendable, Equatable {
  /// SIGINT: an interrupt (Ctrl-C while the terminal generates signals, or `kill -INT`).
  case interrupt
  /// SIGTERM: a request to terminate.
  case terminate
  /// SIGHUP: the terminal hung up.
  case hangup

  /// The ``ReadResult`` a reader reports when this signal interrupts it.
  public var readResult: ReadResult {
    switch self {
    case .interrupt: .interrupt
    case .terminate, .hangup: .terminated
    }
  }
}
