import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Bits recorded by the signal handler.
enum SignalBit {
  static let interrupt: UInt32 = 1 << 0
  static let terminate: UInt32 = 1 << 1
  static let hangup: UInt32 = 1 << 2
  static let resize: UInt32 = 1 << 3
  static let resume: UInt32 = 1 << 4

  /// The signals that end a read: SIGINT, SIGTERM, SIGHUP.
  static let request: UInt32 = interrupt | terminate | hangup
  /// Everything the line editor reacts to.
  static let all: UInt32 = request | resize | resume
}

/// Signals received and not yet taken, one ``SignalBit`` each.
private let pendingSignals = Atomic<UInt32>(0)
/// The write end of the self-pipe the handler pokes, or -1 before installation.
private let wakeWriteEnd = Atomic<Int32>(-1)
/// The read end of the self-pipe, or -1 before installation.
private let wakeReadEnd = Atomic<Int32>(-1)
/// Whether ``Signals/install()`` has run.
private let installed = Atomic<Bool>(false)

/// The handler for every signal we catch: it only records the signal and pokes the self-pipe,
/// both async-signal-safe.
private func recordSignal(_ number: Int32) {
  let savedErrno = errno
  let bit: UInt32
  switch number {
  case SIGINT: bit = SignalBit.interrupt
  case SIGTERM: bit = SignalBit.terminate
  case SIGHUP: bit = SignalBit.hangup
  case SIGWINCH: bit = SignalBit.resize
  case SIGCONT: bit = SignalBit.resume
  default: bit = 0
  }
  pendingSignals.bitwiseOr(bit, ordering: .sequentiallyConsistent)
  let fd = wakeWriteEnd.load(ordering: .sequentiallyConsistent)
  if fd >= 0 {
    var byte: UInt8 = 0
    _ = write(fd, &byte, 1)
  }
  errno = savedErrno
}

/// Catches SIGINT, SIGTERM and SIGHUP (and, for the line editor, SIGWINCH and SIGCONT) so the
/// run loop can react to them between and during reads.
///
/// The handlers only store into an atomic and write one byte to a self-pipe; readers wait on
/// that pipe next to their input, so a signal delivered to any thread wakes a blocked read.
/// Handlers are installed without `SA_RESTART`.
public enum Signals {
  /// Installs the handlers. Safe to call more than once; only the first call has an effect.
  ///
  /// ``LineEditor`` calls this from its initialiser (it needs SIGWINCH and SIGCONT);
  /// ``PlainLineReader`` does not, so call it yourself to turn signals into read results.
  public static func install() {
    guard
      installed.compareExchange(expected: false, desired: true, ordering: .sequentiallyConsistent)
        .exchanged
    else { return }
    var ends: [Int32] = [-1, -1]
    if pipe(&ends) == 0 {
      for end in ends {
        _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
        _ = fcntl(end, F_SETFD, FD_CLOEXEC)
      }
      wakeReadEnd.store(ends[0], ordering: .sequentiallyConsistent)
      wakeWriteEnd.store(ends[1], ordering: .sequentiallyConsistent)
    }
    // Initialise the globals the handler touches now, not lazily inside the handler.
    _ = pendingSignals.load(ordering: .sequentiallyConsistent)
    _ = wakeWriteEnd.load(ordering: .sequentiallyConsistent)
    for number in [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGCONT] where !isIgnored(number) {
      var action = sigaction()
      #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = recordSignal
      #else
        action.__sigaction_u.__sa_handler = recordSignal
      #endif
      sigemptyset(&action.sa_mask)
      action.sa_flags = 0
      _ = sigaction(number, &action, nil)
    }
  }

  /// Whether `number` was ignored when the process started (as `nohup` does for SIGHUP, and a
  /// shell without job control for a background job's SIGINT); such signals stay ignored.
  private static func isIgnored(_ number: Int32) -> Bool {
    var current = sigaction()
    guard sigaction(number, nil, &current) == 0 else { return false }
    #if canImport(Glibc)
      let handler = current.__sigaction_handler.sa_handler
    #else
      let handler = current.__sigaction_u.__sa_handler
    #endif
    guard let handler else { return false }
    return unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
  }

  /// Takes the most urgent pending request (SIGTERM, then SIGHUP, then SIGINT) and clears it.
  ///
  /// - Returns: The signal, or `nil` if none is pending.
  public static func take() -> ReceivedSignal? {
    for (bit, signal) in [
      (SignalBit.terminate, ReceivedSignal.terminate),
      (SignalBit.hangup, ReceivedSignal.hangup),
      (SignalBit.interrupt, ReceivedSignal.interrupt),
    ] where takeBit(bit) {
      return signal
    }
    return nil
  }

  /// Clears `bit` and reports whether it was set.
  static func takeBit(_ bit: UInt32) -> Bool {
    pendingSignals.bitwiseAnd(~bit, ordering: .sequentiallyConsistent).oldValue & bit != 0
  }

  /// Whether any of `mask`'s signals is pending (without clearing it).
  static func isPending(_ mask: UInt32) -> Bool {
    pendingSignals.load(ordering: .sequentiallyConsistent) & mask != 0
  }

  /// The read end of the self-pipe, or -1 when the handlers are not installed.
  static var wakeDescriptor: Int32 {
    wakeReadEnd.load(ordering: .sequentiallyConsistent)
  }

  /// Empties the self-pipe after it woke a poll.
  static func drainWakeDescriptor() {
    let fd = wakeDescriptor
    guard fd >= 0 else { return }
    var buffer = [UInt8](repeating: 0, count: 64)
    while read(fd, &buffer, buffer.count) > 0 {}
  }
}
