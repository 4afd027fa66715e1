import Foundation
import Testing

/// Exit statuses of the real binary: 0 on success, 1 when the work fails (no or broken
/// knowledge base, unreadable file), ArgumentParser's 64 for usage errors; errors on stderr.
@Suite struct ExitCodeTests {
  struct Result {
    var status: Int32
    var out: String
    var err: String
  }

  static func run(_ arguments: [String], input: String = "") throws -> Result {
    let binary = try #require(InteractiveSessionTests.binary, "oih is not built")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    let inputPipe = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = inputPipe
    process.standardOutput = output
    process.standardError = errors
    process.environment = ["NO_COLOR": "1", "PATH": "/usr/bin:/bin"]
    try process.run()
    inputPipe.fileHandleForWriting.write(Data(input.utf8))
    try inputPipe.fileHandleForWriting.close()
    // Error output here is a few lines, far below a pipe's buffer, so reading it second cannot block.
    let outText = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let errText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return Result(status: process.terminationStatus, out: outText, err: errText)
  }

  @Test func successIsZero() throws {
    let result = try Self.run(["ask", "what is oih"])
    #expect(result.status == 0)
    #expect(result.out.hasPrefix("What is opioid-induced hyperalgesia (OIH)?"))
    #expect(result.err.isEmpty)
    #expect(try Self.run(["--version"]).status == 0)
    #expect(try Self.run(["--help"]).status == 0)
    #expect(try Self.run([], input: "/quit\n").status == 0)
  }

  @Test func askTextAndJSONGiveTheSameOutcome() throws {
    let text = try Self.run(["ask", "quit"])
    let json = try Self.run(["ask", "--json", "quit"])
    #expect(text.status == 0)
    #expect(json.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
    #expect(object["text"] as? String == text.out)
    #expect(!text.out.contains("Goodbye"))
  }

  @Test func missingKnowledgeBaseIsOneOnStderr() throws {
    for arguments in [["--knowledge", "/no/such/folder"], ["ask", "--knowledge", "/no/such/folder", "hi"]] {
      let result = try Self.run(arguments, input: "/quit\n")
      #expect(result.status == 1, "\(arguments)")
      #expect(result.out.isEmpty)
      #expect(result.err.contains("oih cannot start: the knowledge base in /no/such/folder has errors."))
    }
    let validate = try Self.run(["knowledge", "validate", "/no/such/folder"])
    #expect(validate.status == 1)
  }

  @Test func unreadableFilesAreOne() throws {
    let folder = FileManager.default.temporaryDirectory.path
    let kiosk = try Self.run(["kiosk", "--config", folder])
    #expect(kiosk.status == 1)
    #expect(
      kiosk.err
        == "\(folder):1:1: error: this is a folder, not a file\noih kiosk did not start: fix the configuration and start it again.\n"
    )
    #expect(!kiosk.err.contains("Usage:"))
    let replay = try Self.run(["replay", "/no/such.transcript"])
    #expect(replay.status == 1)
    #expect(replay.err.contains("no such file or folder: /no/such.transcript"))
    let graph = try Self.run(["guide", "graph", "/no/such/guide.yaml"])
    #expect(graph.status == 1)
    #expect(!graph.err.isEmpty)
    let guide = try Self.run(["guide", "run", "/no/such/guide.yaml"], input: "/quit\n")
    #expect(guide.status == 1)
    #expect(guide.out.isEmpty)
  }

  /// What a person typed comes back in an error message without its terminal codes.
  @Test func errorsQuoteTypedValuesWithoutEscapeCodes() throws {
    for arguments in [["--region", "X\u{1B}[31mY\u{07}"], ["chat", "--record", "/no/such/dir\u{1B}]0;T\u{07}/x.txt"]] {
      let result = try Self.run(arguments, input: "/quit\n")
      #expect(result.status != 0, "\(arguments)")
      #expect(result.err.contains("XY") || result.err.contains("/no/such/dir/x.txt"), "\(result.err)")
      #expect(!result.err.unicodeScalars.contains { $0 != "\n" && $0.value < 0x20 }, "\(result.err.debugDescription)")
    }
  }

  @Test func usageErrorsUseArgumentParsersCode() throws {
    for arguments in [
      ["--no-such-flag"], ["ask", "--region", "XX", "hi"], ["--format", "pdf"], ["kiosk", "--idle-timeout", "0"],
    ] {
      let result = try Self.run(arguments, input: "/quit\n")
      #expect(result.status == 64, "\(arguments)")
      #expect(result.err.contains("Usage:") || result.err.contains("Error:"), "\(arguments): \(result.err)")
      #expect(result.out.isEmpty, "\(arguments)")
    }
  }
}
