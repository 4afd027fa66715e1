import Foundation
import KnowledgeBase
import Testing

/// Knowledge files written to break the loader get an error with file:line:column, never a
/// crash or a hang (issue 17): deep nesting, alias bombs, huge files, terminal escape codes.
@Suite struct HostileKnowledgeFileTests {
  @Test func deepNestingInATopicIsAnError() throws {
    let depth = 10_000
    let text = KnowledgeFixtures.topic([
      9: "extra: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    ])
    let result = try KnowledgeFixtures.diagnostics(writing: ["topics/broken.yaml": text])
    #expect(
      result.errors == ["topics/broken.yaml:9:71: error: nesting too deep (more than 64 levels of lists and mappings)"])
  }

  @Test func nestingUpToTheLimitIsRead() throws {
    // 63 lists inside the topic mapping: 64 levels, the most allowed; only the unknown key is wrong.
    let text = KnowledgeFixtures.topic([
      9: "extra: " + String(repeating: "[", count: 63) + String(repeating: "]", count: 63)
    ])
    let result = try KnowledgeFixtures.diagnostics(writing: ["topics/broken.yaml": text])
    #expect(result.errors == ["topics/broken.yaml:9:1: error: unknown key 'extra' in topic"])
  }

  @Test func tooManyAliasesIsAnError() throws {
    let aliases = Array(repeating: "*a", count: YAMLLimits.maximumAliases + 1).joined(separator: ", ")
    let text = KnowledgeFixtures.topic([9: "x: &a word", 10: "y: [\(aliases)]"])
    let result = try KnowledgeFixtures.diagnostics(writing: ["topics/broken.yaml": text])
    #expect(
      result.errors == [
        "topics/broken.yaml:10:\(5 + 4 * YAMLLimits.maximumAliases): error: too many aliases (more than 1000)"
      ])
  }

  @Test func aliasBombIsAnError() throws {
    var lines = [9: "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in 1...7 {
      lines[9 + level] =
        "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]"
    }
    let result = try KnowledgeFixtures.diagnostics(writing: ["topics/broken.yaml": KnowledgeFixtures.topic(lines)])
    #expect(
      result.errors == [
        "topics/broken.yaml:14:45: error: aliases expand to too much (more than 1000000 values): write the values out or use fewer aliases"
      ])
  }

  @Test func hugeFileIsAnError() throws {
    let text = KnowledgeFixtures.topic() + "# " + String(repeating: "x", count: YAMLLimits.maximumBytes) + "\n"
    let result = try KnowledgeFixtures.diagnostics(writing: ["topics/broken.yaml": text])
    #expect(
      result.errors == [
        "topics/broken.yaml:1:1: error: file is too large (\(text.utf8.count) bytes): the limit is 2 MB"
      ])
  }

  @Test func escapeCodesInContentAreReportedWhereTheyAre() throws {
    let text = KnowledgeFixtures.topic([
      3: "title: \"Opioids and \\e[31malcohol\\e[0m\"",
      4: "answer: \"Do not drink \\e]0;PWNED\\a alcohol with opioids. \\x9b2J It can slow your breathing.\"",
    ])
    let result = try KnowledgeFixtures.diagnostics(writing: ["topics/broken.yaml": text])
    #expect(
      result.errors == [
        "topics/broken.yaml:3:8: error: text contains the control character U+001B (ESC): remove it (terminal codes are not allowed in content)",
        "topics/broken.yaml:4:9: error: text contains the control character U+001B (ESC): remove it (terminal codes are not allowed in content)",
      ])
  }

  @Test func aBellOrAC1ControlIsReported() throws {
    let text = KnowledgeFixtures.topic([
      4: "answer: \"Ring \\a. Then \\x9b. OIH is when pain medicine makes you more sensitive to pain.\""
    ])
    let result = try KnowledgeFixtures.diagnostics(writing: ["topics/broken.yaml": text])
    #expect(
      result.errors == [
        "topics/broken.yaml:4:9: error: text contains the control character U+0007 (BEL): remove it (terminal codes are not allowed in content)"
      ])
  }

  /// A pipe named like a topic would block a read forever; it is refused without reading.
  @Test func aPipeAmongTheTopicsIsAnErrorNotAHang() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("oih-kb-\(UUID().uuidString)")
    try FileManager.default.copyItem(atPath: KnowledgeFixtures.valid, toPath: dir.path)
    defer { try? FileManager.default.removeItem(at: dir) }
    try #require(mkfifo(dir.appendingPathComponent("topics/pipe.yaml").path, 0o600) == 0)
    let (_, diagnostics) = KnowledgeLoader.check(dir.path)
    #expect(
      diagnostics.filter { $0.severity == .error }.map {
        $0.description.replacingOccurrences(of: dir.path + "/", with: "")
      }
        == ["topics/pipe.yaml:1:1: error: this is not an ordinary file"])
  }

  @Test func diagnosticsNeverCarryEscapeCodes() throws {
    let text = KnowledgeFixtures.topic([9: "\"col\\e]0;PWNED\\aour\": red"])
    let result = try KnowledgeFixtures.diagnostics(writing: ["topics/broken.yaml": text])
    #expect(result.errors.count == 2)
    for line in result.errors {
      #expect(
        !line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) },
        "\(line.debugDescription)")
    }
  }
}

