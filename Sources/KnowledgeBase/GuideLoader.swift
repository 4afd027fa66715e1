import FoundationEssentials

/// Reads guide files and checks their structure against the knowledge base.
public enum GuideLoader {
  /// Loads every guide of `knowledge` (from Knowledge/guides/).
  ///
  /// - Parameters:
  ///   - knowledge: The knowledge base whose `guideFiles` are read.
  ///   - checkText: Whether to check the reading level and doses of every line (skipped when
  ///     the files already passed validation, see `ValidationStamp`).
  /// - Returns: The guides that parsed, and all diagnostics (a shared part's once).
  public static func loadAll(_ knowledge: Knowledge, checkText: Bool = true) -> ([Guide], [Diagnostic]) {
    var guides: [Guide] = []
    var diagnostics: [Diagnostic] = []
    var seen = Set<String>()
    for result in loadEach(knowledge, checkText: checkText) {
      diagnostics += result.diagnostics.filter { seen.insert($0.description).inserted }
      if let guide = result.guide { guides.append(guide) }
    }
    return (guides, diagnostics)
  }

  /// Loads every guide of `knowledge` on its own: a broken guide does not affect the others.
  ///
  /// - Parameters:
  ///   - knowledge: The knowledge base whose `guideFiles` are read.
  ///   - checkText: Whether to check the reading level and doses of every line.
  /// - Returns: For each guide file (parts left out), the guide if it could be read and its
  ///   diagnostics, in file order.
  public static func loadEach(_ knowledge: Knowledge, checkText: Bool = true) -> [(
    file: String, guide: Guide?, diagnostics: [Diagnostic]
  )] {
    var out: [(file: String, guide: Guide?, diagnostics: [Diagnostic])] = []
    for file in knowledge.guideFiles {
      if isPart(file.text) { continue }
      let (guide, found) = load(path: file.path, text: file.text, knowledge: knowledge, checkText: checkText)
      out.append((file.path, guide, found))
    }
    return out
  }

  /// Whether a file is a shared part (only `nodes:`, meant for `include:`), not a guide.
  static func isPart(_ text: String) -> Bool {
    text.hasPrefix("part: true") || text.contains("\npart: true")
  }

  /// Loads one guide file and checks it.
  ///
  /// - Parameters:
  ///   - path: The file path, used in messages and to resolve `include:`.
  ///   - text: The file's text; read from `path` when nil.
  ///   - knowledge: For topic and symptom-check ids.
  ///   - checkText: Whether to check the reading level and doses of every line.
  /// - Returns: The guide, if it could be read, and every diagnostic.
  public static func load(path: String, text: String? = nil, knowledge: Knowledge, checkText: Bool = true) -> (
    Guide?, [Diagnostic]
  ) {
    let sink = DiagnosticSink()
    let source: String
    if let text {
      source = text
    } else {
      switch YAMLFile.read(path) {
      case .success(let read): source = read
      case .failure(let problem):
        let message =
          problem.message == "file not found" || problem.message == "file cannot be read"
          ? "guide file not found or not readable" : problem.message
        sink.error(message, at: SourceLocation(file: path, line: 1, column: 1))
        return (nil, sink.diagnostics)
      }
    }
    guard let root = YAMLFile.parse(source, file: path, sink: sink),
      let reader = MappingReader.make(root, file: path, what: "guide", sink: sink)
    else { return (nil, sink.diagnostics) }
    let id = reader.string("id")
    let title = reader.string("title")
    let start = reader.string("start")
    let startLocation = reader.locationOf("start")
    _ = reader.string("part", required: false)
    var nodes: [String: GuideNode] = [:]
    var order: [String] = []
    readNodes(reader, into: &nodes, order: &order, sink: sink)
    for (include, location) in reader.strings("include", required: false) {
      let includePath: String
      let text: String
      switch IncludePolicy.resolve(include, from: path, knowledge: knowledge) {
      case .success(let resolved):
        (includePath, text) = resolved
      case .failure(let problem):
        sink.error(problem.message, at: location)
        continue
      }
      guard let partRoot = YAMLFile.parse(text, file: includePath, sink: sink),
        let part = MappingReader.make(partRoot, file: includePath, what: "guide part", sink: sink)
      else { continue }
      _ = part.string("part", required: false)
      _ = part.string("id", required: false)
      _ = part.string("title", required: false)
      readNodes(part, into: &nodes, order: &order, sink: sink)
      part.finish()
    }
    reader.finish()
    guard let id, let title, let start else { return (nil, sink.diagnostics) }
    let guide = Guide(
      id: id, title: title, start: start, nodes: nodes, order: order, file: path, startLocation: startLocation)
    GuideChecker(guide: guide, knowledge: knowledge, sink: sink, checkText: checkText).run()
    return (guide, sink.diagnostics)
  }

