import Conversation
import Foundation
import Testing

@testable import Output
@testable import Summary

/// The CUPS-PDF queue the printing tests use.
enum CUPSPDF {
  static let printer = "OIH_PDF"

  /// Whether the queue exists and the tools to check its output are here.
  static let ready: Bool = {
    guard Tool.available("lp", "lpstat", "pdfinfo", "pdftoppm") else { return false }
    return Tool.run("lpstat", ["-p", printer], timeout: 20)?.status == 0
  }()
}

/// Prints through a real CUPS server to the CUPS-PDF queue OIH_PDF (set up by
/// scripts/cups-pdf-setup.sh) and checks the PDF that comes out.
@Suite(
  .enabled(
    if: CUPSPDF.ready,
    "no CUPS printer OIH_PDF: run scripts/cups-pdf-setup.sh as root (needs cups, printer-driver-cups-pdf, poppler-utils)"
  ),
  .serialized)
struct CUPSPrintTests {
  static let printer = CUPSPDF.printer

  /// Where CUPS-PDF writes (the setup script's Out setting).
  static let outputFolder = ProcessInfo.processInfo.environment["OIH_PDF_DIR"] ?? "/var/spool/cups-pdf/oih"

  static func pdfs() -> [String: Date] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: outputFolder)) ?? []
    var found: [String: Date] = [:]
    for name in names where name.hasSuffix(".pdf") {
      let attributes = try? FileManager.default.attributesOfItem(atPath: outputFolder + "/" + name)
      found[name] = attributes?[.modificationDate] as? Date ?? .distantPast
    }
    return found
  }

  /// Waits for a PDF that was not in `before` (or changed since) and has stopped growing.
  static func waitForNewPDF(after before: [String: Date], timeout: Double = 120) -> String? {
    let deadline = Date().addingTimeInterval(timeout)
    var lastSize: [String: Int] = [:]
    while Date() < deadline {
      for (name, date) in pdfs() where before[name] == nil || before[name].map({ $0 < date }) == true {
        let path = outputFolder + "/" + name
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > 0 && lastSize[name] == size && Tool.pageCount(path) != nil { return path }
        lastSize[name] = size
      }
      usleep(500_000)
    }
    return nil
  }

  @Test(arguments: Paper.allCases)
  func printsTheSummaryAsPagesThatShowIt(paper: Paper) throws {
    var record = Fixtures.fullSession
    record.notes += (1...40).map { "Extra note \($0): the pain in my lower back is worse in the morning." }
    let text = SummaryRenderer.paginate(
      SummaryRenderer.render(record, knowledge: Fixtures.knowledge, format: .text), paper: paper)
    let pages = text.split(separator: "\u{0C}", omittingEmptySubsequences: false).map { page in
      page.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }
    try #require(pages.count >= 2)

    let before = Self.pdfs()
    #expect(SummaryPrinter.print(text, printer: Self.printer, paper: paper) == .printed(printer: Self.printer))
    let pdf = try #require(Self.waitForNewPDF(after: before), "no PDF appeared in \(Self.outputFolder)")
    defer {
      // OIH_KEEP_PDF=1 keeps the PDF (and the text sent) to look at by hand.
      if ProcessInfo.processInfo.environment["OIH_KEEP_PDF"] == "1" {
        try? text.write(toFile: pdf + ".txt", atomically: true, encoding: .utf8)
      } else {
        try? FileManager.default.removeItem(atPath: pdf)
      }
    }

    // One PDF page per form-feed page: nothing wrapped or spilled over.
    #expect(Tool.pageCount(pdf) == pages.count)
    let info = try #require(Tool.run("pdfinfo", [pdf])).text
    switch paper {
    case .letter: #expect(info.contains("612 x 792"), "paper size: \(info)")
    case .a4: #expect(info.contains("595 x 842"), "paper size: \(info)")
    case .either: #expect(info.contains("612 x 792") || info.contains("595 x 842"), "paper size: \(info)")
    }
    #expect(info.contains("Title:           (oih summary)") || !info.contains("Title:"), "job title: \(info)")

    // CUPS' text filter embeds fonts pdftotext often cannot decode, so look at the pages instead:
    // every printed line must be there, on its own line slot (6 lines per inch), indented and as
    // long as the text line.
    let slotHeight = 100.0 / 6.0
    let column = 100.0 / 11.0  // 11 characters per inch at 100 dots per inch
    for (number, lines) in pages.enumerated() {
      let image = try #require(GreyImage.render(pdf, page: number + 1, resolution: 100))
      #expect(image.darkShare > 0.002, "page \(number + 1) is blank")
      let printed = lines.enumerated().filter { !$0.element.trimmingCharacters(in: .whitespaces).isEmpty }
      let bands = image.textBands()
      guard let first = printed.first, let firstBand = bands.first else {
        Issue.record("page \(number + 1) shows nothing")
        continue
      }
      // Group the dark bands by line slot ("=" draws two bars, for one).
      func centre(_ band: (top: Int, bottom: Int, left: Int, right: Int)) -> Double {
        Double(band.top + band.bottom) / 2
      }
      var slots: [Int: (left: Int, right: Int)] = [:]
      for band in bands {
        let slot = first.offset + Int(((centre(band) - centre(firstBand)) / slotHeight).rounded())
        let known = slots[slot]
        slots[slot] = (min(known?.left ?? band.left, band.left), max(known?.right ?? band.right, band.right))
      }
      #expect(
        slots.keys.sorted() == printed.map(\.offset),
        "page \(number + 1): lines printed at \(slots.keys.sorted()), expected \(printed.map(\.offset))")
      let margin = printed.filter { !$0.element.hasPrefix(" ") }.compactMap { slots[$0.offset]?.left }.min() ?? 0
      for (offset, line) in printed {
        guard let slot = slots[offset] else { continue }
        let indent = line.prefix { $0 == " " }.count
        let left = Double(slot.left - margin) / column
        let width = Double(slot.right - slot.left + 1) / column
        #expect(abs(left - Double(indent)) < 1, "page \(number + 1): '\(line)' starts at column \(left)")
        #expect(
          abs(width - Double(line.count - indent)) < 1.5, "page \(number + 1): '\(line)' is \(width) columns wide")
      }
    }

    // Where the fonts can be read, the title is there too.
    if let words = Tool.pdfText(pdf, page: 1), words.contains("discussion") {
      #expect(words.contains(Fixtures.knowledge.text(.summaryTitle)))
    }
  }

  /// A usual visit (the whole signs check, 5 questions, 3 notes, medicines and a goal) comes
  /// out of the printer as one page, on either paper.
  @Test(arguments: [(Paper.letter, "US"), (Paper.a4, "UK")])
  func aUsualVisitPrintsOnOnePage(paper: Paper, region: String) throws {
    let record = Fixtures.visitSession(questions: 5, region: region)
    let text = SummaryRenderer.paginate(
      SummaryRenderer.render(record, knowledge: Fixtures.shipped, format: .text), paper: paper)
    #expect(!text.contains("\u{0C}"))
    let before = Self.pdfs()
    #expect(SummaryPrinter.print(text, printer: Self.printer, paper: paper) == .printed(printer: Self.printer))
    let pdf = try #require(Self.waitForNewPDF(after: before), "no PDF appeared in \(Self.outputFolder)")
    defer { try? FileManager.default.removeItem(atPath: pdf) }
    #expect(Tool.pageCount(pdf) == 1)
    let info = try #require(Tool.run("pdfinfo", [pdf])).text
    #expect(info.contains(paper == .letter ? "612 x 792" : "595 x 842"), "paper size: \(info)")
    // Every line is printed on the page: as many lines of type as the text has lines.
    let image = try #require(GreyImage.render(pdf, page: 1, resolution: 100))
    let printed = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    let bands = image.textBands()
    let first = try #require(bands.first)
    func centre(_ band: (top: Int, bottom: Int, left: Int, right: Int)) -> Double { Double(band.top + band.bottom) / 2 }
    let slots = Set(bands.map { Int(((centre($0) - centre(first)) / (100.0 / 6.0)).rounded()) })
    #expect(slots.count == printed.count, "\(slots.count) printed lines, \(printed.count) in the text")
  }

  @Test func anUnknownPrinterIsNamed() {
    #expect(
      SummaryPrinter.print("x\n", printer: "OIH_NO_SUCH_PRINTER", paper: nil)
        == .printFailed(reason: "there is no printer called OIH_NO_SUCH_PRINTER on this computer"))
  }

  @Test func noDefaultPrinterIsSaidPlainly() throws {
    let answer = try #require(Tool.run("lpstat", ["-d"])).text
    guard answer.contains("no system default destination") else { return }
    #expect(
      SummaryPrinter.print("x\n", printer: nil, paper: nil)
        == .printFailed(reason: "no printer is chosen as the default on this computer"))
  }
}
