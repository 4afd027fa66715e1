import TextAnalysis

/// The checks of what a guide says and compares: its texts pass the same dose and reading-level
/// checks as topics, every `{placeholder}` is defined, choice options store a value, branches
/// compare with values the answers can have, and no loop runs without waiting for the person.
extension GuideChecker {
  /// Placeholders every text may use: the region's numbers and names (`Region.placeholders`).
  static var regionPlaceholders: Set<String> { Region.placeholders }

  /// Each line the person reads: what it says, its notes, its options and questions. Every one
  /// is graded for reading level, options too (a short label has too few words to be graded).
  func lines(of node: GuideNode) -> [GuideLine] {
    var out = node.say + node.note
    switch node.input {
    case .choose(let options)?:
      out += options.map(\.line)
    case .ask(let ask)?:
      out.append(ask.line)
      out += ask.options.map(\.line)
    case .questions?, .browse?, nil:
      break
    }
    return out
  }

  /// Dose and reading level (when `checkText`) and placeholders of every line.
  func texts(defined: Set<String>) {
    let validator = Validator(knowledge: knowledge, sink: sink)
    let sample = knowledge.region(knowledge.defaultRegion)
    for id in guide.order {
      guard let node = guide.nodes[id] else { continue }
      var asking: String?
      if case .ask(let ask)? = node.input { asking = ask.into }
      for line in lines(of: node) where !line.text.isBlank {
        if checkText {
          validator.plain(sample?.fill(line.text) ?? line.text, what: "line '\(line.id)'", at: line.location)
        }
        let (names, unclosed) = Self.placeholders(in: line.text)
        if unclosed {
          sink.error("line '\(line.id)' has a '{' without a '}': write {name} for a variable", at: line.location)
        }
        for name in names where !Self.regionPlaceholders.contains(name) {
          if !defined.contains(name) {
            sink.error(
              "undefined placeholder '{\(name)}' in line '\(line.id)': no 'ask' stores into '\(name)'",
              at: line.location)
          } else if name == asking, line.id == askLineID(node), !storedElsewhere(name, besides: id) {
            sink.error("'{\(name)}' is shown before it is set: this question is what sets it", at: line.location)
          }
        }
      }
    }
  }

  func askLineID(_ node: GuideNode) -> String? {
    if case .ask(let ask)? = node.input { return ask.line.id }
    return nil
  }

  /// Whether an ask in another node stores into `name`.
  func storedElsewhere(_ name: String, besides nodeID: String) -> Bool {
    guide.order.contains { id in
      guard id != nodeID, case .ask(let ask)? = guide.nodes[id]?.input else { return false }
      return ask.into == name
    }
  }

  /// The `{name}` placeholders in `text`, and whether a `{` is never closed.
  static func placeholders(in text: String) -> (names: [String], unclosed: Bool) {
    var names: [String] = []
    var rest = text[...]
    while let open = rest.firstIndex(of: "{") {
      let start = rest.index(after: open)
      guard let close = rest[start...].firstIndex(of: "}") else { return (names, true) }
      names.append(String(rest[start..<close]))
      rest = rest[rest.index(after: close)...]
    }
    return (names, false)
  }

  /// Choice options must say what they store.
  func options() {
    for id in guide.order {
      guard case .ask(let ask)? = guide.nodes[id]?.input, ask.kind == .choice else { continue }
      for option in ask.options where option.value == nil {
        sink.error(
          "option '\(option.line.id)' needs 'value:' (the word stored in '\(ask.into)' when it is picked)",
          at: option.line.location)
      }
    }
  }

  /// Branches compare answers with values the answers can have.
  func comparisons() {
    var kinds: [String: Set<GuideAskKind>] = [:]
    var values: [String: Set<String>] = [:]
    for id in guide.order {
      guard case .ask(let ask)? = guide.nodes[id]?.input else { continue }
      kinds[ask.into, default: []].insert(ask.kind)
      switch ask.kind {
      case .choice: values[ask.into, default: []].formUnion(ask.options.compactMap { $0.value?.lowercased() })
      case .yesno: values[ask.into, default: []].formUnion(CheckAnswers.choices(for: .yesno))
      case .scale, .text: break
      }
    }
    for id in guide.order {
      guard let node = guide.nodes[id] else { continue }
      for branch in node.next {
        for (variable, op, value) in branch.condition?.comparisons ?? [] {
          guard let kind = kinds[variable], !kind.contains(.text) else { continue }
          let ordering = op != .equal && op != .notEqual
          if kind.contains(.scale) {
            if Double(value) == nil {
              sink.error(
                "'\(variable)' holds a number from 0 to 10: compare it with a number, not '\(value)'",
                at: branch.location)
            }
            continue
          }
          let known = values[variable] ?? []
          if ordering && !known.allSatisfy({ Double($0) != nil }) {
            sink.error("'\(variable)' is not a number: compare it with == or !=", at: branch.location)
          } else if !ordering && !known.contains(value.lowercased()) {
            sink.error(
              "'\(variable)' is never '\(value)': its answers are \(known.sorted().joined(separator: ", "))",
              at: branch.location)
          }
        }
      }
    }
  }

  /// Whether the engine goes on from `node` by itself, without waiting for the person.
  func goesOnByItself(_ node: GuideNode) -> Bool {
    guard !node.end, node.input == nil else { return false }
    switch node.action {
    case nil, .summary?: return true
    case .check?, .pick?: return false
    }
  }

  /// Loops of steps that never wait for the person would run forever.
  func cycles() {
    // Depth-first search over the steps that go on by themselves, without recursion (a guide
    // may have 100,000 steps).
    var state: [String: Int] = [:]  // 1: on the path, 2: done
    var reported: Set<String> = []
    for root in guide.order where state[root] == nil {
      var path: [(id: String, targets: [String], next: Int)] = []
      func push(_ id: String) {
        state[id] = 1
        let node = guide.nodes[id]
        let targets =
          node.map { goesOnByItself($0) ? $0.next.map(\.target).filter { guide.nodes[$0] != nil } : [] } ?? []
        path.append((id, targets, 0))
      }
      push(root)
      while let top = path.last {
        if top.next == top.targets.count {
          state[top.id] = 2
          path.removeLast()
          continue
        }
        let target = top.targets[top.next]
        path[path.count - 1].next += 1
        switch state[target] {
        case nil:
          push(target)
        case 1?:
          guard let from = path.firstIndex(where: { $0.id == target }) else { continue }
          let loop = path[from...].map(\.id)
          guard reported.isDisjoint(with: loop), let node = guide.nodes[target] else { continue }
          reported.formUnion(loop)
          sink.error(
            "cycle \((loop + [target]).joined(separator: " -> ")) has no question or menu to wait on: add a step that waits (choose, ask, questions or browse) or 'end: true'",
            at: node.location)
        default:
          continue
        }
      }
    }
  }
}
