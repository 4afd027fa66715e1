import Conversation
import Foundation
import KnowledgeBase
import Testing

@testable import Summary

@Suite struct SummaryRendererTests {
  static let cases: [(String, SummaryFormat)] = Fixtures.sessions.flatMap { session in
    SummaryFormat.allCases.map { (session.name, $0) }
  }

  @Test func fixtureKnowledgeLoads() {
    let knowledge = Fixtures.knowledge
    #expect(knowledge.checklist("oih-signs")?.items.count == 8)
    #expect(knowledge.topics.count == 2)
    #expect(knowledge.region("UK")?.emergency == "999")
    #expect(knowledge.redFlags.count == 2)
    #expect(knowledge.messages["summary.title"] == "My discussion summary: opioids and pain")
  }

  @Test(arguments: cases)
  func matchesGoldenFile(session: String, format: SummaryFormat) throws {
    let record = try #require(Fixtures.sessions.first { $0.name == session }?.record)
    let rendered = SummaryRenderer.render(record, knowledge: Fixtures.knowledge, format: format)
    Fixtures.expectGolden(rendered, "\(session).\(format.fileExtension)")
  }

  @Test(arguments: [80, 60, 40])
  func plainTextLinesFitTheWidth(width: Int) {
    for session in Fixtures.sessions {
      let text = SummaryRenderer.render(session.record, knowledge: Fixtures.knowledge, format: .text, width: width)
      let wide = text.split(separator: "\n").filter { TextLayout.columns($0) > width }
      #expect(wide.isEmpty, "\(session.name) at \(width): \(wide)")
    }
  }

  @Test func followsTheOrderOfTheIssue() throws {
    var record = Fixtures.fullSession
    record.alerts = Fixtures.redFlagSession.alerts
    let text = SummaryRenderer.render(record, knowledge: Fixtures.knowledge, format: .text)
    let k = Fixtures.knowledge
    // The clinician's block first (safety, medicines, what matters most, PEG, the check), then
    // the disclaimer, then the person's own sections.
    let marks = [
      "My discussion summary", k.text(.summaryClinicianHeading) + "\n", k.text(.summaryAlertsHeading) + ":",
      k.text(.summaryMedicines) + ":", k.text(.summaryGoal) + ":", "PEG, past week", "Signs check:",
      "Worse after dose went up", "In an emergency, call 911.", k.text(.summaryQuestionsHeading) + "\n",
      k.text(.summaryNotesHeading) + "\n", k.text(.summaryTopicsHeading) + "\n", k.text(.summaryVisitHeading) + "\n",
      k.text(.summarySourcesHeading) + "\n", k.text(.summaryFooter),
    ]
    var positions: [String.Index] = []
    for mark in marks { positions.append(try #require(text.range(of: mark), "missing: \(mark)").lowerBound) }
    #expect(positions == positions.sorted())
  }

  @Test func showsEachRedFlagOnceWithItsAction() {
    let text = SummaryRenderer.render(Fixtures.redFlagSession, knowledge: Fixtures.knowledge, format: .markdown)
    #expect(text.components(separatedBy: "DO NOT STOP SUDDENLY").count == 2)
    #expect(text.contains("### Safety messages shown in this session\n\n- **DO NOT STOP SUDDENLY:**"))
    #expect(text.contains("- **DO NOT STOP SUDDENLY:** Do not stop suddenly. Talk to your prescriber, or call 111.\n"))
    #expect(text.contains("- **POSSIBLE OVERDOSE:** Call 999 now. Give naloxone if you have it.\n"))
  }

  @Test func noSafetyMessagesIsSaidPlainly() {
    let text = SummaryRenderer.render(Fixtures.fullSession, knowledge: Fixtures.knowledge, format: .text)
    #expect(text.contains("\nSafety messages shown in this session: None.\n"))
  }

  @Test func showsTheMedicinesAndWhatMattersMost() {
    let text = SummaryRenderer.render(Fixtures.fullSession, knowledge: Fixtures.knowledge, format: .text)
    #expect(text.contains("\nPain medicines I take: OxyContin (oxycodone), gabapentin\n"))
    #expect(
      text.contains("\nWhat matters most to me at this visit: Sleep through the night <again> & walk\n  *more*\n"))
    let empty = SummaryRenderer.render(Fixtures.emptySession, knowledge: Fixtures.knowledge, format: .text)
    #expect(
      empty.contains("\nPain medicines I take: not answered\nWhat matters most to me at this visit: not answered\n"))
  }

