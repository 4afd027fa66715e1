import LineEditor

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The real terminal: libedit when standard input and output are both terminals, plain lines
/// otherwise; text goes to standard output.
public final class ConsoleTerminal: SessionTerminal {
  let reader: any LineReading
  let editor: LineEditor?
  /// Kiosk `--large`: the widest the text may be.
  let maximumWidth: Int?
  /// Whether both standard input and output are terminals.
  public let isInteractive: Bool

  /// Installs the signal handlers and opens the terminal.
  ///
  /// - Parameters:
  ///   - kiosk: Kiosk mode for the line editor (no ~/.editrc, Ctrl-C/Z/\ cannot stop it).
  ///   - maximumWidth: The widest the text may be (nil: the terminal's width).
  public init(kiosk: Bool = false, maximumWidth: Int? = nil) {
    Signals.install()
    isInteractive = Terminal.isInteractive(fd: 0) && Terminal.isInteractive(fd: 1)
    if isInteractive {
      let editor = LineEditor(idleTimeout: nil, kiosk: kiosk)
      self.editor = editor
      reader = editor
    } else {
      editor = nil
      reader = PlainLineReader()
    }
    self.maximumWidth = maximumWidth
  }

  /// Reads with the line editor (which honours `timeout`) or the plain reader.
  public func readLine(prompt: String, timeout: Duration?) -> ReadResult? {
    editor?.idleTimeout = timeout
    return reader.readLine(prompt: prompt)
  }

  /// Writes to standard output.
  public func write(_ text: String) { Console.out(text) }

  /// Forgets the line editor's history.
  public func clearHistory() { reader.clearHistory() }

  /// The line editor's Tab completions.
  public var completions: [String] {
    get { reader.completions }
    set { reader.completions = newValue }
  }

  /// The width of standard output (80 when it is not a terminal), at most `maximumWidth`.
  public var width: Int { min(Terminal.width(fd: 1) ?? 80, maximumWidth ?? Int.max) }

  /// The rows of the terminal; nil on a pipe (or without libedit), so output there never pauses.
  public var height: Int? {
    guard isInteractive, editor?.readsKeys == true else { return nil }
    return Terminal.height(fd: 1)
  }

  /// Waits `seconds` at a terminal (SIGTERM ends the wait early) and drops what was typed
  /// meanwhile; on a pipe it goes on at once.
  public func pause(seconds: Int) {
    if isInteractive { Terminal.pause(seconds: seconds) }
  }

  /// Reads one key with the line editor: Space or Enter for more, q (or Ctrl-C, Ctrl-D) to stop.
  /// Any other key stops too, and is kept as the start of the next line.
  public func readPagerKey(timeout: Duration?) -> PagerKey {
    guard let editor else { return .noPause }
    switch editor.readKey(timeout: timeout, accept: { [" ", "\r", "\n", "q", "Q"].contains($0) }) {
    case .key(let key): return key == "q" || key == "Q" ? .stop : .more
    case .otherKey, .interrupt, .endOfInput: return .stop
    case .typedAhead: return .noPause
    case .idleTimeout: return .idle
    case .terminated: return .terminated
    }
  }
}

/// A terminal that types the lines of a script and keeps what is written (transcripts, tests).
///
/// Special lines: `<idle>` (idle timeout), `<interrupt>` (Ctrl-C), `<eof>` (Ctrl-D). It behaves
/// as a person at a terminal: Ctrl-C and Ctrl-D reach the engine.
public final class ScriptedTerminal: SessionTerminal {
  private var lines: ArraySlice<String>
  /// Everything written, in order.
  public private(set) var output = ""
  /// The timeout asked for by each read, in order.
  public private(set) var timeouts: [Duration?] = []
  /// How many times history was cleared.
  public private(set) var historyClears = 0
  /// The completions set last.
  public var completions: [String] = []
  /// Always true: the script stands for a person at a terminal.
  public let isInteractive = true
  /// The width text is wrapped at.
  public let width: Int
  /// The rows of the screen; nil (the default) never pages.
  public let height: Int?
  /// What the person presses at each pager prompt, in order (then Space for the rest).
  private var pagerKeys: ArraySlice<PagerKey>
  /// How many times the pager paused.
  public private(set) var pagerPauses = 0
  /// The timeout asked for by each pager prompt, in order.
  public private(set) var pagerTimeouts: [Duration?] = []

  /// Creates a terminal that will type `lines`.
  ///
  /// - Parameters:
  ///   - lines: What the person types, in order.
  ///   - width: The width to wrap at.
  ///   - height: The rows of the screen, to page long output (nil: never).
  ///   - pagerKeys: The answers to the pager's prompts, in order; `.more` after they run out.
  public init(lines: [String], width: Int = 80, height: Int? = nil, pagerKeys: [PagerKey] = []) {
    self.lines = lines[...]
    self.width = width
    self.height = height
    self.pagerKeys = pagerKeys[...]
  }

  /// The next scripted pager key.
  public func readPagerKey(timeout: Duration?) -> PagerKey {
    pagerPauses += 1
    pagerTimeouts.append(timeout)
    return pagerKeys.popFirst() ?? .more
  }

  /// The next line of the script, or nil when it has run out.
  public func readLine(prompt: String, timeout: Duration?) -> ReadResult? {
    timeouts.append(timeout)
    guard let line = lines.popFirst() else { return nil }
    switch line {
    case "<idle>": return .idleTimeout
    case "<interrupt>": return .interrupt
    case "<eof>": return .endOfInput
    case "<term>": return .terminated
    default: return .line(line)
    }
  }

  /// Keeps `text`.
  public func write(_ text: String) { output += text }

  /// Counts the clear.
  public func clearHistory() { historyClears += 1 }
}

/// Writes to standard output and error without buffering surprises.
public enum Console {
  /// Writes `text` to standard output.
  public static func out(_ text: String) {
    writeAll(1, text)
  }

  /// Writes `text` to standard error, ending it with a newline.
  public static func error(_ text: String) {
    writeAll(2, text.hasSuffix("\n") ? text : text + "\n")
  }

  /// Every byte of the file at `path` (any kind of file, such as /dev/null), or `nil` when it
  /// cannot be read.
  public static func readFile(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 16_384)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      if count < 0 { return nil }
      if count == 0 { return bytes }
      bytes += chunk[..<count]
    }
  }

  /// Writes every byte of `text` to file descriptor `fd`, retrying after interruptions.
  static func writeAll(_ fd: Int32, _ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let count = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { return }
      bytes = bytes.dropFirst(count)
    }
  }
}

/// Today's date as YYYY-MM-DD, in local time.
enum Today {
  static func string() -> String {
    var now = time(nil)
    var parts = tm()
    localtime_r(&now, &parts)
    func twoDigits(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return "\(parts.tm_year + 1900)-\(twoDigits(parts.tm_mon + 1))-\(twoDigits(parts.tm_mday))"
  }
}
