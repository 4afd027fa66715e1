#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Waits until a descriptor is readable, a caught signal is pending, or a deadline passes.
///
/// Race-free without blocking signals: the handler sets its flag before poking the self-pipe,
/// and the pipe stays readable until drained, so a signal that lands between the flag check and
/// `poll` still wakes the poll.
enum InputWait {
  /// Why the wait ended.
  enum Outcome: Equatable {
    /// The descriptor has data, end of file or an error: `read` will not block.
    case readable
    /// A signal in the wait's mask is pending; take it with ``Signals``.
    case signal
    /// The deadline passed.
    case timedOut
    /// `poll` failed for a reason other than a signal.
    case failed
  }

  /// Waits on `fd`.
  ///
  /// - Parameters:
  ///   - fd: The descriptor to watch for input.
  ///   - deadline: When to give up, or `nil` to wait indefinitely.
  ///   - signals: The ``SignalBit`` mask that ends the wait.
  /// - Returns: Why the wait ended.
  static func wait(fd: Int32, until deadline: ContinuousClock.Instant?, signals: UInt32) -> Outcome {
    while true {
      if Signals.isPending(signals) {
        return .signal
      }
      var timeout: Int32 = -1
      if let deadline {
        let remaining = deadline - .now
        if remaining <= .zero {
          return .timedOut
        }
        timeout = milliseconds(rounding: remaining)
      }
      var descriptors = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
      let wake = Signals.wakeDescriptor
      if wake >= 0 {
        descriptors.append(pollfd(fd: wake, events: Int16(POLLIN), revents: 0))
      }
      let ready = poll(&descriptors, nfds_t(descriptors.count), timeout)
      if ready < 0 {
        if errno == EINTR || errno == EAGAIN {
          continue
        }
        return .failed
      }
      if descriptors.count > 1, descriptors[1].revents != 0 {
        Signals.drainWakeDescriptor()
      }
      if descriptors[0].revents != 0 {
        if Signals.isPending(signals) {
          return .signal
        }
        return .readable
      }
    }
  }

  /// A positive duration in whole milliseconds, rounded up and clamped to `Int32`.
  static func milliseconds(rounding duration: Duration) -> Int32 {
    let (seconds, attoseconds) = duration.components
    let millis = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
    return Int32(clamping: max(millis, 0))
  }
}
