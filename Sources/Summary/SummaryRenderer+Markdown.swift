extension SummaryRenderer {
  /// Writes `document` as CommonMark (GitHub-flavoured Markdown renders it the same way).
  ///
  /// Every text is escaped, so nothing a person typed can become a link, a heading, a table, an
  /// HTML tag or a list. Paragraphs are not wrapped: a wrapped line could start with a character
  /// that changes its meaning.
  static func markdown(_ document: SummaryDocument) -> String {
    var blocks: [String] = []
    blocks.append("# " + escapeMarkdown(document.title))
    blocks.append(escapeMarkdown(document.date))
    for section in document.sections {
      blocks.append("## " + escapeMarkdown(section.heading))
      for block in section.blocks {
        switch block {
        case .paragraph(let text):
          blocks.append(escapeMarkdown(text))
        case .field(let label, let value):
          blocks.append("**\(escapeMarkdown(label)):** \(escapeMarkdown(value))")
        case .list(let label, let items, let numbered, let start):
          if let label { blocks.append("### " + escapeMarkdown(label)) }
          let lines = items.enumerated().map { offset, item in
            (numbered ? "\(start + offset). " : "- ") + escapeMarkdown(item)
          }
          blocks.append(lines.joined(separator: "\n"))
        case .alerts(let label, let alerts):
          blocks.append("### " + escapeMarkdown(label))
          blocks.append(
            alerts.map { "- **\(escapeMarkdown($0.label)):** \(escapeMarkdown($0.action))" }.joined(separator: "\n"))
        case .answers(let table):
          // CommonMark has no tables: one item per line, the answer in bold, a mark spelled out.
          blocks.append(
            table.rows.map { row in
              let mark = row.marked ? " (" + escapeMarkdown(table.markMeaning) + ")" : ""
              return "- \(escapeMarkdown(row.question)): **\(escapeMarkdown(row.answer))**\(mark)"
            }.joined(separator: "\n"))
        case .citations(let citations):
          blocks.append(citations.map { "- " + markdownCitation($0) }.joined(separator: "\n"))
        case .writingLines(let count):
          // A line of underscores alone is a thematic break: it renders as a rule to write on.
          for _ in 0..<count { blocks.append(String(repeating: "_", count: 60)) }
        }
      }
      // The disclaimer right after the clinician's block, which comes first.
      if section.kind == .clinician { blocks.append(escapeMarkdown(document.disclaimer)) }
    }
    blocks.append(escapeMarkdown(document.footer))
    return blocks.joined(separator: "\n\n") + "\n"
  }

  /// Escapes `text` so Markdown shows it as it is.
  ///
  /// Backslash-escapes the characters that start emphasis, code, links, HTML, tables,
  /// strikethrough and math; at the start, the characters that would make a list item, a quote
  /// or a heading. A web address typed in a note becomes an autolink, so it stays one piece.
  static func escapeMarkdown(_ text: String) -> String {
    text.split(separator: " ", omittingEmptySubsequences: false).enumerated().map { index, word in
      escapeAddresses(in: word, atStart: index == 0)
    }.joined(separator: " ")
  }

  /// Escapes a word that may hold a web address. GitHub's renderer links bare addresses as they
  /// are written, backslashes and all, so an address is never backslash-escaped: it becomes an
  /// autolink `<https://...>`, or stays as it is when nothing in it needs escaping.
  static func escapeAddresses(in word: Substring, atStart: Bool) -> String {
    let lower = word.lowercased()
    guard
      let found = ["https://", "http://", "www."].compactMap({ lower.firstRange(of: $0) }).min(by: {
        $0.lowerBound < $1.lowerBound
      })
    else { return escapeWord(word, atStart: atStart) }
    let offset = lower.distance(from: lower.startIndex, to: found.lowerBound)
    let start = word.index(word.startIndex, offsetBy: offset)
    let prefix = escapeWord(word[..<start], atStart: atStart)
    var address = word[start...]
    var after = ""
    while let last = address.last, ".,;:!?)]}>\"'*_~".contains(last) {
      after = String(last) + after
      address.removeLast()
    }
    let rest = escapeWord(Substring(after), atStart: false)
    let isWeb = address.lowercased().hasPrefix("http")
    let hasHost = address.firstRange(of: "://").map { !address[$0.upperBound...].isEmpty } ?? false
    if isWeb && hasHost && !address.contains(where: { $0 == "<" || $0 == ">" }) {
      return prefix + "<\(address)>" + rest
    }
    if !isWeb && escapeWord(address, atStart: false) == String(address) {
      return prefix + address + rest
    }
    // Not safe as a link: show it as text, with the character that makes it a link written as an
    // entity so no half-link appears.
    let text = escapeWord(address, atStart: false)
    let broken =
      isWeb ? text.replacing("://", with: "&#58;//") : text.replacing(".", with: "&#46;")
    return prefix + broken + rest
  }

  /// Escapes one word (see `escapeMarkdown`).
  static func escapeWord(_ word: Substring, atStart: Bool) -> String {
    let characters = Array(word)
    var out = ""
    for (index, character) in characters.enumerated() {
      let before = index > 0 ? characters[index - 1] : nil
      let after = index + 1 < characters.count ? characters[index + 1] : nil
      switch character {
      case "\\", "`", "*", "[", "]", "<", ">", "#", "|", "~", "$":
        out.append("\\")
      case "_":
        // Inside a word (snake_case) an underscore cannot start emphasis.
        if !(before?.isLetterOrDigit ?? false) || !(after?.isLetterOrDigit ?? false) { out.append("\\") }
      case "&":
        // Only where it could start an entity such as &amp; or &#38;.
        if let after, after.isLetter || after == "#" { out.append("\\") }
      case "+", "-", "=":
        if atStart && index == 0 { out.append("\\") }
      case ".", ")":
        // "1." or "2)" at the start would begin a numbered list.
        if atStart && index > 0 && characters[..<index].allSatisfy(\.isASCIIDigitCharacter) { out.append("\\") }
      default:
        break
      }
      out.append(character)
    }
    return out
  }

  /// A source as a link on its short name, or as "name: address" text when the address is not a
  /// plain http(s) address.
  static func markdownCitation(_ citation: SummaryDocument.Citation) -> String {
    let url = citation.url
    let plain =
      (url.hasPrefix("https://") || url.hasPrefix("http://"))
      && !url.contains { $0 == " " || $0 == "<" || $0 == ">" || $0 == "\\" || $0.isNewline }
    return plain
      ? "[\(escapeMarkdown(citation.short))](<\(url)>)" : "\(escapeMarkdown(citation.short)): \(escapeMarkdown(url))"
  }
}

extension Character {
  /// Whether this is one of the ASCII digits 0 to 9.
  var isASCIIDigitCharacter: Bool { ("0"..."9").contains(self) }
  /// Whether this is a letter or a digit.
  var isLetterOrDigit: Bool { isLetter || isNumber }
}
