import KnowledgeBase
import TextAnalysis

/// Draws a guide as Mermaid or Graphviz.
public enum GuideGraph {
  /// The drawing language.
  public enum Format: String, Sendable, CaseIterable {
    /// Mermaid's `flowchart` (paste into any Mermaid viewer).
    case mermaid
    /// Graphviz `dot`.
    case dot
  }

  /// Loads the guide file and draws it.
  ///
  /// - Throws: `AppError.failure` with the loader's diagnostics when the file cannot be read.
  public static func draw(_ file: String, loaded: Loaded, format: Format) throws(AppError) -> String {
    let (guide, diagnostics) = GuideLoader.load(path: file, knowledge: loaded.knowledge)
    guard let guide else { throw .failure(diagnostics.map(\.description).joined(separator: "\n")) }
    return render(guide, format: format)
  }

  /// The guide's nodes and edges: choices, and `next` branches labelled by their conditions.
  ///
  /// - Parameters:
  ///   - guide: The guide.
  ///   - format: Mermaid or dot.
  /// - Returns: The diagram text.
  public static func render(_ guide: Guide, format: Format) -> String {
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
    // Guide text passes the output filter (no escape sequences or controls reach the terminal).
    func safe(_ s: String) -> String { TerminalText.filter(s, keepNewlines: false).replacing("\"", with: "'") }
    if format == .dot {
      var lines = ["digraph \"\(safe(guide.id))\" {"]
      for id in guide.order {
        if let node = guide.nodes[id] { lines.append("  \"\(safe(id))\" [label=\"\(safe(label(node)))\"];") }
      }
      for (from, to, text) in edges {
        lines.append("  \"\(safe(from))\" -> \"\(safe(to))\"" + (text.isEmpty ? ";" : " [label=\"\(safe(text))\"];"))
      }
      return (lines + ["}"]).joined(separator: "\n")
    }
    var lines = ["flowchart TD"]
    func nodeID(_ s: String) -> String { "n_" + s.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined() }
    for id in guide.order {
      if let node = guide.nodes[id] { lines.append("  \(nodeID(id))[\"\(safe(label(node)))\"]") }
    }
    for (from, to, text) in edges {
      lines.append("  \(nodeID(from)) -->" + (text.isEmpty ? " " : "|\"\(safe(text))\"| ") + nodeID(to))
    }
    return lines.joined(separator: "\n")
  }
}
