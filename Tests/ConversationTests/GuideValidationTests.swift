import Conversation
import Foundation
import KnowledgeBase
import Search
import Testing

/// The guide validator: broken fixtures give exact `file:line:column` messages, and every
/// shipped guide validates cleanly.
@Suite struct GuideValidationTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let fixtures = "Tests/Data/guide-fixtures"

  struct Loaded: Sendable {
    let knowledge: Knowledge
    let index: SearchIndex
    let safety: RedFlagMatcher
  }

  static let loaded: Loaded? = {
    guard let (knowledge, _) = try? KnowledgeLoader.load(from: root.appendingPathComponent("Knowledge").path) else {
      return nil
    }
    return Loaded(
      knowledge: knowledge, index: SearchIndex(knowledge: knowledge), safety: RedFlagMatcher(knowledge: knowledge))
  }()

  /// Everything `oih guide validate` reports for one file, as text with paths relative to the
  /// package root.
  static func validate(_ relativePath: String) throws -> [String] {
    let l = try #require(loaded, "the shipped knowledge base must load")
    let (guide, diagnostics) = GuideLoader.load(
      path: root.appendingPathComponent(relativePath).path, knowledge: l.knowledge)
    var all = diagnostics
    if let guide { all += Conversation.checkExamples(guide, knowledge: l.knowledge, index: l.index, safety: l.safety) }
    return all.map { $0.description.replacingOccurrences(of: root.path + "/", with: "") }
  }

  static let expected: [(file: String, messages: [String])] = [
    ("unknown-node.yaml", ["unknown-node.yaml:9:11: error: unknown node 'nowhere'"]),
    ("unknown-topic.yaml", ["unknown-topic.yaml:7:11: error: unknown topic 'no-such-topic'"]),
    ("unreachable.yaml", ["unreachable.yaml:10:3: error: node 'lost' cannot be reached from 'hello'"]),
    ("dead-end.yaml", ["dead-end.yaml:10:3: error: node 'stuck' is a dead end: add 'next:' or 'end: true'"]),
    (
      "undefined-variable.yaml",
      ["undefined-variable.yaml:14:13: error: undefined variable 'pian': no 'ask' stores into it"]
    ),
    (
      "bad-condition.yaml",
      ["bad-condition.yaml:13:16: error: bad condition: unknown operator '=' (use ==, !=, <, <=, >, >=)"]
    ),
    (
      "bad-summary-asks.yaml",
      [
        "bad-summary-asks.yaml:28:15: error: unknown filter 'dose-names' (use medicine-names)",
        "bad-summary-asks.yaml:29:17: error: field 'optional' must be true or false",
        "bad-summary-asks.yaml:11:13: error: 'into: medicines' keeps names for the summary: add 'filter: medicine-names', so no dose is kept",
        "bad-summary-asks.yaml:18:13: error: only text questions may have a 'filter'",
        "bad-summary-asks.yaml:18:13: error: 'into: visit_goal' goes into the summary: use kind: text",
      ]
    ),
    (
      "bad-examples.yaml",
      [
        "bad-examples.yaml:15:11: error: example '/help' does not reach step 'ask-worry' (it is taken as a command or question)",
        "bad-examples.yaml:16:11: error: example 'I want to kill myself' raises a safety alert instead of reaching step 'ask-worry'",
      ]
    ),
    (
      "cycle.yaml",
      [
        "cycle.yaml:7:3: error: cycle a -> b -> a has no question or menu to wait on: add a step that waits (choose, ask, questions or browse) or 'end: true'"
      ]
    ),
    (
      "dose-text.yaml",
      [
        "dose-text.yaml:8:19: error: line 'hello-text' gives a dose, amount or schedule ('2 tablets'): send dose questions to the prescriber instead",
        "dose-text.yaml:9:18: error: line 'hard-text' reads at grade 43.8, above the limit of 8: use shorter sentences and words",
        "dose-text.yaml:12:15: error: line 'opt-dose' gives a dose, amount or schedule ('10 mg'): send dose questions to the prescriber instead",
      ]
    ),
    (
      "placeholders.yaml",
      [
        "placeholders.yaml:11:13: error: '{name}' is shown before it is set: this question is what sets it",
        "placeholders.yaml:16:19: error: undefined placeholder '{nmae}' in line 'hello-text': no 'ask' stores into 'nmae'",
        "placeholders.yaml:17:18: error: line 'open-text' has a '{' without a '}': write {name} for a variable",
      ]
    ),
    (
      "option-values.yaml",
      [
        "option-values.yaml:15:36: error: option 'worry-stop' needs 'value:' (the word stored in 'worry' when it is picked)",
        "option-values.yaml:17:33: error: 'worry' is never 'mroe': its answers are more",
        "option-values.yaml:26:37: error: 'pain_now' holds a number from 0 to 10: compare it with a number, not 'seven'",
      ]
    ),
    (
      "include-outside.yaml",
      [
        "include-outside.yaml:6:11: error: included file '/etc/passwd' must be a .yaml file (a part such as parts/closing.yaml)",
        "include-outside.yaml:6:24: error: included file '../knowledge-fixtures/valid/groups.yaml' is outside the guides folder: include only files in Knowledge/guides or next to this guide",
        "include-outside.yaml:6:65: error: included file 'no-such-part.yaml' not found",
      ]
    ),
    (
      "escapes.yaml",
      [
        "escapes.yaml:9:19: error: text contains the control character U+001B (ESC): remove it (terminal codes are not allowed in content)",
        "escapes.yaml:12:15: error: text contains the control character U+001B (ESC): remove it (terminal codes are not allowed in content)",
      ]
    ),
    (
      "alias-bomb.yaml",
      [
        "alias-bomb.yaml:10:36: error: aliases expand to too much (more than 1000000 values): write the values out or use fewer aliases"
      ]
    ),
  ]

  @Test(arguments: expected.map(\.file))
  func brokenFixtureGivesExactMessages(_ file: String) throws {
    let want = try #require(Self.expected.first { $0.file == file }).messages.map { "\(Self.fixtures)/\($0)" }
    #expect(try Self.validate("\(Self.fixtures)/\(file)") == want)
  }

  @Test func everyFixtureIsCovered() throws {
    let names = try FileManager.default.contentsOfDirectory(
      atPath: Self.root.appendingPathComponent(Self.fixtures).path)
    #expect(Set(names.filter { $0.hasSuffix(".yaml") }) == Set(Self.expected.map(\.file)))
  }

  static let shipped: [String] = {
    let folder = root.appendingPathComponent("Knowledge/guides").path
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasSuffix(".yaml") }.sorted()
  }()

  @Test(arguments: shipped)
  func shippedGuideValidates(_ file: String) throws {
    // Warnings (reading level between grades 6 and 8) are allowed, as for topics.
    #expect(try Self.validate("Knowledge/guides/\(file)").filter { $0.contains(": error: ") } == [])
  }

  /// Nesting 10,000 deep (20 KB) once crashed the loader (SIGSEGV); it is an error now.
  @Test func deepNestingIsAnErrorNotACrash() throws {
    let l = try #require(Self.loaded, "the shipped knowledge base must load")
    let depth = 10_000
    let text =
      "id: deep\ntitle: Deep\nstart: a\nnodes:\n  a:\n    show: " + String(repeating: "[", count: depth)
      + String(repeating: "]", count: depth) + "\n    end: true\n"
    let (guide, diagnostics) = GuideLoader.load(path: "deep.yaml", text: text, knowledge: l.knowledge)
    #expect(guide == nil)
    #expect(
      diagnostics.map(\.description) == [
        "deep.yaml:6:72: error: nesting too deep (more than 64 levels of lists and mappings)"
      ])
  }

  /// A condition of thousands of parentheses or `not`s is refused before it is parsed
  /// (parsing and evaluating recurse).
  @Test func hugeConditionIsAnError() throws {
    let l = try #require(Self.loaded, "the shipped knowledge base must load")
    for condition in [String(repeating: "(", count: 50_000) + "x", String(repeating: "not ", count: 50_000) + "x"] {
      let text = """
        id: big
        title: Big
        start: a
        nodes:
          a:
            ask: {kind: yesno, line: q, text: "Is it bad?", into: x}
            next:
              - {if: "\(condition)", go: b}
              - {else: b}
          b: {end: true}

        """
      let (_, diagnostics) = GuideLoader.load(path: "big.yaml", text: text, knowledge: l.knowledge)
      #expect(
        diagnostics.map(\.description) == [
          "big.yaml:8:\(14 + (condition.hasPrefix("(") ? 200 : 800)): error: bad condition: condition is too long (more than 200 names, values and signs): split it over several steps"
        ])
    }
  }

  /// A part next to the guide that is a link to a file elsewhere is refused, and nothing of that
  /// file is quoted; a real part next to the guide is read.
  @Test func includeThroughALinkIsRefused() throws {
    let l = try #require(Self.loaded, "the shipped knowledge base must load")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oih-include-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder + "/parts", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createSymbolicLink(
      atPath: folder + "/parts/secret.yaml", withDestinationPath: "/etc/passwd")
    try "part: true\nnodes:\n  bye:\n    say:\n      bye-text: \"Bye.\"\n    end: true\n"
      .write(toFile: folder + "/parts/bye.yaml", atomically: true, encoding: .utf8)
    let text =
      "id: inc\ntitle: Inc\nstart: a\ninclude: [parts/secret.yaml, parts/bye.yaml]\nnodes:\n  a: {say: {a-text: \"Hi.\"}, next: bye}\n"
    let (guide, diagnostics) = GuideLoader.load(path: folder + "/inc.yaml", text: text, knowledge: l.knowledge)
    #expect(
      diagnostics.map {
        $0.description.replacingOccurrences(of: folder + "/", with: "").replacingOccurrences(
          of: Self.root.path + "/", with: "")
      } == [
        "inc.yaml:4:11: error: included file 'parts/secret.yaml' is outside the guides folder: include only files in Knowledge/guides or next to this guide"
      ])
    #expect(guide?.nodes["bye"] != nil)
  }

  /// A guide file over the size limit is refused before it is parsed.
  @Test func hugeGuideFileIsAnError() throws {
    let l = try #require(Self.loaded, "the shipped knowledge base must load")
    let text = "id: big\n# " + String(repeating: "x", count: YAMLLimits.maximumBytes) + "\n"
    let (guide, diagnostics) = GuideLoader.load(path: "big.yaml", text: text, knowledge: l.knowledge)
    #expect(guide == nil)
    #expect(
      diagnostics.map(\.description) == ["big.yaml:1:1: error: file is too large (2097163 bytes): the limit is 2 MB"])
  }

  @Test func shippedGuidesAreListedAndPartsAreNot() throws {
    let l = try #require(Self.loaded, "the shipped knowledge base must load")
    let (guides, diagnostics) = GuideLoader.loadAll(l.knowledge)
    #expect(diagnostics.filter { $0.severity == .error }.map(\.description) == [])
    #expect(guides.map(\.id).sorted() == ["after-surgery", "pre-visit", "tapering-class", "welcome"])
  }

  @Test func sharedPartIsIncludedByAtLeastTwoGuides() throws {
    let l = try #require(Self.loaded, "the shipped knowledge base must load")
    let (guides, _) = GuideLoader.loadAll(l.knowledge)
    #expect(guides.filter { $0.nodes["closing"] != nil }.count >= 2)
  }
}
