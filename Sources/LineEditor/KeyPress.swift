#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What ``LineEditor/readKey(timeout:accept:)`` read while a pager prompt waited.
public enum KeyPress: Sendable, Equatable {
  /// A key the caller accepts, taken from the input.
  case key(Unicode.Scalar)
  /// Another key: it was left in place and starts the next line that is read.
  case otherKey
  /// Input was already waiting before the prompt showed (a paste, keys typed during the
  /// output): nothing was read, it is all kept for the next line.
  case typedAhead
  /// Ctrl-C or SIGINT.
  case interrupt
  /// Ctrl-D, or the terminal closed.
  case endOfInput
  /// No key within the timeout.
  case idleTimeout
  /// SIGTERM or SIGHUP.
  case terminated
}

extension LineEditor {
  /// Whether single keys can be read (libedit is running; not on the plain fallback).
  public var readsKeys: Bool { canEdit }

  /// Waits for one key with echo and line editing off, for a pager's "more" prompt.
  ///
  /// Never takes part of a line: input that was already waiting is left alone
  /// (``KeyPress/typedAhead``), and a key `accept` refuses stays for the next ``readLine(prompt:)``
  /// (``KeyPress/otherKey``). Ctrl-C and Ctrl-D are taken and reported. The terminal's settings
  /// are restored before returning. Without libedit (the plain fallback) nothing is read and the
  /// answer is ``KeyPress/typedAhead``, so the caller does not pause.
  ///
  /// - Parameters:
  ///   - timeout: How long to wait for a key (nil: no limit).
  ///   - accept: Whether a key belongs to the pager (such as Space, Enter or q).
  /// - Returns: What happened.
  public func readKey(timeout: Duration?, accept: (Unicode.Scalar) -> Bool) -> KeyPress {
    guard canEdit else { return .typedAhead }
    if let signal = Signals.take() { return Self.keyPress(for: signal) }
    var saved = termios()
    let haveSaved = tcgetattr(0, &saved) == 0
    if haveSaved { Self.enterKeyMode(saved) }
    defer {
      if haveSaved { _ = tcsetattr(0, TCSANOW, &saved) }
    }
    // Bytes typed in the terminal's line mode become readable only now, in key mode.
    if decoder.hasPendingBytes || Self.inputWaiting() { return .typedAhead }
    let deadline = timeout.map { ContinuousClock.now + $0 }
    while true {
      if case .scalar(let value) = decoder.peek() {
        switch value {
        case 0x03:
          _ = decoder.next()
          return .interrupt
        case 0x04:
          _ = decoder.next()
          return .endOfInput
        default:
          let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
          guard accept(scalar) else { return .otherKey }
          _ = decoder.next()
          return .key(scalar)
        }
      }
      // An unfinished multibyte character is not a pager key; leave it for the line editor.
      let waitUntil = decoder.hasPendingBytes ? ContinuousClock.now + .milliseconds(100) : deadline
      switch InputWait.wait(fd: 0, until: waitUntil, signals: SignalBit.request | SignalBit.resize | SignalBit.resume) {
      case .signal:
        if let signal = Signals.take() { return Self.keyPress(for: signal) }
        _ = Signals.takeBit(SignalBit.resize)
        if Signals.takeBit(SignalBit.resume), haveSaved { Self.enterKeyMode(saved) }
      case .timedOut:
        return decoder.hasPendingBytes ? .otherKey : .idleTimeout
      case .readable:
        var bytes = [UInt8](repeating: 0, count: 64)
        let count = read(0, &bytes, bytes.count)
        if count > 0 {
          decoder.append(bytes[0..<count])
        } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
          return .endOfInput
        }
      case .failed:
        return .endOfInput
      }
    }
  }

  private static func keyPress(for signal: ReceivedSignal) -> KeyPress {
    switch signal {
    case .interrupt: .interrupt
    case .terminate, .hangup: .terminated
    }
  }

  /// Turns off line mode, echo, signal keys and flow control; keeps any input already typed.
  private static func enterKeyMode(_ normal: termios) {
    var keys = normal
    keys.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
    keys.c_iflag &= ~tcflag_t(IXON)
    withUnsafeMutableBytes(of: &keys.c_cc) { bytes in
      bytes[Int(VMIN)] = 1
      bytes[Int(VTIME)] = 0
    }
    _ = tcsetattr(0, TCSANOW, &keys)
  }

  /// Whether standard input has bytes to read right now.
  private static func inputWaiting() -> Bool {
    var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
    return poll(&descriptor, 1, 0) > 0 && descriptor.revents & Int16(POLLIN) != 0
  }
}
