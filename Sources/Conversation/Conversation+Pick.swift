import KnowledgeBase

extension Conversation {
  /// Starts picking questions for the prescriber: the list of themes, one screen.
  mutating func startPick() -> [Effect] {
    if case .pick? = position.activity {} else { session.history.append(position) }
    position.activity = .pick(.themes)
    return [.say([.text(text(.pickIntro))] + themeBlocks())]
  }

  /// The themes as numbered options (with how many of each are picked), "write my own question"
  /// last, and the hint.
  func themeBlocks() -> [Block] {
    var blocks: [Block] = []
    for (index, theme) in knowledge.doctorQuestions.enumerated() {
      let count = theme.questions.filter { record.questions.contains(.listed($0.id)) }.count
      let title =
        count == 0
        ? theme.title
        : text(.pickThemePicked).replacing("{title}", with: theme.title).replacing("{count}", with: String(count))
      blocks.append(.option(index + 1, title))
    }
    blocks.append(.option(knowledge.doctorQuestions.count + 1, text(.pickOwnOption)))
    blocks.append(.text(text(.pickThemesHint)))
    return blocks
  }

  /// The questions of one theme, marked when picked, and the hint.
  func themeQuestionBlocks(_ index: Int) -> [Block] {
    guard let theme = knowledge.doctorQuestions[safe: index] else { return themeBlocks() }
    var blocks: [Block] = [.heading(theme.title)]
    for (number, question) in theme.questions.enumerated() {
      let mark = record.questions.contains(.listed(question.id)) ? "[x] " : ""
      blocks.append(.option(number + 1, mark + question.text))
    }
    blocks.append(.text(text(.pickHint)))
    return blocks
  }

  /// What the current pick step shows again (after a side question, an alert or /back).
  func pickBlocks(_ step: PickStep) -> [Block] {
    switch step {
    case .themes: return themeBlocks()
    case .theme(let index): return themeQuestionBlocks(index)
    case .own: return [.text(text(.pickOwnAsk))]
    }
  }

  /// Goes back one pick step: from a theme or their own question to the themes.
  mutating func pickBack(_ step: PickStep) -> [Effect]? {
    switch step {
    case .themes: return nil
    case .theme, .own:
      position.activity = .pick(.themes)
      return [.say(themeBlocks())]
    }
  }

  /// Words that finish picking.
  func isDone(_ line: String) -> Bool {
    let key = AnswerParser.key(line)
    return ["done", "finished", "finish", "thats all", "that is all", "no more", "nothing else", "stop", "end"]
      .contains(key)
      || answers.parse(line, allowed: ["no"]) == "no"
  }

  /// Handles a line while picking: a theme's number, question numbers, their own question, or
  /// "done".
  mutating func pickAnswer(_ line: String, step: PickStep) -> [Effect] {
    if isDone(line) { return finishPick() }
    switch step {
    case .themes:
      return chooseTheme(line)
    case .theme(let index):
      return pickInTheme(line, theme: index)
    case .own:
      record.questions.append(.own(line))
      position.activity = .pick(.themes)
      return [.say([.text(text(.askDoctorAdded))] + themeBlocks())]
    }
  }

  /// A theme by number or title, or "write my own question".
  mutating func chooseTheme(_ line: String) -> [Effect] {
    let key = AnswerParser.key(line)
    let themes = knowledge.doctorQuestions
    let ownWords = ["own", "my own", "my own question", "write", AnswerParser.key(text(.pickOwnOption))]
    if Int(key) == themes.count + 1 || ownWords.contains(key) {
      position.activity = .pick(.own)
      return [.say([.text(text(.pickOwnAsk))])]
    }
    let chosen =
      Int(key).flatMap { number in themes.indices.contains(number - 1) ? number - 1 : nil }
      ?? themes.firstIndex { AnswerParser.key($0.title) == key || AnswerParser.key($0.id) == key }
    guard let chosen else {
      if looksLikeQuestion(line), case .answer = index.outcome(for: line) {
        return question(line) + [.say([.text(text(.pickThemesHint))])]
      }
      return [.say([.text(text(.pickBadTheme))])]
    }
    position.activity = .pick(.theme(chosen))
    return [.say(themeQuestionBlocks(chosen))]
  }

  /// Numbers pick questions of the theme ("3", "1, 4 and 7"), then the themes show again.
  mutating func pickInTheme(_ line: String, theme: Int) -> [Effect] {
    let key = AnswerParser.key(line)
    let tokens = key.split(separator: " ").map(String.init)
    let numbers = tokens.compactMap { Int($0) }
    guard !numbers.isEmpty, tokens.allSatisfy({ Int($0) != nil || $0 == "and" }),
      let questions = knowledge.doctorQuestions[safe: theme]?.questions
    else {
      if looksLikeQuestion(line), case .answer = index.outcome(for: line) {
        return question(line) + [.say([.text(text(.pickHint))])]
      }
      return [.say([.text(text(.pickBad))])]
    }
    var blocks: [Block] = []
    var known = false
    for number in numbers {
      guard let question = questions[safe: number - 1] else {
        blocks.append(.text(text(.pickBad)))
        continue
      }
      known = true
      let added = record.questions.append(.listed(question.id)).inserted
      blocks.append(.text(text(added ? .pickAdded : .pickAlready).replacing("{question}", with: question.text)))
    }
    // Only numbers that are not on the list: stay in the theme.
    guard known else { return [.say([.text(text(.pickBad))])] }
    position.activity = .pick(.themes)
    return [.say(blocks + themeBlocks())]
  }

  /// "done": says how many questions are on the list, then goes on.
  mutating func finishPick() -> [Effect] {
    position.activity = nil
    let count = record.questions.count
    var blocks: [Block] = [.text(text(.pickDone).replacing("{count}", with: String(count)))]
    if count > SessionRecord.topQuestionCount { blocks.append(.text(text(.pickDoneTop))) }
    var effects: [Effect] = [.say(blocks)]
    if let node = guide.nodes[position.node], node.action == .pick, let target = nextTarget(node) {
      effects += enter(target)
    } else {
      effects += repeatStep()
    }
    return effects
  }
}
