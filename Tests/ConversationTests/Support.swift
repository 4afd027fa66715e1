import Conversation
import Foundation
import KnowledgeBase
import QuestionEvaluation
import Search
import Testing

/// The shipped knowledge base, its search index and red-flag matcher, loaded once per process.
enum Shipped {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let loaded: Result<Knowledge, KnowledgeError> = Result { () throws(KnowledgeError) -> Knowledge in
    try KnowledgeLoader.load(from: root.appendingPathComponent("Knowledge").path).0
  }
  static let index: SearchIndex? = try? SearchIndex(knowledge: loaded.get())
  static let safety: RedFlagMatcher? = try? RedFlagMatcher(knowledge: loaded.get())

  /// A line the shipped search answers with choices (`ChoicesFixture`).
  static func choicesLine() throws -> String {
    let index = try #require(index)
    return try #require(ChoicesFixture.line(index), "no line in ChoicesFixture gets choices any more")
  }

  static let date = "2026-11-27"

  /// A fresh engine over the shipped knowledge.
  ///
  /// - Parameter interactive: A person at a terminal (leaving asks about an unsaved summary).
  static func engine(kiosk: Bool = false, region: String = "US", interactive: Bool = false) throws -> Conversation {
    let knowledge = try loaded.get()
    let index = try #require(index)
    let safety = try #require(safety)
    return Conversation(
      knowledge: knowledge, index: index, safety: safety,
      options: Conversation.Options(
        region: region, date: date, kiosk: kiosk, countdownSeconds: 30, printer: "front-desk", interactive: interactive)
    )
  }

  /// A started engine (in `guide`, or the main menu) after typing `lines`.
  static func after(
    _ lines: [String], guide: String = "welcome", kiosk: Bool = false, interactive: Bool = false
  ) throws -> Conversation {
    let knowledge = try loaded.get()
    var engine = Conversation(
      knowledge: knowledge, index: try #require(index), safety: try #require(safety),
      options: Conversation.Options(
        region: "US", date: date, guide: guide, kiosk: kiosk, countdownSeconds: 30, printer: "front-desk",
        interactive: interactive))
    _ = engine.start()
    for line in lines { _ = engine.handle(.line(line)) }
    return engine
  }

  /// An engine that has shown the welcome and waits at the main menu.
  static func atMenu(kiosk: Bool = false, interactive: Bool = false) throws -> Conversation {
    var engine = try engine(kiosk: kiosk, interactive: interactive)
    _ = engine.start()
    return engine
  }

  /// An engine in the signs check, with the three PEG items answered 6, 7, 6: waiting on item 4
  /// (index 3, `dose-up-worse`).
  static func inCheck(kiosk: Bool = false, interactive: Bool = false) throws -> Conversation {
    var engine = try atMenu(kiosk: kiosk, interactive: interactive)
    _ = engine.handle(.line("/check"))
    _ = engine.handle(.line("6"))
    _ = engine.handle(.line("7"))
    _ = engine.handle(.line("6"))
    return engine
  }

  /// An engine picking doctor questions.
  static func inPick() throws -> Conversation {
    var engine = try atMenu()
    _ = engine.handle(.line("/questions"))
    return engine
  }
}

/// Where a command is typed.
enum Place: String, CaseIterable, Sendable {
  case menu, check

  func engine() throws -> Conversation {
    switch self {
    case .menu: return try Shipped.atMenu()
    case .check: return try Shipped.inCheck()
    }
  }
}

// Texts from the shipped knowledge, filled for the US region, written out in full.
enum Say {
  static let disclaimer =
    "This program is for learning only. It is not medical advice, and it cannot tell what is wrong. It is not for emergencies: if you or someone else may be in danger, call 911 now."
  static let region =
    "Region: United States. Emergency number: 911. Crisis line: 988 Suicide & Crisis Lifeline, 988 (call or text). To change the region, type /region and a code: US, CA, UK, IE, AU, NZ or EU."
  static let menuAsk = "What would you like to do?"
  static let menuHint = "Type a number from the menu, or ask a question. Type /help to see what you can do."
  static let helpFirst = "You can type a number from the list, a word from the menu, or any question."
  static let notUnderstood =
    "Sorry, I do not know that command. Type /help to see the commands, or ask a question in your own words."
  static let goodbye =
    "Goodbye, and take care. You can bring your questions to your prescriber. If you are ever in danger, call 911. To talk to someone now, contact 988 Suicide & Crisis Lifeline: 988 (call or text)."
  static let item4 =
    "Question 4 of 19: After your opioid dose went up, did your usual pain get worse, not better, over the next few weeks?"
  static let item5 =
    "Question 5 of 19: When your dose went up, did your usual pain clearly get better for weeks or longer?"
  static let item3 =
    "Question 3 of 19: What number best describes how, during the past week, pain has interfered with your general activity? 0 means it does not interfere. 10 means it completely interferes."
  static let item1 =
    "Question 1 of 19: What number best describes your pain on average in the past week? 0 means no pain. 10 means pain as bad as you can imagine."
  static let reaskYesNo = "Please answer yes, no or not sure."
  /// The hint of the dose items, which also accept "not changed".
  static let reaskDose = "Please answer yes, no or not sure. If your dose has not changed, type: not changed."
  static let reaskFrequency = "Please answer never, sometimes or often."
  static let reaskScale = "Please type a number from 0 to 10."
  static let alertResume = "When you are ready, we can go on from where you were."
  static let pickHint =
    "Type the numbers you want, like 1 or 2, 4. Type back for other topics, or done when you have finished."
  static let pickThemesHint = "Type a number to see the questions on that topic. Type done when you have finished."
  static let pickIntro =
    "Pick questions to bring to your doctor. Pick the ones that matter most first: the first 5 go at the top of your summary."
  static let questionUnknown =
    "Sorry, I do not have an answer to that. A doctor, nurse or pharmacist can help with it. You can also type /topics to see what I can tell you about."
  static let questionDose =
    "I cannot give amounts, doses or timing for any medicine. Please ask your prescriber or pharmacist. They know your health and your other medicines. Do not change your dose on your own."
  static let inputLong = "That message was very long, so I only read the first part of it."
  static let inputUnreadable = "Some characters in that message could not be read. Please type it again."
}

extension Block {
  /// The text a block shows, without numbering.
  var plain: String {
    switch self {
    case .heading(let s), .text(let s), .bullet(let s): return s
    case .option(_, let s): return s
    case .sources(let list): return list.joined(separator: "; ")
    case .blank: return ""
    }
  }
}

extension Array where Element == Effect {
  /// Every block of every `.say`, in order.
  var blocks: [Block] {
    flatMap { effect -> [Block] in
      if case .say(let blocks) = effect { return blocks }
      return []
    }
  }

  /// The plain text of every `.say` block, in order.
  var lines: [String] { blocks.map(\.plain) }

  /// The urgent alerts, in order.
  var alerts: [Alert] {
    compactMap { effect in
      if case .urgent(let alert) = effect { return alert }
      return nil
    }
  }

  var ends: Bool { contains(.end) }

  var endsWithPrompt: Bool {
    if case .prompt? = last { return true }
    return false
  }

  var saveRequest: SaveRequest? {
    for effect in self { if case .save(let request) = effect { return request } }
    return nil
  }

  var summaries: [SessionRecord] {
    compactMap { effect in
      if case .summary(let record) = effect { return record }
      return nil
    }
  }
}
