import Conversation
import KnowledgeBase
import Testing

/// The steps that fill the clinician's block of the summary, all written as guide nodes in
/// Knowledge/guides/welcome.yaml: the pain medicines (names only) and what matters most, from
/// the menu and after the signs check; and doctor questions picked one theme at a time.
@Suite struct VisitStepsTests {
  static let medicinesAsk =
    "Which pain medicines do you take? Names only, please, with no amounts or times. Or type skip."
  static let goalAsk = "What matters most to you at this visit? Type it on one line, or type skip."
  static let dosesRemoved =
    "I left out amounts, strengths and times. This program does not keep doses. Your prescriber has them."
  static let goalKept = "Thank you. It will be near the top of your summary."
  static let skipped = "Skipped. You can add it later from the menu."

  /// At the menu, after choosing "Add my medicines and what I want from my visit".
  static func atMedicines() throws -> Conversation {
    var engine = try Shipped.atMenu()
    #expect(engine.handle(.line("6")).lines == [Self.medicinesAsk])
    return engine
  }

  // MARK: - Medicines and what matters most

  @Test func keepsMedicineNamesAndSaysWhyADoseWasLeftOut() throws {
    var engine = try Self.atMedicines()
    let lines = engine.handle(.line("OxyContin 20mg twice a day, gabapentin")).lines
    #expect(lines == ["Kept for your summary: OxyContin (oxycodone), gabapentin.", Self.dosesRemoved, Self.goalAsk])
    #expect(engine.record.medicines == ["OxyContin (oxycodone)", "gabapentin"])
    #expect(engine.phase == .guide)
  }