  @Test func showsEveryAnswerOfTheCheckInTwoColumns() {
    let text = SummaryRenderer.render(Fixtures.fullSession, knowledge: Fixtures.knowledge, format: .text)
    // PEG parts and average; the result leads with the causes to check first; every other item
    // with its answer, down the left column then the right; a skipped one says so.
    #expect(
      text.contains(
        """
        PEG, past week, 0 to 10: pain 7, enjoyment 6, activity 6; average 6.3.
        Signs check: answers marked * point to causes to check first (score 5 of 7).
        Worse after dose went up    yes        Worst before next dose      yes*
        Light touch hurts           often      Opioid most days 3+ months  yes
        Pain spread, no new cause   skipped

        """))
  }

  @Test func scoresTheCheckWithTheBandWhenNothingPointsElsewhere() {
    var record = Fixtures.fullSession
    record.answers["worst-before-dose"] = "no"
    let text = SummaryRenderer.render(record, knowledge: Fixtures.knowledge, format: .text)
    #expect(text.contains("\nSigns check: some signs that fit OIH (score 5 of 7).\n"))
    #expect(text.contains("\nWorse after dose went up    yes        Worst before next dose      no\n"))
    #expect(!text.contains("yes*"))
  }

  @Test func theShippedCheckShowsNotChangedAsItsOwnAnswer() throws {
    var record = SessionRecord(date: "2026-11-27", region: "US")
    record.checkID = "oih-signs"
    record.checkDone = true
    record.answers = ["dose-up-worse": "not changed", "dose-down-better": "not changed", "light-touch-hurts": "often"]
    let text = SummaryRenderer.render(record, knowledge: Fixtures.shipped, format: .markdown)
    #expect(text.contains("- Worse after dose went up: **not changed**\n"))
    #expect(text.contains("- Better after a planned cut: **not changed**\n"))
    #expect(text.contains("- Light touch hurts: **often**\n"))
    #expect(text.contains("- Low mood, past 2 weeks: **skipped**\n"))
    #expect(text.contains("Signs check: few signs that fit the OIH pattern (score 2 of 13)."))
    #expect(text.contains("PEG, past week, 0 to 10: pain skipped, enjoyment skipped, activity skipped; no average"))
  }

  @Test func anUnfinishedCheckHasNoResultAndSaysWhatAMarkMeans() {
    let text = SummaryRenderer.render(Fixtures.redFlagSession, knowledge: Fixtures.knowledge, format: .text)
    #expect(!text.contains("Signs check:"))
    #expect(
      text.contains(
        """
        PEG, past week, 0 to 10: pain 8, enjoyment skipped, activity not reached; no
        average, as not all 3 were answered.
        Worse after dose went up    not changed  Worst before next dose      yes*
        Light touch hurts           not reached  Opioid most days 3+ months  not reached
        Pain spread, no new cause   not reached
        * points to a cause to check first.

        """))
  }

  @Test func listsTheFirstFiveQuestionsAsMostImportant() {
    var record = Fixtures.emptySession
    for number in 1...7 { record.questions.append(.own("Question number \(number)?")) }
    record.questions.append(.own("Question number 2?"))
    let text = SummaryRenderer.render(record, knowledge: Fixtures.knowledge, format: .text)
    #expect(
      text.contains(
        """
        Most important to me:
        1. Question number 1?
        2. Question number 2?
        3. Question number 3?
        4. Question number 4?
        5. Question number 5?

        More questions:
        6. Question number 6?
        7. Question number 7?

        """))
    let html = SummaryRenderer.render(record, knowledge: Fixtures.knowledge, format: .html)
    #expect(html.contains("<h3>More questions</h3>\n<ol start=\"6\">\n<li>Question number 6?</li>"))
    let markdown = SummaryRenderer.render(record, knowledge: Fixtures.knowledge, format: .markdown)
    #expect(markdown.contains("### More questions\n\n6. Question number 6?\n7. Question number 7?\n"))
  }

  @Test func anEmptySessionInventsNothing() {
    let text = SummaryRenderer.render(Fixtures.emptySession, knowledge: Fixtures.knowledge, format: .text)
    #expect(text.contains("Signs check: not done."))
    #expect(!text.contains("OIH?"))
    #expect(!text.contains("http"))
    // The person's sections are left out when empty; only the safety line says "None."
    for key: MessageKey in [
      .summaryQuestionsHeading, .summaryNotesHeading, .summaryTopicsHeading, .summarySourcesHeading,
    ] {
      #expect(!text.contains(Fixtures.knowledge.text(key)))
    }
    #expect(text.components(separatedBy: "None.").count == 2)
    #expect(text.contains(Fixtures.knowledge.text(.summaryVisitHeading)))
  }

  @Test func unknownIdsAreLeftOut() {
    var record = Fixtures.emptySession
    record.topicsRead = ["no-such-topic"]
    record.questions = [.listed("no-such-question")]
    record.checkID = "no-such-check"
    record.checkDone = true
    let text = SummaryRenderer.render(record, knowledge: Fixtures.knowledge, format: .text)
    #expect(text == SummaryRenderer.render(Fixtures.emptySession, knowledge: Fixtures.knowledge, format: .text))
  }

  @Test func citesOnlyWhatTheSessionShowed() {
    let text = SummaryRenderer.render(Fixtures.redFlagSession, knowledge: Fixtures.knowledge, format: .markdown)
    let sources = text.components(separatedBy: "## Sources\n\n").last ?? ""
    // Flags (r6, r52), the PEG (r44), what applied in the check (r10), the topic read (r10, r6).
    #expect(
      sources.hasPrefix(
        "- [FDA 2019 tapering](<https://www.fda.gov/drugs/drug-safety-and-availability/fda-identifies-harm-reported-sudden-discontinuation-opioid-pain-medicines-and-requires-label-changes>)\n- [SAMHSA naloxone](<https://store.samhsa.gov/product/opioid-overdose-prevention-toolkit/sma18-4742>)\n- [Krebs 2009](<https://pubmed.ncbi.nlm.nih.gov/19418100/>)\n- [CDC 2022](<https://www.cdc.gov/mmwr/volumes/71/rr/rr7103a1.htm>)\n\n"
      ))
    let plain = SummaryRenderer.render(Fixtures.redFlagSession, knowledge: Fixtures.knowledge, format: .text)
    #expect(plain.contains("Sources\n-------\nFDA 2019 tapering; SAMHSA naloxone; Krebs 2009; CDC 2022.\n"))
  }

  @Test(arguments: [SummaryFormat.text, .markdown])
  func everyWordComesFromTheKnowledgeBase(format: SummaryFormat) {
    var knowledge = Fixtures.knowledge
    for key in MessageKey.allCases where key.rawValue.hasPrefix("summary.") {
      knowledge.messages[key.rawValue] = "@" + key.rawValue.replacingOccurrences(of: "summary.", with: "")
    }
    let text = SummaryRenderer.render(Fixtures.emptySession, knowledge: knowledge, format: format)
    var rest = text
    for key in MessageKey.allCases where key.rawValue.hasPrefix("summary.") {
      rest = rest.replacingOccurrences(of: "@" + key.rawValue.replacingOccurrences(of: "summary.", with: ""), with: "")
    }
    let letters = rest.filter(\.isLetter)
    #expect(letters.isEmpty, "left over: \(rest)")
  }

  @Test func fillsTheRegionsNumbers() {
    let us = SummaryRenderer.render(Fixtures.emptySession, knowledge: Fixtures.knowledge, format: .text)
    var record = Fixtures.emptySession
    record.region = "UK"
    let uk = SummaryRenderer.render(record, knowledge: Fixtures.knowledge, format: .text)
    record.region = "XX"
    let unknown = SummaryRenderer.render(record, knowledge: Fixtures.knowledge, format: .text)
    func flat(_ text: String) -> String { text.split(whereSeparator: \.isNewline).joined(separator: " ") }
    #expect(
      flat(us).contains("In an emergency, call 911. To talk to someone now, contact 988 Suicide & Crisis Lifeline"))
    #expect(flat(uk).contains("In an emergency, call 999. To talk to someone now, contact Samaritans"))
    // No region chosen: every region's numbers, never one country's guess.
    #expect(flat(unknown).contains("your emergency number (911 US, 999 UK)"))
  }

  @Test func notesCannotBreakTheLayout() {
    var record = Fixtures.emptySession
    record.notes = ["line one\nline two\u{0C}page\ttab\u{1B}[31m", "   ", ""]
    let text = SummaryRenderer.render(record, knowledge: Fixtures.knowledge, format: .text)
    // The escape sequence goes whole (TerminalText.filter), not only its ESC.
    #expect(text.contains("- line one line two page tab\n"))
    #expect(!text.contains("\u{0C}"))
    #expect(!text.contains("\u{1B}"))
    #expect(text.components(separatedBy: "\n- ").count == 2)
  }

  @Test(arguments: [
    ("plain words", "plain words"),
    ("a *b* _c_ `d`", "a \\*b\\* \\_c\\_ \\`d\\`"),
    ("# not a heading", "\\# not a heading"),
    ("- not a list", "\\- not a list"),
    ("+ not a list", "\\+ not a list"),
    ("12. not a list", "12\\. not a list"),
    ("3) not a list", "3\\) not a list"),
    ("> not a quote", "\\> not a quote"),
    ("[link](http://x) ![img](y)", "\\[link\\](<http://x>) !\\[img\\](y)"),
    ("<b>html</b> &amp; & more", "\\<b\\>html\\</b\\> \\&amp; & more"),
    ("a | b ~~c~~ $5", "a \\| b \\~\\~c\\~\\~ \\$5"),
    ("back\\slash", "back\\\\slash"),
    ("mid-word 1. and 2) stay", "mid-word 1. and 2) stay"),
    ("snake_case stays, _this_ does not", "snake_case stays, \\_this\\_ does not"),
    ("see https://a.example/x_y. or (http://b.example/)", "see <https://a.example/x_y>. or (<http://b.example/>)"),
    ("https://a.example/x_y", "<https://a.example/x_y>"),
  ])
  func escapesMarkdown(input: String, expected: String) {
    #expect(SummaryRenderer.escapeMarkdown(input) == expected)
  }

  @Test func escapesHTML() {
    #expect(
      SummaryRenderer.escapeHTML("<script>alert('x') & \"y\"</script>")
        == "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;")
    let html = SummaryRenderer.render(Fixtures.fullSession, knowledge: Fixtures.knowledge, format: .html)
    #expect(html.contains("<li>Is 3 pm the best time? &lt;ask&gt; &amp; check *pharmacy* | _today_</li>"))
    #expect(
      html.contains(
        "<p><strong>What matters most to me at this visit:</strong> Sleep through the night &lt;again&gt; &amp; walk *more*</p>"
      ))
  }

  @Test func htmlIsSelfContained() {
    for session in Fixtures.sessions {
      let html = SummaryRenderer.render(session.record, knowledge: Fixtures.knowledge, format: .html)
      let lower = html.lowercased()
      for forbidden in ["<script", "src=", "<link", "<img", "<iframe", "@import", "url(", "javascript:"] {
        #expect(!lower.contains(forbidden), "\(session.name): \(forbidden)")
      }
      // The only addresses are the sources' links.
      let hrefs = lower.components(separatedBy: "href=\"").dropFirst()
      #expect(hrefs.allSatisfy { $0.hasPrefix("https://") })
      #expect(html.contains("@media print"))
      #expect(html.contains("break-inside: avoid"))
      #expect(html.contains("break-after: avoid"))
    }
  }

  @Test(arguments: [("US", "size: letter; "), ("CA", "size: letter; "), ("UK", "size: A4; "), ("", "")])
  func htmlAsksForThePaperOfTheRegion(region: String, size: String) {
    var record = Fixtures.emptySession
    record.region = region
    let html = SummaryRenderer.render(record, knowledge: Fixtures.knowledge, format: .html)
    #expect(html.contains("  @media print { @page { \(size)margin: 10mm 14mm; } }\n"))
  }

  @Test func markdownSourcesAreLinksOnlyWhenSafe() {
    typealias Citation = SummaryDocument.Citation
    #expect(
      SummaryRenderer.markdownCitation(Citation(short: "A*b 2020", url: "https://a.example/b_c"))
        == "[A\\*b 2020](<https://a.example/b_c>)")
    #expect(
      SummaryRenderer.markdownCitation(Citation(short: "X", url: "ftp://a.example/b_c")) == "X: ftp://a.example/b_c")
    #expect(
      SummaryRenderer.markdownCitation(Citation(short: "X", url: "https://a.example/<x>"))
        == "X: https&#58;//a.example/\\<x\\>")
  }

  @Test func wrapsAtWordsAndSplitsOnlyOverlongWords() {
    #expect(TextLayout.wrap("one two three four", width: 9) == ["one two", "three", "four"])
    #expect(TextLayout.wrap("one two three", width: 9, first: "- ", rest: "  ") == ["- one two", "  three"])
    #expect(TextLayout.wrap("abcdefghijkl", width: 5, first: "- ", rest: "  ") == ["- abc", "  def", "  ghi", "  jkl"])
    #expect(TextLayout.wrap("", width: 5, first: "- ") == ["-"])
    #expect(TextLayout.wrap("日本語のテキスト", width: 6) == ["日本語", "のテキ", "スト"])
    #expect(
      TextLayout.wrapAddress("https://example.org/a/bb/ccc/dddd", width: 16, indent: "  ")
        == ["  https://", "  example.org/a/", "  bb/ccc/dddd"])
  }

  @Test func defaultFileNameHasTheDateAndExtension() {
    #expect(SummaryRenderer.defaultFileName(date: "2026-11-27", format: .text) == "oih-summary-2026-11-27.txt")
    #expect(SummaryRenderer.defaultFileName(date: "2026-11-27", format: .markdown) == "oih-summary-2026-11-27.md")
    #expect(SummaryRenderer.defaultFileName(date: "2026-11-27", format: .html) == "oih-summary-2026-11-27.html")
  }

  @Test func paperFollowsTheRegion() {
    #expect(Paper.forRegion("US") == .letter)
    #expect(Paper.forRegion("ca") == .letter)
    #expect(Paper.forRegion("UK") == .a4)
    #expect(Paper.forRegion("EU") == .a4)
    // No region chosen: a page that fits both, on the printer's own paper.
    #expect(Paper.forRegion("") == .either)
    #expect(Paper.either.linesPerPage == Paper.letter.linesPerPage)
    #expect(Paper.either.cupsMedia == nil && Paper.either.cssSize == nil)
  }
}

