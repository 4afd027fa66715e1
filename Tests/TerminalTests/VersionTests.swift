import Foundation
import Testing

/// `oih --version` as a person (or a package's IT staff) sees it: the program's version, the
/// knowledge base's version and its newest review date.
@Suite struct VersionTests {
  static let fixture = StartupPathTests.root.appendingPathComponent("Tests/Data/knowledge-fixtures/valid").path

  /// Runs the binary with the fixture as its knowledge base; returns exit status and output.
  static func run(_ arguments: [String]) throws -> (Int32, String) {
    let binary = try #require(InteractiveSessionTests.binary, "oih is not built")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.environment = ["OIH_KNOWLEDGE": fixture, "PATH": "/usr/bin:/bin"]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text)
  }

  @Test(arguments: [["--version"], ["ask", "--version"]])
  func versionNamesProgramAndKnowledge(arguments: [String]) throws {
    let (status, text) = try Self.run(arguments)
    #expect(status == 0)
    let pattern = #/oih \d+\.\d+\.\d+, knowledge 2026-12-01 \(last reviewed 2026-11-27\)\n/#
    #expect(text.wholeMatch(of: pattern) != nil, "\(arguments): \(text)")
  }
}
