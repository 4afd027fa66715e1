import Foundation
import KnowledgeBase
import Testing

/// Precise citations, review dates (`oih knowledge review --due`) and reading level everywhere.
@Suite struct CitationAndReviewTests {
  /// A source block to append to the fixture's sources.yaml; `fields` replaces or adds fields.
  static func source(_ id: String, _ fields: [String: String?] = [:]) -> String {
    var lines: [(String, String)] = [
      ("short", "Test \(id)"), ("title", "A real title"), ("authors", "Somebody A"), ("year", "2024"),
      ("url", "https://example.org/articles/\(id)"), ("kind", "review"), ("reviewed", "2026-11-27"),
    ]
    for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
      if let index = lines.firstIndex(where: { $0.0 == key }) {
        if let value { lines[index].1 = value } else { lines.remove(at: index) }
      } else if let value {
        lines.append((key, value))
      }
    }
    return "  - id: \(id)\n" + lines.map { "    \($0.0): \($0.1)\n" }.joined()
  }

  /// The fixture's sources.yaml with `extra` appended, and the line the extra block starts on.
  static func sources(plus extra: String) throws -> (text: String, firstLine: Int) {
    let text = try String(contentsOfFile: KnowledgeFixtures.valid + "/sources.yaml", encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count - (text.hasSuffix("\n") ? 1 : 0)
    return (text + extra, lines + 1)
  }

  /// Diagnostics about sources.yaml only (other files of the fixture may change under other work).
  static func sourceDiagnostics(_ extra: String) throws -> (errors: [String], warnings: [String], firstLine: Int) {
    let (text, first) = try sources(plus: extra)
    let result = try KnowledgeFixtures.diagnostics(writing: ["sources.yaml": text])
    let mine = { (line: String) in line.hasPrefix("sources.yaml:") }
    return (result.errors.filter(mine), result.warnings.filter(mine), first)
  }

  @Test func aCompleteSourceAddsNoErrors() throws {
    let result = try Self.sourceDiagnostics(Self.source("r900"))
    #expect(result.errors == [])
  }

  @Test func homePageAndSearchPageURLsAreErrorsAtTheURL() throws {
    let home = try Self.sourceDiagnostics(Self.source("r900", ["url": "https://diaglobal.org"]))
    #expect(
      home.errors == [
        "sources.yaml:\(home.firstLine + 5):10: error: source 'r900' url is a home page (https://diaglobal.org): link the document itself, or its DOI or PubMed record"
      ])
    let search = try Self.sourceDiagnostics(
      Self.source("r900", ["url": "https://pubmed.ncbi.nlm.nih.gov/?term=opioid+hyperalgesia"]))
    #expect(
      search.errors == [
        "sources.yaml:\(search.firstLine + 5):10: error: source 'r900' url is a search page (https://pubmed.ncbi.nlm.nih.gov/?term=opioid+hyperalgesia): link the document itself, or its DOI or PubMed record"
      ])
  }

  @Test func missingOrUnknownAuthorsTitleAndYearAreErrors() throws {
    let unknown = try Self.sourceDiagnostics(Self.source("r900", ["authors": "Authors not confirmed in the brief"]))
    #expect(
      unknown.errors == [
        "sources.yaml:\(unknown.firstLine + 3):14: error: source 'r900' does not name its authors: give the authors or the organization that wrote it"
      ])
    for field in ["authors", "title", "year"] {
      let missing = try Self.sourceDiagnostics(Self.source("r900", [field: nil]))
      #expect(
        missing.errors == ["sources.yaml:\(missing.firstLine):5: error: source is missing required field '\(field)'"],
        "\(field)")
    }
    let year = try Self.sourceDiagnostics(Self.source("r900", ["year": "24"]))
    #expect(
      year.errors == [
        "sources.yaml:\(year.firstLine + 4):11: error: source 'r900' year 24 is not a year of publication"
      ])
  }

  @Test func aSourceNeedsAReviewDate() throws {
    let missing = try Self.sourceDiagnostics(Self.source("r900", ["reviewed": nil]))
    #expect(
      missing.errors == [
        "sources.yaml:\(missing.firstLine):5: error: source 'r900' has no 'reviewed' date: check it and add reviewed: YYYY-MM-DD"
      ])
    let bad = try Self.sourceDiagnostics(Self.source("r900", ["reviewed": "last week"]))
    #expect(
      bad.errors == ["sources.yaml:\(bad.firstLine + 7):15: error: field 'reviewed' must be a date like 2026-11-27"])
  }

  @Test func uncitedAndStaleSourcesGetWarnings() throws {
    let result = try Self.sourceDiagnostics(Self.source("r900", ["reviewed": "2020-01-15"]))
    #expect(result.errors == [])
    #expect(
      result.warnings.contains(
        "sources.yaml:\(result.firstLine):5: warning: source 'r900' is not cited by any text: remove it from sources.yaml (design references go to docs/references.md)"
      ))
    #expect(
      result.warnings.contains(
        "sources.yaml:\(result.firstLine + 7):15: warning: source 'r900' was last reviewed on 2020-01-15, 12 or more months ago: review it and update 'reviewed'"
      ))
  }

  @Test(
    arguments: [
      ("https://diaglobal.org", SourceURL.homePage),
      ("https://www.racgp.org.au/", SourceURL.homePage),
      ("https://pubmed.ncbi.nlm.nih.gov/?term=a+b", SourceURL.searchPage),
      ("https://www.google.com/search?q=opioid", SourceURL.searchPage),
      ("https://example.org/find?query=x&page=2", SourceURL.searchPage),
    ] as [(String, SourceURL)])
  func urlsThatAreNotADocument(url: String, problem: SourceURL) {
    #expect(SourceURL.problem(url) == problem)
  }

  @Test(arguments: [
    "https://pubmed.ncbi.nlm.nih.gov/32028382/",
    "https://doi.org/10.1016/S0140-6736(19)30430-1",
    "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=a0ebc83d-2892-40de-bc0a-775ce90b30db",
    "https://www.nhs.uk/conditions/headaches/",
  ])
  func documentURLsPass(url: String) {
    #expect(SourceURL.problem(url) == nil)
  }

  @Test func shippedSourcesAreAllCitedComplete() throws {
    let (knowledge, diagnostics) = KnowledgeLoader.check(KnowledgeFixtures.shipped)
    let sourceErrors = diagnostics.filter { $0.severity == .error && $0.location.file.hasSuffix("sources.yaml") }
    #expect(sourceErrors.map(\.description) == [])
    for source in knowledge.sources {
      #expect(SourceURL.problem(source.url) == nil, "\(source.id)")
      #expect(source.reviewed.flatMap(ReviewDay.init) != nil, "\(source.id)")
    }
  }
}

