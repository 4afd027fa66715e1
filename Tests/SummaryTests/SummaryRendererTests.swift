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
    let text = SummaryRenderer.render(Fixtures.redFlagSession, knowledge: Fixtures.knowledge, format: .text)
    let keys: [MessageKey] = [
      .summaryAlertsHeading, .summaryCheckHeading, .summaryNotesHeading, .summaryQuestionsHeading,
      .summaryTopicsHeading, .summaryVisitHeading, .summarySourcesHeading,
    ]
    var positions = [try #require(text.range(of: "My discussion summary")).lowerBound]
    positions.append(try #require(text.range(of: "Date: 2026-11-28")).lowerBound)
    positions.append(try #require(text.range(of: "In an emergency, call 999.")).lowerBound)
    for key in keys {
      positions.append(try #require(text.range(of: Fixtures.knowledge.text(key) + "\n")).lowerBound)
    }
    #expect(positions == positions.sorted())
  }

  @Test func showsEachRedFlagOnceWithItsAction() {
    let text = SummaryRenderer.render(Fixtures.redFlagSession, knowledge: Fixtures.knowledge, format: .markdown)
    #expect(text.components(separatedBy: "DO NOT STOP SUDDENLY").count == 2)
    #expect(text.contains("- **DO NOT STOP SUDDENLY:** Do not stop suddenly. Talk to your prescriber, or call 111.\n"))
    #expect(text.contains("- **POSSIBLE OVERDOSE:** Call 999 now. Give naloxone if you have it.\n"))
  }

  @Test func aSessionWithNoAlertsHasNoSafetySection() {
    for format in SummaryFormat.allCases {
      let text = SummaryRenderer.render(Fixtures.fullSession, knowledge: Fixtures.knowledge, format: format)
      #expect(!text.contains(Fixtures.knowledge.text(.summaryAlertsHeading)))
    }
  }

  @Test func scoresTheCheckWithBandAndPEG() {
    let text = SummaryRenderer.render(Fixtures.fullSession, knowledge: Fixtures.knowledge, format: .text)
    #expect(text.contains("Result: some signs that fit OIH (score 5)."))
    #expect(text.contains("PEG pain score: 6.3 out of 10"))
    #expect(text.contains("- Pain got worse after the dose went up. (+3)"))
    #expect(text.contains("Skipped:\n- Has your pain spread to new places, with no new injury or illness?"))
  }

  @Test func anUnfinishedCheckHasNoBand() {
    let text = SummaryRenderer.render(Fixtures.redFlagSession, knowledge: Fixtures.knowledge, format: .text)
    #expect(!text.contains("Result:"))
    #expect(!text.contains(Fixtures.knowledge.text(.summaryCheckNotDone)))
    #expect(text.contains("Skipped:\n- None.\n"))
  }

  @Test func anEmptySessionInventsNothing() {
    let text = SummaryRenderer.render(Fixtures.emptySession, knowledge: Fixtures.knowledge, format: .text)
    #expect(text.contains("I did not do the signs check."))
    #expect(!text.contains("OIH?"))
    #expect(!text.contains("http"))
    #expect(text.components(separatedBy: "\nNone.\n").count == 5)
  }

  @Test func unknownIdsAreLeftOut() {
    var record = Fixtures.emptySession
    record.topicsRead = ["no-such-topic"]
    record.pickedQuestions = ["no-such-question"]
    record.checkID = "no-such-check"
    record.checkDone = true
    let text = SummaryRenderer.render(record, knowledge: Fixtures.knowledge, format: .text)
    #expect(text == SummaryRenderer.render(Fixtures.emptySession, knowledge: Fixtures.knowledge, format: .text))
  }

  @Test func citesOnlyWhatTheSessionShowed() {
    let text = SummaryRenderer.render(Fixtures.redFlagSession, knowledge: Fixtures.knowledge, format: .markdown)
    let sources = text.components(separatedBy: "## Sources\n\n").last ?? ""
    // Flags (r6, r52), the topic read (r10, r6). The unfinished check counted nothing.
    #expect(
      sources.hasPrefix(
        "- FDA 2019 tapering: <https://www.fda.gov/drugs/drug-safety-and-availability/fda-identifies-harm-reported-sudden-discontinuation-opioid-pain-medicines-and-requires-label-changes>\n- SAMHSA naloxone: <https://store.samhsa.gov/product/opioid-overdose-prevention-toolkit/sma18-4742>\n- CDC 2022: <https://www.cdc.gov/mmwr/volumes/71/rr/rr7103a1.htm>\n\n"
      ))
  }

  /// With every summary text replaced by a marker, what is left is punctuation and markup: no
  /// English comes from the Swift code.
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
    #expect(us.contains("In an emergency, call 911."))
    #expect(uk.contains("In an emergency, call 999."))
    #expect(unknown == us)
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
      #expect(html.contains("font-size: 14pt"))
    }
  }

  @Test func markdownAddressesAreAutolinksOnlyWhenSafe() {
    #expect(SummaryRenderer.markdownAddress("https://a.example/b_c") == "<https://a.example/b_c>")
    #expect(SummaryRenderer.markdownAddress("ftp://a.example/b_c") == "ftp://a.example/b_c")
    #expect(SummaryRenderer.markdownAddress("https://a.example/<x>") == "https&#58;//a.example/\\<x\\>")
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
    #expect(Self.count("<h3>", in: html) == 4)
    #expect(Self.count("<hr />", in: html) == 6)
    #expect(Self.count("<ol>", in: html) == 1)
    for absent in ["<em>", "<strong>", "<del>", "<table>", "<code>", "<img", "<blockquote>", "<b>", "<ask>"] {
      #expect(!html.contains(absent), "\(absent) in \(html)")
    }
    #expect(html.contains("<li># knees &amp; hips: they [hurt](x) when I walk &gt; 10 min</li>"))
    #expect(html.contains("<li>Is 3 pm the best time? &lt;ask&gt; &amp; check *pharmacy* | _today_</li>"))
    #expect(
      html.contains(
        "<li>1. wrote down: <a href=\"https://example.org/a_very_long_address_with_underscores_that_goes_on_and_on_past_eighty_columns\">"
      ))
    #expect(html.contains("<li>Krebs 2009: <a href=\"https://pubmed.ncbi.nlm.nih.gov/19418100/\">"))
  }

  @Test func theRedFlagsAreBold() throws {
    let markdown = SummaryRenderer.render(Fixtures.redFlagSession, knowledge: Fixtures.knowledge, format: .markdown)
    let html = try Self.html(markdown)
    #expect(
      html.contains(
        "<li><strong>DO NOT STOP SUDDENLY:</strong> Do not stop suddenly. Talk to your prescriber, or call 111.</li>"))
    #expect(Self.count("<strong>", in: html) == 2)
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
