import Conversation
import FoundationEssentials
import KnowledgeBase
import LineEditor
import Output
import Rendering
import Summary

/// The thin run loop: read a line, turn it into an event, let the engine handle it, render.
struct SessionRunner {
  var engine: Conversation
  let knowledge: Knowledge
  let color: Bool
  let printer: String?
  let defaultFormat: SummaryFormat?
  let recordPath: String?
  var idleTimeout: Duration?
  var kiosk = false
  var transcript: [String] = []
  /// Kiosk: how long the "are you still there" countdown waits.
  var countdown: Duration?
  /// Kiosk: a phrase that ends the program (staff only).
  var staffExit: String?
  /// Kiosk --large: a narrower text column.
  var maximumWidth: Int?
  /// Kiosk --large: an extra blank line between blocks.
  var large = false
  /// `--record --force`: the transcript may replace an existing file.
  var recordOverwrite = false

  init(engine: Conversation, knowledge: Knowledge, color: Bool, printer: String?, defaultFormat: SummaryFormat?, recordPath: String?, idleTimeout: Duration? = nil, kiosk: Bool = false) {
    self.engine = engine
    self.knowledge = knowledge
    self.color = color
    self.printer = printer
    self.defaultFormat = defaultFormat
    self.recordPath = recordPath
    self.idleTimeout = idleTimeout
    self.kiosk = kiosk
  }

  var width: Int { min(Terminal.width(fd: 1) ?? 80, maximumWidth ?? Int.max) }

  func renderer() -> Renderer {
    let knowledge = self.knowledge
    let width = self.width
    return Renderer(width: width, color: color, knowledge: knowledge) {
      SummaryRenderer.render($0, knowledge: knowledge, format: .text, width: width)
    }
  }

  /// Runs until the session ends; returns the exit status.
  mutating func run() -> Int32 {
    Signals.install()
    let interactive = Terminal.isInteractive(fd: 0) && Terminal.isInteractive(fd: 1)
    let reader: LineReading = interactive ? LineEditor(idleTimeout: idleTimeout, kiosk: kiosk) : PlainLineReader()
    // A kiosk starts on an empty screen: nothing of whoever used the terminal before shows.
    if kiosk { perform([.clearScreen], reader: reader, interactive: interactive) }
    var ended = perform(engine.start(), reader: reader, interactive: interactive)
    var warned = false
    while !ended {
      if kiosk, let editor = reader as? LineEditor { editor.idleTimeout = warned ? countdown : idleTimeout }
      let result = reader.readLine(prompt: "> ")
      warned = false
      if case .idleTimeout = result, kiosk { warned = engine.isWaitingAfterIdleWarning == false }
      if kiosk, case .line(let line) = result, let staffExit, !staffExit.isEmpty, line == staffExit {
        perform([.clearScreen], reader: reader, interactive: interactive)
        return 0
      }
      let event: Conversation.Event
      switch result {
      case .line(let line):
        transcript.append(line.isEmpty ? ">" : "> " + line)
        event = .line(line)
      case .endOfInput:
        // A kiosk on a pipe (tests, soak runs) ends at end of input instead of resetting forever.
        if kiosk && !interactive {
          return writeRecord()
        }
        event = .endOfInput
      case .interrupt:
        if !interactive { continue }
        event = .interrupt
      case .idleTimeout:
        event = .idleTimeout
      case .terminated:
        event = .endOfInput
        if kiosk {
          // Stopped (SIGTERM, SIGHUP): leave nothing of this person on the screen.
          perform([.clearScreen], reader: reader, interactive: interactive)
          return writeRecord()
        }
      }
      ended = perform(engine.handle(event), reader: reader, interactive: interactive)
      if case .terminated = result { break }
    }
    return writeRecord()
  }

  /// Renders or carries out effects; returns true when the session has ended.
  @discardableResult
  mutating func perform(_ effects: [Effect], reader: LineReading, interactive: Bool) -> Bool {
    let renderer = self.renderer()
    var pending = effects
    var ended = false
    while !pending.isEmpty {
      let effect = pending.removeFirst()
      switch effect {
      case .prompt(let completions):
        reader.completions = completions
      case .clearHistory:
        reader.clearHistory()
        transcript.append("[history cleared]")
      case .pause(let seconds):
        transcript.append("[pause \(seconds) s]")
        if interactive { Terminal.pause(seconds: seconds) }
      case .clearScreen:
        if interactive && Terminal.isInteractive(fd: 1) { Console.out(renderer.render(effect) ?? "") }
        transcript.append("[screen cleared]")
      case .save(let request):
        transcript.append("[save \(request.path)]")
        var format = request.format
        if let defaultFormat, format == .text, !request.path.lowercased().hasSuffix(".txt") { format = defaultFormat }
        let text = SummaryRenderer.render(request.record, knowledge: knowledge, format: format)
        let outcome = SummaryFile.save(text, to: request.path, overwrite: request.overwrite)
        pending = engine.handle(.outcome(outcome)).filter { if case .prompt = $0 { return false } else { return true } } + pending
      case .print(let record):
        transcript.append("[print]")
        let paper = Paper.forRegion(record.region)
        let text = SummaryRenderer.paginate(SummaryRenderer.render(record, knowledge: knowledge, format: .text, width: 80), paper: paper)
        let outcome = SummaryPrinter.print(text, printer: printer, paper: paper)
        pending = engine.handle(.outcome(outcome)).filter { if case .prompt = $0 { return false } else { return true } } + pending
      case .end:
        transcript.append("[end]")
        ended = true
      case .say, .urgent, .summary:
        if let text = renderer.render(effect) {
          Console.out(large ? text + "\n" : text)
          if recordPath != nil {
            let plain = Renderer(width: renderer.width, color: false, knowledge: knowledge, summary: renderer.summary)
            var lines = (plain.render(effect) ?? "").pieces(separatedBy: "\n")
            if lines.last == "" { lines.removeLast() }
            transcript += lines
          }
        }
      }
    }
    return ended
  }

  /// Writes the opt-in transcript (`--record FILE`); returns the exit status (1 when it could
  /// not be written).
  func writeRecord() -> Int32 {
    guard let recordPath else { return 0 }
    let header = "# Recorded with oih chat --record.\n#! region: \(engine.record.region)  width: \(width)  date: \(engine.record.date)\n"
    let text = header + transcript.joined(separator: "\n") + "\n"
    switch SummaryFile.save(text, to: recordPath, overwrite: recordOverwrite) {
    case .saved:
      Console.error("Transcript written to \(recordPath).")
      return 0
    case .saveFailed(_, let reason):
      Console.error("Could not write the transcript to \(recordPath): \(reason)")
    case .exists:
      Console.error("Could not write the transcript to \(recordPath): a file of that name appeared during the session (use --force to replace it).")
    case .printed, .printFailed:
      break
    }
    return 1
  }
}
