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

  @Test func theFullSummaryPrintsOnThreeLetterPagesWithAllItsText() throws {
    let folder = Fixtures.temporaryFolder()
    defer { Fixtures.remove(folder) }
    let html = SummaryRenderer.render(Fixtures.fullSession, knowledge: Fixtures.knowledge, format: .html)
    let pdf = try Self.printToPDF(html, in: folder)

    // Headless Chromium prints on Letter; large type and whole sections give three pages.
    #expect(Tool.pageCount(pdf) == 3)
    let text = Self.flat(try #require(Tool.pdfText(pdf)))
    for expected in [
      "My discussion summary: opioids and pain", "Date: 2026-11-27",
      "It is not a diagnosis and not medical advice. In an emergency, call 911.",
      "Pain got worse after the dose went up. (+3)",
      "Result: some answers point to causes that must be checked first", "PEG pain score: 6.3 out of 10",
      "# knees & hips: they [hurt](x) when I walk > 10 min",
      "Is 3 pm the best time? <ask> & check *pharmacy* | _today_",
      "What is opioid-induced hyperalgesia (OIH)?", "Notes from my visit", "Sources", "Krebs 2009:",
      "Made with oih, an education program. It does not diagnose.",
    ] {
      #expect(text.contains(expected), "missing from the PDF: \(expected)")
    }
    // Every page has text on it.
    for page in 1...3 {
      let pageText = try #require(Tool.pdfText(pdf, page: page))
      #expect(!pageText.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "page \(page) is blank")
    }
    // Sections are not split: each heading is on the same page as what follows it.
    let second = Self.flat(try #require(Tool.pdfText(pdf, page: 2)))
    #expect(second.hasPrefix("My questions for the doctor 1. Could my medicine"))
    let third = Self.flat(try #require(Tool.pdfText(pdf, page: 3)))
    #expect(third.hasPrefix("Sources • FDA 2023:") || third.hasPrefix("Sources FDA 2023:"), "page 3: \(third)")

    // The first page as a picture: black type on white, large enough to read.
    let image = try #require(GreyImage.render(pdf, page: 1, resolution: 72))
    #expect(image.width == 612 && image.height == 792)
    #expect(image.darkShare > 0.01 && image.darkShare < 0.25)
    let bands = image.textBands().filter { $0.bottom - $0.top >= 4 }
    // At 72 dpi one point is one pixel: 14-point body text gives lines about 10 pixels tall, and
    // a Letter page holds no more than about 45 of them.
    #expect(bands.count > 15 && bands.count < 50)
  }

  /// With OIH_UPDATE_GOLDEN=1, writes docs/summary-page.png: page 1 of a realistic summary as
  /// Chromium prints it, for the README.
  @Test(.enabled(if: Fixtures.updating, "writes docs/summary-page.png only with OIH_UPDATE_GOLDEN=1"))
  func picturesAPageForTheREADME() throws {
    let folder = Fixtures.temporaryFolder()
    defer { Fixtures.remove(folder) }
    let html = SummaryRenderer.render(Fixtures.pictureSession, knowledge: Fixtures.knowledge, format: .html)
    let pdf = try Self.printToPDF(html, in: folder)
    let base = Fixtures.root.appendingPathComponent("docs/summary-page").path
    let made = try #require(Tool.run("pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf, base]))
    #expect(made.status == 0, "pdftoppm: \(made.error)")
  }

  @Test(arguments: [("empty", 2), ("red-flag", 2)])
  func otherSessionsPrintWhole(session: String, pages: Int) throws {
    let folder = Fixtures.temporaryFolder()
    defer { Fixtures.remove(folder) }
    let record = try #require(Fixtures.sessions.first { $0.name == session }?.record)
    let pdf = try Self.printToPDF(
      SummaryRenderer.render(record, knowledge: Fixtures.knowledge, format: .html), in: folder)
    #expect(Tool.pageCount(pdf) == pages)
    let text = Self.flat(try #require(Tool.pdfText(pdf)))
    #expect(text.hasPrefix("My discussion summary: opioids and pain"))
    #expect(text.hasSuffix("Made with oih, an education program. It does not diagnose."))
  }
}
