extension SummaryRenderer {
  /// Writes `document` as plain text wrapped at `width` columns.
  ///
  /// Laid out to be short: the date beside the title when it fits, the clinician's section
  /// first and without blank lines, then the disclaimer, the signs check's answers in two
  /// columns when they fit, and the sources by their short names.
  static func text(_ document: SummaryDocument, width: Int) -> String {
    func wrap(_ text: String, first: String = "", rest: String = "") -> [String] {
      TextLayout.wrap(text, width: width, first: first, rest: rest)
    }
    func underline(_ lines: [String], with mark: Character) -> String {
      String(repeating: mark, count: min(width, lines.map { TextLayout.columns($0) }.max() ?? 0))
    }
    var lines: [String] = []
    let titleWidth = TextLayout.columns(document.title)
    let dateWidth = TextLayout.columns(document.date)
    if titleWidth + 2 + dateWidth <= width {
      // Title and date on one line, for room: the page is meant to be one page.
      lines.append(document.title + String(repeating: " ", count: width - titleWidth - dateWidth) + document.date)
    } else {
      let title = wrap(document.title)
      lines += title
      lines.append(underline(title, with: "="))
      lines += wrap(document.date)
    }
    for section in document.sections {
      lines.append("")
      let heading = wrap(section.heading)
      lines += heading
      lines.append(underline(heading, with: "-"))
      for (index, block) in section.blocks.enumerated() {
        if index > 0 && !section.compact { lines.append("") }
        switch block {
        case .paragraph(let text):
          lines += wrap(text)
        case .field(let label, let value):
          lines += wrap("\(label): \(value)", rest: "  ")
        case .list(let label, let items, let numbered, let start):
          if let label { lines += wrap(label.hasSuffix(":") ? label : label + ":") }
          for (offset, item) in items.enumerated() {
            let marker = numbered ? "\(start + offset). " : "- "
            lines += wrap(item, first: marker, rest: String(repeating: " ", count: marker.count))
          }
        case .alerts(let label, let alerts):
          lines += wrap(label.hasSuffix(":") ? label : label + ":")
          for alert in alerts {
            lines += wrap("\(alert.label): \(alert.action)", first: "- ", rest: "  ")
          }
        case .answers(let table):
          lines += answerLines(table, width: width)
        case .citations(let citations):
          lines += wrap(citations.map(\.short).joined(separator: "; ") + ".")
        case .writingLines(let count):
          for _ in 0..<count {
            lines.append("")
            lines.append(String(repeating: "_", count: width))
          }
        }
      }
      // The disclaimer right after the clinician's block, which comes first.
      if section.kind == .clinician {
        lines.append("")
        lines += wrap(document.disclaimer)
      }
    }
    lines.append("")
    lines += wrap(document.footer)
    return lines.joined(separator: "\n") + "\n"
  }

  /// The signs check's answers: "label  answer" rows, in two columns (down the left, then down
  /// the right) when they fit in `width`, else one. A marked answer ends with `*`.
  static func answerLines(_ table: SummaryDocument.AnswerTable, width: Int) -> [String] {
    let answers = table.rows.map { $0.answer + ($0.marked ? "*" : "") }
    let answerWidth = answers.map { TextLayout.columns($0) }.max() ?? 0
    let labelWidth = table.rows.map { TextLayout.columns($0.question) }.max() ?? 0
    let cellWidth = labelWidth + 2 + answerWidth
    let gap = min(4, width - 2 * cellWidth)
    var lines: [String] = []
    func pad(_ text: String, to columns: Int) -> String {
      text + String(repeating: " ", count: max(0, columns - TextLayout.columns(text)))
    }
    if gap >= 2 {
      let half = (table.rows.count + 1) / 2
      for index in 0..<half {
        var line = pad(table.rows[index].question, to: labelWidth + 2) + answers[index]
        let right = index + half
        if right < table.rows.count {
          line = pad(line, to: cellWidth + gap) + pad(table.rows[right].question, to: labelWidth + 2) + answers[right]
        }
        lines.append(line)
      }
    } else {
      for (row, answer) in zip(table.rows, answers) {
        lines += TextLayout.wrap("\(row.question): \(answer)", width: width, rest: "  ")
      }
    }
    if table.explainMark {
      lines += TextLayout.wrap("* \(table.markMeaning).", width: width)
    }
    return lines
  }
}
