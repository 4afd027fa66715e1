import KnowledgeBase

extension Conversation {
  /// Runs a global command.
  mutating func run(_ command: Command) -> [Effect] {
    switch command {
    case .help:
      return helpEffects() + repeatStep()
    case .back:
      return back()
    case .menu:
      session.history = []
      return enter(guide.start, remember: false)
    case .restart:
      if options.kiosk { return restart() }
      return leave(.restart)
    case .summary:
      return [.summary(record)] + repeatStep()
    case .quit:
      if options.kiosk { return [.say([.text(text(.kioskQuit))])] + repeatStep() }
      return leave(.quit)
    case .done:
      if options.kiosk { return reset() }
      return [.say([.text(text(.notUnderstood))])]
    case .more:
      return more()
    case .check:
      let id = knowledge.checklists.first?.id ?? ""
      return startCheck(id)
    case .topics:
      session.history.append(position)
      position.activity = .browse(group: nil)
      return browseList(nil)
    case .questions:
      return startPick()
    case .skip:
      if case .check(let id, let index)? = position.activity { return skipItem(checkID: id, index: index) }
      if position.activity == nil, let node = guide.nodes[position.node], case .ask(let ask)? = node.input, ask.optional
      {
        return guideAnswer("skip", node: node, ask: ask)
      }
      return [.say([.text(text(.notUnderstood))])]
    case .note(let note):
      guard !note.isEmpty else { return [.say([.text(text(.noteEmpty))])] }
      record.notes.append(note)
      return [.say([.text(text(.noteAdded))])]
    case .askDoctor(let question):
      guard !question.isEmpty else { return [.say([.text(text(.askDoctorEmpty))])] }
      record.questions.append(.own(question))
      return [.say([.text(text(.askDoctorAdded))])]
    case .save(let path):
      if options.kiosk { return [.say([.text(text(.saveDisabled))])] }
      let target = path ?? defaultSavePath
      return [.save(SaveRequest(record: record, path: target, format: SummaryFormat.forPath(target), overwrite: false))]
    case .print:
      return [.print(record)]
    case .region(let code):
      guard !code.isEmpty else { return [.say([.text(fill(text(.regionShow)))])] + repeatStep() }
      guard let chosen = knowledge.regions.first(where: { $0.isNamed(code) }) else {
        return [.say([.text(text(.regionUnknownCode).replacing("{input}", with: code))])] + repeatStep()
      }
      session.regionPending = false
      return setRegion(chosen) + repeatStep()
    case .unknown(let name):
      return [.say([.text(text(.notUnderstood).replacing("{input}", with: name))])]
    }
  }

  /// After an alert: a `/note` or `/ask-doctor` line is still written down, alarming or not,
  /// since it is what the prescriber most needs to see.
  mutating func keepRecordedText(_ line: String) -> [Effect] {
    if case .note(let note)? = Command.parse(line), !note.isEmpty {
      record.notes.append(note)
      return [.say([.text(text(.noteAdded))])]
    }
    if case .askDoctor(let question)? = Command.parse(line), !question.isEmpty {
      record.questions.append(.own(question))
      return [.say([.text(text(.askDoctorAdded))])]
    }
    return []
  }

  /// Help: commands, disclaimer and any alerts raised so far.
  func helpEffects() -> [Effect] {
    var blocks: [Block] = text(.help).split(separator: "\n", omittingEmptySubsequences: true).map { line in
      line.hasPrefix("/") ? .bullet(fill(String(line))) : .text(fill(String(line)))
    }
    blocks.append(.text(fill(text(.welcomeDisclaimer))))
    var effects: [Effect] = [.say(blocks)]
    if !record.alerts.isEmpty {
      var seen = Set<String>()
      effects.append(.say([.text(text(.helpAlerts))]))
      for alert in record.alerts where seen.insert(alert.flagID).inserted {
        if let flag = knowledge.redFlags.first(where: { $0.id == alert.flagID }) {
          effects.append(
            .urgent(
              Alert(
                flagID: flag.id, kind: flag.kind, label: alert.label, message: fill(flag.message), action: alert.action,
                emergency: region.emergency, urgent: knowledge.redFlagKind(flag.kind)?.urgent ?? true)))
        }
      }
    }
    return effects
  }

  mutating func back() -> [Effect] {
    if case .check(let id, let index)? = position.activity {
      guard let checklist = knowledge.checklist(id) else { return [] }
      if index == 0 { return [.say([.text(text(.checkBackFirst))])] + askItem(checklist, index: 0) }
      position.activity = .check(id: id, index: index - 1)
      return askItem(checklist, index: index - 1)
    }
    if case .confirmOverwrite? = position.activity {
      position.activity = nil
      return [.say([.text(text(.saveCancelled))])] + repeatStep()
    }
    if case .pick(let step)? = position.activity, let effects = pickBack(step) { return effects }
    guard let previous = session.history.popLast() else {
      return [.say([.text(text(.backNone))])] + repeatStep()
    }
    if previous.activity != nil && previous.node == position.node {
      position = previous
      return repeatStep()
    }
    return enter(previous.node, remember: false)
  }

  mutating func handleOutcome(_ outcome: Outcome) -> [Effect] {
    switch outcome {
    case .saved(let path):
      session.keptRecord = record
      return [.say([.text(text(.saveDone).replacing("{path}", with: path))])]
    case .exists(let path):
      position.activity = .confirmOverwrite(
        SaveRequest(record: record, path: path, format: SummaryFormat.forPath(path), overwrite: true))
      return [.say([.text(text(.saveExists).replacing("{path}", with: path))])]
    case .saveFailed(let path, let reason):
      return [.say([.text(text(.saveFailed).replacing("{path}", with: path).replacing("{reason}", with: reason))])]
    case .printed(let printer):
      session.keptRecord = record
      var effects: [Effect] = [.say([.text(text(.printDone).replacing("{printer}", with: printer))])]
      if options.kiosk {
        // Say where to collect it, and leave that on the screen a few seconds before the reset.
        let pickup = options.pickup ?? text(.kioskPickup)
        let collect = text(.kioskPrinted).replacing("{pickup}", with: pickup)
          .replacing("{seconds}", with: String(options.printedSeconds))
        effects += [.say([.text(fill(collect))]), .pause(seconds: options.printedSeconds)] + reset()
      }
      return effects
    case .printFailed(let reason):
      // A kiosk cannot save to a file: it sends people to the staff instead.
      return [.say([.text(text(options.kiosk ? .printFailedKiosk : .printFailed).replacing("{reason}", with: reason))])]
    }
  }

  mutating func confirmOverwrite(_ line: String, request: SaveRequest) -> [Effect] {
    position.activity = nil
    if answers.parse(line, allowed: ["yes", "no"]) == "yes" {
      var request = request
      request.record = record
      return [.save(request)]
    }
    return [.say([.text(text(.saveCancelled))])] + repeatStep()
  }
}
