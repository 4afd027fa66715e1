import FoundationEssentials

/// A golden conversation: `#` comment lines, `#!` header lines fixing what varies, `> ` lines
/// the person typed, and every other line the exact expected output.
///
/// Special inputs: `> <idle>` (idle timeout), `> <interrupt>` (Ctrl-C), `> <eof>` (Ctrl-D),
/// `> <term>` (SIGTERM); a lone `>` is Enter on an empty line. Sessions replay as if input were
/// a pipe (leaving never asks to save first) unless the header says `interactive: yes`.
/// Bracketed lines are what the run loop did: `[save FILE]`, `[print]`, `[screen cleared]`,
/// `[history cleared]`, `[pause N s]` (a kiosk after a print), `[end]`.
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
    /// A person at a terminal (`interactive: yes`): leaving with an unsaved summary asks "Save or
    /// print your summary first?". Off by default, as when input is a pipe.
    public var interactive = false
    /// Files that exist in the session's (temporary) folder before it starts, so `/save` finds
    /// them (`exists: a.md,b.txt`).
    public var existing: [String] = []
    /// What the printer does: ok (records the job) or fail ("no printer is set up").
    public var print = "fail"
    /// After the session, show every file saved and every job printed (`show: yes`).
    public var show = false
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
          case "interactive": header.interactive = value == "yes" || value == "true"
          case "exists": header.existing = value.split(separator: ",").map(String.init)
          case "print": header.print = value
          case "show": header.show = value == "yes" || value == "true"
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
