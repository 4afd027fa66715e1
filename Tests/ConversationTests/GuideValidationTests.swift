import Conversation
import Foundation
import KnowledgeBase
import Search
import Testing

/// The guide validator: broken fixtures give exact `file:line:column` messages, and every
/// shipped guide validates cleanly.
@Suite struct GuideValidationTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let fixtures = "Tests/Data/guide-fixtures"

  struct Loaded: Sendable {
    let knowledge: Knowledge
    let index: SearchIndex
    let safety: RedFlagMatcher
  }

  static let loaded: Loaded? = {
    guard let (knowledge, _) = try? KnowledgeLoader.load(from: root.appendingPathComponent("Knowledge").path) else { return nil }
    return Loaded(knowledge: knowledge, index: SearchIndex(knowledge: knowledge), safety: RedFlagMatcher(knowledge: knowledge))
  }()

  /// Everything `oih guide validate` reports for one file, as text with paths relative to the
  /// package root.
  static func validate(_ relativePath: String) throws -> [String] {
    let l = try #require(loaded, "the shipped knowledge base must load")
    let (guide, diagnostics) = GuideLoader.load(path: root.appendingPathComponent(relativePath).path, knowledge: l.knowledge)
    var all = diagnostics
    if let guide { all += Conversation.checkExamples(guide, knowledge: l.knowledge, index: l.index, safety: l.safety) }
    return all.map { $0.description.replacingOccurrences(of: root.path + "/", with: "") }
  }

  static let expected: [(file: String, messages: [String])] = [
    ("unknown-node.yaml", ["unknown-node.yaml:9:11: error: unknown node 'nowhere'"]),
    ("unknown-topic.yaml", ["unknown-topic.yaml:7:11: error: unknown topic 'no-such-topic'"]),
    ("unreachable.yaml", ["unreachable.yaml:10:3: error: node 'lost' cannot be reached from 'hello'"]),
    ("dead-end.yaml", ["dead-end.yaml:10:3: error: node 'stuck' is a dead end: add 'next:' or 'end: true'"]),
    ("undefined-variable.yaml", ["undefined-variable.yaml:14:13: error: undefined variable 'pian': no 'ask' stores into it"]),
    ("bad-condition.yaml", ["bad-condition.yaml:13:16: error: bad condition: unknown operator '=' (use ==, !=, <, <=, >, >=)"]),
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
  ]

  @Test(arguments: expected.map(\.file))
  func brokenFixtureGivesExactMessages(_ file: String) throws {
    let want = try #require(Self.expected.first { $0.file == file }).messages.map { "\(Self.fixtures)/\($0)" }
    #expect(try Self.validate("\(Self.fixtures)/\(file)") == want)
  }

  @Test func everyFixtureIsCovered() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent(Self.fixtures).path)
    #expect(Set(names.filter { $0.hasSuffix(".yaml") }) == Set(Self.expected.map(\.file)))
  }

  static let shipped: [String] = {
    let folder = root.appendingPathComponent("Knowledge/guides").path
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasSuffix(".yaml") }.sorted()
  }()

  @Test(arguments: shipped)
  func shippedGuideValidates(_ file: String) throws {
    #expect(try Self.validate("Knowledge/guides/\(file)") == [])
  }

  @Test func shippedGuidesAreListedAndPartsAreNot() throws {
    let l = try #require(Self.loaded, "the shipped knowledge base must load")
    let (guides, diagnostics) = GuideLoader.loadAll(l.knowledge)
    #expect(diagnostics.map(\.description) == [])
    #expect(guides.map(\.id).sorted() == ["after-surgery", "pre-visit", "tapering-class", "welcome"])
  }

  @Test func sharedPartIsIncludedByAtLeastTwoGuides() throws {
    let l = try #require(Self.loaded, "the shipped knowledge base must load")
    let (guides, _) = GuideLoader.loadAll(l.knowledge)
    #expect(guides.filter { $0.nodes["closing"] != nil }.count >= 2)
  }
}
