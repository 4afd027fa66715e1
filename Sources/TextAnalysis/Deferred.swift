import Dispatch
import Synchronization

/// A value computed once, on another thread, from the moment it is created; reading it waits
/// until it is ready (at once if it already is).
///
/// The program shows its first prompt while the red-flag matcher and the search index finish
/// building this way: reading them before they are done simply waits, so no line is ever checked
/// or answered by anything less than the complete matcher and index.
public final class Deferred<Value: Sendable>: @unchecked Sendable {
  // `stored` is written once, before `group` is left; it is read only after waiting on `group`,
  // which orders the two.
  private var stored: Value?
  /// The work, until it has run (written before the work starts, cleared by it).
  private var work: (@Sendable () -> Value)?
  private let group = DispatchGroup()

  /// Starts computing `body()` on another thread.
  ///
  /// - Parameters:
  ///   - queue: Where to run it; by default a queue of its own, which gets a thread of its own
  ///     even when every worker thread is busy (one deferred value may wait for another).
  ///   - body: The work.
  public init(on queue: DispatchQueue? = nil, _ body: @escaping @Sendable () -> Value) {
    group.enter()
    work = body
    (queue ?? DispatchQueue(label: "oih.deferred")).async { [self] in
      // The work is let go as soon as it is done, with everything it captured.
      stored = work?()
      work = nil
      group.leave()
    }
  }

  /// A value that `fulfill(_:)` will give, from any thread; reading waits until then.
  public init() {
    group.enter()
  }

  /// Gives the value of a deferred value made with `init()`; call it exactly once.
  public func fulfill(_ value: Value) {
    stored = value
    group.leave()
  }

  /// A value that is ready now.
  public init(ready value: Value) {
    stored = value
  }

  /// The value, waiting for it if needed.
  public var value: Value {
    group.wait()
    guard let stored else { preconditionFailure("deferred work finished without a value") }
    return stored
  }
}

/// Where start-up work runs.
public enum BackgroundQueues {
  /// One background thread for start-up work, so the building leaves the other core to the
  /// thread that shows the welcome. Work on it must never wait for other work on it.
  public static let startup = DispatchQueue(label: "oih.startup")
}

/// A value computed once, on the thread that first reads it; a reader on another thread at the
/// same time waits for it. Unlike `Deferred`, nothing runs until someone needs the value.
///
/// At start, with files already validated, the red flags are parsed this way: by the thread
/// that builds the red-flag matcher, after the welcome is shown, instead of by a third thread
/// competing with the two that read the other files.
public final class Lazy<Value: Sendable>: Sendable {
  private enum State {
    case pending(@Sendable () -> Value)
    case done(Value)
  }

  private let state: Mutex<State>

  /// Remembers `body`, to run when the value is first read.
  public init(_ body: @escaping @Sendable () -> Value) {
    state = Mutex(.pending(body))
  }

  /// A value that is ready now.
  public init(ready value: Value) {
    state = Mutex(.done(value))
  }

  /// The value: computed now by the first reader (others wait for it), then kept.
  public var value: Value {
    state.withLock { state in
      switch state {
      case .done(let value):
        return value
      case .pending(let work):
        // The work is let go as soon as it is done, with everything it captured.
        let value = work()
        state = .done(value)
        return value
      }
    }
  }
}