/// The Markdown summary through a real CommonMark renderer (GitHub's cmark-gfm, Debian package
/// `cmark-gfm`): what the person typed stays text, and the structure is what we wrote.
@Suite(.enabled(if: Tool.available("cmark-gfm"), "needs cmark-gfm: apt-get install -y cmark-gfm"))
struct MarkdownRenderingTests {
  static func html(_ markdown: String) throws -> String {
    let folder = Fixtures.temporaryFolder()
    defer { Fixtures.remove(folder) }
    try markdown.write(toFile: folder + "/summary.md", atomically: true, encoding: .utf8)
    let arguments = ["-e", "autolink", "-e", "table", "-e", "strikethrough", "-e", "tagfilter", folder + "/summary.md"]
    let result = try #require(Tool.run("cmark-gfm", arguments))
    return result.text
  }

  static func count(_ tag: String, in html: String) -> Int { html.components(separatedBy: tag).count - 1 }

  @Test func theFullSummaryRendersAsWritten() throws {
    let markdown = SummaryRenderer.render(Fixtures.fullSession, knowledge: Fixtures.knowledge, format: .markdown)
    let html = try Self.html(markdown)
    #expect(Self.count("<h1>", in: html) == 1)
    #expect(Self.count("<h2>", in: html) == 6)
    #expect(Self.count("<h3>", in: html) == 1)
    #expect(Self.count("<hr />", in: html) == 3)
    #expect(Self.count("<ol>", in: html) == 1)
    // Bold: the three labels of the clinician's block and the five answers.
    #expect(Self.count("<strong>", in: html) == 8)
    for absent in ["<em>", "<del>", "<table>", "<code>", "<img", "<blockquote>", "<b>", "<ask>", "<again>"] {
      #expect(!html.contains(absent), "\(absent) in \(html)")
    }
    #expect(html.contains("<li># knees &amp; hips: they [hurt](x) when I walk &gt; 10 min</li>"))
    #expect(html.contains("<li>Is 3 pm the best time? &lt;ask&gt; &amp; check *pharmacy* | _today_</li>"))
    #expect(
      html.contains(
        "<p><strong>What matters most to me at this visit:</strong> Sleep through the night &lt;again&gt; &amp; walk *more*</p>"
      ))
    #expect(
      html.contains(
        "<li>1. wrote down: <a href=\"https://example.org/a_very_long_address_with_underscores_that_goes_on_and_on_past_eighty_columns\">"
      ))
    #expect(html.contains("<li><a href=\"https://pubmed.ncbi.nlm.nih.gov/19418100/\">Krebs 2009</a></li>"))
    #expect(html.contains("<li>Worst before next dose: <strong>yes</strong> (points to a cause to check first)</li>"))
  }

  @Test func theRedFlagsAreBold() throws {
    let markdown = SummaryRenderer.render(Fixtures.redFlagSession, knowledge: Fixtures.knowledge, format: .markdown)
    let html = try Self.html(markdown)
    #expect(
      html.contains(
        "<li><strong>DO NOT STOP SUDDENLY:</strong> Do not stop suddenly. Talk to your prescriber, or call 111.</li>"))
    #expect(html.contains("<h3>Safety messages shown in this session</h3>"))
  }

  @Test(arguments: [
    "# heading", "- list", "+ list", "1. list", "2) list", "> quote", "<div>raw</div>", "a | b\n|---|", "***", "___",
    "    code", "`code`", "[link](x)", "![img](x)", "**bold** __bold__", "~~gone~~", "&copy; &#169;", "$x$", "a\\",
    "<https://x.example>", "line\n===", "(see https://x.example/a_b).", "www.x.example/*a*", "x<http://a.example/<b>",
    "https://a.example/<b>", "WWW.X.EXAMPLE", "mail me: a_b@x.example",
  ])
  func aNoteIsShownAsItWasTyped(note: String) throws {
    var record = Fixtures.emptySession
    record.notes = [note]
    let html = try Self.html(SummaryRenderer.render(record, knowledge: Fixtures.knowledge, format: .markdown))
    let start = try #require(html.range(of: "<h2>My notes</h2>\n<ul>\n<li>"))
    let end = try #require(html.range(of: "</li>", range: start.upperBound..<html.endIndex))
    var shown = String(html[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "</a>", with: "")
    while let link = shown.range(of: "<a href=\""),
      let close = shown.range(of: "\">", range: link.upperBound..<shown.endIndex)
    {
      shown.removeSubrange(link.lowerBound..<close.upperBound)
    }
    let expected = SummaryRenderer.escapeHTML(note.split(whereSeparator: \.isWhitespace).joined(separator: " "))
      .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
    #expect(shown == expected)
  }
}