@Suite struct ReviewScheduleTests {
  @Test(arguments: [
    ("2026-02-28", true), ("2025-02-29", false), ("2026-13-01", false), ("2026-1-01", false), ("26-01-01", false),
    ("2024-02-29", true), ("2026-04-31", false),
  ])
  func readsOnlyRealDates(text: String, valid: Bool) {
    #expect((ReviewDay(text) != nil) == valid)
  }

  @Test func addingMonthsKeepsTheDayOrTheMonthsEnd() throws {
    #expect(try #require(ReviewDay("2025-12-02")).adding(months: 12).description == "2026-12-02")
    #expect(try #require(ReviewDay("2025-01-31")).adding(months: 1).description == "2025-02-28")
    #expect(try #require(ReviewDay("2025-11-15")).adding(months: 3).description == "2026-02-15")
  }

  @Test func todayIsARealDate() {
    let today = ReviewDay.today()
    #expect(ReviewDay(today.description) == today)
    #expect(today.year >= 2026)
  }

  /// The fixture with two topics' dates changed: one reviewed long ago, one with a bad date.
  static func knowledge() throws -> Knowledge {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("oih-review-\(UUID().uuidString)")
    try FileManager.default.copyItem(atPath: KnowledgeFixtures.valid, toPath: dir.path)
    defer { try? FileManager.default.removeItem(at: dir) }
    for (name, date) in [("what-is-oih", "2024-03-01"), ("signs-of-oih", "2025-06-30")] {
      let path = dir.appendingPathComponent("topics/\(name).yaml")
      let text = try String(contentsOf: path, encoding: .utf8)
      let changed = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
        line.hasPrefix("reviewed:") ? "reviewed: \(date)" : String(line)
      }.joined(separator: "\n")
      try changed.write(to: path, atomically: true, encoding: .utf8)
    }
    return KnowledgeLoader.readOnly(dir.path).0
  }

  @Test func dueListsOldestFirstAndHonoursMonths() throws {
    let knowledge = try Self.knowledge()
    let today = try #require(ReviewDay("2026-07-01"))
    let topics = ReviewSchedule.due(knowledge, today: today).filter { $0.kind == "topic" }
    #expect(topics.map(\.id) == ["what-is-oih", "signs-of-oih"])
    #expect(topics.map(\.reviewed) == ["2024-03-01", "2025-06-30"])
    let longer = ReviewSchedule.due(knowledge, today: today, months: 24).filter { $0.kind == "topic" }
    #expect(longer.map(\.id) == ["what-is-oih"])
    // Every entry in the list is as old or older than the next one.
    let all = ReviewSchedule.due(knowledge, today: today)
    for (a, b) in zip(all, all.dropFirst()) {
      if let x = a.day, let y = b.day { #expect(x <= y) } else { #expect(a.day == nil || b.day != nil) }
    }
  }

  @Test func entriesPrintAsPathLineKindIdAndDate() throws {
    let knowledge = try Self.knowledge()
    let entry = try #require(ReviewSchedule.entries(knowledge).first { $0.id == "what-is-oih" })
    #expect(
      entry.description.hasSuffix(
        "topics/what-is-oih.yaml:\(entry.location.line): topic what-is-oih reviewed 2024-03-01"))
    let never = ReviewSchedule.Entry(
      kind: "source", id: "r9", reviewed: nil, location: SourceLocation(file: "sources.yaml", line: 12, column: 5))
    #expect(never.description == "sources.yaml:12: source r9 reviewed never")
  }
}

