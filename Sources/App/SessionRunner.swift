import Conversation
import KnowledgeBase
import LineEditor
import Rendering
import Summary
import TextAnalysis

/// How a session looks and behaves around the engine.
public struct RunnerSettings: Sendable, Equatable {
  /// Whether ANSI color may be used.
  public var color = false
  /// The printer for `/print` (nil: the default printer).
  public var printer: String?
  /// The format of `/save` when the file name has no known extension.
  public var defaultFormat: SummaryFormat?
  /// Kiosk: seconds without a key before "are you still there?".
  public var idleTimeout: Duration?
  /// Kiosk: seconds of the countdown before the reset.
  public var countdown: Duration?
  /// Kiosk: a phrase that ends the program (staff only).
  public var staffExit: String?
  /// Kiosk `--large`: an extra blank line between blocks.
  public var large = false
  /// Kiosk: end of input on a pipe ends the program instead of resetting forever.
  public var kiosk = false
  /// Keep a transcript of the session in memory (`oih chat --record`, replay). Off by default:
  /// a kiosk must not keep what one person typed after a reset.
  public var record = false

  /// Default settings: no color, default printer, no kiosk, no record.
  public init() {}
}

/// The one run loop and effect runner: reads lines from a terminal, hands them to the engine as
/// events, and carries out the effects: text to the terminal, summaries to the store, print jobs
/// to the printer. The REPL, the kiosk, transcript replay and `oih ask` all go through it.
public struct SessionRunner {
  /// The engine, with everything about the person.
  public private(set) var engine: Conversation
  let knowledge: Knowledge
  let terminal: any SessionTerminal
  let store: any SummaryStore
  let printer: any SummaryPrinting
  let settings: RunnerSettings
  /// What the last prompt asked the loop to wait for.
  var wait: Prompt.Wait = .forever
  /// The session as transcript lines, when `settings.record` is on.
  public private(set) var transcript: [String] = []
  /// Rows written since the last prompt, for paging on a terminal with a height.
  var pager = Pager()
  /// What the pager already read for the loop (an idle timeout or SIGTERM at its prompt).
  var pendingRead: ReadResult?

  /// Creates a runner.
  ///
  /// - Parameters:
  ///   - engine: The engine, not started yet.
  ///   - knowledge: Its knowledge base (for rendering summaries).
  ///   - terminal: Where lines come from and text goes.
  ///   - store: Where `/save` writes.
  ///   - printer: Where `/print` sends.
  ///   - settings: Color, printer, kiosk timing, recording.
  public init(
    engine: Conversation, knowledge: Knowledge, terminal: any SessionTerminal, store: any SummaryStore,
    printer: any SummaryPrinting, settings: RunnerSettings
  ) {
    self.engine = engine
    self.knowledge = knowledge
    self.terminal = terminal
    self.store = store
    self.printer = printer
    self.settings = settings
  }

  func renderer(color: Bool) -> Renderer {
    let knowledge = self.knowledge
    let width = terminal.width
    return Renderer(width: width, color: color, knowledge: knowledge) {
      SummaryRenderer.render($0, knowledge: knowledge, format: .text, width: width)
    }
  }

  /// How long the next read may wait.
  var timeout: Duration? {
    switch wait {
    case .forever: return nil
    case .idle: return settings.idleTimeout
    case .countdown: return settings.countdown ?? settings.idleTimeout
    }
  }

  /// Shows the welcome, then reads and handles lines until the session ends, the terminal is
  /// closed, or (kiosk) the staff exit phrase is typed.
  public mutating func run() {
    // A kiosk starts on an empty screen: nothing of whoever used the terminal before shows.
    if settings.kiosk { perform([.clearScreen]) }
    var ended = perform(engine.start())
    while !ended {
      let read = pendingRead ?? terminal.readLine(prompt: "> ", timeout: timeout)
      pendingRead = nil
      guard let result = read else { return }
      // A new page starts below the line just typed.
      if case .line(let line) = result {
        pager = Pager(rows: Pager.rows(of: "> " + line, width: terminal.width))
      } else {
        pager = Pager(rows: 1)
      }
      if settings.kiosk, case .line(let line) = result, let staffExit = settings.staffExit, !staffExit.isEmpty,
        line == staffExit
      {
        perform([.clearScreen])
        return
      }
      switch result {
      case .line(let line):
        log(line.isEmpty ? ">" : "> " + line)
        ended = perform(engine.handle(.line(line)))
      case .endOfInput:
        // A kiosk on a pipe (tests, soak runs) ends at end of input instead of resetting forever.
        if settings.kiosk && !terminal.isInteractive { return }
        log("> <eof>")
        ended = perform(engine.handle(.endOfInput))
      case .interrupt:
        guard terminal.isInteractive else { continue }
        log("> <interrupt>")
        ended = perform(engine.handle(.interrupt))
      case .idleTimeout:
        log("> <idle>")
        ended = perform(engine.handle(.idleTimeout))
      case .terminated:
        if settings.kiosk {
          // Stopped (SIGTERM, SIGHUP): leave nothing of this person on the screen.
          perform([.clearScreen])
          return
        }
        perform(engine.handle(.terminate))
        return
      }
    }
  }

