import App
import Conversation
import Foundation
import Testing

/// `oih ask`: text and JSON come from one reply (`Conversation.ask`), so they always agree.
@Suite struct AskTests {
  static let questions = [
    "quit", "1", "/quit", "what is oih", "does it get worse", "taper", "how do i bake sourdough bread",
    "how many mg of oxycodone can i take", "my husband took all his pills and wont wake up", "", "  ", "tell me more",
    "thanks", "is it my fault", "what are the warning signs", "what should i ask my doctor", "whats hyperkatifeia",
    "where can i get narcan", "what is \u{1B}[2J oih", "/save x.txt", "can i have a beer with my oxy tonight",
  ]

  static func ask(_ question: String, region: String? = "US") throws -> OneShot {
    OneShot(question, loaded: try Shipped.require(), region: region, date: "2026-01-15", width: 80)
  }

  @Test(arguments: questions)
  func textAndJSONAgree(question: String) throws {
    let reply = try Self.ask(question)
    let decoded = try JSONDecoder().decode(OneShot.JSONReply.self, from: Data(reply.jsonText().utf8))
    #expect(decoded == reply.json)
    #expect(decoded.text == reply.text)
    #expect(!reply.text.isEmpty, "every outcome shows something")
    #expect(decoded.outcome == reply.reply.outcome.name)
    #expect(decoded.urgent == (decoded.outcome == "urgent"))
    if decoded.outcome == "answer", decoded.term == nil, let title = decoded.title {
      #expect(reply.text.hasPrefix(title + "\n"))
    }
    for alert in decoded.alerts { #expect(reply.text.contains("URGENT: \(alert.label)")) }
  }

  @Test(arguments: ["quit", "exit", "menu", "/quit", "help"])
  func commandWordsAreNotRunHere(question: String) throws {
    let reply = try Self.ask(question)
    #expect(reply.reply.outcome == .command(question))
    #expect(reply.text.contains(question))
    #expect(!reply.text.contains("Goodbye"))
    #expect(!reply.text.contains("What would you like to do?"))
  }

  @Test func aNumberIsNotAMenuChoice() throws {
    #expect(try Self.ask("1").reply.outcome == .unknown)
  }

  @Test func anAnswerShowsTheTopicAndNoMenu() throws {
    let reply = try Self.ask("what is oih")
    #expect(reply.json.outcome == "answer")
    #expect(reply.json.topicID == "what-is-oih")
    #expect(reply.text.contains("What is opioid-induced hyperalgesia (OIH)?\n"))
    #expect(!reply.text.contains("What would you like to do?"))
  }

  @Test func controlCharactersAreRemovedBeforeMatchingInBothForms() throws {
    let reply = try Self.ask("what is \u{1B}[2J oih")
    #expect(reply.reply.outcome == .answer(topic: "what-is-oih", definition: "oih"))
    #expect(reply.jsonText().contains(#""topic_id":"what-is-oih""#))
    #expect(!reply.text.contains("\u{1B}"))
  }

  @Test func choicesCarryTitlesAndDoNotAskForANumberThatCannotBeTyped() throws {
    let reply = try Self.ask(try Shipped.choicesLine())
    guard case .choices(let ids) = reply.reply.outcome else {
      Issue.record("expected choices, got \(reply.reply.outcome)")
      return
    }
    #expect(reply.json.choices.map(\.id) == ids)
    #expect(reply.json.choices.allSatisfy { $0.title.count > 3 })
    #expect(reply.json.topicID == ids.first, "the closest topic's first line is shown")
    #expect(!reply.text.contains("Type a number"))
  }

  @Test func aMixingQuestionShowsTheAlertThenTheAnswerInBothForms() throws {
    let reply = try Self.ask("can i have a beer with my oxy tonight")
    guard case .urgent(let alerts, let then) = reply.reply.outcome else {
      Issue.record("expected an alert, got \(reply.reply.outcome)")
      return
    }
    #expect(alerts.map(\.kind) == ["combination"])
    #expect(then == .answer(topic: "alcohol", definition: nil))
    #expect(reply.json.outcome == "urgent")
    #expect(reply.json.then == "answer")
    #expect(reply.json.topicID == "alcohol")
    #expect(reply.jsonText().contains(#""then":"answer""#))
    let alert = try #require(reply.text.range(of: "URGENT: DANGEROUS MIX"))
    let title = try #require(reply.text.range(of: "Opioids and alcohol\n"))
    #expect(alert.lowerBound < title.lowerBound, "the alert comes first")
  }

  @Test func urgentShowsOnlyTheAlerts() throws {
    let reply = try Self.ask("my husband took all his pills and wont wake up")
    #expect(reply.json.outcome == "urgent")
    #expect(reply.json.urgent)
    #expect(reply.json.alerts.first?.kind == "overdose")
    #expect(reply.json.topicID == nil)
    #expect(reply.text.contains("URGENT: POSSIBLE OVERDOSE"))
  }

  @Test func doseQuestionsGetNoAmount() throws {
    let reply = try Self.ask("how many mg of oxycodone can i take")
    #expect(reply.reply.outcome == .dose)
    #expect(reply.text.hasPrefix("I cannot give amounts, doses or timing for any medicine."))
  }

  /// A definition is not a dose question, nor is "right after my dose"; "the right dose for me" is.
  @Test func definitionsAndTimeWordsAreNotDoseQuestions() throws {
    #expect(try Self.ask("what is between dose withdrawal").json.term == "between-dose-withdrawal")
    #expect(
      try Self.ask("my pain got worse right after my dose went up is that a sign of oih").reply.outcome != .dose)
    #expect(try Self.ask("what is the right dose for me").reply.outcome == .dose)
    #expect(try Self.ask("is 10mg the right dose of oxy").reply.outcome == .dose)
  }