  @Test func namesWhatItDoesNotKnowAndKeepsTheRest() throws {
    var engine = try Self.atMedicines()
    let lines = engine.handle(.line("my blue pills and oxycodon")).lines
    #expect(
      lines.prefix(2) == [
        "Kept for your summary: oxycodone.",
        "I do not know the name \"blue\", so I left it out. Please check the spelling, or tell your prescriber.",
      ])
    #expect(engine.record.medicines == ["oxycodone"])
  }

  @Test func asksAgainWhenNoNameIsFound() throws {
    var engine = try Self.atMedicines()
    let lines = engine.handle(.line("the white ones, 2 at night")).lines
    #expect(
      lines == [
        Self.dosesRemoved,
        "I do not know the name \"white ones\", so I left it out. Please check the spelling, or tell your prescriber.",
        "I did not find a medicine name I know. Please type the names again, or type skip.", Self.medicinesAsk,
      ])
    #expect(engine.record.medicines.isEmpty)
    #expect(engine.handle(.line("morphine")).lines.first == "Kept for your summary: morphine.")
  }

  @Test(arguments: ["skip", "/skip", "no thanks", "rather not", "none", "I don't take any"])
  func bothStepsCanBeSkipped(line: String) throws {
    var engine = try Self.atMedicines()
    #expect(engine.handle(.line(line)).lines == [Self.skipped, Self.goalAsk])
    #expect(engine.handle(.line(line)).lines.prefix(2) == [Self.skipped, Say.menuAsk])
    #expect(engine.record.medicines.isEmpty)
    #expect(engine.record.visitGoal == nil)
    #expect(engine.phase == .menu)
  }

  @Test func keepsWhatMattersMostInThePersonsWords() throws {
    var engine = try Self.atMedicines()
    _ = engine.handle(.line("skip"))
    let lines = engine.handle(.line("To sleep through the night & walk my dog")).lines
    #expect(lines.prefix(2) == [Self.goalKept, Say.menuAsk])
    #expect(engine.record.visitGoal == "To sleep through the night & walk my dog")
    // From the menu again: a new answer replaces the old one.
    _ = engine.handle(.line("6"))
    _ = engine.handle(.line("morphine"))
    _ = engine.handle(.line("A slower taper"))
    #expect(engine.record.visitGoal == "A slower taper")
    #expect(engine.record.medicines == ["morphine"])
  }

  @Test func aWarningTypedAsTheGoalRaisesTheAlertAndIsStillKept() throws {
    var engine = try Self.atMedicines()
    _ = engine.handle(.line("skip"))
    let effects = engine.handle(.line("I want to kill myself"))
    #expect(!effects.alerts.isEmpty)
    #expect(effects.lines.prefix(2) == [Say.alertResume, Self.goalKept])
    #expect(engine.record.visitGoal == "I want to kill myself")
    #expect(engine.phase == .menu)
  }

  @Test func aQuestionTypedAtTheMedicineStepIsAnswered() throws {
    var engine = try Self.atMedicines()
    let lines = engine.handle(.line("what is oih?")).lines
    #expect(lines.first == "What is opioid-induced hyperalgesia (OIH)?")
    #expect(lines.last == Self.medicinesAsk)
    #expect(engine.record.medicines.isEmpty)
  }

  /// Answers every item of the signs check from the menu with `answer` (PEG items with 5).
  static func finishCheck(_ engine: inout Conversation, answer: String = "no") -> [Effect] {
    var effects = engine.handle(.line("4"))
    for index in 0..<19 { effects = engine.handle(.line(index < 3 ? "5" : answer)) }
    return effects
  }

  @Test func theCheckEndsByOfferingBothSteps() throws {
    var engine = try Shipped.atMenu()
    let lines = Self.finishCheck(&engine).lines
    #expect(
      Array(lines.suffix(2)) == [
        "Two more short questions can help your prescriber. You can skip either one.", Self.medicinesAsk,
      ])
    _ = engine.handle(.line("tramadol"))
    #expect(engine.handle(.line("skip")).lines.prefix(2) == [Self.skipped, Say.menuAsk])
    #expect(engine.record.medicines == ["tramadol"])
    // Asked (or skipped) once is enough: the next check goes back to the menu.
    let again = Self.finishCheck(&engine).lines
    #expect(!again.contains(Self.medicinesAsk) && !again.contains(Self.goalAsk))
    #expect(engine.phase == .menu)
  }

  @Test func theCheckOffersOnlyWhatIsMissing() throws {
    var engine = try Self.atMedicines()
    _ = engine.handle(.line("morphine"))
    _ = engine.handle(.line("skip"))
    _ = engine.handle(.line("/restart"))
    _ = engine.handle(.line("6"))
    _ = engine.handle(.line("morphine"))
    _ = engine.handle(.line("/menu"))
    let lines = Self.finishCheck(&engine).lines
    #expect(lines.last == Self.goalAsk)
    #expect(!lines.contains(Self.medicinesAsk))
  }

  // MARK: - Doctor questions by theme

  @Test func themesFitOneScreenAndOwnQuestionsComeLast() throws {
    var engine = try Shipped.inPick()
    let knowledge = try Shipped.loaded.get()
    let effects = engine.handle(.line("/questions"))
    let options = effects.blocks.compactMap { block -> String? in
      if case .option(_, let text) = block { return text }
      return nil
    }
    #expect(options.count <= 8)
    #expect(options == knowledge.doctorQuestions.map(\.title) + ["Write my own question"])
    for number in 1...knowledge.doctorQuestions.count {
      var inTheme = try Shipped.inPick()
      let shown = inTheme.handle(.line(String(number))).blocks.filter {
        if case .option = $0 { return true } else { return false }
      }
      #expect(shown.count <= 8)
      #expect(shown.count == knowledge.doctorQuestions[number - 1].questions.count)
    }
  }

  @Test func picksInAThemeThenShowsTheThemesWithCounts() throws {
    var engine = try Shipped.inPick()
    _ = engine.handle(.line("tapering"))
    let effects = engine.handle(.line("2, 4"))
    #expect(effects.lines.prefix(2).allSatisfy { $0.hasPrefix("Added: ") })
    #expect(effects.blocks.contains(.option(3, "Lowering my dose (tapering) (2 picked)")))
    _ = engine.handle(.line("3"))
    let marked = engine.handle(.line("back"))
    #expect(marked.lines.last == Say.pickThemesHint)
    let theme = engine.handle(.line("3")).blocks
    #expect(
      theme.contains { if case .option(2, let text) = $0 { return text.hasPrefix("[x] ") } else { return false } })
    #expect(engine.record.pickedQuestions == ["how-slow-and-pause", "withdrawal-during-taper"])
  }

  @Test func ownQuestionsAreAddedInTheOrderChosen() throws {
    var engine = try Shipped.inPick()
    _ = engine.handle(.line("1"))
    _ = engine.handle(.line("1"))
    #expect(
      engine.handle(.line("8")).lines == ["Type your question for your doctor on one line. Type back to go back."])
    let added = engine.handle(.line("Can we try a slower plan?"))
    #expect(added.lines.first == "Your question was added to the list for your doctor.")
    _ = engine.handle(.line("2"))
    _ = engine.handle(.line("1"))
    #expect(
      engine.record.questions == [
        .listed("medicine-making-pain-worse"), .own("Can we try a slower plan?"), .listed("daily-dose-risk"),
      ])
  }

  @Test func moreThanFiveSaysTheFirstFiveComeFirst() throws {
    var engine = try Shipped.inPick()
    _ = engine.handle(.line("1"))
    _ = engine.handle(.line("1 2 3 4 5 6"))
    #expect(
      engine.handle(.line("done")).lines.prefix(2) == [
        "You have 6 question(s) on your list. They will be in your summary.",
        "The first 5 are at the top of your summary, as the ones that matter most to you.",
      ])
  }

  @Test func aNumberOutsideTheListIsExplained() throws {
    var engine = try Shipped.inPick()
    #expect(
      engine.handle(.line("12")).lines == [
        "Please type the number of a topic. Type done when you have finished."
      ])
    _ = engine.handle(.line("1"))
    #expect(engine.handle(.line("purple")).lines.first?.hasPrefix("Please type numbers from the list") == true)
    #expect(engine.phase == .pickQuestions)
  }
}
