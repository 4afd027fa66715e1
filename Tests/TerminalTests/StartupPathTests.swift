import Foundation
import Testing

/// The real binary on a copy of the knowledge base, with and without the validation stamp: a
/// start that trusts the stamp builds the red-flag matcher and search index in the background,
/// and the very first line must still get the full safety check and a real answer.
@Suite struct StartupPathTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// Runs `binary` with `arguments` and `input` on standard input; returns exit status and output.
  static func run(_ binary: String, _ arguments: [String], input: String = "") throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    let inputPipe = Pipe()
    let output = Pipe()
    process.standardInput = inputPipe
    process.standardOutput = output
    process.standardError = output
    process.environment = ["NO_COLOR": "1", "PATH": "/usr/bin:/bin"]
    try process.run()
    inputPipe.fileHandleForWriting.write(Data(input.utf8))
    try inputPipe.fileHandleForWriting.close()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text)
  }

  @Test func theFirstLineIsCheckedAndAnsweredWithOrWithoutTheStamp() throws {
    let binary = try #require(InteractiveSessionTests.binary, "oih is not built")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("oih-start-\(UUID().uuidString)")
    try FileManager.default.copyItem(atPath: Self.root.appendingPathComponent("Knowledge").path, toPath: dir.path)
    defer { try? FileManager.default.removeItem(at: dir) }
    let stamp = dir.appendingPathComponent(".oih-validated")
    try? FileManager.default.removeItem(at: stamp)

    for stamped in [false, true] {
      if stamped {
        let (status, _) = try Self.run(binary, ["knowledge", "validate", "--quiet", dir.path])
        #expect(status == 0)
        #expect(FileManager.default.fileExists(atPath: stamp.path), "validate wrote no stamp")
      }
      let (urgentStatus, urgent) = try Self.run(
        binary, ["--knowledge", dir.path], input: "my husband took all his pills and wont wake up\n/quit\n")
      #expect(urgentStatus == 0)
      #expect(urgent.contains("URGENT: POSSIBLE OVERDOSE"), "stamp \(stamped): no alert on the first line:\n\(urgent)")
      let (_, answer) = try Self.run(binary, ["--knowledge", dir.path], input: "what is oih\n/quit\n")
      #expect(answer.contains("What is opioid-induced hyperalgesia (OIH)?"), "stamp \(stamped): no answer:\n\(answer)")
    }

    // A new file makes the stamp stale, so a problem only the content checks find (a dose) is
    // caught again at start.
    let topic = """
      id: dose-topic
      group: basics
      title: A test topic
      answer: Take 5 mg when it hurts, and ask your prescriber about it.
      asks: [one, two, three, four, five, six]
      related: [what-is-oih]
      sources: [r1]
      reviewed: 2026-11-27

      """
    try topic.write(to: dir.appendingPathComponent("topics/dose-topic.yaml"), atomically: true, encoding: .utf8)
    let (status, text) = try Self.run(binary, ["--knowledge", dir.path], input: "/quit\n")
    #expect(status == 1)
    #expect(text.contains("gives a dose, amount or schedule ('5 mg')"), "\(text)")
  }
}
