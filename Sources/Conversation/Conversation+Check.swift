import KnowledgeBase

extension Conversation {
  /// Starts or resumes the symptom check.
  mutating func startCheck(_ id: String) -> [Effect] {
    guard let checklist = knowledge.checklist(id), !checklist.items.isEmpty else {
      return [.say([.text(text(.notUnderstood))])]
    }
    var effects: [Effect] = []
    if record.checkID == id && !record.checkDone && !(record.answers.isEmpty && record.skipped.isEmpty) {
      let next = checklist.items.firstIndex { record.answers[$0.id] == nil && !record.skipped.contains($0.id) } ?? 0
      effects.append(
        .say([
          .text(
            text(.checkResume).replacing("{done}", with: String(next)).replacing(
              "{total}", with: String(checklist.items.count)))
        ]))
      position.activity = .check(id: id, index: next)
      return effects + askItem(checklist, index: next)
    }
    if record.checkDone && record.checkID == id {
      effects.append(.say([.text(text(.checkRedo))]))
      record.answers = [:]
      record.skipped = []
      record.checkDone = false
    }
    record.checkID = id
    effects.append(.say([.heading(checklist.title), .text(checklist.intro), .text(checklist.note)]))
    position.activity = .check(id: id, index: 0)
    return effects + askItem(checklist, index: 0)
  }

  func itemText(_ item: CheckItem, index: Int, of total: Int) -> String {
    let progress = text(.checkProgress).replacing("{n}", with: String(index + 1)).replacing(
      "{total}", with: String(total))
    return "\(progress) \(item.text)"
  }

  func choicesHint(_ kind: AnswerKind) -> String {
    switch kind {
    case .yesno: return text(.reaskYesNo)
    case .frequency: return text(.reaskFrequency)
    case .scale: return text(.reaskScale)
    }
  }

  /// The "please answer" hint of `item`, with a line for each of its extra answers.
  func choicesHint(for item: CheckItem) -> String {
    ([choicesHint(item.answer)] + item.also.map { knowledge.message(CheckAnswers.messageID($0, .hint)) })
      .joined(separator: " ")
  }

  func askItem(_ checklist: Checklist, index: Int) -> [Effect] {
    guard let item = checklist.items[safe: index] else { return [] }
    return [.say([.text(itemText(item, index: index, of: checklist.items.count)), .text(choicesHint(for: item))])]
  }

  mutating func checkAnswer(_ line: String, checkID: String, index: Int) -> [Effect] {
    guard let checklist = knowledge.checklist(checkID), let item = checklist.items[safe: index] else {
      position.activity = nil
      return []
    }
    let value: String?
    switch item.answer {
    case .yesno, .frequency: value = answers.parse(line, allowed: CheckAnswers.choices(for: item))
    case .scale: value = answers.scale(line).map(String.init) ?? answers.parse(line, allowed: item.also)
    }
    guard let value else {
      if looksLikeQuestion(line), case .answer = self.index.outcome(for: line) {
        return question(line) + askItem(checklist, index: index)
      }
      return [.say([.text(choicesHint(for: item))])]
    }
    record.answers[item.id] = value
    record.skipped.remove(item.id)
    // Some answers need a word at once, such as the crisis line after a yes to low mood.
    var effects: [Effect] = []
    if let followUp = item.followUp, item.role == .elsewhere || item.role == .context, item.when.contains(value) {
      effects.append(.say([.text(fill(followUp))]))
    }
    return effects + advance(checklist, from: index)
  }

  mutating func skipItem(checkID: String, index: Int) -> [Effect] {
    guard let checklist = knowledge.checklist(checkID), let item = checklist.items[safe: index] else { return [] }
    record.answers[item.id] = nil
    record.skipped.insert(item.id)
    return [.say([.text(text(.checkSkipped))])] + advance(checklist, from: index)
  }

  mutating func advance(_ checklist: Checklist, from index: Int) -> [Effect] {
    if index + 1 < checklist.items.count {
      position.activity = .check(id: checklist.id, index: index + 1)
      return askItem(checklist, index: index + 1)
    }
    record.checkDone = true
    position.activity = nil
    let result = CheckResult.score(checklist, answers: record.answers)
    session.variables["check_done"] = "yes"
    session.variables["check_score"] = String(result.score)
    session.variables["check_band"] = result.band?.id ?? ""
    session.variables["peg_score"] = result.peg.map(CheckResult.formatPEG) ?? ""
    var effects = resultEffects(checklist, result)
    // Inside a guide node that ran the check, go on to its next node.
    if let node = guide.nodes[position.node], node.action == .check(checklist.id), let target = nextTarget(node) {
      effects += enter(target)
    } else {
      effects += repeatStep()
    }
    return effects
  }

  /// The result screen. When some answers point to causes that must be checked first, it leads
  /// with them and shows no OIH band; otherwise the band comes first. Then what counted and why,
  /// background, answers of their own (such as "not changed"), PEG, closing.
  func resultEffects(_ checklist: Checklist, _ result: CheckResult) -> [Effect] {
    var blocks: [Block] = [.heading(text(.checkResultHeading))]
    var fits: [Block] = []
    if result.counted.isEmpty {
      fits.append(.text(text(.checkNoneFit)))
    } else {
      fits.append(.text(text(.checkFits)))
      for counted in result.counted {
        fits.append(.bullet("\(counted.item.finding) (+\(counted.points))"))
      }
    }
    if result.pointsElsewhereFirst {
      blocks.append(.text(fill(text(.checkElsewhereFirst))))
      for item in result.elsewhere { blocks.append(.bullet(item.finding)) }
      for item in result.followUps { if let followUp = item.followUp { blocks.append(.text(fill(followUp))) } }
      blocks += fits
      blocks.append(.text(text(.checkScoreOnly).replacing("{score}", with: String(result.score))))
    } else {
      if let band = result.band {
        blocks.append(
          .text(text(.checkBand).replacing("{band}", with: band.label).replacing("{score}", with: String(result.score)))
        )
        blocks.append(.text(band.text))
      }
      blocks += fits
      for item in result.followUps { if let followUp = item.followUp { blocks.append(.text(fill(followUp))) } }
    }
    for extra in result.extra {
      let line = knowledge.message(CheckAnswers.messageID(extra.answer, .result))
      blocks.append(.text(line.replacing("{count}", with: String(extra.items.count))))
    }
    if !result.context.isEmpty {
      blocks.append(.text(text(.checkContext)))
      for item in result.context { blocks.append(.bullet(item.finding)) }
    }
    let skipped = result.skipped.filter { $0.role != .peg }
    if !skipped.isEmpty {
      blocks.append(.text(text(.checkSkippedList).replacing("{count}", with: String(skipped.count))))
    }
    if let peg = result.peg {
      blocks.append(.text(text(.checkPeg).replacing("{score}", with: CheckResult.formatPEG(peg))))
      blocks.append(.text(checklist.pegText))
    } else {
      blocks.append(.text(text(.checkPegIncomplete)))
    }
    blocks.append(.text(checklist.note))
    blocks.append(.text(fill(checklist.closing)))
    return [.say(blocks)]
  }
}
