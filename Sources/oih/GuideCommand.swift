import App
import ArgumentParser
import Conversation
import KnowledgeBase

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
      let loaded = try knowledgeOptions.load()
      var errors = 0
      for file in files {
        let (guide, diagnostics) = GuideLoader.load(path: file, knowledge: loaded.knowledge)
        var all = diagnostics
        if let guide { all += Conversation.checkExamples(guide, knowledge: loaded.knowledge, index: loaded.index, safety: loaded.safety) }
        for d in all { Console.out(d.description + "\n") }
        errors += all.filter { $0.severity == .error }.count
      }
      Console.out("\(errors) error(s) in \(files.count) file(s)\n")
      if errors > 0 { throw ExitCode(1) }
    }
  }

  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run a guide interactively (safety checks and commands work as everywhere).")
    @OptionGroup var knowledgeOptions: KnowledgeOptions
    @OptionGroup var session: SessionOptions
    @Argument(help: "The guide file.") var file: String

    func run() throws {
      let launch = session.launch(knowledgeOptions, guide: file)
      try reporting { () throws(AppError) in try launch.run() }
    }
  }

  struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the guide's flow as a Mermaid diagram (paste into any Mermaid viewer).")
    @OptionGroup var knowledgeOptions: KnowledgeOptions
    @Option(help: "The drawing language.") var format = GuideGraph.Format.mermaid
    @Argument(help: "The guide file.") var file: String

    func run() throws {
      let loaded = try knowledgeOptions.load()
      let (guide, diagnostics) = GuideLoader.load(path: file, knowledge: loaded.knowledge)
      guard let guide else {
        Console.error(diagnostics.map(\.description).joined(separator: "\n"))
        throw ExitCode.failure
      }
      Console.out(GuideGraph.render(guide, format: format) + "\n")
    }
  }
}

/// `oih guides`: the guides shipped in Knowledge/guides/.
struct Guides: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "List the guides shipped in Knowledge/guides/ with their titles.")
  @OptionGroup var knowledgeOptions: KnowledgeOptions

  func run() throws {
    let k = try knowledgeOptions.load().knowledge
    for guide in k.guides.sorted(by: { $0.id < $1.id }) {
      Console.out("\(guide.id)  \(guide.title)  (\(guide.file))\n")
    }
  }
}
