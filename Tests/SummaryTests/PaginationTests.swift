import Conversation
import Testing

@testable import Summary

@Suite struct PaginationTests {
  static func filler(_ count: Int, from start: Int = 1) -> [String] {
    (start..<(start + count)).map { "line \($0)" }
  }

  static func pages(_ text: String) -> [[String]] {
    text.split(separator: "\u{0C}", omittingEmptySubsequences: false).map { page in
      var lines = page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      if lines.last == "" { lines.removeLast() }
      return lines
    }
  }

  @Test(arguments: Paper.allCases)
  func fillsPagesAndLosesNoLine(paper: Paper) {
    let text = Self.filler(150).joined(separator: "\n") + "\n"
    let paged = SummaryRenderer.paginate(text, paper: paper)
    let pages = Self.pages(paged)
    let per = paper.linesPerPage
    #expect(pages.map(\.count) == [per, per, 150 - 2 * per])
    #expect(paged.filter { $0 == "\u{0C}" }.count == 2)
    #expect(paged.replacingOccurrences(of: "\u{0C}", with: "") == text)
    #expect(pages[1].first == "line \(per + 1)")
  }

  @Test func letterHas60LinesAndA4Has64() {
    #expect(Paper.letter.linesPerPage == 60)
    #expect(Paper.a4.linesPerPage == 64)
  }

  @Test func aShortTextIsOnePageWithoutFormFeed() {
    let text = "one\ntwo\n"
    #expect(SummaryRenderer.paginate(text, paper: .letter) == text)
    #expect(SummaryRenderer.paginate("", paper: .letter) == "")
  }

  @Test func exactlyOnePageHasNoFormFeed() {
    let text = Self.filler(60).joined(separator: "\n") + "\n"
    #expect(SummaryRenderer.paginate(text, paper: .letter) == text)
  }

  @Test(arguments: Paper.allCases)
  func keepsAHeadingWithTwoLinesAfterIt(paper: Paper) {
    let per = paper.linesPerPage
    // The heading (2 lines) would fall on the last two lines of the page: it moves.
    let moved = Self.filler(per - 2) + ["Heading", "-------", "first", "second"]
    let movedPages = Self.pages(SummaryRenderer.paginate(moved.joined(separator: "\n") + "\n", paper: paper))
    #expect(movedPages.map(\.count) == [per - 2, 4])
    #expect(movedPages[1].first == "Heading")
    // With room for the heading and two lines, it stays.
    let stays = Self.filler(per - 4) + ["Heading", "=======", "first", "second", "third"]
    let staysPages = Self.pages(SummaryRenderer.paginate(stays.joined(separator: "\n") + "\n", paper: paper))
    #expect(staysPages.map(\.count) == [per, 1])
    #expect(staysPages[0].suffix(4) == ["Heading", "=======", "first", "second"])
    #expect(staysPages[1] == ["third"])
  }

  @Test func keepsALabelWithTwoLinesAfterIt() {
    let lines = Self.filler(58) + ["Fits OIH:", "- one", "- two"]
    let pages = Self.pages(SummaryRenderer.paginate(lines.joined(separator: "\n") + "\n", paper: .letter))
    #expect(pages.map(\.count) == [58, 3])
    #expect(pages[1].first == "Fits OIH:")
  }

  @Test func aHeadingAtTheEndNeedsOnlyWhatFollows() {
    let lines = Self.filler(57) + ["Heading", "-------", "last"]
    let pages = Self.pages(SummaryRenderer.paginate(lines.joined(separator: "\n") + "\n", paper: .letter))
    #expect(pages.map(\.count) == [60])
  }

  @Test(arguments: Paper.allCases)
  func paginatesTheRealSummary(paper: Paper) {
    var record = Fixtures.fullSession
    record.notes += (1...30).map { "Extra note number \($0), to make the summary run over one page." }
    let text = SummaryRenderer.render(record, knowledge: Fixtures.knowledge, format: .text)
    let paged = SummaryRenderer.paginate(text, paper: paper)
    let pages = Self.pages(paged)
    #expect(pages.count >= 2)
    #expect(pages.allSatisfy { $0.count <= paper.linesPerPage })
    #expect(paged.replacingOccurrences(of: "\u{0C}", with: "") == text)
    #expect(paged.filter { $0 == "\u{0C}" }.count == pages.count - 1)
    for page in pages.dropFirst() {
      // No page starts with a heading's underline, and none ends with a bare heading.
      #expect(!(page.first ?? "").hasPrefix("---"))
    }
    for page in pages.dropLast() {
      let last = page.count - 1
      #expect(SummaryRenderer.headingLength(page, at: max(0, last)) == 0 || last == 0)
      #expect(!(page[last].allSatisfy { $0 == "-" } && !page[last].isEmpty))
    }
  }

  /// The region a visit uses for each paper ("" is no region chosen: every region's numbers).
  static func region(for paper: Paper) -> String {
    switch paper {
    case .letter: return "US"
    case .a4: return "UK"
    case .either: return ""
    }
  }

  /// The lines of the clinician's block: from its heading to the line before the disclaimer.
  static func clinicianBlock(_ page: [String]) -> Range<Int>? {
    guard let start = page.firstIndex(of: Fixtures.shipped.text(.summaryClinicianHeading)),
      let disclaimer = page.firstIndex(where: { $0.hasPrefix("This is not a diagnosis") })
    else { return nil }
    return start..<(disclaimer - 1)
  }

  @Test(arguments: Paper.allCases)
  func aUsualVisitPrintsOnOnePageWithTheClinicianBlockInTheTopThird(paper: Paper) throws {
    // The whole signs check, 5 questions, 3 notes, medicines and a goal.
    let record = Fixtures.visitSession(questions: 5, region: Self.region(for: paper))
    let text = SummaryRenderer.render(record, knowledge: Fixtures.shipped, format: .text, width: 80)
    let pages = Self.pages(SummaryRenderer.paginate(text, paper: paper))
    #expect(pages.count == 1, "\(pages.count) pages on \(paper)")
    let block = try #require(Self.clinicianBlock(pages[0]))
    #expect(block.upperBound <= paper.linesPerPage / 3, "the clinician's block ends on line \(block.upperBound)")
    // Every answer of the check is in the block: 16 items, two to a line.
    let check = try #require(Fixtures.shipped.checklist("oih-signs"))
    let lines = pages[0][block].joined(separator: "\n")
    for item in check.items where item.role != .peg {
      #expect(lines.contains(try #require(item.short)), "\(item.id) is missing from the block")
    }
  }

  @Test(arguments: Paper.allCases)
  func fifteenQuestionsTakeAtMostTwoPages(paper: Paper) {
    let record = Fixtures.visitSession(questions: 15, region: Self.region(for: paper))
    let text = SummaryRenderer.render(record, knowledge: Fixtures.shipped, format: .text, width: 80)
    let pages = Self.pages(SummaryRenderer.paginate(text, paper: paper))
    #expect(pages.count == 2, "\(pages.count) pages on \(paper)")
    #expect(pages[0].joined(separator: "\n").contains("Most important to me:\n1. "))
  }
}