  /// A term's own topic that never names it gets the definition first ("neuropathic" before the
  /// nerve-pain medicines); a topic that names it does not repeat it ("what is oih").
  @Test func aDefinitionComesFirstWhenTheTopicDoesNotNameTheTerm() throws {
    #expect(try Self.ask("what does neuropathic mean").text.hasPrefix("Neuropathic pain: Pain from"))
    #expect(try Self.ask("what is oih").text.hasPrefix("What is opioid-induced hyperalgesia (OIH)?"))
  }

  @Test func smallTalkGetsAWarmReplyNotNoAnswer() throws {
    let reply = try Self.ask("thanks")
    #expect(reply.json.outcome == "small-talk")
    #expect(reply.json.intent == "thanks")
    #expect(!reply.text.contains("I do not have an answer"))
  }

  @Test func withoutARegionEveryRegionsNumbersAreShown() throws {
    let reply = try Self.ask("my husband took all his pills and wont wake up", region: nil)
    #expect(reply.text.contains("911"))
    #expect(reply.text.contains("999"))
  }

  @Test func jsonKeepsEveryFieldEvenWhenEmpty() throws {
    let json = try Self.ask("how do i bake sourdough bread").jsonText()
    for key in [
      "\"topic_id\":null", "\"title\":null", "\"answer\":null", "\"choices\":[]", "\"urgent\":false", "\"alerts\":[]",
      "\"text\":",
    ] {
      #expect(json.contains(key), "\(key) missing from \(json)")
    }
    #expect(!json.contains("\"term\""))
    #expect(!json.contains("\n"))
  }
}

/// The transcript diff shown when a golden transcript no longer matches.
@Suite struct UnifiedDiffTests {
  @Test func equalListsHaveNoDiff() {
    #expect(UnifiedDiff.diff(expected: ["a", "b"], actual: ["a", "b"], name: "t") == "")
  }

  @Test func aChangedLineShowsRemovalThenAdditionWithContext() {
    let expected = ["1", "2", "3", "4", "5", "6", "7", "8", "9"]
    var actual = expected
    actual[4] = "five"
    #expect(
      UnifiedDiff.diff(expected: expected, actual: actual, name: "t").split(separator: "\n").map(String.init) == [
        "--- t (expected)", "+++ t (actual)", "@@ -2,7 +2,7 @@", " 2", " 3", " 4", "-5", "+five", " 6", " 7", " 8",
      ])
  }

  @Test func distantChangesMakeTwoHunks() {
    let expected = (1...20).map(String.init)
    var actual = expected
    actual.remove(at: 1)
    actual.append("21")
    let lines = UnifiedDiff.diff(expected: expected, actual: actual, name: "t").split(separator: "\n").map(String.init)
    #expect(lines.filter { $0.hasPrefix("@@") } == ["@@ -1,5 +1,4 @@", "@@ -18,3 +17,4 @@"])
    #expect(lines.contains("-2"))
    #expect(lines.contains("+21"))
  }

  @Test func anEmptySideIsNumberedAsGNUDiffDoes() {
    #expect(UnifiedDiff.diff(expected: [], actual: ["a"], name: "t").contains("@@ -0,0 +1,1 @@"))
    #expect(UnifiedDiff.diff(expected: ["a"], actual: [], name: "t").contains("@@ -1,1 +0,0 @@"))
  }
}