  /// Carries out effects in order; the outcome of a save or print goes back to the engine and
  /// its effects are carried out before the rest.
  ///
  /// - Parameter effects: Effects from the engine.
  /// - Returns: Whether the session has ended.
  @discardableResult
  public mutating func perform(_ effects: [Effect]) -> Bool {
    let renderer = self.renderer(color: settings.color)
    var pending = effects[...]
    var ended = false
    while let effect = pending.popFirst() {
      switch effect {
      case .prompt(let prompt):
        terminal.completions = prompt.completions
        wait = prompt.wait
      case .clearHistory:
        terminal.clearHistory()
        log("[history cleared]")
      case .pause(let seconds):
        // What is on the screen stays for a while (where to collect a print) before going on.
        log("[pause \(seconds) s]")
        terminal.pause(seconds: seconds)
      case .clearScreen:
        if terminal.isInteractive {
          terminal.write(renderer.render(effect) ?? "")
          pager = Pager()
        }
        log("[screen cleared]")
      case .save(let request):
        log("[save \(request.path)]")
        var format = request.format
        if let defaultFormat = settings.defaultFormat, format == .text, !request.path.lowercased().hasSuffix(".txt") {
          format = defaultFormat
        }
        let text = SummaryRenderer.render(request.record, knowledge: knowledge, format: format)
        let outcome = store.save(text, to: request.path, overwrite: request.overwrite)
        pending = (engine.handle(.outcome(outcome)) + pending)[...]
      case .print(let record):
        log("[print]")
        let paper = Paper.forRegion(record.region)
        let text = SummaryRenderer.paginate(
          SummaryRenderer.render(record, knowledge: knowledge, format: .text, width: 80), paper: paper)
        let outcome = printer.print(text, printer: settings.printer, paper: paper)
        pending = (engine.handle(.outcome(outcome)) + pending)[...]
      case .end:
        log("[end]")
        ended = true
      case .say, .urgent, .summary:
        guard let text = renderer.render(effect) else { continue }
        let urgent = if case .urgent = effect { true } else { false }
        show(settings.large ? text + "\n" : text, urgent: urgent)
        if settings.record {
          let plain = settings.color ? (self.renderer(color: false).render(effect) ?? "") : text
          var lines = plain.pieces(separatedBy: "\n")
          if lines.last == "" { lines.removeLast() }
          transcript += lines
        }
      }
    }
    return ended
  }

  /// Writes `text`, pausing with the "more" prompt before the screen would overflow (on a
  /// terminal with a height). After the person stops the output, the rest of it is skipped
  /// until the next prompt, except safety alerts, which are always shown.
  mutating func show(_ text: String, urgent: Bool) {
    guard let height = terminal.height, height >= 4 else {
      terminal.write(text)
      return
    }
    if pager.state == .stopped {
      if urgent { terminal.write(text) }
      return
    }
    let width = terminal.width
    var pieces = text.pieces(separatedBy: "\n")
    if pieces.last == "" { pieces.removeLast() }
    var waiting = ""
    for (index, piece) in pieces.enumerated() {
      let rows = Pager.rows(of: piece, width: width)
      if pager.mustPause(before: rows, height: height) {
        terminal.write(waiting)
        waiting = ""
        pause(width: width)
        if pager.state == .stopped {
          if urgent { terminal.write(pieces[index...].joined(separator: "\n") + (text.hasSuffix("\n") ? "\n" : "")) }
          return
        }
      }
      waiting += piece
      if index < pieces.count - 1 || text.hasSuffix("\n") { waiting += "\n" }
      pager.rows += rows
    }
    terminal.write(waiting)
  }

  /// Shows the "more" prompt on the last row, waits for a key, and clears the prompt again.
  mutating func pause(width: Int) {
    // Text from the knowledge base passes the output filter, like all content.
    let prompt = String(
      TerminalText.filter(knowledge.text(.pagerPrompt), keepNewlines: false).prefix(max(1, width - 1)))
    terminal.write(prompt)
    let key = terminal.readPagerKey(timeout: settings.kiosk ? settings.idleTimeout : nil)
    terminal.write("\r\u{1B}[K")
    switch key {
    case .more: pager.rows = 0
    case .stop: pager.state = .stopped
    case .noPause: pager.state = .flowing
    case .idle:
      pager.state = .stopped
      pendingRead = .idleTimeout
    case .terminated:
      pager.state = .stopped
      pendingRead = .terminated
    }
  }

  mutating func log(_ line: String) {
    if settings.record { transcript.append(line) }
  }
}