  static func readNodes(
    _ reader: MappingReader, into nodes: inout [String: GuideNode], order: inout [String], sink: DiagnosticSink
  ) {
    guard let node = reader.node("nodes") else {
      sink.error("guide is missing required field 'nodes'", at: reader.location)
      return
    }
    guard let nodesReader = MappingReader.make(node, file: reader.file, what: "nodes", sink: sink) else { return }
    for entry in nodesReader.entries() {
      guard let r = MappingReader.make(entry.value, file: reader.file, what: "node '\(entry.key)'", sink: sink) else {
        continue
      }
      if nodes[entry.key] != nil {
        sink.error("duplicate node id '\(entry.key)'", at: entry.location)
        continue
      }
      nodes[entry.key] = readNode(entry.key, r, at: entry.location, sink: sink)
      order.append(entry.key)
      r.finish()
    }
  }

  static func lines(_ r: MappingReader, _ key: String, sink: DiagnosticSink) -> [GuideLine] {
    guard let node = r.node(key) else { return [] }
    guard let lines = MappingReader.make(node, file: r.file, what: "'\(key)' lines (line-id: text)", sink: sink) else {
      return []
    }
    var out: [GuideLine] = []
    for entry in lines.entries() {
      guard case .scalar(let scalar) = entry.value else {
        sink.error("line '\(entry.key)' must be text", at: entry.location)
        continue
      }
      out.append(
        GuideLine(id: entry.key, text: scalar.string, location: MappingReader.location(of: entry.value, in: r.file)))
    }
    return out
  }

  static func option(_ o: MappingReader) -> GuideOption? {
    guard let lineID = o.string("line"), let text = o.string("text") else { return nil }
    return GuideOption(
      line: GuideLine(id: lineID, text: text, location: o.locationOf("text")), go: o.string("go", required: false),
      value: o.string("value", required: false), words: o.strings("words", required: false).map(\.0))
  }