/// The Markdown summary is valid CommonMark: Debian's reference renderer `cmark` (package
/// `cmark`) reads it as the blocks we wrote, shows no markup of its own, and writing it back out
/// as CommonMark and reading that again gives the same page.
@Suite(.enabled(if: Tool.available("cmark"), "needs cmark: apt-get install -y cmark (scripts/deps --test)"))
struct CommonMarkTests {
  /// Runs `cmark` on `text` with `arguments`.
  static func cmark(_ text: String, _ arguments: [String] = []) throws -> String {
    let folder = Fixtures.temporaryFolder()
    defer { Fixtures.remove(folder) }
    try text.write(toFile: folder + "/in.md", atomically: true, encoding: .utf8)
    let result = try #require(Tool.run("cmark", arguments + [folder + "/in.md"]))
    #expect(result.status == 0, "cmark: \(result.error)")
    return result.text
  }

  /// The names of the nodes of cmark's XML tree, in order.
  static func nodes(_ xml: String) -> [String] {
    xml.components(separatedBy: "<").dropFirst().compactMap { piece -> String? in
      guard let first = piece.first, first.isLetter else { return nil }
      return String(piece.prefix { $0.isLetter || $0 == "_" })
    }
  }

  static let sessions: [(String, SessionRecord, Knowledge)] = [
    ("full", Fixtures.fullSession, Fixtures.knowledge), ("red-flag", Fixtures.redFlagSession, Fixtures.knowledge),
    ("empty", Fixtures.emptySession, Fixtures.knowledge),
    ("visit with 15 questions", Fixtures.visitSession(questions: 15), Fixtures.shipped),
  ]

