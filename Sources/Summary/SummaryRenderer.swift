import Conversation
import KnowledgeBase

/// Turns a session record into the discussion summary a person takes to their doctor.
///
/// Pure: no files, no clock, no printing. Every heading and label comes from the knowledge base's
/// `summary.*` messages; everything else comes from the session record. Nothing is added that was
/// not in the session.
public enum SummaryRenderer {
  /// Renders the summary of `record`.
  ///
  /// - Parameters:
  ///   - record: What happened in the session.
  ///   - knowledge: The knowledge base (texts, topics, questions, symptom check, sources).
  ///   - format: Plain text, Markdown or HTML.
  ///   - width: The line width of plain text, in columns (at least 20 is used). Markdown and HTML
  ///     are not wrapped.
  /// - Returns: The whole document, ending with a newline.
  public static func render(_ record: SessionRecord, knowledge: Knowledge, format: SummaryFormat, width: Int = 80)
    -> String
  {
    let document = SummaryDocument(record: record, knowledge: knowledge)
    switch format {
    case .text: return text(document, width: max(20, width))
    case .markdown: return markdown(document)
    case .html: return html(document)
    }
  }

  /// Splits plain text into pages with form feeds, for printing.
  ///
  /// No line is split or lost: removing the form feeds gives back `text`. A heading (a line
  /// underlined with `=` or `-`, or a label ending with `:`) stays on the same page as at least the
  /// two lines after it.
  ///
  /// - Parameters:
  ///   - text: Plain text, such as `render(_:knowledge:format:width:)` makes.
  ///   - paper: The paper size, which sets the lines per page.
  /// - Returns: The pages, each ending with a newline, separated by form feeds (U+000C).
  public static func paginate(_ text: String, paper: Paper) -> String {
    if text.isEmpty { return text }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if text.hasSuffix("\n") { lines.removeLast() }
    if lines.isEmpty { return text }
    let perPage = paper.linesPerPage
    var pages: [[String]] = []
    var page: [String] = []
    var index = 0
    while index < lines.count {
      let length = headingLength(lines, at: index)
      let block = max(1, length)
      // A heading needs room for itself and the two lines after it.
      let needed = length == 0 ? 1 : length + min(2, lines.count - index - length)
      if !page.isEmpty && page.count + needed > perPage {
        pages.append(page)
        page = []
      }
      page += lines[index..<(index + block)]
      index += block
      if page.count >= perPage {
        pages.append(page)
        page = []
      }
    }
    if !page.isEmpty { pages.append(page) }
    return pages.map { $0.joined(separator: "\n") + "\n" }.joined(separator: "\u{0C}")
  }

  /// The usual file name of a summary: `oih-summary-2026-11-27.txt`.
  ///
  /// - Parameters:
  ///   - date: The session date (YYYY-MM-DD).
  ///   - format: The format, which gives the extension.
  /// - Returns: The file name, without a folder.
  public static func defaultFileName(date: String, format: SummaryFormat) -> String {
    "oih-summary-\(date).\(format.fileExtension)"
  }

  /// How many lines the heading at `index` takes: 2 for a line underlined with `=` or `-`, 1 for a
  /// label ending with `:`, 0 when the line is not a heading.
  static func headingLength(_ lines: [String], at index: Int) -> Int {
    let line = lines[index]
    guard let first = line.first, first != " " else { return 0 }
    if index + 1 < lines.count {
      let next = lines[index + 1]
      if next.count >= 3 && (next.allSatisfy { $0 == "=" } || next.allSatisfy { $0 == "-" }) { return 2 }
    }
    let isListItem = first == "-" || first == "*" || first.isNumber
    if line.hasSuffix(":") && !isListItem { return 1 }
    return 0
  }
}
