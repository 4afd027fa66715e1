import KnowledgeBase

extension Conversation {
  /// All doctor questions in display order.
  var allDoctorQuestions: [DoctorQuestion] { knowledge.doctorQuestions.flatMap(\.questions) }

  /// Starts picking questions for the prescriber.
  mutating func startPick() -> [Effect] {
    if position.activity != .pick { session.history.append(position) }
    position.activity = .pick
    var blocks: [Block] = [.text(text(.pickIntro))]
    var number = 1
    for theme in knowledge.doctorQuestions {
      blocks.append(.heading(theme.title))
      for question in theme.questions {
        let mark = record.pickedQuestions.contains(question.id) ? "[x] " : ""
        blocks.append(.option(number, mark + question.text))
        number += 1
      }
    }
    blocks.append(.text(text(.pickHint)))
    return [.say(blocks)]
  }

  /// Numbers pick questions ("3", "1, 4 and 7"); "done" finishes; other text is the person's own
  /// question only via /ask-doctor, so it is answered as a question here.
  mutating func pickAnswer(_ line: String) -> [Effect] {
    let key = AnswerParser.key(line)
    if ["done", "finished", "finish", "thats all", "that is all", "no more", "nothing else", "stop", "end"].contains(key)
      || answers.parse(line, allowed: ["no"]) == "no"
    {
      position.activity = nil
      let count = record.pickedQuestions.count
      var effects: [Effect] = [.say([.text(text(.pickDone).replacing("{count}", with: String(count)))])]
      if let node = guide.nodes[position.node], node.action == .pick, let target = nextTarget(node) {
        effects += enter(target)
      } else {
        effects += repeatStep()
      }
      return effects
    }
    let tokens = key.split(separator: " ").map(String.init)
    let numbers = tokens.compactMap { Int($0) }
    guard !numbers.isEmpty, tokens.allSatisfy({ Int($0) != nil || $0 == "and" }) else {
      return [.say([.text(text(.pickBad))])]
    }
    let all = allDoctorQuestions
    var blocks: [Block] = []
    for number in numbers {
      guard let question = all[safe: number - 1] else {
        blocks.append(.text(text(.pickBad)))
        continue
      }
      let added = record.pickedQuestions.append(question.id).inserted
      blocks.append(.text(text(added ? .pickAdded : .pickAlready).replacing("{question}", with: question.text)))
    }
    blocks.append(.text(text(.pickHint)))
    return [.say(blocks)]
  }
}
