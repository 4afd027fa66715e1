import App
import ArgumentParser

/// `oih replay`: replays golden transcripts through the real run loop.
struct Replay: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Replay transcripts and show a unified diff for each mismatch.",
    discussion: "With no paths, replays every *.transcript file in Transcripts/ of the current folder.")

  @OptionGroup var knowledgeOptions: KnowledgeOptions
  @Flag(
    help: "Rewrite each transcript with the output produced now (after an intended change); the diff is still shown.")
  var update = false
  @Argument(help: "Transcript files or folders.")
  var paths: [String] = []

  func run() throws {
    let loaded = try knowledgeOptions.load()
    let passed = try reporting { () throws(AppError) in
      try App.Replay.run(paths: paths, update: update, loaded: loaded, output: Console.out)
    }
    if !passed { throw ExitCode.failure }
  }
}
