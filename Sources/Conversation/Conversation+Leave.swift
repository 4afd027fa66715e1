import KnowledgeBase

extension SessionRecord {
  /// Whether the record holds something of the person's own that the summary shows: a topic
  /// read, a signs-check answer or skip, a picked or own question, a note (guides add notes
  /// too), their pain medicines, or what matters most to them at the visit. Safety messages
  /// alone do not count: they were shown in full when they came up, and `/restart` keeps them
  /// anyway.
  public var holdsWork: Bool {
    !(topicsRead.isEmpty && answers.isEmpty && skipped.isEmpty && pickedQuestions.isEmpty && ownQuestions.isEmpty
      && notes.isEmpty && medicines.isEmpty && visitGoal == nil)
  }
}

extension Conversation {
  /// Whether leaving now would lose something: the record holds work that was not saved or
  /// printed as it is now.
  var hasUnkeptWork: Bool { record.holdsWork && session.keptRecord != record }

  /// The file name `/save` uses when none is given.
  var defaultSavePath: String { "oih-summary-\(options.date).txt" }

  /// Every way out (`/quit`, Ctrl-D, the menu's Quit, "bye", the end of a guide, `/restart`):
  /// asks "Save or print your summary first?" when a person at a terminal has unsaved work,
  /// else goes straight on.
  ///
  /// - Parameters:
  ///   - after: What to do once the person has answered.
  ///   - from: Where "go back" returns (the current position when nil).
  mutating func leave(_ after: Leaving.After, from: Position? = nil) -> [Effect] {
    guard options.interactive, !options.kiosk, hasUnkeptWork else { return carryOut(after) }
    let leaving = Leaving(after: after, step: .choose, from: from ?? position)
    session.stage = .leaving(leaving)
    return leavingQuestion(leaving)
  }

  /// Quits or starts over.
  mutating func carryOut(_ after: Leaving.After) -> [Effect] {
    switch after {
    case .quit: return quit()
    case .restart: return restart()
    }
  }

  /// Starts over with a new session that keeps only the safety messages.
  mutating func restart() -> [Effect] {
    session = Session(keepingAlertsOf: session)
    return [.say([.text(text(.restartDone))])] + enter(guide.start, remember: false)
  }

  /// The last step before the end of a guide that asked the person something, for "go back"
  /// (the guide's start when there is none).
  func lastQuestionStep() -> Position {
    let asked = session.history.last { guide.nodes[$0.node]?.input != nil && $0.activity == nil }
    return asked ?? Position(node: guide.start, activity: nil)
  }

  /// The question showing while leaving.
  func leavingQuestion(_ leaving: Leaving) -> [Effect] {
    let restarting = leaving.after == .restart
    switch leaving.step {
    case .choose:
      return [
        .say([
          .text(text(restarting ? .restartAsk : .leaveAsk)),
          .option(1, text(.leaveOptionSave)),
          .option(2, text(.leaveOptionPrint)),
          .option(3, text(restarting ? .restartOptionLeave : .leaveOptionLeave)),
          .option(4, text(.leaveOptionBack)),
        ])
      ]
    case .fileName:
      return [.say([.text(text(.leaveFileAsk).replacing("{path}", with: defaultSavePath))])]
    case .confirm:
      return [.say([.text(text(restarting ? .restartConfirm : .leaveConfirm))])]
    case .overwrite(let request):
      return [.say([.text(text(.saveExists).replacing("{path}", with: request.path))])]
    }
  }

  /// Moves to another question of leaving and shows it.
  mutating func ask(_ step: Leaving.Step, _ leaving: Leaving) -> [Effect] {
    var leaving = leaving
    leaving.step = step
    session.stage = .leaving(leaving)
    return leavingQuestion(leaving)
  }

  /// "Go back": returns to where the person was, and shows that step again.
  mutating func stay(_ leaving: Leaving) -> [Effect] {
    session.stage = .at(leaving.from)
    var effects: [Effect] = [.say([.text(text(.leaveStay))])]
    if leaving.from.activity != nil {
      effects += repeatStep()
    } else if let node = guide.nodes[leaving.from.node], node.input != nil {
      effects += askInput(node)
    }
    return effects
  }

  /// Asks the run loop to save the summary at `path` (the outcome comes back to
  /// `leavingOutcome`).
  func saveWhileLeaving(_ path: String) -> [Effect] {
    [.save(SaveRequest(record: record, path: path, format: SummaryFormat.forPath(path), overwrite: false))]
  }

