import App
import ArgumentParser
import Conversation
import KnowledgeBase
import TextAnalysis

/// The `oih` command: a terminal educator on opioid-induced hyperalgesia.
@main
struct OIH: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "oih",
    abstract: "Learn about opioid-induced hyperalgesia (OIH) and get ready to talk with your prescriber.",
    discussion: """
      Education only: not medical advice, not for emergencies. With no subcommand, oih starts a \
      conversation (the same as `oih chat`).
      """,
    version: Version.current,
    subcommands: [
      Chat.self, Ask.self, Replay.self, KnowledgeCommand.self, GuideCommand.self, Guides.self, Kiosk.self,
    ],
    defaultSubcommand: Chat.self
  )

  /// With no arguments, or only options of a conversation (`oih --knowledge DIR --region UK`),
  /// runs the default subcommand at once: parsing the whole command tree (every subcommand's
  /// options) took about 4 ms of a 45 ms start (measured in a pty). Help, the version line and
  /// options the conversation does not take go the long way, so their messages stay the whole
  /// program's.
  static func main() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if arguments.first.map({ $0.hasPrefix("-") }) ?? true,
      !arguments.contains(where: { treeOptions.contains($0) || $0.hasPrefix("--generate-completion") }),
      let chat = try? Chat.parse(arguments)
    {
      do {
        try chat.run()
      } catch {
        exit(withError: error)
      }
      return
    }
    do {
      var command = try parseAsRoot(arguments)
      try command.run()
    } catch {
      // `--version` (wherever the parser accepts it) also names the knowledge base's version.
      if exitCode(for: error) == .success, message(for: error) == Version.current {
        Console.out(versionLine() + "\n")
        return
      }
      exit(withError: error)
    }
  }

  /// Options that belong to the whole program, not to a conversation.
  static let treeOptions: Set<String> = [
    "-h", "--help", "-help", "--help-hidden", "--version", "--experimental-dump-help",
  ]

  /// The program's version and the knowledge base's: "oih 0.1.0, knowledge 2026-12-02 (last
  /// reviewed 2026-11-27)". The knowledge is the one a session would use.
  static func versionLine() -> String {
    let knowledge = (try? KnowledgeFolder.find(nil)).map { KnowledgeLoader.readOnly($0).0.versionSummary }
    return "oih \(Version.current), " + (knowledge ?? "no knowledge base found (use --knowledge DIR or OIH_KNOWLEDGE)")
  }
}

/// Runs work from the App library and reports its errors the ArgumentParser way: a usage error
/// prints the usage and exits 64; a failure prints its message on standard error and exits 1.
func reporting<T>(_ work: () throws(AppError) -> T) throws -> T {
  do {
    return try work()
  } catch {
    // Messages may quote what was typed or read (a region code, a file name): they pass the
    // output filter like everything else shown.
    switch error {
    case .usage(let message): throw ValidationError(TerminalText.filter(message))
    case .failure(let message):
      Console.error(TerminalText.filter(message))
      throw ExitCode.failure
    }
  }
}

extension SummaryFormat: ExpressibleByArgument {}
extension GuideGraph.Format: ExpressibleByArgument {}