  static func readNode(_ id: String, _ r: MappingReader, at location: SourceLocation, sink: DiagnosticSink) -> GuideNode
  {
    var node = GuideNode(
      id: id, say: [], show: [], note: [], action: nil, input: nil, next: [], end: false, location: location)
    node.say = lines(r, "say", sink: sink)
    node.note = lines(r, "note", sink: sink)
    node.show = r.strings("show", required: false).map {
      ($0.0.hasPrefix("topic.") ? String($0.0.dropFirst(6)) : $0.0, $0.1)
    }
    var inputs: [GuideInput] = []
    if r.has("choose") {
      inputs.append(.choose(r.list("choose", what: "option") { option($0) }))
    }
    if r.has("ask") {
      if let ask = r.mapping(
        "ask", what: "ask",
        { a -> GuideAsk? in
          let kindText = a.string("kind")
          let lineID = a.string("line")
          let text = a.string("text")
          let into = a.string("into")
          let options = a.has("options") ? a.list("options", what: "option") { option($0) } : []
          let examples = a.strings("examples", required: false).map { (text: $0.0, location: $0.1) }
          let filterText = a.string("filter", required: false)
          let optionalText = a.string("optional", required: false)
          guard let kindText, let lineID, let text, let into else { return nil }
          guard let kind = GuideAskKind(rawValue: kindText) else {
            sink.error("unknown ask kind '\(kindText)' (use yesno, choice, scale or text)", at: a.locationOf("kind"))
            return nil
          }
          var filter: GuideFilter?
          if let filterText {
            filter = GuideFilter(rawValue: filterText)
            if filter == nil {
              let known = GuideFilter.allCases.map(\.rawValue).joined(separator: ", ")
              sink.error("unknown filter '\(filterText)' (use \(known))", at: a.locationOf("filter"))
            }
          }
          if let optionalText, optionalText != "true" && optionalText != "false" {
            sink.error("field 'optional' must be true or false", at: a.locationOf("optional"))
          }
          return GuideAsk(
            kind: kind, line: GuideLine(id: lineID, text: text, location: a.locationOf("text")), into: into,
            options: options, examples: examples, filter: filter, optional: optionalText == "true")
        })
      {
        inputs.append(.ask(ask))
      }
    }
    if let questions = r.string("questions", required: false) {
      if questions == "true" {
        inputs.append(.questions)
      } else {
        sink.error("field 'questions' must be true", at: r.locationOf("questions"))
      }
    }
    if let browse = r.string("browse", required: false) {
      inputs.append(.browse(browse == "all" || browse == "true" ? nil : browse))
    }
    if inputs.count > 1 {
      sink.error(
        "node '\(id)' waits for more than one kind of input (choose, ask, questions, browse): use one", at: location)
    }
    node.input = inputs.first
    var actions: [GuideAction] = []
    if let check = r.string("check", required: false) { actions.append(.check(check)) }
    if let pick = r.string("pick", required: false) {
      if pick == "true" || pick == "doctor-questions" {
        actions.append(.pick)
      } else {
        sink.error("field 'pick' must be true", at: r.locationOf("pick"))
      }
    }
    if let summary = r.string("summary", required: false) {
      if summary == "true" {
        actions.append(.summary)
      } else {
        sink.error("field 'summary' must be true", at: r.locationOf("summary"))
      }
    }
    if actions.count > 1 {
      sink.error("node '\(id)' runs more than one activity (check, pick, summary): split it", at: location)
    }
    if !actions.isEmpty && node.input != nil {
      sink.error("node '\(id)' both runs an activity and waits for input: split it", at: location)
    }
    node.action = actions.first
    if let end = r.string("end", required: false) {
      node.end = end == "true"
      if end != "true" { sink.error("field 'end' must be true", at: r.locationOf("end")) }
    }
    if let nextNode = r.node("next") {
      switch nextNode {
      case .scalar(let scalar):
        node.next = [
          GuideBranch(
            condition: nil, conditionText: nil, target: scalar.string,
            location: MappingReader.location(of: nextNode, in: r.file))
        ]
      case .sequence(let items):
        for item in items {
          guard let b = MappingReader.make(item, file: r.file, what: "branch", sink: sink) else { continue }
          if b.has("else") {
            if let target = b.string("else") {
              node.next.append(
                GuideBranch(condition: nil, conditionText: nil, target: target, location: b.locationOf("else")))
            }
          } else if let text = b.string("if"), let target = b.string("go") {
            let at = b.locationOf("if")
            do {
              let condition = try Condition.parse(text)
              node.next.append(
                GuideBranch(condition: condition, conditionText: text, target: target, location: b.locationOf("go")))
            } catch {
              sink.error(
                "bad condition: \(error.message)",
                at: SourceLocation(file: at.file, line: at.line, column: at.column + error.offset))
            }
          }
          b.finish()
        }
      case .mapping:
        if let b = MappingReader.make(nextNode, file: r.file, what: "next", sink: sink) {
          let text = b.string("if")
          let then = b.string("then")
          let otherwise = b.string("else", required: false)
          if let text, let then {
            let at = b.locationOf("if")
            do {
              let condition = try Condition.parse(text)
              node.next.append(
                GuideBranch(condition: condition, conditionText: text, target: then, location: b.locationOf("then")))
            } catch {
              sink.error(
                "bad condition: \(error.message)",
                at: SourceLocation(file: at.file, line: at.line, column: at.column + error.offset))
            }
          }
          if let otherwise {
            node.next.append(
              GuideBranch(condition: nil, conditionText: nil, target: otherwise, location: b.locationOf("else")))
          }
          b.finish()
        }
      }
    }
    return node
  }
}

/// Structural checks of a guide: ids, reachability, dead ends, variables.
struct GuideChecker {
  let guide: Guide
  let knowledge: Knowledge
  let sink: DiagnosticSink
  /// Whether lines are checked for reading level and doses, like every other text people read.
  var checkText = true

  /// A filter only reads text; an answer kept for the summary is text, and medicine names are
  /// always filtered, so no dose reaches the summary.
  func checkSummaryAsk(_ ask: GuideAsk) {
    if let filter = ask.filter {
      if ask.kind != .text {
        sink.error("only text questions may have a 'filter'", at: ask.line.location)
      }
      switch filter {
      case .medicineNames where knowledge.medicines.isEmpty:
        sink.error("filter 'medicine-names' needs medicine names in Knowledge/medicines.yaml", at: ask.line.location)
      case .medicineNames:
        break
      }
    }
    guard Guide.summaryVariables.contains(ask.into) else { return }
    if ask.kind != .text {
      sink.error("'into: \(ask.into)' goes into the summary: use kind: text", at: ask.line.location)
    }
    if ask.into == "medicines" && ask.filter != .medicineNames {
      sink.error(
        "'into: medicines' keeps names for the summary: add 'filter: medicine-names', so no dose is kept",
        at: ask.line.location)
    }
  }

