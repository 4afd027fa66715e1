import ArgumentParser
import Conversation
import FoundationEssentials
import KnowledgeBase
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
      var chat = try Chat.parse(["--guide", file])
      chat.knowledgeOptions = knowledgeOptions
      chat.session = session
      try chat.run()
    }
  }

  struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the guide's flow as a Mermaid diagram (paste into any Mermaid viewer).")
    @OptionGroup var knowledgeOptions: KnowledgeOptions
    @Option(help: "mermaid or dot.") var format = "mermaid"
    @Argument(help: "The guide file.") var file: String

    func run() throws {
      let loaded = try knowledgeOptions.load()
      let (guide, diagnostics) = GuideLoader.load(path: file, knowledge: loaded.knowledge)
      guard let guide else {
        diagnostics.forEach { Console.error($0.description) }
        throw ExitCode(1)
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
      Console.out(TerminalText.filter("\(guide.id)  \(guide.title)  (\(guide.file))", keepNewlines: false) + "\n")
    }
  }
}

/// Draws a guide as Mermaid or Graphviz.
enum GuideGraph {
  static func render(_ guide: Guide, format: String) -> String {
    var edges: [(String, String, String)] = []
    for id in guide.order {
      guard let node = guide.nodes[id] else { continue }
      if case .choose(let options)? = node.input {
        for option in options { if let go = option.go { edges.append((id, go, option.line.text)) } }
      }
      for branch in node.next { edges.append((id, branch.target, branch.conditionText ?? "")) }
    }
    func label(_ node: GuideNode) -> String {
      var kind = ""
      switch node.input {
      case .choose?: kind = "menu"
      case .ask(let ask)?: kind = "ask \(ask.kind.rawValue) -> \(ask.into)"
      case .questions?: kind = "questions"
      case .browse?: kind = "browse"
      case nil: break
      }
      switch node.action {
      case .check(let id)?: kind = "check \(id)"
      case .pick?: kind = "pick questions"
      case .summary?: kind = "summary"
      case nil: break
      }
      if node.end { kind = "end" }
      return kind.isEmpty ? node.id : "\(node.id): \(kind)"
    }
    func safe(_ s: String) -> String { TerminalText.filter(s, keepNewlines: false).replacing("\"", with: "'") }
    if format == "dot" {
      var lines = ["digraph \"\(safe(guide.id))\" {"]
      for id in guide.order { if let node = guide.nodes[id] { lines.append("  \"\(safe(id))\" [label=\"\(safe(label(node)))\"];") } }
      for (from, to, text) in edges { lines.append("  \"\(safe(from))\" -> \"\(safe(to))\"" + (text.isEmpty ? ";" : " [label=\"\(safe(text))\"];")) }
      return (lines + ["}"]).joined(separator: "\n")
    }
    var lines = ["flowchart TD"]
    func nodeID(_ s: String) -> String { "n_" + s.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined() }
    for id in guide.order { if let node = guide.nodes[id] { lines.append("  \(nodeID(id))[\"\(safe(label(node)))\"]") } }
    for (from, to, text) in edges {
      lines.append("  \(nodeID(from)) -->" + (text.isEmpty ? " " : "|\"\(safe(text))\"| ") + nodeID(to))
    }
    return lines.joined(separator: "\n")
  }
}
