extension SummaryRenderer {
  /// The style sheet: readable on screen, and on paper large black type on white, with sections
  /// kept whole where they fit.
  static let styleSheet = """
    body { margin: 2rem auto; max-width: 42rem; padding: 0 1rem; color: #000; background: #fff;
      font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 1.15rem; line-height: 1.5;
      overflow-wrap: anywhere; }
    h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 0.5rem; }
    h2 { font-size: 1.35rem; line-height: 1.25; margin: 1.5rem 0 0.5rem; padding-bottom: 0.15rem; border-bottom: 2px solid #000; }
    h3 { font-size: 1.15rem; margin: 1rem 0 0.25rem; }
    p { margin: 0.5rem 0; }
    ul, ol { margin: 0.25rem 0; padding-left: 1.75rem; }
    li { margin: 0.25rem 0; }
    a { color: #000; }
    .disclaimer { border: 2px solid #000; padding: 0.5rem 0.75rem; }
    .alerts { border: 4px solid #000; padding: 0 0.75rem 0.5rem; }
    .alerts h2 { border-bottom: none; }
    .line { height: 2.4em; border-bottom: 1.5pt solid #000; }
    footer { margin-top: 2rem; font-size: 0.95rem; }
    @media print {
      @page { margin: 15mm; }
      * { color: #000 !important; background: #fff !important; }
      body { margin: 0; max-width: none; padding: 0; font-size: 14pt; line-height: 1.4; }
      h1 { font-size: 20pt; }
      h2 { font-size: 16pt; }
      h3 { font-size: 14pt; }
      footer { font-size: 12pt; }
      section, header, li, .disclaimer { break-inside: avoid; page-break-inside: avoid; }
      h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
      a { text-decoration: none; }
    }
    """

  /// Writes `document` as one self-contained HTML page: inline style, no scripts, nothing loaded
  /// from elsewhere (its content security policy forbids it).
  static func html(_ document: SummaryDocument) -> String {
    var out: [String] = [
      "<!DOCTYPE html>",
      "<html>",
      "<head>",
      "<meta charset=\"utf-8\">",
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
      "<meta name=\"referrer\" content=\"no-referrer\">",
      "<title>\(escapeHTML(document.title))</title>",
      "<style>",
      styleSheet.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"),
      "</style>",
      "</head>",
      "<body>",
      "<header>",
      "<h1>\(escapeHTML(document.title))</h1>",
      "<p class=\"date\">\(escapeHTML(document.date))</p>",
      "<p class=\"disclaimer\">\(escapeHTML(document.disclaimer))</p>",
      "</header>",
    ]
    for section in document.sections {
      out.append("<section class=\"\(section.kind.rawValue)\">")
      out.append("<h2>\(escapeHTML(section.heading))</h2>")
      for block in section.blocks {
        switch block {
        case .paragraph(let text):
          out.append("<p>\(escapeHTML(text))</p>")
        case .list(let label, let items, let numbered):
          if let label { out.append("<h3>\(escapeHTML(label))</h3>") }
          out.append(numbered ? "<ol>" : "<ul>")
          out += items.map { "<li>\(escapeHTML($0))</li>" }
          out.append(numbered ? "</ol>" : "</ul>")
        case .alerts(let alerts):
          out.append("<ul>")
          out += alerts.map { "<li><strong>\(escapeHTML($0.label)):</strong> \(escapeHTML($0.action))</li>" }
          out.append("</ul>")
        case .citations(let citations):
          out.append("<ul>")
          out += citations.map { "<li>\(escapeHTML($0.short)): \(htmlAddress($0.url))</li>" }
          out.append("</ul>")
        case .writingLines(let count):
          out.append("<div class=\"lines\">")
          out += Array(repeating: "<div class=\"line\"></div>", count: count)
          out.append("</div>")
        }
      }
      out.append("</section>")
    }
    out += ["<footer>", "<p>\(escapeHTML(document.footer))</p>", "</footer>", "</body>", "</html>"]
    return out.joined(separator: "\n") + "\n"
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

  /// A source's web address as a plain link (shown in full, so it can be read on paper), or as
  /// text when it is not an http(s) address.
  static func htmlAddress(_ url: String) -> String {
    guard url.hasPrefix("https://") || url.hasPrefix("http://") else { return escapeHTML(url) }
    return "<a href=\"\(escapeHTML(url))\">\(escapeHTML(url))</a>"
  }
}