  @Test(arguments: sessions.map(\.0))
  func isCommonMarkThatRoundTrips(name: String) throws {
    let (_, record, knowledge) = try #require(Self.sessions.first { $0.0 == name })
    let markdown = SummaryRenderer.render(record, knowledge: knowledge, format: .markdown)
    let xml = try Self.cmark(markdown, ["--to", "xml"])
    let nodes = Self.nodes(xml)
    // Only the kinds of block and inline we write: no HTML, code, emphasis, quotes or images.
    let allowed: Set<String> = [
      "xml", "document", "heading", "paragraph", "text", "strong", "list", "item", "link", "thematic_break",
      "softbreak",
    ]
    #expect(Set(nodes).subtracting(allowed).isEmpty, "unexpected nodes: \(Set(nodes).subtracting(allowed))")
    #expect(xml.components(separatedBy: "<heading level=\"1\">").count == 2)
    // Headings go 1, 2, 3 without skipping a level.
    var level = 0
    for piece in xml.components(separatedBy: "<heading level=\"").dropFirst() {
      let next = Int(piece.prefix { $0.isNumber }) ?? 0
      #expect(next <= level + 1, "heading level \(next) after \(level)")
      level = next
    }
    // Written back as CommonMark and read again, the page is the same.
    let html = try Self.cmark(markdown)
    let again = try Self.cmark(try Self.cmark(markdown, ["--to", "commonmark"]))
    #expect(html == again)
  }

