import Conversation
import Foundation
import KnowledgeBase
import Rendering
import Search
import Summary
import Testing

/// Content that somehow holds terminal codes (a topic or guide that skipped validation) still
/// renders clean: the renderer filters every string before it adds its own styling (issue 17).
@Suite struct OutputFilterTests {
  static let hostile =
    "Do not drink \u{1B}[2J\u{1B}]0;PWNED\u{07} alcohol \u{07}\u{07} \u{9B}2J with \u{1B}[31mopioids\u{1B}[0m."

  /// The escape codes our own styling may use: bold, dim, alert colors, reset.
  static let ownStyling = ["\u{1B}[1m", "\u{1B}[2m", "\u{1B}[1;97;41m", "\u{1B}[0m"]

  static func loaded() throws -> (Knowledge, SearchIndex, RedFlagMatcher) {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    var (knowledge, _) = try KnowledgeLoader.load(from: root.appendingPathComponent("Knowledge").path)
    let index = try #require(knowledge.topics.firstIndex { $0.id == "what-is-oih" })
    knowledge.topics[index].title = "What is \u{1B}[5mOIH\u{1B}[0m?"
    knowledge.topics[index].answer = hostile
    return (knowledge, SearchIndex(knowledge: knowledge), RedFlagMatcher(knowledge: knowledge))
  }

  static func isClean(_ text: String) -> Bool {
    var rest = text
    for code in ownStyling { rest = rest.replacingOccurrences(of: code, with: "") }
    return !rest.unicodeScalars.contains { $0 != "\n" && ($0.value < 0x20 || (0x7F...0x9F).contains($0.value)) }
  }

  @Test(arguments: [false, true])
  func hostileTopicRendersClean(color: Bool) throws {
    let (knowledge, index, safety) = try Self.loaded()
    var engine = Conversation(
      knowledge: knowledge, index: index, safety: safety, options: .init(region: "US", date: "2026-01-15"))
    let renderer = Renderer(width: 80, color: color, knowledge: knowledge) {
      SummaryRenderer.render($0, knowledge: knowledge, format: .text, width: 80)
    }
    var out = engine.start().compactMap(renderer.render).joined()
    out += engine.handle(.line("what is oih")).compactMap(renderer.render).joined()
    out += engine.handle(.line("/summary")).compactMap(renderer.render).joined()
    #expect(Self.isClean(out), "\(out.debugDescription)")
    #expect(out.contains("Do not drink alcohol with opioids."))
    // The underline is as long as the title a person sees.
    #expect(out.contains("What is OIH?\n------------\n") || out.contains("What is OIH?\u{1B}[0m\n------------\n"))
  }

  @Test func hostileGuideRendersClean() throws {
    let (knowledge, index, safety) = try Self.loaded()
    let text = """
      id: esc
      title: Esc
      start: a
      nodes:
        a:
          say: {e-a: "Hello \\e[2J\\e[31mRED\\e[0m \\e]0;PWNED\\a bell\\a \\x9b2J end"}
          ask:
            kind: text
            line: q
            text: "Your name?"
            into: name
          next: b
        b:
          say: {e-b: "Thanks, {name}."}
          choose:
            - {line: o1, text: "Opt \\e[7mrev\\e[0m", go: c}
        c: {end: true}

      """
    let (loadedGuide, diagnostics) = GuideLoader.load(path: "esc.yaml", text: text, knowledge: knowledge)
    let guide = try #require(loadedGuide)
    #expect(
      diagnostics.filter { $0.message.contains("control character") }.count == 2, "the validator reports the codes")
    var engine = Conversation(
      knowledge: knowledge, index: index, safety: safety,
      options: .init(region: "US", date: "2026-01-15", guide: "esc"), guide: guide)
    let renderer = Renderer(width: 80, color: false, knowledge: knowledge) { _ in "" }
    var out = engine.start().compactMap(renderer.render).joined()
    out += engine.handle(.line("Sam\u{1B}]0;x\u{07}")).compactMap(renderer.render).joined()
    #expect(Self.isClean(out), "\(out.debugDescription)")
    #expect(out.contains("Hello RED bell end"))
    #expect(out.contains("Thanks, Sam."))
    #expect(out.contains("  1. Opt rev"))
  }
}
