import KnowledgeBase

/// A piece of text for the renderer. The renderer wraps, numbers and styles it.
public enum Block: Sendable, Equatable {
  /// A heading line.
  case heading(String)
  /// A paragraph.
  case text(String)
  /// A numbered choice.
  case option(Int, String)
  /// A bullet point.
  case bullet(String)
  /// The short forms of cited sources.
  case sources([String])
  /// An empty line.
  case blank
}

/// An urgent safety alert, shown before anything else.
public struct Alert: Sendable, Equatable {
  /// The red flag's id.
  public var flagID: String
  /// The kind's id, such as `overdose`.
  public var kind: String
  /// The heading, such as "POSSIBLE OVERDOSE".
  public var label: String
  /// The message with the region's numbers filled in.
  public var message: String
  /// The one-line action for the summary.
  public var action: String
  /// The region's emergency number.
  public var emergency: String
  /// Whether it is urgent (an URGENT box) or calm safety advice.
  public var urgent: Bool = true
}

/// What the summary file should be written as.
public enum SummaryFormat: String, Sendable, Equatable, CaseIterable {
  /// Plain text, wrapped at 80 columns and paginated.
  case text
  /// Markdown.
  case markdown
  /// One self-contained HTML file.
  case html

  /// The format for a file name's extension (.md, .html, .htm, else text).
  public static func forPath(_ path: String) -> SummaryFormat {
    let lower = path.lowercased()
    if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") { return .markdown }
    if lower.hasSuffix(".html") || lower.hasSuffix(".htm") { return .html }
    return .text
  }

  /// The usual file extension.
  public var fileExtension: String {
    switch self {
    case .text: return "txt"
    case .markdown: return "md"
    case .html: return "html"
    }
  }
}

/// A request to save the summary, carried out by the program around the engine.
public struct SaveRequest: Sendable, Equatable {
  /// The record to write.
  public var record: SessionRecord
  /// Where to write it.
  public var path: String
  /// In which format.
  public var format: SummaryFormat
  /// Whether an existing file may be replaced (the person said yes).
  public var overwrite: Bool
}

/// What the run loop waits for next: Tab completions, and (in a kiosk) how long to wait.
public struct Prompt: Sendable, Equatable {
  /// How long the run loop waits for a line before sending `.idleTimeout`.
  public enum Wait: Sendable, Equatable {
    /// No limit (not a kiosk).
    case forever
    /// The kiosk's idle timeout: then "are you still there?".
    case idle
    /// The kiosk's countdown after that warning: then the reset.
    case countdown
  }

  /// The words Tab completes: commands and the current choices.
  public var completions: [String]
  /// How long to wait.
  public var wait: Wait

  /// Creates a prompt.
  public init(completions: [String], wait: Wait = .forever) {
    self.completions = completions
    self.wait = wait
  }
}

/// Something the engine wants done. The run loop renders or performs each in order.
public enum Effect: Sendable, Equatable {
  /// Show text.
  case say([Block])
  /// Show an urgent alert.
  case urgent(Alert)
  /// Show the discussion summary for this record.
  case summary(SessionRecord)
  /// Wait for the next line.
  case prompt(Prompt)
  /// Clear the screen and scrollback (kiosk reset).
  case clearScreen
  /// Forget line-editor history (kiosk reset).
  case clearHistory
  /// Keep what is on the screen for this many seconds before going on (the kiosk shows where
  /// to collect a print before it resets).
  case pause(seconds: Int)
  /// Save the summary to a file.
  case save(SaveRequest)
  /// Print the summary.
  case print(SessionRecord)
  /// The session is over: exit.
  case end
}

/// The outcome of a save or print the program carried out, fed back to the engine.
public enum Outcome: Sendable, Equatable {
  /// The file was written.
  case saved(path: String)
  /// The file exists and overwrite was not allowed.
  case exists(path: String)
  /// Saving failed; the reason is already in plain words.
  case saveFailed(path: String, reason: String)
  /// The job went to the printer.
  case printed(printer: String)
  /// Printing failed; the reason is in plain words.
  case printFailed(reason: String)
}
