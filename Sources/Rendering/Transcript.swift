import Conversation
import KnowledgeBase
import Search

/// A golden conversation: `#` comment lines, `#!` header lines fixing what varies, `> ` lines
/// the person typed, and every other line the exact expected output.
///
/// Special inputs: `> <idle>` (idle timeout), `> <interrupt>` (Ctrl-C), `> <eof>` (Ctrl-D).
public struct Transcript: Sendable, Equatable {
  /// Header settings.
  public struct Header: Sendable, Equatable {
    /// Region id.
    public var region = "US"
    /// Line width.
    public var width = 80
    /// The session date.
    public var date = "2026-01-15"
    /// The starting guide id, or a path to a guide file (relative to the transcript).
    public var guide = "welcome"
    /// Kiosk mode.
    public var kiosk = false
    /// What saving answers: ok, exists or fail.
    public var save = "ok"
    /// What printing answers: ok or fail.
    public var print = "fail"
  }

  /// The file's comment lines (kept on update).
  public var comments: [String]
  /// The header.
  public var header: Header
  /// The raw `#!` lines.
  public var headerLines: [String]
  /// The typed inputs, in order.
  public var inputs: [String]
  /// The expected lines after the comments and header, typed lines included.
  public var body: [String]

  /// Parses a transcript file's text.
  ///
  /// - Parameter text: The file content.
  /// - Returns: The transcript; unknown header keys are ignored.
  public static func parse(_ text: String) -> Transcript {
    var lines = text.components(separatedBy: "\n")
    if lines.last == "" { lines.removeLast() }
    var comments: [String] = []
    var headerLines: [String] = []
    var header = Header()
    var index = 0
    while index < lines.count, lines[index].hasPrefix("#") {
      let line = lines[index]
      if line.hasPrefix("#!") {
        headerLines.append(line)
        let fields = line.dropFirst(2).split(separator: " ").map(String.init)
        var i = 0
        while i + 1 < fields.count {
          let key = fields[i].hasSuffix(":") ? String(fields[i].dropLast()) : fields[i]
          let value = fields[i + 1]
          switch key {
          case "region": header.region = value
          case "width": header.width = Int(value) ?? 80
          case "date": header.date = value
          case "guide": header.guide = value
          case "kiosk": header.kiosk = value == "yes" || value == "true"
          case "save": header.save = value
          case "print": header.print = value
          default: break
          }
          i += 2
        }
      } else {
        comments.append(line)
      }
      index += 1
    }
    let body = Array(lines[index...])
    let inputs = body.filter { $0.hasPrefix("> ") || $0 == ">" }.map { $0 == ">" ? "" : String($0.dropFirst(2)) }
    return Transcript(comments: comments, header: header, headerLines: headerLines, inputs: inputs, body: body)
  }

  /// The file text with `body` replaced.
  public func text(withBody body: [String]) -> String {
    (comments + headerLines + body).joined(separator: "\n") + "\n"
  }
}

/// Replays transcripts through the real engine and renderer.
public struct TranscriptRunner: Sendable {
  let knowledge: Knowledge
  let index: SearchIndex
  let safety: RedFlagMatcher
  let summary: @Sendable (SessionRecord, Knowledge, Int) -> String

  /// Creates a runner over a loaded knowledge base.
  ///
  /// - Parameters:
  ///   - knowledge: The knowledge base.
  ///   - index: Its search index.
  ///   - safety: Its red-flag matcher.
  ///   - summary: Renders a record as screen text at a width.
  public init(knowledge: Knowledge, index: SearchIndex, safety: RedFlagMatcher, summary: @escaping @Sendable (SessionRecord, Knowledge, Int) -> String) {
    self.knowledge = knowledge
    self.index = index
    self.safety = safety
    self.summary = summary
  }

  /// Runs the inputs of `transcript` and returns the actual body lines.
  ///
  /// - Parameters:
  ///   - transcript: The parsed transcript.
  ///   - directory: The transcript's folder, for a guide given as a path.
  /// - Returns: The body as the engine produces it now.
  public func run(_ transcript: Transcript, directory: String) -> [String] {
    let header = transcript.header
    var guide: Guide?
    var knowledge = self.knowledge
    if header.guide.hasSuffix(".yaml") {
      let path = header.guide.hasPrefix("/") ? header.guide : directory + "/" + header.guide
      let (loaded, _) = GuideLoader.load(path: path, knowledge: knowledge)
      guide = loaded
      if let loaded { knowledge.guides.append(loaded) }
    }
    let options = Conversation.Options(
      region: header.region, date: header.date, guide: guide?.id ?? header.guide, kiosk: header.kiosk,
      printer: header.kiosk ? "front-desk" : nil)
    var engine = Conversation(knowledge: knowledge, index: index, safety: safety, options: options, guide: guide)
    let summary = self.summary
    let width = header.width
    let k = knowledge
    let renderer = Renderer(width: width, color: false, knowledge: knowledge) { summary($0, k, width) }
    var out: [String] = []
    func emit(_ effects: [Effect]) {
      var pending = effects
      while !pending.isEmpty {
        let effect = pending.removeFirst()
        switch effect {
        case .save(let request):
          out.append("[save \(request.path)]")
          let outcome: Outcome
          switch header.save {
          case "exists" where !request.overwrite: outcome = .exists(path: request.path)
          case "fail": outcome = .saveFailed(path: request.path, reason: "the folder does not exist")
          default: outcome = .saved(path: request.path)
          }
          pending = engine.handle(.outcome(outcome)) + pending
        case .print:
          out.append("[print]")
          let outcome: Outcome = header.print == "ok" ? .printed(printer: "front-desk") : .printFailed(reason: "no printer is set up")
          pending = engine.handle(.outcome(outcome)) + pending
        case .clearScreen:
          out.append("[screen cleared]")
        case .clearHistory:
          out.append("[history cleared]")
        case .pause(let seconds):
          out.append("[pause \(seconds) s]")
        case .end:
          out.append("[end]")
        case .say, .urgent, .summary, .prompt:
          if let text = renderer.render(effect) {
            var lines = text.components(separatedBy: "\n")
            if lines.last == "" { lines.removeLast() }
            out += lines
          }
        }
      }
    }
    emit(engine.start())
    for input in transcript.inputs {
      out.append(input.isEmpty ? ">" : "> " + input)
      switch input {
      case "<idle>": emit(engine.handle(.idleTimeout))
      case "<interrupt>": emit(engine.handle(.interrupt))
      case "<eof>": emit(engine.handle(.endOfInput))
      default: emit(engine.handle(.line(input)))
      }
    }
    return out
  }
}
