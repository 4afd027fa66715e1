import KnowledgeBase

extension Conversation {
  /// Enters a node: says its lines, shows topics, adds notes, then waits for input, runs its
  /// activity, ends, or follows `next`.
  mutating func enter(_ id: String, remember: Bool = true) -> [Effect] {
    var effects: [Effect] = []
    var current = id
    for _ in 0..<100 {  // a guard against loops without input; the validator rejects them
      guard let node = guide.nodes[current] else { return effects + [.say([.text(text(.notUnderstood))])] }
      if remember && current != position.node { session.history.append(position) }
      position = Position(node: current, activity: nil)
      let lines = node.say.map { Block.text(fill($0.text)) }
      if !lines.isEmpty { effects.append(.say(lines)) }
      for line in node.note { record.notes.append(fill(line.text)) }
      for topic in node.show { effects += showTopic(topic.id) }
      if let action = node.action {
        switch action {
        case .check(let checkID):
          return effects + startCheck(checkID)
        case .pick:
          return effects + startPick()
        case .summary:
          effects.append(.summary(record))
          if let target = nextTarget(node) {
            current = target
            continue
          }
          return effects
        }
      }
      if node.input != nil { return effects + askInput(node) }
      if node.end { return effects + quitOrReset() }
      guard let target = nextTarget(node) else { return effects }
      current = target
    }
    return effects
  }

  /// The end of a guide: a kiosk resets; otherwise the session ends (asking first about an
  /// unsaved summary, with "go back" returning to the last step that asked something).
  mutating func quitOrReset() -> [Effect] {
    options.kiosk ? reset() : leave(.quit, from: lastQuestionStep())
  }

  func nextTarget(_ node: GuideNode) -> String? {
    node.next.first { $0.condition?.evaluate(session.variables) ?? true }?.target
  }

  /// Shows what the node waits for (options or question).
  func askInput(_ node: GuideNode) -> [Effect] {
    switch node.input {
    case .choose(let options)?:
      return [.say(options.enumerated().map { Block.option($0.offset + 1, fill($0.element.line.text)) })]
    case .ask(let ask)?:
      var blocks: [Block] = [.text(fill(ask.line.text))]
      if ask.kind == .choice {
        blocks += ask.options.enumerated().map { Block.option($0.offset + 1, fill($0.element.line.text)) }
      }
      return [.say(blocks)]
    case .questions?:
      return [.say([.text(text(.questionsHint))])]
    case .browse(let group)?:
      return browseList(group)
    case nil:
      return []
    }
  }

  /// Re-shows the current step after an alert or a side question.
  func repeatStep() -> [Effect] {
    if case .leaving(let leaving) = session.stage { return leavingQuestion(leaving) }
    switch position.activity {
    case .check(let id, let index)?:
      guard let item = knowledge.checklist(id)?.items[safe: index] else { return [] }
      return [.say([.text(itemText(item, index: index, of: knowledge.checklist(id)?.items.count ?? 0))])]
    case .pick(let step)?:
      switch step {
      case .themes: return [.say([.text(text(.pickThemesHint))])]
      case .theme: return [.say([.text(text(.pickHint))])]
      case .own: return [.say([.text(text(.pickOwnAsk))])]
      }
    case .choices?, .confirmOverwrite?:
      return []
    case .browse(let group)?:
      return browseList(group)
    case nil:
      guard let node = guide.nodes[position.node] else { return [] }
      switch node.input {
      case .choose?: return [.say([.text(text(.menuHint))])]
      case .ask?: return askInput(node)
      case .questions?, .browse?, nil: return []
      }
    }
  }

  /// Handles a line that is not a command: the current step, else a question.
  mutating func step(_ line: String) -> [Effect] {
    switch position.activity {
    case .check(let id, let index)?: return checkAnswer(line, checkID: id, index: index)
    case .pick(let step)?: return pickAnswer(line, step: step)
    case .choices(let ids)?:
      if let number = Int(line.trimmingTrailingPunctuation()), let id = ids[safe: number - 1] {
        position.activity = nil
        return showTopic(id)
      }
      position.activity = nil
      return step(line)
    case .browse(let group)?:
      return browseAnswer(line, group: group)
    case .confirmOverwrite(let request)?:
      return confirmOverwrite(line, request: request)
    case nil:
      break
    }
    guard let node = guide.nodes[position.node] else { return question(line) }
    switch node.input {
    case .choose(let choices)?:
      if let option = match(line, choices) {
        guard let go = option.go else { return [] }
        return enter(go)
      }
      return question(line, hint: .menuHint)
    case .ask(let ask)?:
      return guideAnswer(line, node: node, ask: ask)
    case .questions?:
      return question(line)
    case .browse(let group)?:
      return browseAnswer(line, group: group)
    case nil:
      return question(line)
    }
  }

