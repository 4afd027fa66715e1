import TextAnalysis

/// A place in a knowledge file: path, line and column (both from 1).
public struct SourceLocation: Sendable, Equatable, Hashable, CustomStringConvertible {
  /// The file path as given to the loader (relative paths stay relative).
  public var file: String
  /// Line number, from 1.
  public var line: Int
  /// Column number, from 1.
  public var column: Int

  /// Creates a location.
  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `file:line:column`.
  public var description: String { "\(file):\(line):\(column)" }
}

/// One problem found in the knowledge base, printed like a compiler message.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
  /// How serious the problem is.
  public enum Severity: String, Sendable, Equatable {
    /// The knowledge base cannot be used.
    case error
    /// Worth fixing; the knowledge base still loads.
    case warning
  }

  /// Where the problem is.
  public var location: SourceLocation
  /// Error or warning.
  public var severity: Severity
  /// What is wrong and, where possible, what to do.
  public var message: String

  /// Creates a diagnostic.
  public init(_ severity: Severity, _ message: String, at location: SourceLocation) {
    self.location = location
    self.severity = severity
    self.message = message
  }

  /// `path:line:column: error: message`, with any control character or escape sequence quoted
  /// from a file removed (`TerminalText.filter`), so a message can never drive the terminal.
  public var description: String {
    TerminalText.filter(
      "\(location): \(severity.rawValue): \(message)", keepNewlines: false, controlsBecomeSpaces: true)
  }
}

/// Collects diagnostics while loading and validating.
final class DiagnosticSink {
  private(set) var diagnostics: [Diagnostic] = []

  func error(_ message: String, at location: SourceLocation) {
    diagnostics.append(Diagnostic(.error, message, at: location))
  }

  func warning(_ message: String, at location: SourceLocation) {
    diagnostics.append(Diagnostic(.warning, message, at: location))
  }

  func append(_ more: [Diagnostic]) { diagnostics += more }

  /// Diagnostics of a file parsed later (redflags.yaml, at a start with validated files), and
  /// the place in `diagnostics` where they belong.
  var postponed: (index: Int, diagnostics: () -> [Diagnostic])?

  /// Puts the postponed diagnostics in their place (parsing their file now if it was not yet).
  func insertPostponed() {
    guard let postponed else { return }
    diagnostics.insert(contentsOf: postponed.diagnostics(), at: postponed.index)
    self.postponed = nil
  }

  /// A fingerprint of every file the loader read, for `ValidationStamp`.
  var fingerprint = Fingerprint()
}

/// The knowledge base could not be loaded; every problem is listed.
public struct KnowledgeError: Error, Sendable, CustomStringConvertible {
  /// All errors and warnings, in file order.
  public var diagnostics: [Diagnostic]

  /// Creates the error.
  public init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

  /// One diagnostic per line, then a count.
  public var description: String {
    let errors = diagnostics.filter { $0.severity == .error }.count
    return (diagnostics.map(\.description) + ["\(errors) error(s) in the knowledge base."])
      .joined(separator: "\n")
  }
}