  /// A line typed while leaving, after the safety gate.
  mutating func leavingLine(_ line: String, _ leaving: Leaving) -> [Effect] {
    let command = Command.parse(line)
    if case .fileName = leaving.step {
      switch command {
      case nil, .unknown?:
        // Anything that is not a command is the file name (a path like /home/me/visit.txt too).
        return saveWhileLeaving(line.trimmingWhitespace())
      case .help?, .back?, .menu?, .restart?, .summary?, .quit?, .more?, .check?, .topics?, .questions?, .skip?,
        .done?, .print?, .note?, .askDoctor?, .save?, .region?:
        break
      }
    }
    if let command { return leavingCommand(command, leaving) }
    switch leaving.step {
    case .choose:
      switch AnswerParser.key(line) {
      case "1", "save", "save it", AnswerParser.key(text(.leaveOptionSave)):
        return ask(.fileName, leaving)
      case "2", "print", "print it", AnswerParser.key(text(.leaveOptionPrint)):
        return [.print(record)]
      case "3", "leave", "no", "dont save", "do not save", "without saving", "start over",
        AnswerParser.key(text(.leaveOptionLeave)), AnswerParser.key(text(.restartOptionLeave)):
        return ask(.confirm, leaving)
      case "4", "cancel", "stay", AnswerParser.key(text(.leaveOptionBack)):
        return stay(leaving)
      default:
        return [.say([.text(text(.leaveHint))])]
      }
    case .fileName:
      return saveWhileLeaving(line.trimmingWhitespace())
    case .confirm:
      switch answers.parse(line, allowed: ["yes", "no"]) {
      case "yes": return carryOut(leaving.after)
      case "no": return ask(.choose, leaving)
      default: return [.say([.text(text(.reaskYesNo))])] + leavingQuestion(leaving)
      }
    case .overwrite(var request):
      switch answers.parse(line, allowed: ["yes", "no"]) {
      case "yes":
        request.record = record
        return [.save(request)]
      case "no": return [.say([.text(text(.saveCancelled))])] + ask(.fileName, leaving)
      default: return [.say([.text(text(.reaskYesNo))])] + leavingQuestion(leaving)
      }
    }
  }

  /// A command typed while leaving: the ones about the summary work here; the ones that go
  /// somewhere else go back first.
  mutating func leavingCommand(_ command: Command, _ leaving: Leaving) -> [Effect] {
    switch command {
    case .help, .summary, .region:
      return run(command)  // each shows the leaving question again
    case .note, .askDoctor:
      return run(command) + leavingQuestion(leaving)
    case .save(let path):
      guard let path else { return ask(.fileName, leaving) }
      return saveWhileLeaving(path)
    case .print:
      return [.print(record)]
    case .quit:
      if case .confirm = leaving.step { return carryOut(leaving.after) }
      return ask(.confirm, leaving)
    case .back:
      switch leaving.step {
      case .choose: return stay(leaving)
      case .fileName, .confirm: return ask(.choose, leaving)
      case .overwrite: return ask(.fileName, leaving)
      }
    case .restart:
      var leaving = leaving
      leaving.after = .restart
      return ask(.choose, leaving)
    case .unknown(let name):
      return [.say([.text(text(.notUnderstood).replacing("{input}", with: name))])] + leavingQuestion(leaving)
    case .done:
      return [.say([.text(text(.notUnderstood))])] + leavingQuestion(leaving)
    case .menu, .more, .check, .topics, .questions, .skip:
      session.stage = .at(leaving.from)
      return run(command)
    }
  }

  /// The outcome of a save or print asked for while leaving: once the summary is kept, go on
  /// with what was asked for; otherwise ask again (nothing is lost).
  mutating func leavingOutcome(_ outcome: Outcome, _ leaving: Leaving) -> [Effect] {
    switch outcome {
    case .saved(let path):
      session.keptRecord = record
      return [.say([.text(text(.saveDone).replacing("{path}", with: path))])] + carryOut(leaving.after)
    case .printed(let printer):
      session.keptRecord = record
      return [.say([.text(text(.printDone).replacing("{printer}", with: printer))])] + carryOut(leaving.after)
    case .exists(let path):
      let request = SaveRequest(record: record, path: path, format: SummaryFormat.forPath(path), overwrite: true)
      return ask(.overwrite(request), leaving)
    case .saveFailed(let path, let reason):
      let failed = text(.saveFailed).replacing("{path}", with: path).replacing("{reason}", with: reason)
      return [.say([.text(failed)])] + ask(.fileName, leaving)
    case .printFailed(let reason):
      return [.say([.text(text(.printFailed).replacing("{reason}", with: reason))])] + ask(.choose, leaving)
    }
  }
}