/// Where the knowledge base is looked for.
@Suite struct KnowledgeFolderTests {
  @Test func environmentComesFirstThenBesideTheBinary() {
    let candidates = KnowledgeFolder.candidates(environment: "/custom", executable: "/opt/oih/bin/oih")
    #expect(
      Array(candidates.prefix(4)) == [
        "/custom", "/opt/oih/share/oih/Knowledge", "/opt/oih/bin/Knowledge", "/opt/oih/Knowledge",
      ])
    #expect(Set(candidates).count == candidates.count)
  }

  @Test func anEmptyEnvironmentValueIsIgnored() {
    #expect(KnowledgeFolder.candidates(environment: "", executable: "/usr/bin/oih").first == "/usr/share/oih/Knowledge")
  }

  @Test func aMissingFolderIsAFailureListingTheErrors() {
    #expect {
      try KnowledgeFolder.load("/no/such/folder")
    } throws: { error in
      guard case .failure(let message) = error as? AppError else { return false }
      return message.contains("oih cannot start: the knowledge base in /no/such/folder has errors.")
    }
  }

  @Test func unknownRegionIsAUsageError() throws {
    let loaded = try Shipped.require()
    #expect(throws: AppError.usage("unknown region 'XX'. Use one of: US, CA, UK, IE, AU, NZ, EU.")) {
      try loaded.regionID("XX")
    }
    #expect(try loaded.regionID("uk") == "UK")
    // No region given: none is guessed; the session asks and shows every region's numbers.
    #expect(try loaded.regionID(nil) == nil)
  }
}

/// `oih guide graph`.
@Suite struct GuideGraphTests {
  @Test func mermaidAndDotShowEveryNodeAndChoice() throws {
    let loaded = try Shipped.require()
    let guide = try #require(loaded.knowledge.guide("welcome"))
    let mermaid = GuideGraph.render(guide, format: .mermaid)
    let dot = GuideGraph.render(guide, format: .dot)
    #expect(mermaid.hasPrefix("flowchart TD\n"))
    #expect(dot.hasPrefix("digraph \"welcome\" {\n"))
    #expect(dot.hasSuffix("\n}"))
    for id in guide.order {
      #expect(dot.contains("\"\(id)\" ["), "node \(id) missing from dot")
      #expect(mermaid.contains("n_\(id.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined())["))
    }
    #expect(mermaid.contains("|\"Learn what OIH is\"|"))
  }

  @Test func anUnreadableFileIsAFailure() throws {
    let loaded = try Shipped.require()
    #expect(throws: AppError.self) { try GuideGraph.draw("/no/such/guide.yaml", loaded: loaded, format: .dot) }
  }
}

/// Transcripts replay through the same runner, with `/save` and `/print` really carried out.
@Suite struct ReplayTests {
  @Test func savedFilesAndPrintJobsCanBeShown() throws {
    let transcript = Transcript.parse(
      """
      #! region: UK  width: 60  date: 2026-01-15  print: ok  show: yes
      > /note bring my pill bottles
      > /save visit.md
      > /print

      """)
    let lines = TranscriptReplayer(loaded: try Shipped.require()).run(transcript, directory: "/")
    let file = try #require(lines.firstIndex(of: "[file visit.md]"))
    let job = try #require(lines.firstIndex(of: "[printed on default, A4]"))
    #expect(file < job)
    #expect(lines[(file + 1)..<job].contains("- bring my pill bottles"))
    #expect(lines[(job + 1)...].contains { $0.contains("bring my pill bottles") })
  }

  @Test func aMismatchDiffPassesTheOutputFilter() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oih-replay-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("escape.transcript")
    try "#! region: US  width: 80\n> hi\n\u{1B}]0;owned\u{07}\u{1B}[2Jnot what the program says\n".write(
      to: file, atomically: true, encoding: .utf8)
    var out = ""
    let passed = try Replay.run(paths: [folder.path], update: false, loaded: try Shipped.require()) { out += $0 }
    #expect(!passed)
    #expect(out.contains("not what the program says"))
    #expect(!out.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
  }

  @Test func missingPathIsAFailure() throws {
    let loaded = try Shipped.require()
    #expect(throws: AppError.failure("error: no such file or folder: /no/such/transcripts")) {
      try Replay.run(paths: ["/no/such/transcripts"], update: false, loaded: loaded) { _ in }
    }
  }
}
