import Conversation
import Foundation
import Testing

@testable import Output
@testable import Summary

/// `lp` stand-ins and the error messages, without a print server.
@Suite struct SummaryPrinterTests {
  /// A folder with a fake `lp` that saves its arguments and standard input, then prints
  /// `message` to standard error and exits with `status`.
  static func fakeLP(status: Int32, message: String = "") -> String {
    let folder = Fixtures.temporaryFolder()
    let script = """
      #!/bin/sh
      for a in "$@"; do printf '%s\\n' "$a"; done > "\(folder)/args"
      cat > "\(folder)/stdin"
      printf '%s\\n' '\(message)' >&2
      exit \(status)

      """
    _ = FileManager.default.createFile(
      atPath: folder + "/lp", contents: Data(script.utf8), attributes: [.posixPermissions: 0o755])
    return folder
  }

  @Test func sendsTheTextOnStandardInputWithAGenericTitle() throws {
    let folder = Self.fakeLP(status: 0)
    defer { Fixtures.remove(folder) }
    let text = "Summary ünïcödé\npage one\n\u{0C}page two\n"
    let outcome = SummaryPrinter.send(text, printer: "Office_2", paper: .a4, searchPath: folder)
    #expect(outcome == .printed(printer: "Office_2"))
    let arguments = try #require(FileManager.default.contents(atPath: folder + "/args"))
    #expect(
      String(decoding: arguments, as: UTF8.self).split(separator: "\n")
        == [
          "-d", "Office_2", "-t", "oih summary", "-o", "media=A4", "-o", "cpi=11", "-o", "lpi=6", "-o", "page-top=30",
          "-o", "page-bottom=30", "-o", "page-left=30", "-o", "page-right=30",
        ])
    #expect(FileManager.default.contents(atPath: folder + "/stdin") == Data(text.utf8))
  }

  @Test func usesTheDefaultPrinterWhenNoneIsNamed() throws {
    let folder = Self.fakeLP(status: 0)
    defer { Fixtures.remove(folder) }
    #expect(SummaryPrinter.send("x\n", printer: nil, paper: nil, searchPath: folder) == .printed(printer: "default"))
    let arguments = String(
      decoding: try #require(FileManager.default.contents(atPath: folder + "/args")), as: UTF8.self)
    #expect(!arguments.contains("-d\n"))
    #expect(!arguments.contains("media="))
  }

  /// While `lp` is still open for writing somewhere (a package update, or another thread's
  /// child that inherited the writer's descriptor), starting it fails with ETXTBSY for a moment.
  /// Printing waits and tries again instead of saying printing is not set up.
  @Test func aProgramBusyForAMomentIsStartedOnceItIsFree() throws {
    let folder = Self.fakeLP(status: 0)
    defer { Fixtures.remove(folder) }
    let writer = open(folder + "/lp", O_WRONLY)
    try #require(writer >= 0)
    let release = Thread {
      usleep(150_000)
      close(writer)
    }
    release.start()
    #expect(SummaryPrinter.send("x\n", printer: nil, paper: nil, searchPath: folder) == .printed(printer: "default"))
    #expect(FileManager.default.contents(atPath: folder + "/stdin") == Data("x\n".utf8))
  }

  @Test func aBigSummaryDoesNotBlockWhenLpFailsEarly() {
    // lp that exits at once without reading: no pipe, so no SIGPIPE and no hang.
    let folder = Fixtures.temporaryFolder()
    defer { Fixtures.remove(folder) }
    let script = "#!/bin/sh\necho 'lp: Error - No default destination.' >&2\nexit 1\n"
    _ = FileManager.default.createFile(
      atPath: folder + "/lp", contents: Data(script.utf8), attributes: [.posixPermissions: 0o755])
    let big = String(repeating: "a line of the summary\n", count: 50_000)
    #expect(
      SummaryPrinter.send(big, printer: nil, paper: nil, searchPath: folder)
        == .printFailed(reason: "no printer is chosen as the default on this computer"))
  }

  @Test func withoutLpPrintingIsNotSetUp() {
    let folder = Fixtures.temporaryFolder()
    defer { Fixtures.remove(folder) }
    #expect(
      SummaryPrinter.send("x", printer: nil, paper: nil, searchPath: folder)
        == .printFailed(reason: "printing is not set up on this computer"))
    #expect(
      SummaryPrinter.send("x", printer: nil, paper: nil, searchPath: "")
        == .printFailed(reason: "printing is not set up on this computer"))
  }

  @Test(
    arguments: [
      ("lp: Error - No default destination.", nil, "no printer is chosen as the default on this computer"),
      ("lp: Error - The printer or class does not exist.", "Lab", "there is no printer called Lab on this computer"),
      ("lp: Destination \"Lab\" is not accepting jobs.", "Lab", "the printer Lab is not taking print jobs right now"),
      ("lp: Error - Forbidden", "Lab", "this account is not allowed to print"),
      ("lp: Error - Something odd happened.", "Lab", "the printing program said: Something odd happened"),
      ("", "Lab", "the printing program reported an error"),
    ] as [(String, String?, String)])
  func lpErrorsAreInPlainWords(output: String, printer: String?, reason: String) {
    #expect(SummaryPrinter.explain(output, printer: printer, serviceDown: false) == reason)
  }

  @Test func aStoppedPrintServiceIsNamed() {
    #expect(
      SummaryPrinter.explain("lp: Error - The printer or class does not exist.", printer: "Lab", serviceDown: true)
        == "the print service (CUPS) is not running on this computer")
  }

  @Test(arguments: ["", "-d", "a b", "a/b", "a#b", "tab\there", String(repeating: "p", count: 128)])
  func refusesNamesCUPSCannotHave(name: String) {
    #expect(!SummaryPrinter.isValidName(name))
    let folder = Self.fakeLP(status: 0)
    defer { Fixtures.remove(folder) }
    guard case .printFailed = SummaryPrinter.send("x", printer: name, paper: nil, searchPath: folder) else {
      Issue.record("printed to \(name)")
      return
    }
    #expect(!FileManager.default.fileExists(atPath: folder + "/args"), "lp is not run")
  }

  @Test(arguments: ["OIH_PDF", "Office-2", "laser@host", "Büro"])
  func acceptsOrdinaryNames(name: String) {
    #expect(SummaryPrinter.isValidName(name))
  }
}
