import Conversation
import KnowledgeBase
import Testing

/// Follow-ups keep the topic just shown; small talk gets a warm reply, never "no answer"; the
/// other kinds of knowledge answer too.
@Suite struct ContextTests {
  @Test func whereDoIGetItAfterNaloxoneShowsNaloxonesLongerExplanation() throws {
    var engine = try Shipped.atMenu()
    _ = engine.handle(.line("tell me about naloxone"))
    let lines = engine.handle(.line("where do i get it")).lines
    #expect(lines.first == "Naloxone (Narcan)")
    #expect(lines.contains { $0.contains("without a prescription") })
  }

  @Test func tellMeMoreTwiceOffersTheRelatedTopicsByNumber() throws {
    var engine = try Shipped.atMenu()
    _ = engine.handle(.line("what is naloxone"))
    _ = engine.handle(.line("tell me more"))
    let second = engine.handle(.line("tell me more"))
    #expect(second.lines.first == "That is all I have on this topic. Related topics:")
    #expect(second.blocks.contains(.option(1, "Signs of an opioid overdose and what to do")))
    #expect(engine.handle(.line("1")).lines.first == "Signs of an opioid overdose and what to do")
  }

  @Test(arguments: ["thanks", "ok", "hi", "is it my fault", "I'm scared", "what do u mean"])
  func smallTalkIsNeverNoAnswer(line: String) throws {
    var engine = try Shipped.atMenu()
    _ = engine.handle(.line("what is oih"))
    let lines = engine.handle(.line(line)).lines
    #expect(!lines.contains(Say.questionUnknown))
    #expect(!lines.isEmpty)
  }

  @Test func fearIsAcknowledgedWithTheRegionsEmergencyNumber() throws {
    var engine = try Shipped.atMenu()
    let lines = engine.handle(.line("im scared")).lines
    #expect(lines.first?.hasPrefix("That sounds worrying") == true)
    #expect(lines.first?.contains("911") == true)
  }

  @Test func warningSignsListEveryKindWithItsLabel() throws {
    var engine = try Shipped.atMenu()
    let knowledge = try Shipped.loaded.get()
    let blocks = engine.handle(.line("what are the warning signs")).blocks
    let bullets = blocks.compactMap { block -> String? in
      if case .bullet(let text) = block { return text }
      return nil
    }
    #expect(bullets.count == knowledge.redFlagKinds.count)
    for kind in knowledge.redFlagKinds { #expect(bullets.contains { $0.hasPrefix(kind.label + ": ") }) }
  }

  @Test func whatShouldIAskMyDoctorOpensTheDoctorQuestions() throws {
    var engine = try Shipped.atMenu()
    let lines = engine.handle(.line("what should i ask my doctor")).lines
    #expect(lines.first == Say.pickIntro)
    #expect(engine.phase == .pickQuestions)
  }

  @Test func closeTopicsShowTheBestFirstLineThenTheChoices() throws {
    var engine = try Shipped.atMenu()
    let effects = engine.handle(.line(try Shipped.choicesLine()))
    let lines = effects.lines
    #expect(lines.first == "I am not sure which topic you mean. This one may fit best:")
    #expect(lines.contains("These topics are close to your question:"))
    #expect(effects.blocks.contains { if case .option(2, _) = $0 { return true } else { return false } })
    let best = lines[1]
    #expect(engine.handle(.line("1")).lines.first == best)
  }

  @Test func askAndChatGiveTheSameAnswerText() throws {
    var chat = try Shipped.atMenu()
    var ask = try Shipped.engine()
    let question = "what is narcan"
    let shown = chat.handle(.line(question)).lines
    let asked = ask.ask(question)
    #expect(asked.outcome == .answer(topic: "naloxone", definition: "naloxone"))
    // The chat adds the "/more" hint, which does not work in one-shot mode.
    #expect(shown.dropLast() == asked.effects.lines[...])
  }
}

@Suite struct FeelingTests {
  @Test func aFeelingBeforeAQuestionIsAcknowledgedThenAnswered() throws {
    var engine = try Shipped.atMenu()
    let lines = engine.handle(.line("im scared that my pain will never go away")).lines
    #expect(lines.first == "That sounds worrying, and it makes sense to ask. Here is what I know:")
    #expect(lines.dropFirst().first == "Does OIH go away?")
  }
}
