import App
import Foundation
import KnowledgeBase
import Search
import Testing

/// Replays every golden transcript in Transcripts/ through the real run loop (`SessionRunner`),
/// with `/save` writing into a temporary folder and `/print` going to a recording printer.
@Suite struct TranscriptTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let folder = root.appendingPathComponent("Transcripts")

  static let files: [String] = {
    let names = (try? FileManager.default.subpathsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".transcript") }.sorted()
  }()

  static let replayer: TranscriptReplayer? = {
    guard let (knowledge, _) = try? KnowledgeLoader.load(from: root.appendingPathComponent("Knowledge").path) else {
      return nil
    }
    return TranscriptReplayer(
      loaded: Loaded(
        knowledge: knowledge, index: SearchIndex(knowledge: knowledge), safety: RedFlagMatcher(knowledge: knowledge)))
  }()

  @Test func thereAreEnoughTranscripts() {
    #expect(Self.files.count >= 10)
  }

  @Test(arguments: files)
  func replays(_ name: String) throws {
    let replayer = try #require(Self.replayer, "the shipped knowledge base must load")
    let path = Self.folder.appendingPathComponent(name).path
    let transcript = Transcript.parse(try String(contentsOfFile: path, encoding: .utf8))
    let actual = replayer.run(transcript, directory: URL(fileURLWithPath: path).deletingLastPathComponent().path)
    let diff = UnifiedDiff.diff(expected: transcript.body, actual: actual, name: name)
    #expect(diff.isEmpty, "\(diff)\nRun `swift run oih replay --update Transcripts/\(name)` after an intended change.")
  }
}
