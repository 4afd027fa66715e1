import KnowledgeBase
import TextAnalysis

extension Conversation {
  /// Why `phrase` cannot be a kiosk's staff exit phrase, or nil when it can.
  ///
  /// The phrase ends the kiosk when it is typed alone on a line, before the engine sees it, so
  /// it must be something a patient would never type as an answer: not a command (`/help`,
  /// "quit"), not a number ("1", "seven", "7/10"), not a word or option of the main menu, and
  /// not an answer word ("yes", "not sure").
  ///
  /// - Parameters:
  ///   - phrase: The phrase from `--staff-exit` or the configuration file.
  ///   - knowledge: The knowledge base the kiosk runs (its main menu and answer words).
  ///   - guide: The kiosk's guide (the main menu).
  /// - Returns: The reason in plain words, or nil.
  public static func staffExitProblem(_ phrase: String, knowledge: Knowledge, guide: String = "welcome") -> String? {
    if let problem = KioskConfiguration.staffExitProblem(phrase) { return problem }
    let (clean, _) = InputSanitizer.clean(phrase)
    let key = AnswerParser.key(clean)
    if key.isEmpty { return "the staff exit phrase '\(phrase)' has no letters or numbers" }
    if Command.parse(clean) != nil {
      return
        "the staff exit phrase '\(phrase)' is a command people type (\(clean.hasPrefix("/") ? "any /word" : "'\(key)'")): choose a phrase of several words that only staff know"
    }
    let answers = AnswerParser(words: knowledge.answerWords)
    if Int(key) != nil || Double(key) != nil || answers.scale(clean) != nil {
      return
        "the staff exit phrase '\(phrase)' is a number people type as an answer: choose a phrase of several words that only staff know"
    }
    if let answer = answers.parse(clean, allowed: AnswerParser.order) {
      return
        "the staff exit phrase '\(phrase)' is an answer people type ('\(answer)'): choose a phrase of several words that only staff know"
    }
    let menu = knowledge.guide(guide) ?? knowledge.guides.first
    for id in menu?.order ?? [] {
      guard case .choose(let options)? = menu?.nodes[id]?.input else { continue }
      for option in options {
        let words = option.words + [option.line.text] + (option.value.map { [$0] } ?? [])
        if words.contains(where: { AnswerParser.key($0) == key }) {
          return
            "the staff exit phrase '\(phrase)' is a menu choice ('\(option.line.text)'): choose a phrase of several words that only staff know"
        }
      }
    }
    return nil
  }
}