@Suite struct ReadingLevelEverywhereTests {
  static let hardDetail =
    "detail: Opioid-induced hyperalgesia represents paradoxical nociceptive sensitization following prolonged administration."

  @Test func topicDetailsAreGraded() throws {
    let result = try KnowledgeFixtures.diagnostics(writing: [
      "topics/broken.yaml": KnowledgeFixtures.topic([9: Self.hardDetail])
    ])
    #expect(
      result.errors.filter { $0.hasPrefix("topics/") } == [
        "topics/broken.yaml:9:9: error: field 'detail' reads at grade 35.1, above the limit of 8: use shorter sentences and words"
      ])
  }

  @Test func aGradeNoteTurnsTheErrorIntoAWarningThatQuotesIt() throws {
    let topic = KnowledgeFixtures.topic([9: Self.hardDetail, 10: "grade-note: drug names raise the grade"])
    let result = try KnowledgeFixtures.diagnostics(writing: ["topics/broken.yaml": topic])
    #expect(result.errors.filter { $0.hasPrefix("topics/") } == [])
    #expect(
      result.warnings.contains(
        "topics/broken.yaml:9:9: warning: field 'detail' reads at grade 35.1, above 8, allowed by its grade-note: drug names raise the grade"
      ))
  }

  @Test func guideLinesAreGradedAndCheckedForDoses() throws {
    let guide = """
      id: hard
      title: A hard guide
      start: intro
      nodes:
        intro:
          say:
            hard-intro: "Opioid-induced hyperalgesia represents paradoxical nociceptive sensitization following prolonged administration."
            hard-dose: "Take 5 mg when it hurts."
          end: true

      """
    let result = try KnowledgeFixtures.diagnostics(writing: ["guides/hard.yaml": guide])
    #expect(
      result.errors.filter { $0.hasPrefix("guides/hard.yaml") } == [
        "guides/hard.yaml:7:19: error: line 'hard-intro' reads at grade 35.1, above the limit of 8: use shorter sentences and words",
        "guides/hard.yaml:8:18: error: line 'hard-dose' gives a dose, amount or schedule ('5 mg'): send dose questions to the prescriber instead",
      ])
  }
}