  @Test func whatThePersonTypedIsShownAsTyped() throws {
    let record = Fixtures.fullSession
    let html = try Self.cmark(SummaryRenderer.render(record, knowledge: Fixtures.knowledge, format: .markdown))
    for typed in record.notes.dropFirst(1).dropLast() + record.ownQuestions + [record.visitGoal ?? ""] {
      #expect(html.contains(SummaryRenderer.escapeHTML(typed).replacingOccurrences(of: "&#39;", with: "'")), "\(typed)")
    }
  }
}

/// The HTML summary can be read by machines and by people who see less well: a language, one
/// `h1`, headings in order, header cells for the check's answers, and text contrast of at least
/// 4.5:1 (WCAG 2.2, criterion 1.4.3) for every colour the style sheet uses.
@Suite struct HTMLStructureTests {
  static let pages: [(String, String)] = CommonMarkTests.sessions.map { name, record, knowledge in
    (name, SummaryRenderer.render(record, knowledge: knowledge, format: .html))
  }

  /// The heading levels of `html`, in order.
  static func headingLevels(_ html: String) -> [Int] {
    html.components(separatedBy: "<h").dropFirst().compactMap { piece in
      guard let digit = piece.first?.wholeNumberValue, piece.dropFirst().first == ">" else { return nil }
      return digit
    }
  }

