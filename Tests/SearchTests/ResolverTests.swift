import KnowledgeBase
import Search
import Testing

/// What a free line resolves to: small talk, follow-ups, definitions, warning signs, doctor
/// questions, and the calibrated choice between answering and offering choices.
@Suite struct ResolverTests {
  func index() throws -> SearchIndex { try #require(Indexed.index) }

  @Test(arguments: [
    ("hi", "greeting"), ("Thanks!", "thanks"), ("thank you so much", "thanks"), ("ok", "ok"),
    ("is it my fault", "fault"), ("I'm scared", "scared"), ("im so scared", "scared"),
    ("what do u mean", "confused"), ("are you a real person", "who-are-you"), ("lol ok", "ok"),
    ("cheers mate", "thanks"), ("sorry my typing is bad", "sorry"), ("can you help me", "who-are-you"),
    ("this is all too much", "feel-bad"), ("im worried about my husband", "scared"),
    ("hello is anyone there", "greeting"), ("thank you so much xx", "thanks"), ("bye for now", "thanks"),
  ])
  func smallTalkGetsItsIntent(line: String, intent: String) throws {
    #expect(try index().resolve(line, context: "naloxone") == .smallTalk(intent))
  }

  @Test(arguments: [
    ("is this a robot or a nurse", "who-are-you"), ("who made this", "who-are-you"),
    ("where does your information come from", "who-are-you"), ("what can this program do", "what-you-can-do"),
    ("can i save my summary to show my doctor", "what-you-can-do"), ("is this private", "privacy"),
    ("will you tell my doctor what i type here", "privacy"), ("do you remember me from yesterday", "privacy"),
    ("can you prescribe something", "limits"), ("can you book me an appointment with dr patel", "limits"),
    ("can you call an ambulance", "limits"), ("can i talk to a human", "human"),
    ("honestly feel like doctors dont care anymore", "feel-bad"), ("youre not very helpful", "confused"),
    ("is this a real doctor", "who-are-you"), ("youre no help at all", "confused"),
    ("i just want someone to listen to me for once", "feel-bad"), ("is this ai", "who-are-you"),
    ("how do i save this", "what-you-can-do"), ("what kind of things can i ask you", "what-you-can-do"),
    ("does medicare cover physio for chronic pain", "money-and-rules"),
    ("will my meds show up on a work drug test", "money-and-rules"),
    ("can my employer fire me for being on opioids", "money-and-rules"), ("will my boss find out", "money-and-rules"),
    ("how much is a pain clinic visit without insurance", "money-and-rules"),
    ("sorry my english not so good", "sorry"), ("can i read this in spanish", "language"),
    ("english is not my first language", "language"),
  ])
  func aShortLineAboutTheProgramIsSmallTalkByItsPatterns(line: String, intent: String) throws {
    #expect(try index().resolve(line, context: nil) == .smallTalk(intent))
  }

  /// Patterns never take a topic question: no `it` and no bare "can you" in them, and a line of
  /// more than `patternLineLimit` words is a question with more in it.
  @Test(
    arguments: [
      ("can you get addicted to tramadol", nil), ("how do i use it", "naloxone"),
      ("can you call it addiction", nil), ("my doctor does not believe oih is real", nil),
      ("what are my options if my meds are the problem", nil), ("can you tell me about naloxone", nil),
      ("is this private or do i need to ask my doctor about the taper first", nil),
      ("does insurance make people take more pills than they need for years", nil),
    ] as [(String, String?)])
  func aTopicQuestionIsNotTakenBySmallTalkPatterns(line: String, context: String?) throws {
    if case .smallTalk(let intent) = try index().resolve(line, context: context) {
      Issue.record("'\(line)' was taken as small talk '\(intent)'")
    }
  }

  @Test(arguments: [
    "how do i fix my wifi", "what stocks should i buy", "whats the weather like tomorrow",
    "whats the capital of canada", "how do i lose weight fast",
    "help me with my tax return", "my car makes a clicking noise when i turn left",
  ])
  func aLineWithNoWordOfTheSubjectHasNoAnswer(line: String) throws {
    #expect(try index().resolve(line, context: nil) == .unknown)
  }

  /// Words of the subject come from titles, the glossary (misspelt too), synonyms, medicine
  /// names and `subject-words`; a word that points back counts ("it" is OIH before any topic).
  /// Checked with the topic classifier off: its `none` class may still find that no topic
  /// answers such a line ("is endone the same as oxynorm").
  @Test(arguments: [
    "is it reversible", "alodynia meaning", "how do i know if i have it", "my knees ache all day",
    "is endone the same as oxynorm", "is physio worth it", "is this real", "can i get narcan in canada",
    "how strong is the research", "nyxoid where to get in uk", "is kratom legal", "can kids get this",
    "any rash or swelling to watch for",
  ])
  func aLineAboutTheSubjectIsRanked(line: String) throws {
    var settings = RankingSettings()
    settings.classifierWeight = 0
    let lexical = SearchIndex(knowledge: try #require(Indexed.knowledge), settings: settings)
    #expect(lexical.resolve(line, context: nil) != .unknown)
  }

  @Test func aBrandNameIsSearchedAsItsGenericName() throws {
    let index = try index()
    #expect(index.terms(of: "is palexia even an opioid").contains("tapentadol"))
    #expect(index.terms(of: "endone").first?.hasPrefix("oxycodon") == true)
    // synonyms.yaml says what a combination pill means: it is not replaced by medicines.yaml.
    #expect(index.terms(of: "percocet").contains("acetaminophen"))
    // A brand of one opioid means that medicine and the class.
    let dilaudid = index.terms(of: "dilaudid")
    #expect(dilaudid.contains { $0.hasPrefix("hydromorphon") } && dilaudid.contains("opioid"))
    guard case .topic(let hit, _) = index.resolve("is palexia even an opioid", context: nil) else {
      Issue.record("no topic")
      return
    }
    #expect(hit.topicID == "which-opioids")
  }

  @Test func smallTalkFollowedByAQuestionIsAQuestion() throws {
    let resolution = try index().resolve("thanks, and what is naloxone", context: nil)
    guard case .topic(let hit, _) = resolution else {
      Issue.record("expected a topic, got \(resolution)")
      return
    }
    #expect(hit.topicID == "naloxone")
  }

  // A short line after a topic that nothing answers on its own goes on about that topic; a line
  // the classifier reads as one no topic answers does not.
  @Test(arguments: [
    ("same here, its awful", "sleep-and-pain"), ("even at night", "physical-therapy-and-exercise"),
    ("how long for", "naloxone"),
  ])
  func aShortLineNothingAnswersGoesOnAboutTheTopic(line: String, context: String) throws {
    #expect(try index().resolve(line, context: context) == .more(context))
  }

  @Test(arguments: ["whats the weather like tomorrow", "who won the football last night", "how do i bake bread"])
  func anOffTopicLineAfterATopicIsStillNotAnswered(line: String) throws {
    #expect(try index().resolve(line, context: "sleep-and-pain") == .unknown)
  }

  @Test func whereDoIGetItAfterNaloxoneIsAboutNaloxone() throws {
    #expect(try index().resolve("where do i get it", context: "naloxone") == .more("naloxone"))
    // A line with a subject of its own that another topic answers goes there, "that" or not.
    if case .topic(let hit, _) = try index().resolve(
      "what about stopping tramadol all at once, is that ok?", context: "alcohol")
    {
      #expect(hit.topicID == "never-stop-suddenly")
    } else {
      Issue.record("expected the stopping topic")
    }
  }

  @Test func tellMeMoreWithoutCommandWordsFollowsTheTopic() throws {
    #expect(try index().resolve("more about that", context: "tapering-safely") == .more("tapering-safely"))
  }

  @Test(arguments: ["any tips", "any advice", "for example", "like what"])
  func askingForTipsOrExamplesFollowsTheTopic(line: String) throws {
    #expect(try index().resolve(line, context: "sleep-and-pain") == .more("sleep-and-pain"))
  }

  @Test func moreWithPleaseFollowsTheTopic() throws {
    #expect(try index().resolve("more info pls", context: "signs-of-oih") == .more("signs-of-oih"))
  }

  @Test(arguments: ["why", "how do i do that", "whats the next step"])
  func onlyAskingForMoreAfterATopicAboutOneThingStaysOnIt(line: String) throws {
    #expect(try index().resolve(line, context: "naloxone") == .more("naloxone"))
  }

  @Test func aNumberInTheQuestionDoesNotCountAgainstTheMatch() throws {
    #expect(try index().resolve("am i at risk if ive been on them 10 yrs", context: nil).topicID == "who-is-at-risk")
  }

  @Test func whyAfterWhatIsOIHIsWhyItHappens() throws {
    #expect(try index().resolve("why?", context: "what-is-oih").topicID == "why-it-happens")
  }

  @Test func beforeAnyTopicItMeansOIH() throws {
    let resolution = try index().resolve("is it real", context: nil)
    #expect(resolution.topicID == "is-oih-real")
  }

  @Test func howIsThatDifferentFromOIHAfterTolerance() throws {
    let resolution = try index().resolve("how is that different from oih", context: "oih-vs-tolerance")
    #expect(resolution.topicID == "oih-vs-tolerance")
  }

  @Test func whatCanIDoAboutItGoesToWhatHelps() throws {
    #expect(try index().resolve("what can i do about it", context: "what-is-oih").topicID == "what-helps")
  }

  @Test(arguments: ["define tolerance in simple words", "what does tolerance mean in plain english please"])
  func aDefinitionAskedInPlainWordsGivesTheDefinition(line: String) throws {
    switch try index().resolve(line, context: nil) {
    case .glossary(let term), .topic(_, definition: .some(let term)): #expect(term == "tolerance")
    case let other: Issue.record("expected the definition of tolerance, got \(other)")
    }
  }

  @Test func definitionQuestionGivesTheDefinitionFirst() throws {
    let resolution = try index().resolve("what does tolerance mean", context: nil)
    guard case .topic(_, let definition) = resolution else {
      Issue.record("expected a topic with a definition, got \(resolution)")
      return
    }
    #expect(definition == "tolerance")
  }

  @Test(arguments: [
    "what are the warning signs", "red flags", "what red flags should i watch for",
    "how do i know when to call 911 and when to just call the doctor",
    "what symptoms mean i need to see my gp urgently",
  ])
  func warningSigns(line: String) throws {
    #expect(try index().resolve(line, context: nil) == .warningSigns)
  }

  @Test func warningSignsOfSomethingNamedAreThatTopic() throws {
    #expect(try index().resolve("warning signs of an overdose", context: nil) != .warningSigns)
  }

  @Test(arguments: [
    "what should i ask my doctor", "questions to ask my doctor", "questions to ask gp about tapering",
    "what should i ask about naloxone at my next appt", "list of questions for my appointment tomorrow",
  ])
  func doctorQuestions(line: String) throws {
    #expect(try index().resolve(line, context: nil) == .doctorQuestions)
  }

  @Test(arguments: ["1", "42", "?!"])
  func numbersAloneAreNotQuestions(line: String) throws {
    #expect(try index().resolve(line, context: nil) == .unknown)
  }

  @Test func everydayWordsAreNotCorrectedIntoKnowledgeWords() throws {
    #expect(try index().terms(of: "whats the weather") == ["weather"])
  }

  /// Calibration: choices only when another topic is within `aheadRatio` of the best, and then
  /// only those close topics.
  @Test func choicesAreOnlyTheCloseTopics() throws {
    let index = try index()
    for row in Indexed.devSet {
      guard case .choices(let hits) = index.outcome(for: row.question) else { continue }
      let top = try #require(hits.first).score
      #expect(hits.count >= 2 && hits.count <= 3)
      #expect(hits.allSatisfy { $0.score * index.settings.aheadRatio >= top }, "\(row.question): \(hits)")
    }
  }
}

extension Resolution {
  /// The topic shown, if any.
  var topicID: String? {
    switch self {
    case .topic(let hit, _): return hit.topicID
    case .more(let id): return id
    case .choices(let hits): return hits.first?.topicID
    case .unknown, .smallTalk, .glossary, .warningSigns, .doctorQuestions: return nil
    }
  }
}

/// Follow-ups, definitions and requests for lists are recognised from Knowledge/phrasings.yaml,
/// not from the program's code: editing the file changes what the program understands.
@Suite struct PhrasingsTests {
  func knowledge() throws -> Knowledge { try #require(Indexed.knowledge) }

  @Test func aPhrasingAddedToTheFileIsUnderstood() throws {
    var edited = try knowledge()
    // Without the rule that keeps any short line nothing answers on the topic just shown, so that
    // only the phrase file decides what "keep talking" means.
    var settings = RankingSettings()
    settings.followUpWords = 0
    let before = SearchIndex(knowledge: edited, settings: settings)
    #expect(before.resolve("keep talking", context: "naloxone") != .more("naloxone"))
    #expect(before.resolve("glossary for allodynia", context: nil) != .glossary("allodynia"))
    edited.phrasings.more.append("keep talking")
    edited.phrasings.definitionOpenings.append("glossary for")
    let after = SearchIndex(knowledge: edited, settings: settings)
    #expect(after.resolve("keep talking", context: "naloxone") == .more("naloxone"))
    #expect(after.resolve("keep talking please", context: "naloxone") == .more("naloxone"))
    if case .topic(_, let definition) = after.resolve("glossary for allodynia", context: nil) {
      #expect(definition == "allodynia")
    } else {
      #expect(after.resolve("glossary for allodynia", context: nil) == .glossary("allodynia"))
    }
  }

  @Test func aSmallTalkPatternAddedToTheFileIsUnderstood() throws {
    var edited = try knowledge()
    #expect(SearchIndex(knowledge: edited).resolve("is this thing on", context: nil) != .smallTalk("greeting"))
    let greeting = try #require(edited.smallTalk.firstIndex { $0.id == "greeting" })
    edited.smallTalk[greeting].patterns.append("this thing on|working")
    #expect(SearchIndex(knowledge: edited).resolve("is this thing on", context: nil) == .smallTalk("greeting"))
    #expect(
      SearchIndex(knowledge: edited).resolve("hello is this thing even working", context: nil) == .smallTalk("greeting")
    )
  }

  @Test func subjectWordsFromTheFileLetALineBeRanked() throws {
    var edited = try knowledge()
    let line = "my hips and legs are burning"
    #expect(SearchIndex(knowledge: edited).resolve(line, context: nil) != .unknown)
    // Stems count: "hips" is "hip".
    edited.phrasings.subjectWords.removeAll { ["hip", "hips", "leg", "legs", "burning"].contains($0) }
    #expect(SearchIndex(knowledge: edited).resolve(line, context: nil) == .unknown)
  }

  @Test func withoutPhrasingsFollowUpsAndListsAreNotRecognised() throws {
    var bare = try knowledge()
    bare.phrasings = Phrasings()
    // Without the rule that keeps any short line nothing answers on the topic just shown.
    var settings = RankingSettings()
    settings.followUpWords = 0
    let index = SearchIndex(knowledge: bare, settings: settings)
    #expect(index.resolve("tell me more", context: "naloxone") != .more("naloxone"))
    #expect(index.resolve("what are the red flags", context: nil) != .warningSigns)
    #expect(index.resolve("what should i ask my doctor", context: nil) != .doctorQuestions)
    let shipped = SearchIndex(knowledge: try knowledge())
    #expect(shipped.resolve("tell me more", context: "naloxone") == .more("naloxone"))
    #expect(shipped.resolve("what are the red flags", context: nil) == .warningSigns)
    #expect(shipped.resolve("what should i ask my doctor", context: nil) == .doctorQuestions)
  }

  @Test func warningSignsNeedEveryWordOfOnePhrasing() throws {
    var edited = try knowledge()
    edited.phrasings.warningSigns = ["alarm bells"]
    edited.phrasings.generic += ["alarm", "bells"]
    let index = SearchIndex(knowledge: edited)
    #expect(index.resolve("what are the alarm bells", context: nil) == .warningSigns)
    #expect(index.resolve("what are the red flags", context: nil) != .warningSigns)
    #expect(index.resolve("alarm bells for naloxone", context: nil) != .warningSigns)
  }
}

/// A feeling that opens a line gets its own reply when the rest asks nothing or nothing answers
/// it; a glossary word named by its first word; more ways to ask what to tell the doctor.
@Suite struct FeelingsAndDefinitionsTests {
  func index() throws -> SearchIndex { try #require(Indexed.index) }

  @Test(arguments: [
    "im fed up with all of this", "im so tired of being in pain", "i feel judged at the pharmacy every single month",
  ])
  func aFeelingWithNothingToAnswerGetsTheFeelingsReply(line: String) throws {
    #expect(try index().resolve(line, context: nil) == .smallTalk("feel-bad"))
  }

  @Test func aFeelingBeforeARealQuestionStillGetsTheAnswer() throws {
    if case .topic(let hit, _) = try index().resolve("im scared that it will never go away", context: nil) {
      #expect(hit.topicID == "does-it-go-away")
    } else {
      Issue.record("expected a topic")
    }
  }

  // "is it my fault" opens the line as a feeling; the rest alone ("i have oih") would be the
  // can-this-tool-diagnose topic, but the whole line asks about blame, which oih-myths answers.
  @Test func aFeelingWhoseWholeLineAnswersBetterGetsTheWholeLinesTopic() throws {
    if case .topic(let hit, _) = try index().resolve("is it my fault i have oih", context: nil) {
      #expect(hit.topicID == "oih-myths")
    } else {
      Issue.record("expected a topic")
    }
  }

  @Test func theFirstWordOfAGlossaryNameIsEnoughInADefinitionQuestion() throws {
    let resolution = try index().resolve("what does neuropathic mean", context: nil)
    switch resolution {
    case .topic(_, let definition): #expect(definition == "neuropathic-pain")
    case .glossary(let term): #expect(term == "neuropathic-pain")
    default: Issue.record("expected the definition, got \(resolution)")
    }
  }

  @Test(arguments: ["list of things to tell my dr at my next appt", "what should i tell my doctor"])
  func whatToTellTheDoctorOpensTheDoctorQuestions(line: String) throws {
    #expect(try index().resolve(line, context: nil) == .doctorQuestions)
  }
}