/// One broken guide stops only itself (issue 17): the program loads the rest and lists the
/// broken guide with its errors; `oih knowledge validate` still fails.
@Suite struct BrokenGuideTests {
  /// Copies the valid fixture, adds `files`, and loads it as the program does.
  static func load(writing files: [String: String]) throws -> Result<Knowledge, KnowledgeError> {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("oih-kb-\(UUID().uuidString)")
    try FileManager.default.copyItem(atPath: KnowledgeFixtures.valid, toPath: dir.path)
    defer { try? FileManager.default.removeItem(at: dir) }
    for (name, text) in files {
      try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    do {
      let (knowledge, _) = try KnowledgeLoader.load(from: dir.path)
      var stripped = knowledge
      stripped.skippedGuides = knowledge.skippedGuides.map {
        SkippedGuide(file: $0.file.replacingOccurrences(of: dir.path + "/", with: ""), diagnostics: $0.diagnostics)
      }
      return .success(stripped)
    } catch {
      return .failure(error)
    }
  }

  static let draft = """
    id: draft
    title: A draft
    start: a
    nodes:
      a:
        say:
          a-text: "A."
        next: nowhere

    """

  @Test func aBrokenGuideIsLeftOutAndTheRestLoads() throws {
    let knowledge = try Self.load(writing: ["guides/draft.yaml": Self.draft, "guides/empty.yaml": ""]).get()
    #expect(knowledge.guides.map(\.id) == ["welcome"])
    #expect(knowledge.skippedGuides.map(\.file) == ["guides/draft.yaml", "guides/empty.yaml"])
    #expect(
      knowledge.skippedGuides.map { $0.diagnostics.map(\.message) } == [
        ["unknown node 'nowhere'"], ["file is empty"],
      ])
  }

  @Test func validateStillFailsOnABrokenGuide() throws {
    let result = try KnowledgeFixtures.diagnostics(writing: ["guides/draft.yaml": Self.draft])
    #expect(result.errors == ["guides/draft.yaml:8:11: error: unknown node 'nowhere'"])
  }

  @Test func aBrokenMainMenuStillStopsTheProgram() throws {
    let result = try Self.load(writing: [
      "guides/welcome.yaml": Self.draft.replacingOccurrences(of: "id: draft", with: "id: welcome")
    ])
    guard case .failure(let error) = result else {
      Issue.record("a broken welcome guide must stop the program")
      return
    }
    #expect(error.diagnostics.filter { $0.severity == .error }.map(\.message) == ["unknown node 'nowhere'"])
  }

  @Test func errorsElsewhereStillStopTheProgram() throws {
    let regions = try String(contentsOfFile: KnowledgeFixtures.valid + "/regions.yaml", encoding: .utf8)
    let result = try Self.load(writing: ["regions.yaml": regions.replacingOccurrences(of: "id: NZ", with: "id: XX")])
    guard case .failure(let error) = result else {
      Issue.record("an error in regions.yaml must stop the program")
      return
    }
    #expect(error.diagnostics.contains { $0.message == "region 'NZ' is missing" })
  }
}
