import Conversation
import Foundation
import KnowledgeBase
import Rendering
import Search
import Summary
import Testing

/// Replays every golden transcript in Transcripts/ through the real engine and renderer.
@Suite struct TranscriptTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let folder = root.appendingPathComponent("Transcripts")

  static let files: [String] = {
    let names = (try? FileManager.default.subpathsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".transcript") }.sorted()
  }()

  static let runner: TranscriptRunner? = {
    guard let (knowledge, _) = try? KnowledgeLoader.load(from: root.appendingPathComponent("Knowledge").path) else { return nil }
    return TranscriptRunner(knowledge: knowledge, index: SearchIndex(knowledge: knowledge), safety: RedFlagMatcher(knowledge: knowledge)) {
      SummaryRenderer.render($0, knowledge: $1, format: .text, width: $2)
    }
  }()

  @Test func thereAreEnoughTranscripts() {
    #expect(Self.files.count >= 10)
  }

  @Test(arguments: files)
  func replays(_ name: String) throws {
    let runner = try #require(Self.runner, "the shipped knowledge base must load")
    let path = Self.folder.appendingPathComponent(name).path
    let transcript = Transcript.parse(try String(contentsOfFile: path, encoding: .utf8))
    let actual = runner.run(transcript, directory: URL(fileURLWithPath: path).deletingLastPathComponent().path)
    let diff = UnifiedDiff.diff(expected: transcript.body, actual: actual, name: name)
    #expect(diff.isEmpty, "\(diff)\nRun `swift run oih replay --update Transcripts/\(name)` after an intended change.")
  }
}
