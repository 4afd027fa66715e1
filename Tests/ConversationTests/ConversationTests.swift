import Conversation
import KnowledgeBase
import Testing
import TextAnalysis

@Suite struct ConversationTests {
  /// A line the second net alone found alarming is still joined to the next one, so the next
  /// line can complete the danger: "wake him up" after "my dad is on morphine and i cant" (read
  /// by the net as an emergency) raises the overdose alert. Seen by hand in tmux, where it
  /// answered with a topic.
  @Test func aLineTheNetAloneAlarmedStillJoinsTheNext() throws {
    let first = "my dad is on morphine and i cant"
    let safety = try #require(Shipped.safety)
    let found = safety.matches(first)
    try #require(
      !found.isEmpty && found.allSatisfy(\.isFromSecondNet), "pick a line only the second net alarms: \(found)")
    var engine = try Shipped.atMenu()
    _ = engine.handle(.line(first))
    #expect(engine.handle(.line("wake him up")).alerts.contains { $0.kind == "overdose" })
    // A line a pattern alarmed is not joined: the alert is not raised again by the next line.
    var handled = try Shipped.atMenu()
    _ = handled.handle(.line("he took too many pills and i cant"))
    #expect(handled.handle(.line("wake him up")).alerts.isEmpty)
  }

  // MARK: - Welcome

  @Test func welcomeShowsTitleDisclaimerRegionAndMenu() throws {
    var engine = try Shipped.engine()
    let effects = engine.start()
    #expect(
      effects.lines.prefix(4) == [
        "oih: learning about opioid-induced hyperalgesia (OIH)", Say.disclaimer, Say.region, Say.menuAsk,
      ])
    #expect(effects.blocks.contains(.option(1, "Learn what OIH is")))
    #expect(effects.blocks.contains(.option(8, "Quit")))
    #expect(effects.endsWithPrompt)
    #expect(engine.phase == .menu)
  }

  @Test func welcomeUsesTheChosenRegionsNumbers() throws {
    var engine = Conversation(
      knowledge: try Shipped.loaded.get(), index: try #require(Shipped.index), safety: try #require(Shipped.safety),
      options: Conversation.Options(region: "UK", date: Shipped.date))
    let lines = engine.start().lines
    #expect(
      lines.contains(
        "This program is for learning only. It is not medical advice, and it cannot tell what is wrong. It is not for emergencies: if you or someone else may be in danger, call 999 now."
      ))
    #expect(lines.contains { $0.hasPrefix("Region: United Kingdom. Emergency number: 999.") })
  }

  // MARK: - Global commands, from the menu and from inside the check

  @Test(arguments: ["/help", "help", "HELP", "help?", "/h", "?"])
  func helpShowsCommandsAndDisclaimerAtMenu(line: String) throws {
    var engine = try Shipped.atMenu()
    let effects = engine.handle(.line(line))
    #expect(effects.lines.first == Say.helpFirst)
    #expect(effects.blocks.contains(.bullet("/quit - leave")))
    #expect(effects.lines.contains(Say.disclaimer))
    #expect(effects.lines.last == Say.menuHint)
    #expect(effects.endsWithPrompt)
  }

  @Test func helpInsideCheckRepeatsTheSameItem() throws {
    var engine = try Shipped.inCheck()
    let effects = engine.handle(.line("/help"))
    #expect(effects.lines.first == Say.helpFirst)
    #expect(effects.lines.last == Say.item4)
    #expect(engine.handle(.line("yes")).lines.first == Say.item5)
    #expect(engine.record.answers["dose-up-worse"] == "yes")
  }

  @Test(arguments: Place.allCases)
  func helpTheChildrenIsAQuestionNotHelp(place: Place) throws {
    var engine = try place.engine()
    let lines = engine.handle(.line("help the children")).lines
    #expect(!lines.contains(Say.helpFirst))
    switch place {
    case .menu: #expect(lines.first != Say.helpFirst && engine.phase != .goodbye)
    case .check: #expect(lines == [Say.reaskDose])
    }
  }

  @Test func backAtMenuSaysThereIsNowhereToGo() throws {
    var engine = try Shipped.atMenu()
    #expect(
      engine.handle(.line("/back")).lines == ["You are at the start, so there is nowhere to go back to.", Say.menuHint])
  }

  @Test func backInsideCheckGoesToThePreviousItem() throws {
    var engine = try Shipped.inCheck()
    #expect(engine.handle(.line("/back")).lines == [Say.item3, Say.reaskScale])
    _ = engine.handle(.line("2"))
    #expect(engine.record.answers["peg-activity"] == "2")
  }

  @Test func backOnTheFirstItemStaysThere() throws {
    var engine = try Shipped.atMenu()
    _ = engine.handle(.line("/check"))
    #expect(engine.handle(.line("/back")).lines == ["This is the first question.", Say.item1, Say.reaskScale])
  }

  @Test(arguments: Place.allCases)
  func menuShowsTheMainMenu(place: Place) throws {
    var engine = try place.engine()
    let effects = engine.handle(.line("/menu"))
    #expect(effects.lines.first == Say.menuAsk)
    #expect(effects.blocks.filter { if case .option = $0 { return true } else { return false } }.count == 8)
    #expect(engine.phase == .menu)
  }

  @Test(arguments: Place.allCases)
  func restartClearsTheRecordButKeepsAlerts(place: Place) throws {
    var engine = try place.engine()
    _ = engine.handle(.line("cant wake him up"))
    _ = engine.handle(.line("/note my pain is worse at night"))
    let effects = engine.handle(.line("/restart"))
    #expect(
      effects.lines.first
        == "Starting over. Your notes, answers and questions are cleared. Any safety messages stay in your summary.")
    #expect(effects.lines.dropFirst().first == Say.menuAsk)
    #expect(engine.record.notes.isEmpty)
    #expect(engine.record.answers.isEmpty)
    #expect(engine.record.alerts.map(\.flagID) == ["overdose-wont-wake"])
    #expect(engine.phase == .menu)
  }

  @Test(arguments: Place.allCases)
  func summaryShowsTheRecordThenTheSameStep(place: Place) throws {
    var engine = try place.engine()
    let effects = engine.handle(.line("/summary"))
    #expect(effects.summaries == [engine.record])
    // The summary is shown, not a state: the next line answers the same step.
    #expect(engine.phase == (place == .menu ? .menu : .symptomCheck))
    switch place {
    case .menu: #expect(effects.lines == [Say.menuHint])
    case .check:
      #expect(effects.lines == [Say.item4])
      #expect(engine.record.answers == ["peg-pain": "6", "peg-enjoyment": "7", "peg-activity": "6"])
    }
  }

  @Test(arguments: Place.allCases, ["/quit", "quit", "exit", "bye", "/q", "/exit"])
  func quitSaysGoodbyeAndEnds(place: Place, line: String) throws {
    var engine = try place.engine()
    let effects = engine.handle(.line(line))
    #expect(effects == [.say([.text(Say.goodbye)]), .end])
    #expect(engine.phase == .goodbye)
    #expect(engine.handle(.line("/help")) == [])
  }

  @Test(arguments: Place.allCases)
  func moreWithoutATopicExplains(place: Place) throws {
    var engine = try place.engine()
    #expect(
      engine.handle(.line("/more")).lines == [
        "Ask a question or pick a topic first. Then type /more to read more about it."
      ])
  }

  @Test(arguments: ["/more", "more", "tell me more", "Tell me more please."])
  func moreAfterATopicShowsTheDetail(line: String) throws {
    var engine = try Shipped.atMenu()
    _ = engine.handle(.line("1"))
    let lines = engine.handle(.line(line)).lines
    #expect(lines.first == "What is opioid-induced hyperalgesia (OIH)?")
    #expect(
      lines.dropFirst().first?.hasPrefix(
        "In simple words, OIH means the medicine meant to ease your pain is making you hurt more.") == true)
    #expect(lines.last == "FDA 2023; FDA Dec 2023; IHS summary 2023; Lee 2011")
  }

  @Test func checkFromMenuStartsAtTheFirstItem() throws {
    var engine = try Shipped.atMenu()
    let lines = engine.handle(.line("/check")).lines
    #expect(lines.first == "Signs check")
    #expect(Array(lines.suffix(2)) == [Say.item1, Say.reaskScale])
    #expect(engine.phase == .symptomCheck)
  }

  @Test func checkInsideCheckResumesAtTheSameItem() throws {
    var engine = try Shipped.inCheck()
    #expect(
      engine.handle(.line("/check")).lines == [
        "Welcome back. You got to question 3 of 19. Let us go on.", Say.item4, Say.reaskDose,
      ])
  }

  @Test(arguments: Place.allCases)
  func topicsListsTheGroups(place: Place) throws {
    var engine = try place.engine()
    let effects = engine.handle(.line("/topics"))
    #expect(effects.lines.first == "Pick a group of topics:")
    #expect(effects.lines.last == "Type a number to choose, /back to go back, or ask a question.")
    #expect(effects.blocks.contains { if case .option(1, _) = $0 { return true } else { return false } })
  }

  @Test func topicsThenBackReturnsToTheSameCheckItem() throws {
    var engine = try Shipped.inCheck()
    _ = engine.handle(.line("/topics"))
    #expect(engine.handle(.line("/back")).lines == [Say.item4])
    _ = engine.handle(.line("no"))
    #expect(engine.record.answers["dose-up-worse"] == "no")
  }

  @Test(arguments: Place.allCases)
  func questionsStartsPicking(place: Place) throws {
    var engine = try place.engine()
    let effects = engine.handle(.line("/questions"))
    #expect(effects.lines.first == Say.pickIntro)
    #expect(effects.lines.last == Say.pickThemesHint)
    #expect(engine.phase == .pickQuestions)
    // A theme's questions, then numbers pick them and the themes show again.
    #expect(engine.handle(.line("1")).lines.last == Say.pickHint)
    let added = engine.handle(.line("1 and 3")).lines
    #expect(added.prefix(2).allSatisfy { $0.hasPrefix("Added: ") })
    #expect(added.last == Say.pickThemesHint)
    #expect(engine.record.pickedQuestions.count == 2)
    #expect(
      engine.handle(.line("done")).lines.first == "You have 2 question(s) on your list. They will be in your summary.")
  }

  @Test(arguments: Place.allCases)
  func noteIsAddedAndTheStepGoesOn(place: Place) throws {
    var engine = try place.engine()
    #expect(engine.handle(.line("/note my pain is worse at night")).lines == ["Your note was added to your summary."])
    #expect(engine.record.notes == ["my pain is worse at night"])
    #expect(
      engine.handle(.line("/note")).lines == [
        "Type /note and then your note, like this: /note my pain is worse at night"
      ])
    #expect(engine.record.notes.count == 1)
    if place == .check {
      #expect(engine.handle(.line("yes")).lines.first == Say.item5)
    }
  }

  @Test(arguments: Place.allCases, ["/ask-doctor", "/ask", "/askdoctor"])
  func askDoctorAddsTheQuestion(place: Place, name: String) throws {
    var engine = try place.engine()
    #expect(
      engine.handle(.line("\(name) is my dose too high?")).lines == [
        "Your question was added to the list for your doctor."
      ])
    #expect(engine.record.ownQuestions == ["is my dose too high?"])
    #expect(
      engine.handle(.line(name)).lines == [
        "Type /ask-doctor and then your question, like this: /ask-doctor is my dose too high?"
      ])
  }

  @Test(arguments: Place.allCases)
  func saveWithoutAPathUsesTheDatedDefault(place: Place) throws {
    var engine = try place.engine()
    let effects = engine.handle(.line("/save"))
    let request = try #require(effects.saveRequest)
    #expect(request.record == engine.record)
    #expect(request.path == "oih-summary-2026-11-27.txt")
    #expect(request.format == .text)
    #expect(request.overwrite == false)
    #expect(effects.endsWithPrompt)
  }

  @Test(arguments: [
    ("/save notes.md", "notes.md", SummaryFormat.markdown), ("/save notes.markdown", "notes.markdown", .markdown),
    ("/save visit.html", "visit.html", .html), ("/save VISIT.HTM", "VISIT.HTM", .html),
    ("/save summary.txt", "summary.txt", .text), ("/save my summary", "my summary", .text),
  ])
  func saveChoosesTheFormatByExtension(line: String, path: String, format: SummaryFormat) throws {
    for place in Place.allCases {
      var engine = try place.engine()
      let request = engine.handle(.line(line)).saveRequest
      #expect(request?.path == path)
      #expect(request?.format == format)
      #expect(request?.overwrite == false)
    }
  }

  @Test(arguments: Place.allCases)
  func printAsksToPrintTheRecord(place: Place) throws {
    var engine = try place.engine()
    _ = engine.handle(.line("/note bring pill bottles"))
    let effects = engine.handle(.line("/print"))
    #expect(effects.first == .print(engine.record))
    #expect(engine.record.notes == ["bring pill bottles"])
  }

  @Test(arguments: Place.allCases, ["/frobnicate", "/HELPME", "/save-as x"])
  func unknownCommandSaysSo(place: Place, line: String) throws {
    var engine = try place.engine()
    #expect(engine.handle(.line(line)).lines == [Say.notUnderstood])
  }

  // MARK: - Menu

  @Test(arguments: [
    ("1", Phase.menu, "What is opioid-induced hyperalgesia (OIH)?"),
    ("learn", .menu, "What is opioid-induced hyperalgesia (OIH)?"),
    ("2", .browse, "Pick a group of topics:"), ("browse", .browse, "Pick a group of topics:"),
    ("3", .guide, ""), ("4", .symptomCheck, "Signs check"), ("signs check", .symptomCheck, "Signs check"),
    ("5", .pickQuestions, Say.pickIntro), ("doctor", .pickQuestions, Say.pickIntro),
  ])
  func menuAcceptsNumbersAndWords(line: String, phase: Phase, first: String) throws {
    var engine = try Shipped.atMenu()
    let effects = engine.handle(.line(line))
    if !first.isEmpty { #expect(effects.lines.first == first) }
    #expect(engine.phase == phase)
    #expect(effects.endsWithPrompt)
  }

  @Test(arguments: ["8", "leave"])
  func menuQuitEnds(line: String) throws {
    var engine = try Shipped.atMenu()
    let effects = engine.handle(.line(line))
    #expect(effects.lines == [Say.goodbye])
    #expect(effects.last == .end)
  }

  @Test func menuSummaryShowsTheSummaryAndComesBack() throws {
    var engine = try Shipped.atMenu()
    let effects = engine.handle(.line("7"))
    #expect(effects.summaries.count == 1)
    #expect(effects.lines.first == Say.menuAsk)
    #expect(engine.phase == .menu)
  }

  // MARK: - Red flags

  @Test func redFlagAtMenuShowsAlertAndTheMenuHint() throws {
    var engine = try Shipped.atMenu()
    let effects = engine.handle(.line("cant wake him up"))
    let alert = try #require(effects.alerts.first)
    #expect(alert.flagID == "overdose-wont-wake")
    #expect(alert.label == "POSSIBLE OVERDOSE")
    #expect(alert.emergency == "911")
    #expect(alert.action == "Call 911 now. Give naloxone if you have it.")
    #expect(effects.first == .urgent(alert))
    #expect(effects.lines == [Say.alertResume, Say.menuHint])
    let record = try #require(engine.record.alerts.first)
    #expect(engine.record.alerts.count == 1)
    #expect(
      [record.flagID, record.kind, record.label, record.action] == [
        "overdose-wont-wake", "overdose", "POSSIBLE OVERDOSE", "Call 911 now. Give naloxone if you have it.",
      ])
  }

  @Test func redFlagMidCheckResumesAtTheSameItem() throws {
    var engine = try Shipped.inCheck()
    let effects = engine.handle(.line("her lips are blue"))
    #expect(effects.alerts.map(\.kind) == ["overdose"])
    #expect(effects.lines == [Say.alertResume, Say.item4])
    #expect(engine.record.answers["dose-up-worse"] == nil)
    #expect(engine.handle(.line("yes")).lines.first == Say.item5)
    #expect(engine.record.answers["dose-up-worse"] == "yes")
  }

  /// A question about mixing, stopping or an old dose raises its alert first, then gets its
  /// answer (the kind has `then-answer: true`); nothing is answered after an acute danger.
  @Test func aQuestionAboutMixingGetsTheAlertThenTheAnswer() throws {
    var engine = try Shipped.atMenu()
    let effects = engine.handle(.line("can i have a beer with my oxy tonight"))
    #expect(effects.alerts.map(\.kind) == ["combination"])
    #expect(effects.first.map { if case .urgent = $0 { true } else { false } } == true)
    #expect(effects.blocks.contains(.heading("Opioids and alcohol")))
    #expect(!effects.lines.contains(Say.alertResume))
    #expect(engine.record.alerts.map(\.kind) == ["combination"])
    // "tell me more" then goes on about the topic shown after the alert.
    #expect(engine.handle(.line("tell me more")).blocks.contains { $0.plain.contains("alcohol") })
  }

  /// A question inside the line counts too (`questions.phrases`), not only a question word first.
  @Test func aMixingQuestionAfterAStatementGetsTheAlertThenTheAnswer() throws {
    var engine = try Shipped.atMenu()
    let effects = engine.handle(.line("i take valium and oxy together, is that a problem"))
    #expect(effects.alerts.map(\.kind) == ["combination"])
    #expect(effects.blocks.contains(.heading("Opioids with benzodiazepines (like Xanax or Valium)")))
    // A statement alone gets the alert alone.
    var other = try Shipped.atMenu()
    let statement = other.handle(.line("i took my valium with my oxy tonight"))
    #expect(statement.alerts.map(\.kind) == ["combination"])
    #expect(!statement.blocks.contains(.heading("Opioids with benzodiazepines (like Xanax or Valium)")))
  }

  @Test func anAcuteDangerIsNeverFollowedByAnAnswer() throws {
    var engine = try Shipped.atMenu()
    let effects = engine.handle(.line("he took his oxy with beer and now i cant wake him up"))
    #expect(effects.alerts.map(\.kind).contains("overdose"))
    #expect(effects.lines == [Say.alertResume, Say.menuHint])
  }

  @Test func aStoppingPlanDuringTheCheckKeepsTheCheck() throws {
    var engine = try Shipped.inCheck()
    let effects = engine.handle(.line("im going to stop my opioids cold turkey"))
    #expect(effects.alerts.map(\.kind) == ["stopping"])
    #expect(effects.lines == [Say.alertResume, Say.item4])
  }

  @Test func noAfterAnAlertAtAYesNoItemIsAnAnswer() throws {
    var engine = try Shipped.inCheck()
    _ = engine.handle(.line("her lips are blue"))
    #expect(engine.handle(.line("no")).lines.first == Say.item5)
    #expect(engine.record.answers["dose-up-worse"] == "no")
    #expect(engine.record.alerts.count == 1)
  }

  @Test func redFlagMidPickShowsThePickHint() throws {
    var engine = try Shipped.inPick()
    let effects = engine.handle(.line("cant wake him up"))
    #expect(effects.alerts.map(\.flagID) == ["overdose-wont-wake"])
    #expect(effects.lines == [Say.alertResume, Say.pickThemesHint])
    #expect(engine.phase == .pickQuestions)
    _ = engine.handle(.line("2"))
    _ = engine.handle(.line("2"))
    #expect(engine.record.pickedQuestions.count == 1)
  }

  @Test(arguments: ["no im fine", "I'm fine", "you misunderstood", "just joking", "no"])
  func denialKeepsTheAlert(line: String) throws {
    var engine = try Shipped.atMenu()
    _ = engine.handle(.line("cant wake him up"))
    let effects = engine.handle(.line(line))
    #expect(
      effects.lines == [
        "Thank you for telling me. I will keep the safety message, just in case. If anyone is in danger, call 911 now.",
        Say.menuHint,
      ])
    #expect(engine.record.alerts.map(\.flagID) == ["overdose-wont-wake"])
  }

  @Test func helpShowsEarlierAlerts() throws {
    var engine = try Shipped.atMenu()
    _ = engine.handle(.line("cant wake him up"))
    _ = engine.handle(.line("what is oih"))
    let effects = engine.handle(.line("/help"))
    #expect(effects.lines.contains("Safety messages from earlier in this session:"))
    #expect(effects.alerts.map(\.flagID) == ["overdose-wont-wake"])
    #expect(effects.alerts.first?.label == "POSSIBLE OVERDOSE")
  }

  @Test func helpWithoutAlertsShowsNoAlerts() throws {
    var engine = try Shipped.atMenu()
    let effects = engine.handle(.line("/help"))
    #expect(effects.alerts.isEmpty)
    #expect(!effects.lines.contains("Safety messages from earlier in this session:"))
  }

  // MARK: - Answers in the check

  @Test(arguments: [
    ("yes", "yes"), ("y", "yes"), ("Yeah", "yes"), ("yep!", "yes"), ("no", "no"), ("n", "no"), ("nope", "no"),
    ("not sure", "not sure"), ("maybe", "not sure"), ("kind of", "not sure"), ("idk", "not sure"),
  ])
  func yesNoItemAcceptsEveryForm(line: String, answer: String) throws {
    var engine = try Shipped.inCheck()
    #expect(engine.handle(.line(line)).lines == [Say.item5, Say.reaskDose])
    #expect(engine.record.answers["dose-up-worse"] == answer)
  }

  /// The answers `line` is read as at check item `item`, over dictionaries of answer words
  /// built with different capacities (so their iteration order differs).
  func readingsUnderEveryDictionaryOrder(before: [String], line: String, item: String) throws -> Set<String> {
    let shipped = try Shipped.loaded.get()
    var seen = Set<String>()
    for capacity in [0, 40, 80, 200, 500, 1000, 3000, 9000] {
      var knowledge = shipped
      var words = [String: [String]](minimumCapacity: capacity)
      for (key, value) in shipped.answerWords.sorted(by: { $0.key < $1.key }) { words[key] = value }
      knowledge.answerWords = words
      var engine = Conversation(
        knowledge: knowledge, index: try #require(Shipped.index), safety: try #require(Shipped.safety),
        options: Conversation.Options(region: "US", date: Shipped.date))
      _ = engine.start()
      _ = engine.handle(.line("/check"))
      for value in before { _ = engine.handle(.line(value)) }
      _ = engine.handle(.line(line))
      seen.insert(engine.record.answers[item] ?? "re-asked")
    }
    return seen
  }

  /// The answer words are read from a dictionary; a phrase listed under two answers ("kind of" is
  /// under both "not sure" and "sometimes") must resolve the same whatever the dictionary's order.
  @Test(arguments: [("kind of", "not sure"), ("sort of", "not sure"), ("a little", "not sure"), ("never", "no")])
  func ambiguousAnswerWordsResolveTheSameEveryTime(line: String, answer: String) throws {
    let seen = try readingsUnderEveryDictionaryOrder(before: ["6", "7", "6"], line: line, item: "dose-up-worse")
    #expect(seen == [answer], "\"\(line)\" was read as \(seen.sorted())")
  }

  /// "no" is listed under both "no" and "denial"; on a frequency item it must read as "never"
  /// whatever the dictionary's order.
  @Test func noOnAFrequencyItemIsNeverEveryTime() throws {
    let seen = try readingsUnderEveryDictionaryOrder(
      before: ["6", "7", "6", "no", "no", "no"], line: "no", item: "light-touch-hurts")
    #expect(seen == ["never"], "\"no\" was read as \(seen.sorted())")
  }

  @Test(arguments: [
    ("never", "never"), ("sometimes", "sometimes"), ("often", "often"), ("always", "often"),
    ("occasionally", "sometimes"),
    ("yes", "often"), ("no", "never"), ("not sure", "sometimes"),
  ])
  func frequencyItemAcceptsEveryForm(line: String, answer: String) throws {
    var engine = try Shipped.inCheck()
    for yesno in ["no", "no", "no"] { _ = engine.handle(.line(yesno)) }
    #expect(engine.handle(.line(line)).lines.first?.hasPrefix("Question 8 of 19:") == true)
    #expect(engine.record.answers["light-touch-hurts"] == answer)
  }

  @Test(arguments: [
    ("7", "7"), ("7/10", "7"), ("7 out of 10", "7"), ("seven", "7"), ("ten", "10"), ("0", "0"), ("zero", "0"),
    ("10/10", "10"),
  ])
  func scaleItemAcceptsEveryForm(line: String, answer: String) throws {
    var engine = try Shipped.atMenu()
    _ = engine.handle(.line("/check"))
    #expect(engine.handle(.line(line)).lines.first?.hasPrefix("Question 2 of 19:") == true)
    #expect(engine.record.answers["peg-pain"] == answer)
  }

  @Test(arguments: ["purple", "11", "eleven", "7 or 8", "a lot"])
  func scaleItemReasksOnNonsense(line: String) throws {
    var engine = try Shipped.atMenu()
    _ = engine.handle(.line("/check"))
    #expect(engine.handle(.line(line)).lines == [Say.reaskScale])
    #expect(engine.record.answers.isEmpty)
    #expect(engine.handle(.line("4")).lines.first?.hasPrefix("Question 2 of 19:") == true)
  }

  @Test func yesNoItemReasksOnPurple() throws {
    var engine = try Shipped.inCheck()
    #expect(engine.handle(.line("purple")).lines == [Say.reaskDose])
    #expect(engine.record.answers["dose-up-worse"] == nil)
  }

  @Test func frequencyItemReasksOnPurple() throws {
    var engine = try Shipped.inCheck()
    for yesno in ["no", "no", "no"] { _ = engine.handle(.line(yesno)) }
    #expect(engine.handle(.line("purple")).lines == [Say.reaskFrequency])
  }

  @Test func skipMarksTheItemAndMovesOn() throws {
    var engine = try Shipped.inCheck()
    #expect(engine.handle(.line("/skip")).lines == ["Skipped.", Say.item5, Say.reaskDose])
    #expect(engine.record.skipped == ["dose-up-worse"])
    #expect(engine.record.answers["dose-up-worse"] == nil)
  }

  @Test func skipOutsideTheCheckIsNotUnderstood() throws {
    var engine = try Shipped.atMenu()
    #expect(engine.handle(.line("/skip")).lines == [Say.notUnderstood])
  }

  @Test func changedAnswerReplacesTheOldOne() throws {
    var engine = try Shipped.inCheck()
    _ = engine.handle(.line("yes"))
    _ = engine.handle(.line("/back"))
    _ = engine.handle(.line("no"))
    #expect(engine.record.answers["dose-up-worse"] == "no")
  }

  @Test func abandoningWithMenuKeepsAnswersAndCheckResumes() throws {
    var engine = try Shipped.inCheck()
    _ = engine.handle(.line("yes"))
    _ = engine.handle(.line("/menu"))
    #expect(engine.phase == .menu)
    #expect(
      engine.record.answers == ["peg-pain": "6", "peg-enjoyment": "7", "peg-activity": "6", "dose-up-worse": "yes"])
    #expect(
      engine.handle(.line("/check")).lines == [
        "Welcome back. You got to question 4 of 19. Let us go on.", Say.item5, Say.reaskDose,
      ])
  }

  @Test func finishingTheCheckShowsBandScoreAndPEG() throws {
    var engine = try Shipped.inCheck()
    // dose-up-worse yes (3), then no to everything else; light-touch-hurts is a frequency item.
    var effects = engine.handle(.line("yes"))
    for index in 4..<19 { effects = engine.handle(.line(index == 6 ? "never" : "no")) }
    let lines = effects.lines
    #expect(lines.first == "Your signs check")
    #expect(lines.contains("Your answers show some signs that fit the OIH pattern (score 3)."))
    #expect(lines.contains("These answers fit the OIH pattern (they have other causes too):"))
    #expect(effects.blocks.contains(.bullet("Pain got worse after the dose went up. (+3)")))
    #expect(lines.contains("Your PEG pain score is 6.3 out of 10."))
    #expect(engine.record.checkDone)
    #expect(engine.record.answers["light-touch-hurts"] == "never")
  }

  @Test func finishingTheCheckFromTheMenuReturnsToTheMenuPhase() throws {
    var engine = try Shipped.inCheck()
    var effects: [Effect] = []
    for index in 3..<19 { effects = engine.handle(.line(index == 6 ? "never" : "no")) }
    #expect(effects.lines.last == Say.menuHint)
    #expect(engine.phase == .menu)
  }

  @Test func checkAgainAfterFinishingStartsOver() throws {
    var engine = try Shipped.inCheck()
    for index in 3..<19 { _ = engine.handle(.line(index == 6 ? "never" : "no")) }
    let lines = engine.handle(.line("/check")).lines
    #expect(lines.first == "You did this check before. Let us start it again.")
    #expect(engine.record.answers.isEmpty)
    #expect(!engine.record.checkDone)
  }

  // MARK: - Signs check: other causes first, "not changed", follow-ups

  /// Answers the rest of the check after the PEG: `answers` by item index (from 3), "no" (or
  /// "never" for the frequency item) for the others. Returns the effects of the last answer.
  func finishCheck(_ engine: inout Conversation, _ answers: [Int: String] = [:]) -> [Effect] {
    var effects: [Effect] = []
    for index in 3..<19 { effects = engine.handle(.line(answers[index] ?? (index == 6 ? "never" : "no"))) }
    return effects
  }

  @Test func anAnswerThatPointsElsewhereLeadsTheResultInsteadOfTheBand() throws {
    var engine = try Shipped.inCheck()
    // Most signs yes, and a new injury (item 15, index 14).
    let effects = finishCheck(&engine, [3: "yes", 5: "yes", 6: "often", 7: "yes", 8: "yes", 9: "yes", 14: "yes"])
    let lines = effects.lines
    let lead = try #require(
      lines.firstIndex { $0.hasPrefix("Some answers point to causes that must be checked first") })
    #expect(lead == 1)
    #expect(lines[lead].contains("call 911"))
    #expect(!lines.contains { $0.hasPrefix("Your answers show") })
    #expect(
      effects.blocks.contains(
        .bullet(
          "A new injury or a change in your illness. A clinician should check this. It may be a new problem, not your medicine."
        )))
    #expect(lines.contains("These answers fit the OIH pattern (they have other causes too):"))
    #expect(
      lines.contains(
        "Points from the answers that fit the OIH pattern: 12. No OIH band is shown, because the causes above come first."
      ))
  }

  @Test func withNothingElsewhereTheBandLeads() throws {
    var engine = try Shipped.inCheck()
    let lines = finishCheck(&engine, [3: "yes", 5: "yes"]).lines
    #expect(lines[1] == "Your answers show several signs that fit the OIH pattern (score 6).")
    #expect(!lines.contains { $0.hasPrefix("Some answers point to causes") })
  }

  @Test(arguments: ["not changed", "my dose has not changed", "no change", "n/a", "unchanged"])
  func doseItemsAcceptNotChangedAsItsOwnAnswer(line: String) throws {
    var engine = try Shipped.inCheck()
    #expect(engine.handle(.line(line)).lines == [Say.item5, Say.reaskDose])
    #expect(engine.record.answers["dose-up-worse"] == "not changed")
  }

  @Test func notChangedIsListedApartAndScoresNothing() throws {
    var engine = try Shipped.inCheck()
    let effects = finishCheck(&engine, [3: "not changed", 4: "not changed", 5: "not changed", 8: "yes"])
    let lines = effects.lines
    #expect(lines.contains("You said your dose has not changed, so 3 question(s) about dose changes did not count."))
    #expect(lines.contains("Your answers show few signs that fit the OIH pattern (score 2)."))
  }

  @Test func notChangedIsNotAnAnswerToOtherItems() throws {
    var engine = try Shipped.inCheck()
    for _ in 0..<3 { _ = engine.handle(.line("no")) }
    // Item 7 (light touch) is a frequency item: "not changed" is re-asked.
    #expect(engine.handle(.line("not changed")).lines == [Say.reaskFrequency])
    #expect(engine.record.answers["light-touch-hurts"] == nil)
  }

  @Test func yesToLowMoodShowsTheRegionsCrisisLineAtOnce() throws {
    var engine = try Shipped.inCheck()
    var effects: [Effect] = []
    for index in 3..<16 { effects = engine.handle(.line(index == 6 ? "never" : "no")) }
    #expect(effects.lines.first?.hasPrefix("Question 17 of 19: In the past 2 weeks, have you often felt down") == true)
    effects = engine.handle(.line("yes"))
    let crisis = try #require(effects.lines.first)
    #expect(crisis.contains("contact 988 Suicide & Crisis Lifeline now: 988 (call or text)"))
    #expect(crisis.contains("call 911"))
    #expect(effects.lines.dropFirst().first?.hasPrefix("Question 18 of 19:") == true)
  }

  @Test func lowMoodUsesTheChosenRegionsNumbers() throws {
    var engine = try Shipped.engine(region: "UK")
    _ = engine.start()
    _ = engine.handle(.line("/check"))
    for value in ["6", "7", "6"] { _ = engine.handle(.line(value)) }
    for index in 3..<16 { _ = engine.handle(.line(index == 6 ? "never" : "no")) }
    let crisis = try #require(engine.handle(.line("yes")).lines.first)
    #expect(crisis.contains("contact Samaritans now: 116 123"))
    #expect(crisis.contains("call 999"))
  }

  @Test func yesToANewMedicineAsksForAMedicineCheckAndNamesSerotoninSigns() throws {
    var engine = try Shipped.inCheck()
    for index in 3..<15 { _ = engine.handle(.line(index == 6 ? "never" : "no")) }
    let line = try #require(engine.handle(.line("yes")).lines.first)
    #expect(line.hasPrefix("Some medicines change how opioids work, or mix badly with them."))
    #expect(line.contains("muscle twitches"))
  }

  // MARK: - Questions

  @Test(arguments: [
    "how much oxy can i take", "how many mg of oxycodone should I take", "how often can i take my percocet",
    "can i take 2 percs at once",
  ])
  func doseQuestionsGetNoNumbers(line: String) throws {
    var engine = try Shipped.atMenu()
    let effects = engine.handle(.line(line))
    #expect(effects.lines == [Say.questionDose])
    #expect(effects.alerts.isEmpty)
    #expect(!effects.lines.joined().contains { $0.isNumber })
  }

  @Test(arguments: [
    "should i take 20mg or 30mg", "is 80mg of oxycontin too much", "how much tapentadol equals 60mg of oxy",
    "whats the max morphine i can safely take per day", "can you convert my morphine dose to hydromorphone",
    "what percentage should i cut each week", "whats the conversion from oxycodone to morphine",
    "what is the rate i should taper hydromorphone at",
    "what should i do if i miss a dose", "give me a taper schedule for 60mg oxycodone",
    "can i drop my dose by 10mg a week", "convert 60mg morphine to oxycodone please",
    "can i take two percs instead of one if the pain is bad", "how much methadone would equal my oxycodone",
    "im on 120 mg morphine a day is that too much", "is 60mg of methadone a lot for my son",
    "write me a schedule for my dads morfine", "can you tell me what time she should take her pills",
  ])
  func amountsAskedForGetOnlyTheRefusal(line: String) throws {
    var engine = try Shipped.atMenu()
    #expect(engine.handle(.line(line)).lines == [Say.questionDose])
  }

  @Test func anAmountToldWhileAskingSomethingElseGetsTheRefusalThenTheAnswer() throws {
    var engine = try Shipped.atMenu()
    let effects = engine.handle(.line("im on 30mg morphine every 12 hours and my skin hurts when touched, why"))
    #expect(effects.lines.first == Say.questionDose)
    #expect(effects.lines.count > 1)
    #expect(effects.lines.contains("Light touch, clothes or a shower hurt"))
    // The answer itself holds no amount.
    #expect(DoseDetector.firstDose(in: effects.lines.dropFirst().joined(separator: " ")) == nil)
  }

  /// "just a ballpark" right after a refusal asks for the same amount again; "ok" or a new
  /// question does not.
  @Test(arguments: ["just a ballpark", "why not", "per week?", "just a rough number", "what would you say"])
  func askingAgainAfterARefusalGetsTheRefusalAgain(line: String) throws {
    var engine = try Shipped.atMenu()
    #expect(engine.handle(.line("how much should i cut my dose by")).lines == [Say.questionDose])
    #expect(engine.handle(.line(line)).lines == [Say.questionDose])
  }

  @Test(arguments: ["just a ballpark", "per week?", "just a rough number"])
  func theSameWordsWithNoRefusalBeforeAreNotADoseQuestion(line: String) throws {
    var engine = try Shipped.atMenu()
    _ = engine.handle(.line("what is oih"))
    #expect(engine.handle(.line(line)).lines.first != Say.questionDose)
  }

  @Test(arguments: ["ok", "what is tapering"])
  func anotherLineAfterARefusalIsAnsweredAsUsual(line: String) throws {
    var engine = try Shipped.atMenu()
    _ = engine.handle(.line("how much should i cut my dose by"))
    #expect(engine.handle(.line(line)).lines.first != Say.questionDose)
  }

  /// An amount told with "a lot of pain" or "is this normal" about symptoms is not asked about.
  @Test(arguments: [
    "im on a 10 microgram buprenorphine patch and still in a lot of pain could that be oih",
    "started at 10mg twice a day, now 80 twice a day and my pain is worse than ever, is this normal",
  ])
  func anAmountWithAQuestionAboutPainGetsAnAnswerToo(line: String) throws {
    var engine = try Shipped.atMenu()
    let lines = engine.handle(.line(line)).lines
    #expect(lines.first == Say.questionDose)
    #expect(lines.count > 1)
  }

  @Test(arguments: ["how much is a pain clinic visit without insurance", "how much does naloxone cost"])
  func aQuestionAboutMoneyIsNotADoseQuestion(line: String) throws {
    var engine = try Shipped.atMenu()
    #expect(engine.handle(.line(line)).lines != [Say.questionDose])
  }

  /// A share of people, an amount of pain, or "normal clinical doses" in a research question
  /// asks for no amount of medicine.
  @Test(arguments: [
    "what percentage of people on opioids get oih", "how much pain is normal during a taper",
    "is there good evidence that oih happens in humans at normal clinical doses", "what is tapering",
    "how does a taper plan work", "i keep needing to take the next pill earlier and earlier",
    "what is morphine milligram equivalent",
  ])
  func aQuestionAboutPeopleOrPainIsNotADoseQuestion(line: String) throws {
    var engine = try Shipped.atMenu()
    #expect(engine.handle(.line(line)).lines.first != Say.questionDose)
  }

  @Test func closeTopicsOfferNumberedChoicesAndANumberShowsThatTopic() throws {
    var engine = try Shipped.atMenu()
    let knowledge = try Shipped.loaded.get()
    let effects = engine.handle(.line(try Shipped.choicesLine()))
    let options = effects.blocks.compactMap { block -> String? in
      if case .option(_, let title) = block { return title }
      return nil
    }
    #expect((2...3).contains(options.count))
    // The best topic's title and first line come first, then the numbered titles.
    let best = try #require(knowledge.topics.first { $0.title == options.first })
    #expect(
      Array(effects.lines.prefix(3)) == [
        "I am not sure which topic you mean. This one may fit best:", best.title,
        TextFormatting.firstSentence(of: best.answer),
      ])
    #expect(
      effects.lines.suffix(options.count + 2) == ["These topics are close to your question:"] + options + [
        "Type a number to read one, or ask in other words."
      ])
    let second = try #require(knowledge.topics.first { $0.title == options[1] })
    let shown = engine.handle(.line("2"))
    #expect(shown.lines.first == second.title)
    #expect(engine.record.topicsRead == [second.id])
    #expect(engine.phase == .menu)
  }

  @Test func choicesThenAnotherQuestionAnswersThatQuestion() throws {
    var engine = try Shipped.atMenu()
    _ = engine.handle(.line(try Shipped.choicesLine()))
    let lines = engine.handle(.line("what is oih")).lines
    #expect(lines.first == "What is opioid-induced hyperalgesia (OIH)?")
  }

  @Test(arguments: ["how do i bake sourdough bread", "how do i fix my wifi"])
  func unknownQuestionSaysSo(line: String) throws {
    var engine = try Shipped.atMenu()
    #expect(engine.handle(.line(line)).lines == [Say.questionUnknown, Say.menuHint])
    #expect(engine.phase == .menu)
  }

  @Test func questionInsideCheckIsAnsweredThenTheItemIsAskedAgain() throws {
    var engine = try Shipped.inCheck()
    let lines = engine.handle(.line("what is opioid induced hyperalgesia?")).lines
    #expect(lines.first == "What is opioid-induced hyperalgesia (OIH)?")
    #expect(Array(lines.suffix(2)) == [Say.item4, Say.reaskDose])
    #expect(engine.handle(.line("yes")).lines.first == Say.item5)
  }

  // MARK: - Save and print outcomes

  @Test func saveOutcomeExistsAsksAndYesOverwrites() throws {
    var engine = try Shipped.atMenu()
    _ = engine.handle(.line("/note hello"))
    let asked = engine.handle(.outcome(.exists(path: "visit.md")))
    #expect(asked.lines == ["The file visit.md already exists. Do you want to replace it? Type yes or no."])
    #expect(asked.endsWithPrompt)
    #expect(engine.phase == .confirm)
    let effects = engine.handle(.line("yes"))
    let request = try #require(effects.saveRequest)
    #expect(request.record == engine.record)
    #expect(request.record.notes == ["hello"])
    #expect(request.path == "visit.md")
    #expect(request.format == .markdown)
    #expect(request.overwrite == true)
  }

  @Test(arguments: ["no", "nope", "purple"])
  func saveOutcomeExistsAndNoCancels(line: String) throws {
    var engine = try Shipped.atMenu()
    _ = engine.handle(.outcome(.exists(path: "visit.txt")))
    let effects = engine.handle(.line(line))
    #expect(effects.saveRequest == nil)
    #expect(effects.lines == ["OK, nothing was saved.", Say.menuHint])
  }

  @Test func saveOutcomeExistsAndBackCancels() throws {
    var engine = try Shipped.atMenu()
    _ = engine.handle(.outcome(.exists(path: "visit.txt")))
    #expect(engine.handle(.line("/back")).lines == ["OK, nothing was saved.", Say.menuHint])
  }

  @Test(arguments: [
    (Outcome.saved(path: "a.txt"), "Your summary was saved to a.txt. Only you can read this file."),
    (
      .saveFailed(path: "a.txt", reason: "the folder does not exist"),
      "Your summary could not be saved to a.txt: the folder does not exist. Nothing was lost. You can try another file name."
    ),
    (.printed(printer: "lab"), "Your summary was sent to the printer lab."),
    (
      .printFailed(reason: "the printer is off"),
      "Your summary could not be printed: the printer is off. You can type /save to save it instead."
    ),
  ])
  func outcomesAreReported(outcome: Outcome, message: String) throws {
    var engine = try Shipped.atMenu()
    let effects = engine.handle(.outcome(outcome))
    #expect(effects.lines == [message])
    #expect(effects.endsWithPrompt)
  }

  // MARK: - Kiosk

  @Test func kioskWelcomeNamesThePrinterForStaff() throws {
    var engine = try Shipped.engine(kiosk: true)
    #expect(engine.start().lines.contains("For staff: region United States, printer front-desk."))
  }

  @Test func kioskDisablesSave() throws {
    var engine = try Shipped.atMenu(kiosk: true)
    let effects = engine.handle(.line("/save notes.txt"))
    #expect(effects.saveRequest == nil)
    #expect(effects.lines == ["Saving to a file is turned off here. You can type /print to print your summary."])
  }

  @Test func kioskQuitDoesNotEnd() throws {
    var engine = try Shipped.atMenu(kiosk: true)
    let effects = engine.handle(.line("/quit"))
    #expect(!effects.ends)
    #expect(
      effects.lines == [
        "This screen stays on for the next person. Type /done when you are finished, and your answers will be cleared.",
        Say.menuHint,
      ])
    #expect(effects.endsWithPrompt)
  }

  @Test func kioskIdleTwiceResetsAndClearsTheRecord() throws {
    var engine = try Shipped.atMenu(kiosk: true)
    _ = engine.handle(.line("/note private"))
    _ = engine.handle(.line("cant wake him up"))
    let warned = engine.handle(.idleTimeout)
    #expect(warned.lines == ["Are you still there? Press Enter to go on. This screen will reset in 30 seconds."])
    #expect(engine.record.notes == ["private"])
    let reset = engine.handle(.idleTimeout)
    #expect(reset.lines.first == "Clearing the screen for the next person.")
    #expect(reset.contains(.clearScreen))
    #expect(reset.contains(.clearHistory))
    #expect(reset.lines.contains(Say.disclaimer))
    #expect(engine.record == SessionRecord(date: Shipped.date, region: "US"))
    #expect(engine.phase == .menu)
  }

  @Test func kioskLineBetweenIdleTimeoutsRestartsTheCountdown() throws {
    var engine = try Shipped.atMenu(kiosk: true)
    _ = engine.handle(.line("/note private"))
    _ = engine.handle(.idleTimeout)
    _ = engine.handle(.line(""))
    let again = engine.handle(.idleTimeout)
    #expect(!again.contains(.clearScreen))
    #expect(engine.record.notes == ["private"])
  }

  @Test func idleTimeoutOutsideKioskOnlyPrompts() throws {
    var engine = try Shipped.atMenu()
    let effects = engine.handle(.idleTimeout)
    #expect(effects.count == 1)
    #expect(effects.endsWithPrompt)
  }

  /// After a print the kiosk says where to collect it and keeps that on screen for a few
  /// seconds before the reset (issue 17).
  @Test func kioskPrintSaysWhereToCollectItThenPausesThenResets() throws {
    var engine = try Shipped.atMenu(kiosk: true)
    _ = engine.handle(.line("/note private"))
    let effects = engine.handle(.outcome(.printed(printer: "front-desk")))
    #expect(
      Array(effects.lines.prefix(3)) == [
        "Your summary was sent to the printer front-desk.",
        "Please collect your summary from the printer. This screen clears for the next person in 8 seconds.",
        "Clearing the screen for the next person.",
      ])
    let pause = try #require(effects.firstIndex(of: .pause(seconds: 8)), "no pause")
    let clear = try #require(effects.firstIndex(of: .clearScreen), "no reset")
    #expect(pause < clear, "the screen clears before the person can read where to collect the print")
    #expect(engine.record.notes.isEmpty)
  }

  @Test func kioskPickupPlaceComesFromTheConfiguration() throws {
    let knowledge = try Shipped.loaded.get()
    var engine = Conversation(
      knowledge: knowledge, index: try #require(Shipped.index), safety: try #require(Shipped.safety),
      options: Conversation.Options(
        region: "US", date: Shipped.date, kiosk: true, printer: "Front_Desk", pickup: "at the front desk",
        printedSeconds: 6))
    _ = engine.start()
    let effects = engine.handle(.outcome(.printed(printer: "Front_Desk")))
    #expect(
      effects.lines.contains(
        "Please collect your summary at the front desk. This screen clears for the next person in 6 seconds."))
    #expect(effects.contains(.pause(seconds: 6)))
  }

  @Test func kioskPrintFailureSendsPeopleToTheStaffNotToSave() throws {
    var engine = try Shipped.atMenu(kiosk: true)
    let effects = engine.handle(.outcome(.printFailed(reason: "no printer is chosen as the default on this computer")))
    #expect(
      effects.lines == [
        "Your summary could not be printed: no printer is chosen as the default on this computer. Please ask a member of staff for help."
      ])
    #expect(!effects.lines.joined().contains("/save"))
  }

  @Test(arguments: [
    ("1", "is a number"), ("7", "is a number"), ("seven", "is a number"), ("7/10", "is a number"),
    ("/done", "is a command"), ("/help", "is a command"), ("/anything", "is a command"), ("quit", "is a command"),
    ("help", "is a command"), ("yes", "is an answer"), ("not sure", "is an answer"), ("yeah", "is an answer"),
    ("learn", "is a menu choice"), ("Browse all topics", "is a menu choice"), ("summary", "is a menu choice"),
    ("", "is empty"), ("  ", "is empty"), ("CHANGE-THIS-PHRASE", "is still the example phrase"),
  ])
  func staffExitMayNotCollideWithWhatPatientsType(phrase: String, reason: String) throws {
    let problem = Conversation.staffExitProblem(phrase, knowledge: try Shipped.loaded.get())
    #expect(problem?.contains(reason) == true, "\(phrase): \(problem ?? "accepted")")
  }

  @Test(arguments: ["staff exit 99", "blue heron closes the screen", "maintenance 4417"])
  func staffExitPhrasesOnlyStaffKnowAreAccepted(phrase: String) throws {
    #expect(Conversation.staffExitProblem(phrase, knowledge: try Shipped.loaded.get()) == nil)
  }

  @Test func kioskDoneResets() throws {
    var engine = try Shipped.atMenu(kiosk: true)
    _ = engine.handle(.line("/note private"))
    let effects = engine.handle(.line("/done"))
    #expect(effects.lines.first == "Clearing the screen for the next person.")
    #expect(engine.record.notes.isEmpty)
  }

  // MARK: - End of input and interrupt

  @Test func endOfInputSaysGoodbyeAndEnds() throws {
    var engine = try Shipped.atMenu()
    #expect(engine.handle(.endOfInput) == [.say([.text(Say.goodbye)]), .end])
    #expect(engine.handle(.line("/help")) == [])
  }

  @Test(arguments: Place.allCases)
  func interruptRepromptsAndKeepsTheStep(place: Place) throws {
    var engine = try place.engine()
    let before = engine.record
    let effects = engine.handle(.interrupt)
    #expect(effects.lines == ["Line cleared. Type /quit if you want to leave."])
    #expect(effects.endsWithPrompt)
    #expect(engine.record == before)
    if place == .check { #expect(engine.handle(.line("yes")).lines.first == Say.item5) }
  }
}

typealias Phase = Conversation.Phase
