import Conversation
import LineEditor
import Output
import Summary

/// The terminal a session runs on: lines in, text out.
///
/// `ConsoleTerminal` is the real one (libedit on a terminal, plain lines on a pipe);
/// `ScriptedTerminal` replays typed lines for transcripts and tests. Both are driven by the same
/// `SessionRunner`.
public protocol SessionTerminal: AnyObject {
  /// Reads one line, waiting at most `timeout` (nil: no limit).
  ///
  /// - Parameters:
  ///   - prompt: ASCII text to show before the cursor.
  ///   - timeout: How long to wait before answering `.idleTimeout`.
  /// - Returns: What was read, or nil when a script of lines has run out (a real terminal says
  ///   `.endOfInput` instead).
  func readLine(prompt: String, timeout: Duration?) -> ReadResult?

  /// Shows `text` (already wrapped, ending in a newline).
  func write(_ text: String)

  /// Forgets the lines remembered for Up/Down recall.
  func clearHistory()

  /// The words Tab completes.
  var completions: [String] { get set }

  /// Whether a person is at a real terminal: the screen may be cleared and Ctrl-C clears a line.
  var isInteractive: Bool { get }

  /// Columns to wrap text at.
  var width: Int { get }

  /// Rows of the screen, for paging; nil when output must never pause (a pipe, a script).
  var height: Int? { get }

  /// Waits for a key at the pager's "more" prompt (see `PagerKey`).
  ///
  /// - Parameter timeout: How long to wait (nil: no limit).
  func readPagerKey(timeout: Duration?) -> PagerKey

  /// Keeps what is on the screen for `seconds` before going on (the kiosk shows where to
  /// collect a print before it resets); keys pressed meanwhile are dropped.
  func pause(seconds: Int)
}

extension SessionTerminal {
  /// No height by default: a terminal that does not know its rows is never paged.
  public var height: Int? { nil }

  /// Goes on without waiting, for terminals that are never paged.
  public func readPagerKey(timeout: Duration?) -> PagerKey { .noPause }

  /// Goes on at once: only a person at a real terminal needs time to read.
  public func pause(seconds: Int) {}
}

/// What the person did at the pager's "more" prompt.
public enum PagerKey: Sendable, Equatable {
  /// Space or Enter: show the next screen.
  case more
  /// q, Ctrl-C, Ctrl-D, or any other key (which is kept as the start of the next line): skip the
  /// rest of this output.
  case stop
  /// Input was already waiting (typed or pasted during the output): show the rest without
  /// pausing and leave that input for the next line.
  case noPause
  /// No key within the timeout (kiosk): skip the rest and treat it as the idle timeout.
  case idle
  /// SIGTERM or SIGHUP: skip the rest and end.
  case terminated
}

/// Where `/save` writes summaries.
public protocol SummaryStore {
  /// Saves `text` at `path` (see `SummaryFile.save(_:to:overwrite:)` for the outcomes).
  func save(_ text: String, to path: String, overwrite: Bool) -> Outcome
}

/// Where `/print` sends summaries.
public protocol SummaryPrinting {
  /// Prints `text`, paginated for `paper`, on `printer` (nil: the default printer).
  func print(_ text: String, printer: String?, paper: Paper) -> Outcome
}

/// Tells today's date; the engine itself has no clock.
public protocol SessionClock {
  /// Today as YYYY-MM-DD.
  func today() -> String
}

/// Summaries saved as real files: relative paths are taken from `folder`, or from the working
/// directory when it is nil.
public struct FileStore: SummaryStore {
  /// The folder relative paths start from.
  public var folder: String?

  /// Creates a store.
  ///
  /// - Parameter folder: The folder for relative paths (nil: the working directory).
  public init(folder: String? = nil) {
    self.folder = folder
  }

  /// Saves through `SummaryFile`; with a `folder`, outcomes name the path as given, not the
  /// folder it was resolved in.
  public func save(_ text: String, to path: String, overwrite: Bool) -> Outcome {
    guard let folder, !path.hasPrefix("/"), !path.hasPrefix("~") else {
      return SummaryFile.save(text, to: path, overwrite: overwrite)
    }
    let outcome = SummaryFile.save(text, to: folder + "/" + path, overwrite: overwrite)
    switch outcome {
    case .saved: return .saved(path: path)
    case .exists: return .exists(path: path)
    case .saveFailed(_, let reason): return .saveFailed(path: path, reason: reason.replacing(folder + "/", with: ""))
    case .printed, .printFailed: return outcome
    }
  }
}

/// Printing through CUPS (`lp`).
public struct CUPSPrinter: SummaryPrinting {
  /// Creates the printer port.
  public init() {}

  /// Sends the text with `SummaryPrinter.print`.
  public func print(_ text: String, printer: String?, paper: Paper) -> Outcome {
    SummaryPrinter.print(text, printer: printer, paper: paper)
  }
}

/// A printer that keeps each job in memory instead of printing (transcripts and tests).
public final class RecordingPrinter: SummaryPrinting {
  /// One print job.
  public struct Job: Sendable, Equatable {
    /// The text sent.
    public var text: String
    /// The printer asked for.
    public var printer: String?
    /// The paper it was paginated for.
    public var paper: Paper
  }

  /// The jobs, in order.
  public private(set) var jobs: [Job] = []
  /// Why every job fails, or nil when jobs print.
  public let failure: String?

  /// Creates a recording printer.
  ///
  /// - Parameter failure: A reason to answer for every job (a printer that is not set up), or nil.
  public init(failure: String? = nil) {
    self.failure = failure
  }

  /// Records the job, then answers as configured.
  public func print(_ text: String, printer: String?, paper: Paper) -> Outcome {
    if let failure { return .printFailed(reason: failure) }
    jobs.append(Job(text: text, printer: printer, paper: paper))
    return .printed(printer: printer ?? "default")
  }
}

/// The system clock, in local time.
public struct SystemClock: SessionClock {
  /// Creates the clock.
  public init() {}

  /// Today as YYYY-MM-DD, in local time.
  public func today() -> String { Today.string() }
}

/// A clock stopped on one date (transcripts and tests).
public struct FixedClock: SessionClock {
  /// The date it always tells.
  public var date: String

  /// Creates a clock stopped on `date` (YYYY-MM-DD).
  public init(_ date: String) {
    self.date = date
  }

  /// The fixed date.
  public func today() -> String { date }
}
