import Foundation
import Testing

@testable import KnowledgeBase

/// The validation stamp, the two-thread validator and the settings file reader.
@Suite struct StartupTests {
  /// A fresh copy of the valid fixture; the caller removes it.
  static func copy() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("oih-stamp-\(UUID().uuidString)")
    try FileManager.default.copyItem(atPath: KnowledgeFixtures.valid, toPath: dir.path)
    return dir
  }

  @Test func stampIsCurrentOnlyForTheSameFilesAndProgram() throws {
    let dir = try Self.copy()
    defer { try? FileManager.default.removeItem(at: dir) }
    let (knowledge, diagnostics) = KnowledgeLoader.check(dir.path)
    #expect(diagnostics.filter { $0.severity == .error }.isEmpty)
    #expect(knowledge.fingerprint.count == 16)
    #expect(!ValidationStamp.isCurrent(in: dir.path, program: "p1", fingerprint: knowledge.fingerprint))
    #expect(ValidationStamp.write(in: dir.path, program: "p1", fingerprint: knowledge.fingerprint))
    #expect(ValidationStamp.isCurrent(in: dir.path, program: "p1", fingerprint: knowledge.fingerprint))
    #expect(!ValidationStamp.isCurrent(in: dir.path, program: "p2", fingerprint: knowledge.fingerprint))

    // Any change to any file, even a comment, gives another fingerprint.
    let glossary = dir.appendingPathComponent("glossary.yaml")
    try (String(contentsOf: glossary, encoding: .utf8) + "# a comment\n").write(
      to: glossary, atomically: true, encoding: .utf8)
    let (changed, _) = KnowledgeLoader.check(dir.path)
    #expect(changed.fingerprint != knowledge.fingerprint)
    #expect(!ValidationStamp.isCurrent(in: dir.path, program: "p1", fingerprint: changed.fingerprint))

    // The same files in another folder give the same fingerprint (names are relative).
    let other = try Self.copy()
    defer { try? FileManager.default.removeItem(at: other) }
    #expect(KnowledgeLoader.check(other.path).0.fingerprint != changed.fingerprint)
    #expect(KnowledgeLoader.check(other.path).0.fingerprint == knowledge.fingerprint)
  }

  @Test func aTrustedLoadGivesTheSameKnowledgeAndAWorkingMatcher() throws {
    let dir = try Self.copy()
    defer { try? FileManager.default.removeItem(at: dir) }
    let (knowledge, _) = KnowledgeLoader.check(dir.path)
    ValidationStamp.write(in: dir.path, program: "test", fingerprint: knowledge.fingerprint)
    let (trusted, _, matcher, index) = try KnowledgeLoader.loadWithMatcher(from: dir.path, program: "test") {
      $0.topics.count
    }
    #expect(trusted.topics.map(\.id) == knowledge.topics.map(\.id))
    #expect(trusted.guides.map(\.id) == knowledge.guides.map(\.id))
    // The red flags of a trusted load are parsed when first read, and are the same.
    #expect(trusted.redFlags.map(\.id) == knowledge.redFlags.map(\.id))
    #expect(trusted.redFlagKinds.map(\.id) == knowledge.redFlagKinds.map(\.id))
    #expect(trusted.redFlagGroups == knowledge.redFlagGroups)
    #expect(trusted.redFlagIgnore == knowledge.redFlagIgnore)
    #expect(trusted.fingerprint == knowledge.fingerprint)
    #expect(index == knowledge.topics.count)
    for flag in knowledge.redFlags {
      for example in flag.examples {
        #expect(matcher.matches(example).contains { $0.flag.kind == flag.kind }, "\(example)")
      }
    }
  }

  @Test func schemaErrorsStillStopATrustedLoad() throws {
    let dir = try Self.copy()
    defer { try? FileManager.default.removeItem(at: dir) }
    try KnowledgeFixtures.topic([9: "colour: red"]).write(
      to: dir.appendingPathComponent("topics/broken.yaml"), atomically: true, encoding: .utf8)
    let (knowledge, _) = KnowledgeLoader.check(dir.path)
    // Even a stamp for exactly these files cannot hide an error found while reading them.
    ValidationStamp.write(in: dir.path, program: "test", fingerprint: knowledge.fingerprint)
    #expect(throws: KnowledgeError.self) {
      _ = try KnowledgeLoader.loadWithMatcher(from: dir.path, program: "test") { _ in () }
    }
  }

  @Test func diagnosticsKeepFileOrderAcrossThreads() throws {
    // Errors before the red flags (a topic), in them (an example that does not fire) and after
    // them (a message) come out in that order.
    let flags = try String(contentsOfFile: KnowledgeFixtures.valid + "/redflags.yaml", encoding: .utf8)
      .replacingOccurrences(of: "      - my wife is barely breathing", with: "      - the weather is nice today")
    let messages = try String(contentsOfFile: KnowledgeFixtures.valid + "/messages.yaml", encoding: .utf8)
      .replacingOccurrences(
        of: "welcome.title: \"oih: learning about opioid-induced hyperalgesia (OIH)\"", with: "welcome.title: \"  \"")
    let result = try KnowledgeFixtures.diagnostics(writing: [
      "topics/broken.yaml": KnowledgeFixtures.topic([7: "sources: [r1, r999]"]), "redflags.yaml": flags,
      "messages.yaml": messages,
    ])
    #expect(result.errors.count == 3)
    #expect(result.errors.first?.contains("unknown source 'r999'") == true)
    #expect(result.errors.dropFirst().first?.contains("does not trigger") == true)
    #expect(result.errors.last?.contains("welcome.title") == true)
  }

  @Test func aStartWithoutAStampSaysTheRedFlagErrorsInTheirPlace() throws {
    // A start parses redflags.yaml only when first needed; without a valid stamp its errors
    // still come between those of the files before and after it, and stop the start.
    let dir = try Self.copy()
    defer { try? FileManager.default.removeItem(at: dir) }
    let flags = try String(contentsOfFile: KnowledgeFixtures.valid + "/redflags.yaml", encoding: .utf8)
      .replacingOccurrences(of: "      - my wife is barely breathing", with: "      - the weather is nice today")
    try flags.write(to: dir.appendingPathComponent("redflags.yaml"), atomically: true, encoding: .utf8)
    try KnowledgeFixtures.topic([7: "sources: [r1, r999]"]).write(
      to: dir.appendingPathComponent("topics/broken.yaml"), atomically: true, encoding: .utf8)
    let checked = KnowledgeLoader.check(dir.path).1.filter { $0.severity == .error }.map(\.description)
    #expect(checked.count == 2)
    do {
      _ = try KnowledgeLoader.loadWithMatcher(from: dir.path, program: "no stamp") { _ in () }
      Issue.record("a start with red-flag errors must stop")
    } catch {
      #expect(error.diagnostics.filter { $0.severity == .error }.map(\.description) == checked)
    }
  }

  @Test func aClassifierFileThatIsNotUTF8IsAnError() throws {
    let dir = try Self.copy()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Data([0x63, 0x6C, 0x61, 0x73, 0x73, 0x65, 0x73, 0x09, 0xFF, 0x0A]).write(
      to: dir.appendingPathComponent("topic-net.tsv"))
    let errors = KnowledgeLoader.check(dir.path).1.filter { $0.severity == .error }
    #expect(errors.contains { $0.description.contains("topic-net.tsv") && $0.description.contains("not valid UTF-8") })
  }

  @Test func aClassifierFileIsReadTheSameMappedOrInMemory() throws {
    let path = KnowledgeFixtures.root.appendingPathComponent("Knowledge/topic-net.tsv").path
    let mapped = try YAMLFile.map(path).get()
    let bytes = try YAMLFile.readBytes(path).get()
    #expect(mapped.withBytes { Array($0) } == bytes)
    let fromMap = try LinearTextModel(parsing: mapped, script: "s")
    let fromBytes = try LinearTextModel(parsing: bytes, script: "s")
    #expect(fromMap.classes == fromBytes.classes)
    #expect(fromMap.intercepts == fromBytes.intercepts)
  }
}
