extension SummaryRenderer {
  /// The style sheet: readable on screen; on paper black type on white, sized so a usual
  /// session fits one page, with the clinician's block boxed at the top. Only black and white
  /// are used, so text contrast is 21:1 (a test reads every colour here).
  static let styleSheet = """
    body { margin: 2rem auto; max-width: 46rem; padding: 0 1rem; color: #000; background: #fff;
      font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 1.1rem; line-height: 1.45;
      overflow-wrap: anywhere; }
    header { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline; column-gap: 1rem; }
    h1 { font-size: 1.6rem; line-height: 1.2; margin: 0; }
    h2 { font-size: 1.3rem; line-height: 1.25; margin: 1.25rem 0 0.4rem; padding-bottom: 0.1rem; border-bottom: 2px solid #000; }
    h3 { font-size: 1.1rem; margin: 0.75rem 0 0.25rem; }
    p { margin: 0.4rem 0; }
    ul, ol { margin: 0.25rem 0; padding-left: 1.75rem; }
    li { margin: 0.2rem 0; }
    a { color: #000; }
    .date { margin: 0; }
    .clinician { border: 3px solid #000; padding: 0 0.75rem 0.4rem; margin-top: 0.75rem; }
    .clinician h2 { margin-top: 0.4rem; }
    .clinician p { margin: 0.15rem 0; }
    .clinician h3 { margin: 0.3rem 0 0; }
    .clinician ul { margin: 0.1rem 0; }
    .answers { display: flex; flex-wrap: wrap; column-gap: 1.5rem; }
    .answers table { border-collapse: collapse; flex: 1 1 17rem; margin: 0.2rem 0 0; }
    th, td { text-align: left; vertical-align: top; padding: 0 0.5rem 0 0; }
    thead th { border-bottom: 1px solid #000; }
    tbody th { font-weight: normal; }
    td { font-weight: bold; white-space: nowrap; }
    .disclaimer { border: 2px solid #000; padding: 0.3rem 0.6rem; }
    .hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .line { height: 2.2em; border-bottom: 1.5pt solid #000; }
    footer { margin-top: 1.5rem; font-size: 0.95rem; }
    @media print {
      * { color: #000 !important; background: #fff !important; }
      body { margin: 0; max-width: none; padding: 0; font-size: 11pt; line-height: 1.3; }
      h1 { font-size: 14pt; }
      h2 { font-size: 12.5pt; margin: 0.6rem 0 0.2rem; }
      h3 { font-size: 11pt; margin: 0.3rem 0 0.05rem; }
      p { margin: 0.25rem 0; }
      ul, ol { margin: 0.1rem 0; }
      li { margin: 0.05rem 0; }
      .clinician { margin-top: 0.3rem; padding: 0 0.6rem 0.25rem; font-size: 10pt; line-height: 1.2; border-width: 2.5px; }
      .clinician h2 { font-size: 12pt; margin: 0.2rem 0 0.15rem; }
      .clinician p { margin: 0.05rem 0; }
      .answers table { font-size: 10pt; line-height: 1.15; }
      .disclaimer { font-size: 10pt; margin: 0.4rem 0 0; padding: 0.2rem 0.5rem; }
      footer { margin-top: 0.6rem; font-size: 9.5pt; }
      .line { height: 2em; }
      section, header, li, .disclaimer, table { break-inside: avoid; page-break-inside: avoid; }
      h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
      a { text-decoration: none; }
    }
    """

  /// The page rule for `paper`: its size when known, and the margins.
  static func pageRule(_ paper: Paper) -> String {
    let size = paper.cssSize.map { "size: \($0); " } ?? ""
    return "@media print { @page { \(size)margin: 10mm 14mm; } }"
  }