  @Test(arguments: pages.map(\.0))
  func hasALanguageOneTitleAndHeadingsInOrder(name: String) throws {
    let html = try #require(Self.pages.first { $0.0 == name }?.1)
    #expect(html.contains("<html lang=\"en\">"))
    let levels = Self.headingLevels(html)
    #expect(levels.first == 1)
    #expect(levels.filter { $0 == 1 }.count == 1)
    for (previous, next) in zip(levels, levels.dropFirst()) {
      #expect(next <= previous + 1, "h\(next) after h\(previous)")
    }
  }

  @Test func theCheckAnswersAreTablesWithHeaderCells() throws {
    let html = try #require(Self.pages.first { $0.0 == "visit with 15 questions" }?.1)
    let tables = html.components(separatedBy: "<table>").dropFirst().map { $0.components(separatedBy: "</table>")[0] }
    #expect(tables.count == 2)
    var rows = 0
    for table in tables {
      #expect(table.contains("<thead><tr><th scope=\"col\">Question</th><th scope=\"col\">Answer</th></tr></thead>"))
      let body = table.components(separatedBy: "<tbody>")[1]
      for row in body.components(separatedBy: "<tr>").dropFirst() {
        #expect(row.hasPrefix("<th scope=\"row\">"), "row without a header cell: \(row)")
        rows += 1
      }
    }
    #expect(rows == 16)
    // The answers that point to causes to check first are marked, in words for screen readers.
    #expect(
      html.contains(
        "<tr><th scope=\"row\">Low mood, past 2 weeks</th><td>yes<span aria-hidden=\"true\"> *</span><span class=\"hidden\"> (points to a cause to check first)</span></td></tr>"
      ))
  }

  /// A colour written as #rgb or #rrggbb, as red, green and blue from 0 to 1.
  static func rgb(_ hex: Substring) -> (Double, Double, Double)? {
    var digits = hex.dropFirst().map { String($0) }
    if digits.count == 3 { digits = digits.flatMap { [$0, $0] } }
    guard hex.first == "#", digits.count == 6 else { return nil }
    let values = stride(from: 0, to: 6, by: 2).compactMap { Int(digits[$0] + digits[$0 + 1], radix: 16) }
    guard values.count == 3 else { return nil }
    return (Double(values[0]) / 255, Double(values[1]) / 255, Double(values[2]) / 255)
  }

  /// WCAG relative luminance.
  static func luminance(_ color: (Double, Double, Double)) -> Double {
    func channel(_ c: Double) -> Double { c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
    return 0.2126 * channel(color.0) + 0.7152 * channel(color.1) + 0.0722 * channel(color.2)
  }

  /// The values of `property` declarations (`color`, `background`, `background-color`) in `css`.
  static func values(of properties: [String], in css: String) -> [Substring] {
    var found: [Substring] = []
    for declaration in css.split(whereSeparator: { $0 == ";" || $0 == "{" || $0 == "}" }) {
      let parts = declaration.split(separator: ":", maxSplits: 1)
      guard parts.count == 2 else { continue }
      let name = parts[0].trimmingCharacters(in: .whitespacesAndNewlines)
      guard properties.contains(name) else { continue }
      let value = parts[1].replacingOccurrences(of: "!important", with: "").trimmingCharacters(in: .whitespaces)
      found.append(Substring(value))
    }
    return found
  }

  @Test func everyTextColourHasContrastOfAtLeast4_5() throws {
    let css = SummaryRenderer.styleSheet + "\n" + SummaryRenderer.pageRule(.letter)
    let texts = Self.values(of: ["color"], in: css)
    let backgrounds = Self.values(of: ["background", "background-color"], in: css)
    #expect(!texts.isEmpty && !backgrounds.isEmpty)
    // Only plain colours, so each can be checked (a named colour, a gradient or a picture could not).
    for value in texts + backgrounds {
      #expect(Self.rgb(value) != nil, "not a #rgb or #rrggbb colour: \(value)")
    }
    // Browsers draw on white where no background is set.
    let backgroundColours = backgrounds.compactMap { Self.rgb($0) } + [(1.0, 1.0, 1.0)]
    for text in texts {
      guard let colour = Self.rgb(text) else { continue }
      for background in backgroundColours {
        let (a, b) = (Self.luminance(colour), Self.luminance(background))
        let ratio = (max(a, b) + 0.05) / (min(a, b) + 0.05)
        #expect(ratio >= 4.5, "text \(text) on \(background): \(ratio):1")
      }
    }
    // The colours used by links and inline styles are in the style sheet too: none elsewhere.
    for (_, html) in Self.pages {
      #expect(!html.contains("style=\""))
      #expect(!html.lowercased().contains("<font"))
    }
  }
}
