import App
import ArgumentParser
import TextAnalysis

/// `oih guide`: validate, run and draw educator guides.
struct GuideCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "guide",
    abstract: "Validate, run or draw a guided session file.",
    subcommands: [Validate.self, Run.self, Graph.self])

  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Report every problem in guide files as file:line:column (exit 1 on any error).")
    @OptionGroup var knowledgeOptions: KnowledgeOptions
    @Argument(help: "Guide files.") var files: [String]

    func run() throws {
      let report = GuideCheck.run(files, loaded: try knowledgeOptions.load())
      Console.out(report.lines.joined(separator: "\n") + "\n")
      if report.errors > 0 { throw ExitCode.failure }
    }
  }

  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run a guide interactively (safety checks and commands work as everywhere).")
    @OptionGroup var knowledgeOptions: KnowledgeOptions
    @OptionGroup var session: SessionOptions
    @Argument(help: "The guide file.") var file: String

    func run() throws {
      let launch = session.launch(knowledgeOptions, guide: file)
      try reporting { () throws(AppError) in try launch.run() }
    }
  }

  struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the guide's flow as a Mermaid diagram (paste into any Mermaid viewer).")
    @OptionGroup var knowledgeOptions: KnowledgeOptions
    @Option(help: "The drawing language.") var format = GuideGraph.Format.mermaid
    @Argument(help: "The guide file.") var file: String

    func run() throws {
      let loaded = try knowledgeOptions.load()
      Console.out(
        try reporting { () throws(AppError) in try GuideGraph.draw(file, loaded: loaded, format: format) } + "\n")
    }
  }
}

/// `oih guides`: the guides shipped in Knowledge/guides/.
struct Guides: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the guides shipped in Knowledge/guides/ with their titles.")
  @OptionGroup var knowledgeOptions: KnowledgeOptions

  func run() throws {
    let guides = try knowledgeOptions.load().knowledge.guides.sorted { $0.id < $1.id }
    Console.out(
      guides.map { TerminalText.filter("\($0.id)  \($0.title)  (\($0.file))", keepNewlines: false) + "\n" }.joined())
  }
}
