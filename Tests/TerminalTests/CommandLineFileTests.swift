import Foundation
import Testing

/// Files named on the command line are written only where meant, and broken guides stop only
/// themselves (issue 17), checked on the real binary.
@Suite struct CommandLineFileTests {
  static func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("oih-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func recordNeverReplacesAFileWithoutForce() throws {
    let binary = try #require(InteractiveSessionTests.binary, "oih is not built")
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let existing = dir.appendingPathComponent("existing.txt").path
    try "IMPORTANT EXISTING DATA\n".write(toFile: existing, atomically: true, encoding: .utf8)

    let (status, text) = try StartupPathTests.run(binary, ["chat", "--record", existing], input: "what is oih\n")
    #expect(status == 1)
    #expect(
      text
        == "error: cannot record to \(existing): the file already exists. Use --force to replace it, or choose another name.\n"
    )
    #expect(try String(contentsOfFile: existing, encoding: .utf8) == "IMPORTANT EXISTING DATA\n")

    let (forced, _) = try StartupPathTests.run(
      binary, ["chat", "--record", existing, "--force"], input: "what is oih\n")
    #expect(forced == 0)
    #expect(try String(contentsOfFile: existing, encoding: .utf8).hasPrefix("# Recorded with oih chat --record."))
  }

  @Test func recordChecksItsFolderBeforeTheSession() throws {
    let binary = try #require(InteractiveSessionTests.binary, "oih is not built")
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("nodir/x.transcript").path
    let (status, text) = try StartupPathTests.run(binary, ["chat", "--record", path], input: "what is oih\n")
    #expect(status == 1)
    #expect(
      text == "error: cannot record to \(path): the folder \(dir.path)/nodir does not exist.\n", "no session ran first")
  }

  @Test func recordRefusesALinkEvenWithForce() throws {
    let binary = try #require(InteractiveSessionTests.binary, "oih is not built")
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let target = dir.appendingPathComponent("target.txt").path
    let link = dir.appendingPathComponent("link.transcript").path
    try "target\n".write(toFile: target, atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
    let (status, text) = try StartupPathTests.run(
      binary, ["chat", "--record", link, "--force"], input: "what is oih\n")
    #expect(status == 1)
    #expect(text.contains("that is a link to another file"))
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
  }

  @Test func aBrokenGuideIsLeftOutWithAWarningAndTheProgramRuns() throws {
    let binary = try #require(InteractiveSessionTests.binary, "oih is not built")
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let knowledge = dir.appendingPathComponent("Knowledge").path
    try FileManager.default.copyItem(
      atPath: StartupPathTests.root.appendingPathComponent("Knowledge").path, toPath: knowledge)
    try? FileManager.default.removeItem(atPath: knowledge + "/.oih-validated")
    try "".write(toFile: knowledge + "/guides/draft.yaml", atomically: true, encoding: .utf8)

    let (status, text) = try StartupPathTests.run(binary, ["--knowledge", knowledge], input: "what is oih\n/quit\n")
    #expect(status == 0)
    #expect(
      text.contains(
        "warning: the guide \(knowledge)/guides/draft.yaml has 1 error(s) and is left out; the other guides work.\n  \(knowledge)/guides/draft.yaml:1:1: error: file is empty\n"
      ))
    #expect(text.contains("What is opioid-induced hyperalgesia (OIH)?"))

    let (listed, list) = try StartupPathTests.run(binary, ["guides", "--knowledge", knowledge])
    #expect(listed == 0)
    #expect(list.contains("tapering-class  Tapering class"))

    let (validated, report) = try StartupPathTests.run(binary, ["knowledge", "validate", "--quiet", knowledge])
    #expect(validated == 1)
    #expect(report.contains("\(knowledge)/guides/draft.yaml:1:1: error: file is empty"))
  }
}