  func run() {
    if guide.nodes[guide.start] == nil {
      sink.error("start node '\(guide.start)' does not exist", at: guide.startLocation)
    }
    var lineIDs: [String: SourceLocation] = [:]
    func line(_ l: GuideLine) {
      if let first = lineIDs[l.id] {
        sink.error("duplicate line id '\(l.id)' (first at \(first))", at: l.location)
      } else {
        lineIDs[l.id] = l.location
      }
      // Dose and reading level: see `texts(defined:)`.
      if l.text.isBlank { sink.error("line '\(l.id)' is empty", at: l.location) }
    }
    var defined = Guide.builtInVariables
    for id in guide.order {
      guard let node = guide.nodes[id], case .ask(let ask)? = node.input else { continue }
      defined.insert(ask.into)
    }
    for id in guide.order {
      guard let node = guide.nodes[id] else { continue }
      node.say.forEach(line)
      node.note.forEach(line)
      for topic in node.show where knowledge.topic(topic.id) == nil {
        sink.error("unknown topic '\(topic.id)'", at: topic.location)
      }
      if case .check(let check)? = node.action, !knowledge.checklists.contains(where: { $0.id == check }) {
        sink.error("unknown symptom check '\(check)'", at: node.location)
      }
      switch node.input {
      case .choose(let options)?:
        if options.isEmpty { sink.error("node '\(id)' has an empty 'choose' list", at: node.location) }
        for option in options {
          line(option.line)
          guard let go = option.go else {
            sink.error("option '\(option.line.id)' needs 'go: NODE'", at: option.line.location)
            continue
          }
          if guide.nodes[go] == nil { sink.error("unknown node '\(go)'", at: option.line.location) }
        }
      case .ask(let ask)?:
        line(ask.line)
        for option in ask.options { line(option.line) }
        if ask.kind == .choice && ask.options.isEmpty {
          sink.error("choice question '\(ask.line.id)' needs 'options'", at: ask.line.location)
        }
        if ask.kind != .text && !ask.examples.isEmpty {
          sink.error("only text questions may have 'examples'", at: ask.line.location)
        }
        checkSummaryAsk(ask)
      case .browse(let group?)? where !knowledge.groups.contains(where: { $0.id == group }):
        sink.error("unknown topic group '\(group)'", at: node.location)
      case .browse?, .questions?, nil:
        break
      }
      for branch in node.next {
        if guide.nodes[branch.target] == nil { sink.error("unknown node '\(branch.target)'", at: branch.location) }
        for variable in branch.condition?.variables ?? [] where !defined.contains(variable) {
          sink.error("undefined variable '\(variable)': no 'ask' stores into it", at: branch.location)
        }
      }
      if let last = node.next.last, last.condition != nil {
        sink.error(
          "node '\(id)': the last branch of 'next' needs an 'else' so the guide never stops", at: last.location)
      }
      let choosesItsWay: Bool
      if case .choose? = node.input { choosesItsWay = true } else { choosesItsWay = false }
      let waitsForever: Bool
      switch node.input {
      case .questions?, .browse?: waitsForever = true
      default: waitsForever = false
      }
      if !node.end && node.next.isEmpty && !choosesItsWay && !waitsForever {
        sink.error("node '\(id)' is a dead end: add 'next:' or 'end: true'", at: node.location)
      }
      if node.end && (!node.next.isEmpty || choosesItsWay) {
        sink.error("node '\(id)' has 'end: true' and also goes on: remove one", at: node.location)
      }
    }
    // Reachability from start.
    var seen: Set<String> = []
    var queue = [guide.start]
    while let id = queue.popLast() {
      guard !seen.contains(id), let node = guide.nodes[id] else { continue }
      seen.insert(id)
      queue += node.next.map(\.target)
      if case .choose(let options)? = node.input { queue += options.compactMap(\.go) }
    }
    for id in guide.order where !seen.contains(id) {
      if let node = guide.nodes[id] {
        sink.error("node '\(id)' cannot be reached from '\(guide.start)'", at: node.location)
      }
    }
    texts(defined: defined)
    options()
    comparisons()
    cycles()
  }
}
