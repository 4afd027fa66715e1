import App
import ArgumentParser

/// Options shared by commands that read the knowledge base.
struct KnowledgeOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("The knowledge folder to use instead of the bundled one.", valueName: "DIR"))
  var knowledge: String?

  /// Loads and validates; every error goes to standard error and the exit status is 1.
  func load() throws -> Loaded {
    try reporting { () throws(AppError) in try KnowledgeFolder.load(knowledge) }
  }
}
