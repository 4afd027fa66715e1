import Conversation
import Foundation
import Testing

@testable import Summary

/// The HTML summary printed to PDF by headless Chromium (Debian's `chromium`), checked with
/// poppler's `pdfinfo`, `pdftotext` and `pdftoppm`.
@Suite(
  .enabled(
    if: Tool.available("chromium", "pdfinfo", "pdftotext", "pdftoppm"),
    "needs chromium and poppler-utils: apt-get install -y chromium poppler-utils"))
struct HTMLPrintTests {
  /// Prints `html` to a PDF in `folder`; returns the PDF's path.
  static func printToPDF(_ html: String, in folder: String) throws -> String {
    let page = folder + "/summary.html"
    let pdf = folder + "/summary.pdf"
    try html.write(toFile: page, atomically: true, encoding: .utf8)
    let result = try #require(
      Tool.run(
        "chromium",
        [
          "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
          "--user-data-dir=\(folder)/profile", "--no-pdf-header-footer", "--print-to-pdf-no-header",
          "--print-to-pdf=\(pdf)", "file://\(page)",
        ], timeout: 180),
      "chromium did not finish in time")
    #expect(result.status == 0, "chromium: \(result.error)")
    #expect(FileManager.default.fileExists(atPath: pdf))
    return pdf
  }

  /// Collapses runs of white space, so wrapped lines compare as one text.
  static func flat(_ text: String) -> String {
    text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }

  /// The page size `pdfinfo` reports, such as "612 x 792".
  static func pageSize(_ pdf: String) -> String? {
    guard let info = Tool.run("pdfinfo", [pdf])?.text else { return nil }
    for line in info.split(separator: "\n") where line.hasPrefix("Page size:") {
      return line.dropFirst("Page size:".count).trimmingCharacters(in: .whitespaces).components(separatedBy: " pts")[0]
    }
    return nil
  }

  /// Where the clinician's block ends on page 1, as a share of the page height: the lowest word
  /// before the disclaimer that follows the block.
  static func clinicianBlockEnd(_ pdf: String) throws -> Double {
    let (words, height) = try #require(Tool.words(pdf, page: 1))
    let disclaimer = try #require(
      words.indices.first { words[$0].text == "This" && words[safe: $0 + 4]?.text == "diagnosis" },
      "no disclaimer on page 1")
    let start = try #require(words.firstIndex { $0.text == "clinician" }, "no clinician's block on page 1")
    #expect(start < disclaimer)
    return (words[..<disclaimer].map(\.bottom).max() ?? 0) / height
  }

  /// The HTML of a usual visit, for `region` ("" for none chosen).
  static func visit(questions: Int, region: String) -> String {
    SummaryRenderer.render(
      Fixtures.visitSession(questions: questions, region: region), knowledge: Fixtures.shipped, format: .html)
  }

  /// The size Chromium prints each paper on; with no region, the browser's own (Letter here).
  static let papers: [(region: String, size: String)] = [
    ("US", "612 x 792"), ("UK", "594.96 x 841.92"), ("", "612 x 792"),
  ]

  @Test(arguments: papers.map(\.region))
  func aUsualVisitPrintsOnOnePageWithTheClinicianBlockInTheTopThird(region: String) throws {
    let folder = Fixtures.temporaryFolder()
    defer { Fixtures.remove(folder) }
    let pdf = try Self.printToPDF(Self.visit(questions: 5, region: region), in: folder)
    #expect(Tool.pageCount(pdf) == 1)
    let size = try #require(Self.papers.first { $0.region == region }?.size)
    #expect(Self.pageSize(pdf) == size)
    let end = try Self.clinicianBlockEnd(pdf)
    #expect(end <= 1.0 / 3.0, "the clinician's block ends \(Int(end * 100))% down the page")
    let text = Self.flat(try #require(Tool.pdfText(pdf)))
    for expected in [
      "For your clinician", "Safety messages shown in this session: None.",
      "Pain medicines I take: OxyContin (oxycodone), gabapentin, ibuprofen",
      "What matters most to me at this visit: A plan to sleep through the night and walk my dog again.",
      "PEG, past week, 0 to 10: pain 7, enjoyment 6, activity 6; average 6.3.", "Question Answer",
      "Better after a planned cut not changed", "Low mood, past 2 weeks yes *", "Most important to me",
      "My sister can drive me to my visits.", "Notes from my visit", "Krebs 2009",
      "Made with oih, an education program. It does not diagnose.",
    ] {
      #expect(text.contains(expected), "missing from the PDF: \(expected)")
    }
  }

  @Test func aVisitWithNoRegionAlsoFitsOneA4Page() throws {
    // No region: the page asks for no size; on a printer with A4 paper it must fit too.
    let folder = Fixtures.temporaryFolder()
    defer { Fixtures.remove(folder) }
    let html = Self.visit(questions: 5, region: "").replacingOccurrences(
      of: "@page { margin:", with: "@page { size: A4; margin:")
    let pdf = try Self.printToPDF(html, in: folder)
    #expect(Self.pageSize(pdf) == "594.96 x 841.92")
    #expect(Tool.pageCount(pdf) == 1)
    #expect(try Self.clinicianBlockEnd(pdf) <= 1.0 / 3.0)
  }

  @Test(arguments: papers.map(\.region))
  func fifteenQuestionsPrintOnAtMostTwoPages(region: String) throws {
    let folder = Fixtures.temporaryFolder()
    defer { Fixtures.remove(folder) }
    let pdf = try Self.printToPDF(Self.visit(questions: 15, region: region), in: folder)
    #expect(Tool.pageCount(pdf) == 2)
    let text = Self.flat(try #require(Tool.pdfText(pdf)))
    #expect(text.contains("More questions"))
    #expect(text.hasSuffix("Made with oih, an education program. It does not diagnose."))
  }

  @Test func theFullSummaryPrintsWithAllItsText() throws {
    let folder = Fixtures.temporaryFolder()
    defer { Fixtures.remove(folder) }
    let html = SummaryRenderer.render(Fixtures.fullSession, knowledge: Fixtures.knowledge, format: .html)
    let pdf = try Self.printToPDF(html, in: folder)

    #expect(Tool.pageCount(pdf) == 1)
    let text = Self.flat(try #require(Tool.pdfText(pdf)))
    for expected in [
      "My discussion summary: opioids and pain", "Date: 2026-11-27",
      "This is not a diagnosis or medical advice. In an emergency, call 911.",
      "Signs check: answers marked * point to causes to check first (score 5 of 7).",
      "Worst before next dose yes *", "PEG, past week, 0 to 10: pain 7, enjoyment 6, activity 6; average 6.3.",
      "Sleep through the night <again> & walk *more*", "# knees & hips: they [hurt](x) when I walk > 10 min",
      "Is 3 pm the best time? <ask> & check *pharmacy* | _today_",
      "What is opioid-induced hyperalgesia (OIH)?", "Notes from my visit", "Sources", "Krebs 2009; FDA 2023;",
      "Made with oih, an education program. It does not diagnose.",
    ] {
      #expect(text.contains(expected), "missing from the PDF: \(expected)")
    }
    // The words kept for screen readers are not printed.
    #expect(!text.contains("(points to a cause to check first)"))

    // The page as a picture: black type on white, large enough to read.
    let image = try #require(GreyImage.render(pdf, page: 1, resolution: 72))
    #expect(image.width == 612 && image.height == 792)
    #expect(image.darkShare > 0.01 && image.darkShare < 0.25)
    let bands = image.textBands().filter { $0.bottom - $0.top >= 4 }
    // At 72 dpi one point is one pixel: 10 to 11-point text gives lines about 8 pixels tall (some
    // touch and count as one band), and a Letter page holds no more than about 60 of them.
    #expect(bands.count > 15 && bands.count < 65, "\(bands.count) bands")
    let tall = bands.map { $0.bottom - $0.top + 1 }.sorted()
    #expect(tall[tall.count / 2] >= 7, "most lines are \(tall[tall.count / 2]) pixels tall")
  }

  /// With OIH_UPDATE_GOLDEN=1, writes docs/summary-page.png: page 1 of a realistic summary as
  /// Chromium prints it, for the README.
  @Test(.enabled(if: Fixtures.updating, "writes docs/summary-page.png only with OIH_UPDATE_GOLDEN=1"))
  func picturesAPageForTheREADME() throws {
    let folder = Fixtures.temporaryFolder()
    defer { Fixtures.remove(folder) }
    let html = SummaryRenderer.render(Fixtures.pictureSession, knowledge: Fixtures.shipped, format: .html)
    let pdf = try Self.printToPDF(html, in: folder)
    #expect(Tool.pageCount(pdf) == 1)
    let base = Fixtures.root.appendingPathComponent("docs/summary-page").path
    let made = try #require(Tool.run("pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf, base]))
    #expect(made.status == 0, "pdftoppm: \(made.error)")
  }

  @Test(arguments: ["empty", "red-flag"])
  func otherSessionsPrintWhole(session: String) throws {
    let folder = Fixtures.temporaryFolder()
    defer { Fixtures.remove(folder) }
    let record = try #require(Fixtures.sessions.first { $0.name == session }?.record)
    let pdf = try Self.printToPDF(
      SummaryRenderer.render(record, knowledge: Fixtures.knowledge, format: .html), in: folder)
    #expect(Tool.pageCount(pdf) == 1)
    let text = Self.flat(try #require(Tool.pdfText(pdf)))
    #expect(text.hasPrefix("My discussion summary: opioids and pain"))
    #expect(text.hasSuffix("Made with oih, an education program. It does not diagnose."))
  }
}

extension Array {
  subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
