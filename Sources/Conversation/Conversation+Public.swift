import KnowledgeBase
import Search

extension Conversation {
  /// Checks that each free-text step's example answers reach that step: typed there, they are
  /// stored as its answer, not taken as a command, a red flag or a question.
  ///
  /// - Parameters:
  ///   - guide: The guide to check.
  ///   - knowledge: The knowledge base.
  ///   - index: Its search index.
  ///   - safety: Its red-flag matcher.
  /// - Returns: A diagnostic for each example that goes elsewhere.
  public static func checkExamples(_ guide: Guide, knowledge: Knowledge, index: SearchIndex, safety: RedFlagMatcher)
    -> [Diagnostic]
  {
    var diagnostics: [Diagnostic] = []
    for id in guide.order {
      guard let node = guide.nodes[id], case .ask(let ask)? = node.input else { continue }
      for example in ask.examples {
        var engine = Conversation(
          knowledge: knowledge, index: index, safety: safety,
          options: Options(region: knowledge.defaultRegion, date: "2000-01-01", guide: guide.id), guide: guide)
        engine.position = Position(node: id, activity: nil)
        let effects = engine.handle(.line(example.text))
        let stored = engine.session.variables[ask.into]
        if effects.contains(where: { if case .urgent = $0 { return true } else { return false } }) {
          diagnostics.append(
            Diagnostic(
              .error, "example '\(example.text)' raises a safety alert instead of reaching step '\(id)'",
              at: example.location))
        } else if stored == nil {
          diagnostics.append(
            Diagnostic(
              .error, "example '\(example.text)' does not reach step '\(id)' (it is taken as a command or question)",
              at: example.location))
        }
      }
    }
    return diagnostics
  }
}
