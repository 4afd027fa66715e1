import ArgumentParser

/// The `oih` command: a terminal educator on opioid-induced hyperalgesia.
@main
struct OIH: ParsableCommand {
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "oih",
    abstract: "Learn about opioid-induced hyperalgesia (OIH) and get ready to talk with your prescriber.",
    discussion: """
      Education only: not medical advice, not for emergencies. With no subcommand, oih starts a \
      conversation (the same as `oih chat`).
      """,
    version: version,
    subcommands: [
      Chat.self, Ask.self, Replay.self, KnowledgeCommand.self, GuideCommand.self, Guides.self, Kiosk.self,
    ],
    defaultSubcommand: Chat.self
  )

  /// With no arguments, runs the default subcommand at once: parsing the whole command tree
  /// (every subcommand's options) takes a few milliseconds of the start-up time.
  static func main() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if arguments.isEmpty {
      Chat.main(arguments)
    } else {
      Self.main(arguments)
    }
  }
}