  /// A numbered or worded option matching `line` exactly.
  func match(_ line: String, _ options: [GuideOption]) -> GuideOption? {
    let key = AnswerParser.key(line)
    if let number = Int(key), let option = options[safe: number - 1] { return option }
    return options.first { option in
      option.words.contains { AnswerParser.key($0) == key } || AnswerParser.key(option.line.text) == key
        || (option.value.map { AnswerParser.key($0) == key } ?? false)
    }
  }

  mutating func guideAnswer(_ line: String, node: GuideNode, ask: GuideAsk) -> [Effect] {
    if ask.optional && isSkip(line) {
      session.variables[ask.into] = Guide.skippedValue
      let effects: [Effect] = [.say([.text(text(.askSkipped))])]
      guard let target = nextTarget(node) else { return effects }
      return effects + enter(target)
    }
    if ask.kind == .text, let filter = ask.filter {
      switch filter {
      case .medicineNames: return medicineAnswer(line, node: node, ask: ask)
      }
    }
    var value: String?
    var reask: MessageKey = .reaskChoice
    switch ask.kind {
    case .yesno:
      value = answers.parse(line, allowed: CheckAnswers.choices(for: .yesno))
      reask = .reaskYesNo
    case .scale:
      value = answers.scale(line).map(String.init)
      reask = .reaskScale
    case .choice:
      value = match(line, ask.options).map { $0.value ?? AnswerParser.key($0.line.text) }
    case .text:
      value = line
    }
    guard let value else {
      if looksLikeQuestion(line), case .answer = index.outcome(for: line) {
        return question(line) + askInput(node)
      }
      return [.say([.text(text(reask))])] + askInput(node)
    }
    session.variables[ask.into] = value
    if ask.into == "visit_goal" { record.visitGoal = value }
    guard let target = nextTarget(node) else { return [] }
    return enter(target)
  }

  /// "skip" (or a word of the `skip` answer) skips an optional step.
  func isSkip(_ line: String) -> Bool {
    AnswerParser.key(line) == "skip" || answers.parse(line, allowed: ["skip"]) == "skip"
  }

  /// A line of medicine names: the names are kept (in the summary when the step stores into
  /// `medicines`), and the person is told what was left out and why. With no name found, the
  /// step asks again.
  mutating func medicineAnswer(_ line: String, node: GuideNode, ask: GuideAsk) -> [Effect] {
    let reading = medicineNames.read(line)
    // A question typed instead of names is answered, and the step is asked again.
    if reading.names.isEmpty, looksLikeQuestion(line), case .answer = index.outcome(for: line) {
      return question(line) + askInput(node)
    }
    var blocks: [Block] = []
    if !reading.names.isEmpty {
      blocks.append(.text(text(.medicinesKept).replacing("{names}", with: reading.names.joined(separator: ", "))))
    }
    if reading.removedDoses { blocks.append(.text(text(.medicinesDosesRemoved))) }
    if !reading.unknown.isEmpty {
      let words = reading.unknown.map { "\"\($0)\"" }.joined(separator: ", ")
      blocks.append(.text(text(.medicinesUnknown).replacing("{words}", with: words)))
    }
    guard !reading.names.isEmpty else { return [.say(blocks + [.text(text(.medicinesNone))])] + askInput(node) }
    session.variables[ask.into] = reading.names.joined(separator: ", ")
    if ask.into == "medicines" { record.medicines = reading.names }
    let effects: [Effect] = [.say(blocks)]
    guard let target = nextTarget(node) else { return effects }
    return effects + enter(target)
  }

  func looksLikeQuestion(_ line: String) -> Bool {
    let first = AnswerParser.key(line).split(separator: " ").first.map(String.init) ?? ""
    return line.hasSuffix("?")
      || ["what", "why", "how", "is", "can", "does", "do", "should", "when", "will", "are", "could"].contains(first)
  }
}
