import ArgumentParser
import FoundationEssentials
import KnowledgeBase
import Rendering
import Summary

/// `oih replay`: replays golden transcripts through the real engine and renderer.
struct Replay: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Replay transcripts and show a unified diff for each mismatch.",
    discussion: "With no paths, replays every *.transcript file in Transcripts/ of the current folder.")

  @OptionGroup var knowledgeOptions: KnowledgeOptions
  @Flag(help: "Rewrite each transcript with the output produced now (after an intended change).")
  var update = false
  @Argument(help: "Transcript files or folders.")
  var paths: [String] = []

  func run() throws {
    let loaded = try knowledgeOptions.load()
    let files = try TranscriptFiles.find(paths.isEmpty ? ["Transcripts"] : paths)
    if files.isEmpty { throw ValidationError("no .transcript files found in \(paths.isEmpty ? "Transcripts" : paths.joined(separator: " ")).") }
    let runner = TranscriptRunner(knowledge: loaded.knowledge, index: loaded.index, safety: loaded.safety) { record, knowledge, width in
      SummaryRenderer.render(record, knowledge: knowledge, format: .text, width: width)
    }
    var passed = 0
    var failed = 0
    for file in files {
      guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
        Console.error("cannot read \(file)")
        failed += 1
        continue
      }
      let transcript = Transcript.parse(text)
      let actual = runner.run(transcript, directory: URL(fileURLWithPath: file).deletingLastPathComponent().path)
      if actual == transcript.body {
        passed += 1
      } else if update {
        try transcript.text(withBody: actual).write(toFile: file, atomically: true, encoding: .utf8)
        Console.out("updated \(file)\n")
        passed += 1
      } else {
        Console.out(UnifiedDiff.diff(expected: transcript.body, actual: actual, name: file))
        failed += 1
      }
    }
    Console.out("\(passed) passed, \(failed) failed\n")
    if failed > 0 { throw ExitCode(1) }
  }
}

/// Finds transcript files under paths.
enum TranscriptFiles {
  static func find(_ paths: [String]) throws -> [String] {
    var out: [String] = []
    for path in paths {
      var isDirectory = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw ValidationError("no such file or folder: \(path)")
      }
      if isDirectory {
        let names = (try? FileManager.default.subpathsOfDirectory(atPath: path)) ?? []
        out += names.filter { $0.hasSuffix(".transcript") }.sorted().map { path + "/" + $0 }
      } else {
        out.append(path)
      }
    }
    return out
  }
}