  /// Writes `document` as one self-contained HTML page: inline style, no scripts, nothing loaded
  /// from elsewhere (its content security policy forbids it). One `h1`, `h2` for sections, `h3`
  /// for labels within them; the signs check's answers are tables with header cells.
  static func html(_ document: SummaryDocument) -> String {
    var out: [String] = [
      "<!DOCTYPE html>",
      // The knowledge base is written in English.
      "<html lang=\"en\">",
      "<head>",
      "<meta charset=\"utf-8\">",
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
      "<meta name=\"referrer\" content=\"no-referrer\">",
      "<title>\(escapeHTML(document.title))</title>",
      "<style>",
      (styleSheet + "\n" + pageRule(document.paper)).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"),
      "</style>",
      "</head>",
      "<body>",
      "<header>",
      "<h1>\(escapeHTML(document.title))</h1>",
      "<p class=\"date\">\(escapeHTML(document.date))</p>",
      "</header>",
    ]
    for section in document.sections {
      out.append("<section class=\"\(section.kind.rawValue)\">")
      out.append("<h2>\(escapeHTML(section.heading))</h2>")
      for block in section.blocks {
        out += htmlBlock(block)
      }
      out.append("</section>")
      // The disclaimer right after the clinician's block, which comes first.
      if section.kind == .clinician { out.append("<p class=\"disclaimer\">\(escapeHTML(document.disclaimer))</p>") }
    }
    out += ["<footer>", "<p>\(escapeHTML(document.footer))</p>", "</footer>", "</body>", "</html>"]
    return out.joined(separator: "\n") + "\n"
  }

  /// One block as HTML lines.
  static func htmlBlock(_ block: SummaryDocument.Block) -> [String] {
    var out: [String] = []
    switch block {
    case .paragraph(let text):
      out.append("<p>\(escapeHTML(text))</p>")
    case .field(let label, let value):
      out.append("<p><strong>\(escapeHTML(label)):</strong> \(escapeHTML(value))</p>")
    case .list(let label, let items, let numbered, let start):
      if let label { out.append("<h3>\(escapeHTML(label))</h3>") }
      out.append(numbered ? (start == 1 ? "<ol>" : "<ol start=\"\(start)\">") : "<ul>")
      out += items.map { "<li>\(escapeHTML($0))</li>" }
      out.append(numbered ? "</ol>" : "</ul>")
    case .alerts(let label, let alerts):
      out.append("<h3>\(escapeHTML(label))</h3>")
      out.append("<ul>")
      out += alerts.map { "<li><strong>\(escapeHTML($0.label)):</strong> \(escapeHTML($0.action))</li>" }
      out.append("</ul>")
    case .answers(let table):
      // Two tables side by side (stacked on a narrow screen), each with its header row.
      let half = (table.rows.count + 1) / 2
      out.append("<div class=\"answers\">")
      for rows in [table.rows.prefix(half), table.rows.dropFirst(half)] where !rows.isEmpty {
        out.append("<table>")
        out.append(
          "<thead><tr><th scope=\"col\">\(escapeHTML(table.questionHeader))</th><th scope=\"col\">\(escapeHTML(table.answerHeader))</th></tr></thead>"
        )
        out.append("<tbody>")
        for row in rows {
          let mark =
            row.marked
            ? "<span aria-hidden=\"true\"> *</span><span class=\"hidden\"> (\(escapeHTML(table.markMeaning)))</span>"
            : ""
          out.append(
            "<tr><th scope=\"row\">\(escapeHTML(row.question))</th><td>\(escapeHTML(row.answer))\(mark)</td></tr>")
        }
        out.append("</tbody>")
        out.append("</table>")
      }
      out.append("</div>")
      if table.explainMark { out.append("<p>* \(escapeHTML(table.markMeaning)).</p>") }
    case .citations(let citations):
      out.append("<p>" + citations.map(htmlCitation).joined(separator: "; ") + ".</p>")
    case .writingLines(let count):
      out.append("<div class=\"lines\">")
      out += Array(repeating: "<div class=\"line\"></div>", count: count)
      out.append("</div>")
    }
    return out
  }

  /// Escapes `text` for HTML element content and quoted attribute values.
  static func escapeHTML(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(character)
      }
    }
    return out
  }

  /// A source as a link on its short name (the address shows on screen when pointed at; on
  /// paper the name is the citation), or as text when the address is not http(s).
  static func htmlCitation(_ citation: SummaryDocument.Citation) -> String {
    let url = citation.url
    guard url.hasPrefix("https://") || url.hasPrefix("http://") else {
      return "\(escapeHTML(citation.short)): \(escapeHTML(url))"
    }
    return "<a href=\"\(escapeHTML(url))\">\(escapeHTML(citation.short))</a>"
  }
}
