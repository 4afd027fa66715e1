import Conversation
import KnowledgeBase
import Search
import Testing

/// The second pass of the safety net: new kinds of danger, naloxone questions, folding of
/// look-alike characters, calm advice for short courses, regions chosen in the session, and
/// alarming notes that are still kept.
@Suite struct SafetyNetTests {
  /// An engine with no region chosen, started.
  func withoutRegion() throws -> (Conversation, [Effect]) {
    let knowledge = try Shipped.loaded.get()
    var engine = Conversation(
      knowledge: knowledge, index: try #require(Shipped.index), safety: try #require(Shipped.safety),
      options: Conversation.Options(region: nil, date: Shipped.date))
    let welcome = engine.start()
    return (engine, welcome)
  }

  @Test func withNoRegionTheWelcomeAsksAndShowsEveryEmergencyNumber() throws {
    let (_, welcome) = try withoutRegion()
    let text = welcome.lines.joined(separator: "\n")
    #expect(text.contains("Where are you?"))
    for number in ["911 US/CA", "999 UK", "112 or 999 IE", "000 AU", "111 NZ", "112 EU"] {
      #expect(text.contains(number), "missing \(number) in \(text)")
    }
  }

  @Test func typingARegionAfterTheWelcomeChoosesIt() throws {
    var (engine, _) = try withoutRegion()
    let effects = engine.handle(.line("uk"))
    #expect(
      effects.lines.first?.hasPrefix("Region: United Kingdom. Emergency number: 999. Crisis line: Samaritans") == true)
    #expect(engine.record.region == "UK")
    let alert = try #require(engine.handle(.line("he is not breathing")).alerts.first)
    #expect(alert.message.contains("Call 999 now"))
  }

  @Test func anythingElseAfterTheWelcomeGoesOnWithEveryNumberShown() throws {
    var (engine, _) = try withoutRegion()
    _ = engine.handle(.line("what is oih"))
    let alert = try #require(engine.handle(.line("my husband wont wake up")).alerts.first)
    #expect(alert.message.contains("your emergency number (911 US/CA, 999 UK"))
    // Asked once only: a later "uk" is a question, not a region (/region still works).
    _ = engine.handle(.line("uk"))
    #expect(engine.record.region == "")
  }

  @Test func regionCommandChangesTheRegionMidSession() throws {
    var engine = try Shipped.atMenu()
    #expect(
      engine.handle(.line("/region AU")).lines.first?.contains("Emergency number: 000. Crisis line: Lifeline, 13 11 14")
        == true)
    #expect(engine.record.region == "AU")
    #expect(engine.handle(.line("/region")).lines.first?.hasPrefix("Region: Australia.") == true)
    #expect(
      engine.handle(.line("/region mars")).lines.first
        == "I do not know the region mars. Please type one of: US, CA, UK, IE, AU, NZ or EU.")
    #expect(engine.record.region == "AU")
  }

  @Test(arguments: [
    "should i give him narcan", "do i give him the narcan?", "how many sprays of narcan", "the first spray didnt work",
  ])
  func naloxoneQuestionsGetTheOverdoseAlertNeverTheDoseRefusal(line: String) throws {
    var engine = try Shipped.atMenu()
    let effects = engine.handle(.line(line))
    let alert = try #require(effects.alerts.first)
    #expect(alert.kind == "overdose")
    #expect(alert.message.hasPrefix("Yes. If you think someone may have overdosed, give naloxone (Narcan) now."))
    #expect(alert.message.contains("rescue breaths"))
    #expect(!effects.lines.contains(Say.questionDose))
    #expect(!alert.message.contains("prescriber"))
  }

  @Test(arguments: ["how much narcan is in one spray", "how many naloxone kits can i get"])
  func aNaloxoneQuestionIsNeverADoseQuestion(line: String) throws {
    var engine = try Shipped.atMenu()
    let effects = engine.handle(.line(line))
    #expect(!effects.lines.contains(Say.questionDose))
  }

  @Test func anAllergicReactionWithBreathingTroubleShowsBothAlertsAllergyIncluded() throws {
    var engine = try Shipped.atMenu()
    let kinds = engine.handle(.line("my face is swelling and i cant breathe")).alerts.map(\.kind)
    // The specific reaction first (its own action: adrenaline), then the breathing alerts.
    #expect(kinds.first == "allergy")
    #expect(kinds.contains("overdose"))
  }

  @Test(arguments: [
    ("i take tramadol and sertraline and now im shaking sweating and my heart is racing", "serotonin"),
    ("hives and lips swelling after codeine", "allergy"),
    ("my 2 year old swallowed a buprenorphine film", "child-exposure"),
    ("my 3 yr old got into my pills", "child-exposure"),
    ("im going to use heroin tonight", "street-use"),
    ("got out of jail today and want to use again", "street-use"),
    ("i stop breathing in my sleep my wife says", "sleep-breathing"),
    ("took my oxy with a hot bath and heating pad on my patch", "patch-heat"),
    ("im so constipated i havent pooped in a week and my belly is swollen and im vomiting", "constipation"),
  ])
  func eachNewKindOfDangerRaisesItsAlert(line: String, kind: String) throws {
    var engine = try Shipped.atMenu()
    let alerts = engine.handle(.line(line)).alerts
    #expect(alerts.contains { $0.kind == kind }, "\(alerts.map(\.kind))")
    #expect(alerts.allSatisfy { $0.urgent })
  }

  @Test func aChildSwallowingAlertGivesThePoisonLineAndSaysEvenIfTheySeemFine() throws {
    var engine = try Shipped.atMenu()
    let alert = try #require(
      engine.handle(.line("my toddler chewed my fentanyl patch")).alerts.first { $0.kind == "child-exposure" })
    #expect(alert.message.contains("even if the child seems fine"))
    #expect(alert.message.contains("Poison Help 1-800-222-1222"))
  }

  @Test func streetUseGivesHarmReductionAndTheHelpline() throws {
    var engine = try Shipped.atMenu()
    let alert = try #require(engine.handle(.line("just got out of prison and going to get high")).alerts.first)
    #expect(alert.message.contains("do not use alone"))
    #expect(alert.message.contains("SAMHSA National Helpline 1-800-662-4357"))
    #expect(!alert.message.contains("Ask your prescriber"))
  }

  @Test(arguments: [
    "i want to ｋｉｌｌ myself", "i want to ki\u{200B}ll myself", "i want to k\u{0456}ll myself",
    "i want to kil\u{00AD}l myself",
    "i want to ki\u{FEFF}ll myself", "i w\u{0430}nt to kill myself",
  ])
  func lookAlikeCharactersAreFoldedBeforeMatching(line: String) throws {
    var engine = try Shipped.atMenu()
    #expect(engine.handle(.line(line)).alerts.first?.kind == "suicide")
  }

  @Test func aShortCourseAfterSurgeryGetsCalmAdviceNotTheStoppingWarning() throws {
    var engine = try Shipped.atMenu()
    let alerts = engine.handle(.line("its been 3 days since my c section can i stop the percocet now")).alerts
    #expect(alerts.map(\.kind) == ["short-course"])
    #expect(alerts.first?.urgent == false)
    #expect(alerts.first?.message.contains("Ask your surgery team or pharmacist") == true)
    #expect(alerts.first?.message.contains("suicide") == false)
  }

  @Test func longTermUseAfterSurgeryStillGetsTheStoppingWarning() throws {
    var engine = try Shipped.atMenu()
    let kinds = engine.handle(
      .line("i have been on oxycodone for 6 years since my back surgery and im quitting cold turkey tomorrow")
    ).alerts.map(\.kind)
    #expect(kinds.contains("stopping"))
    #expect(!kinds.contains("short-course"))
  }

  @Test func beingCutOffGetsTheRanOutMessageNotDoNotStopOnYourOwn() throws {
    var engine = try Shipped.atMenu()
    let alert = try #require(engine.handle(.line("doc cut me off")).alerts.first)
    #expect(alert.flagID == "stopping-ran-out")
    #expect(alert.message.contains("bridge"))
    #expect(alert.message.contains("naloxone"))
    #expect(!alert.message.contains("on your own"))
  }

  @Test func anAlarmingNoteShowsTheAlertAndIsStillSaved() throws {
    var engine = try Shipped.atMenu()
    let effects = engine.handle(.line("/note i stopped my oxy last week on my own and the pain got worse"))
    #expect(!effects.alerts.isEmpty)
    #expect(effects.lines.contains("Your note was added to your summary."))
    #expect(engine.record.notes == ["i stopped my oxy last week on my own and the pain got worse"])
  }

  @Test func anAlarmingDoctorQuestionShowsTheAlertAndIsStillSaved() throws {
    var engine = try Shipped.atMenu()
    let effects = engine.handle(.line("/ask-doctor can i go back to my old dose now?"))
    #expect(effects.alerts.first?.kind == "old-dose")
    #expect(effects.lines.contains("Your question was added to the list for your doctor."))
    #expect(engine.record.ownQuestions == ["can i go back to my old dose now?"])
  }

  @Test func theGoodbyeShowsTheEmergencyAndTheCrisisNumber() throws {
    var engine = try Shipped.atMenu()
    let goodbye = engine.handle(.line("/quit")).lines.joined()
    #expect(goodbye.contains("call 911"))
    #expect(goodbye.contains("988 Suicide & Crisis Lifeline: 988 (call or text)"))
  }

  @Test func everyRegionHasEveryNumberAndSameDayAdviceIsNeverTheEmergencyLine() throws {
    let knowledge = try Shipped.loaded.get()
    #expect(knowledge.regions.map(\.id).sorted() == ["AU", "CA", "EU", "IE", "NZ", "UK", "US"])
    for region in knowledge.regions {
      for value in [region.emergency, region.crisis, region.crisisName, region.urgent, region.poison, region.helpline] {
        #expect(!value.isEmpty, "\(region.id)")
      }
      #expect(region.urgent != region.emergency, "\(region.id)")
      for field in Region.numberFields { #expect(!(region.fieldSources[field] ?? []).isEmpty, "\(region.id) \(field)") }
    }
  }

  @Test func noTextTellsThePersonTheyHaveOIH() throws {
    let knowledge = try Shipped.loaded.get()
    var texts = Array(knowledge.messages.values)
    texts += knowledge.topics.flatMap { [$0.title, $0.answer, $0.detail ?? ""] }
    texts += knowledge.checklists.flatMap { $0.bands.flatMap { [$0.label, $0.text] } }
    texts += knowledge.redFlags.flatMap { [$0.message, $0.action] }
    let claims = [
      "you have oih", "you have opioid-induced", "you probably have oih", "you likely have oih",
      "you have hyperalgesia", "this is oih",
    ]
    // "cannot tell if you have OIH" is fine; a statement that the person has it is not.
    for text in texts {
      let lower = text.lowercased()
      for claim in claims {
        var rest = lower[...]
        while let range = rest.range(of: claim) {
          let before = lower[..<range.lowerBound].suffix(10)
          #expect(["if ", "whether", "mean ", "not "].contains { before.contains($0) }, "\(text)")
          rest = rest[range.upperBound...]
        }
      }
    }
  }

  @Test func everyKindHasItsOwnPriority() throws {
    let knowledge = try Shipped.loaded.get()
    let priorities = knowledge.redFlagKinds.map(\.priority)
    #expect(Set(priorities).count == priorities.count)
  }
}
