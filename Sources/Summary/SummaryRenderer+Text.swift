extension SummaryRenderer {
  /// Writes `document` as plain text wrapped at `width` columns.
  static func text(_ document: SummaryDocument, width: Int) -> String {
    func wrap(_ text: String, first: String = "", rest: String = "") -> [String] {
      TextLayout.wrap(text, width: width, first: first, rest: rest)
    }
    func underline(_ lines: [String], with mark: Character) -> String {
      String(repeating: mark, count: min(width, lines.map { TextLayout.columns($0) }.max() ?? 0))
    }
    var lines: [String] = []
    let title = wrap(document.title)
    lines += title
    lines.append(underline(title, with: "="))
    lines += wrap(document.date)
    lines.append("")
    lines += wrap(document.disclaimer)
    for section in document.sections {
      lines.append("")
      let heading = wrap(section.heading)
      lines += heading
      lines.append(underline(heading, with: "-"))
      for (index, block) in section.blocks.enumerated() {
        if index > 0 { lines.append("") }
        switch block {
        case .paragraph(let text):
          lines += wrap(text)
        case .list(let label, let items, let numbered):
          if let label { lines += wrap(label.hasSuffix(":") ? label : label + ":") }
          for (number, item) in items.enumerated() {
            let marker = numbered ? "\(number + 1). " : "- "
            lines += wrap(item, first: marker, rest: String(repeating: " ", count: marker.count))
          }
        case .alerts(let alerts):
          for alert in alerts {
            lines += wrap("\(alert.label): \(alert.action)", first: "- ", rest: "  ")
          }
        case .citations(let citations):
          for citation in citations {
            lines += wrap(citation.short, first: "- ", rest: "  ")
            lines += TextLayout.wrapAddress(citation.url, width: width, indent: "  ")
          }
        case .writingLines(let count):
          for _ in 0..<count {
            lines.append("")
            lines.append(String(repeating: "_", count: width))
          }
        }
      }
    }
    lines.append("")
    lines += wrap(document.footer)
    return lines.joined(separator: "\n") + "\n"
  }
}
