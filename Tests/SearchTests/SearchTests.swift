import Conversation
import Foundation
import KnowledgeBase
import QuestionEvaluation
import Search
import Testing

/// The shipped knowledge and its index, built once for the suite.
enum Indexed {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let knowledge: Knowledge? = try? KnowledgeLoader.load(from: root.appendingPathComponent("Knowledge").path).0
  static let index: SearchIndex? = knowledge.map { SearchIndex(knowledge: $0) }
  static let safety: RedFlagMatcher? = knowledge.map { RedFlagMatcher(knowledge: $0) }

  /// Rows of Tests/Data/questions-dev.tsv that expect a topic: (topic, question). `topic` may
  /// hold two or three equally right ids joined by `|` (see `accepts`).
  static var devSet: [(topic: String, question: String)] { allDevRows.filter { !specialLabels.contains($0.topic) } }

  /// Expected values that are not topic ids (see Tests/Data/README.md).
  static let specialLabels: Set<String> = ["none", "smalltalk", "warning-signs", "doctor-questions", "dose", "urgent"]

  /// Whether `topic` is one of the ids `expected` accepts.
  static func accepts(_ expected: String, _ topic: String?) -> Bool {
    guard let topic else { return false }
    return expected.split(separator: "|").contains { $0 == topic }
  }

  /// Every row of Tests/Data/questions-dev.tsv: (expected, question).
  static let allDevRows: [(topic: String, question: String)] = {
    let path = root.appendingPathComponent("Tests/Data/questions-dev.tsv").path
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
      .compactMap { line in
        let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
        return parts.count == 2 ? (parts[0], parts[1]) : nil
      }
  }()

  /// The three dev files together: the split `RankingSettings` are tuned on.
  static let devFiles = ["questions-dev.tsv", "questions-dev-context.tsv", "questions-dev-unseen.tsv"].map {
    root.appendingPathComponent("Tests/Data/" + $0).path
  }
}

@Suite struct SearchTests {
  func index() throws -> SearchIndex { try #require(Indexed.index) }

  @Test func devSetIsLoadedAndNamesRealTopics() throws {
    let knowledge = try #require(Indexed.knowledge)
    #expect(Indexed.devSet.count >= 200)
    let labels = QuestionSplit.read(Indexed.devFiles).flatMap(\.accepted)
    let unknown = Set(labels).filter {
      knowledge.topic($0) == nil && !Indexed.specialLabels.contains($0) && !$0.hasPrefix("glossary:")
    }
    #expect(unknown.isEmpty, "unknown topics in the dev split: \(unknown.sorted())")
  }

  /// The metric BENCHMARKS.md reports, on the dev split (all three dev files), through the same
  /// path as `oih ask` (`Conversation.ask`: safety check, dose check, resolver): strict (a direct
  /// reply that is right) and lenient (right, or the first of the choices). The floors are the
  /// numbers after the ranking was tuned on these files with the topics of the content issue
  /// (84.6% and 85.5%), less about two points, so a change that loses more shows here. Lines a
  /// red-flag alert takes first (15 dev lines ask about mixing medicines or stopping) count as
  /// misses: that is what the person sees.
  @Test func devSplitStrictAndLenientHoldTheirFloors() throws {
    let knowledge = try #require(Indexed.knowledge)
    let rows = QuestionSplit.read(Indexed.devFiles)
    try #require(rows.count >= 400)
    let score = QuestionSplit.score(
      rows, knowledge: knowledge, index: try index(), safety: try #require(Indexed.safety))
    let strict = Double(score.strict) / Double(score.rows)
    let lenient = Double(score.lenient) / Double(score.rows)
    let misses = score.misses.prefix(25).map { "\($0.0.expected): \($0.0.line) -> \(QuestionSplit.describe($0.1))" }
    #expect(strict >= 0.82, "strict \(score.percent(score.strict)) (\(score.strict)/\(score.rows)); misses: \(misses)")
    #expect(lenient >= 0.83, "lenient \(score.percent(score.lenient)) (\(score.lenient)/\(score.rows))")
    #expect(Double(score.choices) / Double(score.rows) <= 0.08, "choices \(score.percent(score.choices))")
  }

  /// The ranking alone (no decision, no context): the best topic for each questions-dev.tsv row
  /// that expects one. Since the content issue's 22 topics, some rows have a second right topic
  /// (`a|b`); the rest were written when fewer topics competed.
  @Test func devSetTopOneAccuracyIsAtLeastEightyFivePercent() throws {
    let index = try index()
    let rows = Indexed.devSet
    try #require(!rows.isEmpty)
    let misses = rows.filter { !Indexed.accepts($0.topic, index.search($0.question, limit: 1).first?.topicID) }
    let accuracy = Double(rows.count - misses.count) / Double(rows.count)
    #expect(
      accuracy >= 0.85,
      "top-1 accuracy \(String(format: "%.1f", accuracy * 100))% (\(rows.count - misses.count)/\(rows.count)); misses: \(misses.prefix(30).map { "\($0.topic): \($0.question)" })"
    )
  }

  @Test func devSetTopThreeAccuracyIsAtLeastNinetyFivePercent() throws {
    let index = try index()
    let rows = Indexed.devSet
    try #require(!rows.isEmpty)
    let misses = rows.filter { row in
      !index.search(row.question, limit: 3).contains { Indexed.accepts(row.topic, $0.topicID) }
    }
    let accuracy = Double(rows.count - misses.count) / Double(rows.count)
    #expect(
      accuracy >= 0.95,
      "top-3 accuracy \(String(format: "%.1f", accuracy * 100))% (\(rows.count - misses.count)/\(rows.count)); misses: \(misses.map { "\($0.topic): \($0.question)" })"
    )
  }

  @Test func indexIsCountedOnceAndSearchIsRepeatable() throws {
    let index = try index()
    let knowledge = try #require(Indexed.knowledge)
    #expect(index.count == knowledge.topics.count)
    for row in Indexed.devSet {
      #expect(index.search(row.question).map(\.topicID) == index.search(row.question).map(\.topicID))
    }
  }

  @Test func aSecondIndexRanksInTheSameOrder() throws {
    let knowledge = try #require(Indexed.knowledge)
    let index = try index()
    let other = SearchIndex(knowledge: knowledge)
    for row in Indexed.devSet {
      let first = index.search(row.question)
      let second = other.search(row.question)
      #expect(first.map(\.topicID) == second.map(\.topicID), "\(row.question): \(first) vs \(second)")
    }
  }

  /// Scores are sums over the query's terms; they must not depend on the order a `Set` happens
  /// to iterate in, or near-ties can rank differently from one run to the next.
  @Test func aSecondIndexGivesTheSameScores() throws {
    let knowledge = try #require(Indexed.knowledge)
    let index = try index()
    let other = SearchIndex(knowledge: knowledge)
    let differing = Indexed.devSet.filter { index.search($0.question) != other.search($0.question) }
    #expect(
      differing.isEmpty,
      "\(differing.count) questions score differently, such as \(differing.first.map { "\($0.question): \(index.search($0.question)) vs \(other.search($0.question))" } ?? "")"
    )
  }

  @Test func hitsAreSortedBestFirstAndLimited() throws {
    let hits = try index().search("pain worse after dose went up", limit: 4)
    #expect(hits.count == 4)
    #expect(hits.map(\.score) == hits.map(\.score).sorted(by: >))
    #expect(hits.allSatisfy { $0.score > 0 })
  }

  @Test(arguments: ["opiod hyperalgeisa symtoms", "opioid hyperalgesia symptoms", "opiod hyperalgesia"])
  func misspellingsReachSignsOrWhatIs(question: String) throws {
    let index = try index()
    let top3 = index.search(question, limit: 3).map(\.topicID)
    #expect(
      top3.contains { ["signs-of-oih", "what-is-oih"].contains($0) },
      "top 3: \(top3); terms: \(index.terms(of: question))")
  }

  // A word typed in pieces (voice typing, sounding a word out) is joined back before spelling
  // correction; everyday pairs of known words ("more fine", "pain relief") stay apart.
  @Test(arguments: [
    ("does tram a dole cause the sensitive pain thing", "tramadol"),
    ("what is this hyper al geezia thing my doctor said i might have", "hyperalgesia"),
    ("what are the sim toms of this", "symptom"),
    ("is me thad one safer", "methadon"),
  ])
  func wordsTypedInPiecesAreJoined(question: String, term: String) throws {
    let terms = try index().terms(of: question)
    #expect(terms.contains(term), "terms: \(terms)")
  }

  @Test(arguments: [
    ("i need more fine print on this", ["fine"]), ("is pain relief worse on a low dose", ["pain", "relief"]),
  ])
  func knownWordsAreNotJoined(question: String, kept: [String]) throws {
    let terms = try index().terms(of: question)
    #expect(kept.allSatisfy { word in terms.contains { $0.hasPrefix(String(word.prefix(4))) } }, "terms: \(terms)")
    #expect(!terms.contains { $0.hasPrefix("morphin") }, "terms: \(terms)")
  }

  @Test(arguments: ["narcan", "what is narcan", "narcan spray", "nalaxone"])
  func synonymsReachNaloxone(question: String) throws {
    #expect(try index().search(question, limit: 1).first?.topicID == "naloxone")
  }

  // Off-topic lines whose words the knowledge base mostly lacks. ("football scores today" shares
  // "score" and "today" with topics and is answered since issue 15 lowered minimumCoverage.)
  @Test(arguments: [
    "how do i bake sourdough bread", "what is the capital of france", "whats the weather like",
    "my cat keeps scratching the couch", "", "the and of",
  ])
  func offTopicIsNotAnAnswer(question: String) throws {
    let outcome = try index().outcome(for: question)
    var answered: String?
    if case .answer(let hit) = outcome { answered = hit.topicID }
    #expect(answered == nil, "\"\(question)\" answered with \(answered ?? "")")
  }

  @Test func emptyQueryFindsNothing() throws {
    #expect(try index().search("") == [])
    #expect(try index().search("   ") == [])
    #expect(try index().outcome(for: "") == .unknown)
  }

  @Test func clearQuestionIsAnAnswer() throws {
    guard case .answer(let hit) = try index().outcome(for: "what is opioid induced hyperalgesia") else {
      Issue.record("not an answer")
      return
    }
    #expect(hit.topicID == "what-is-oih")
  }

  @Test func closeTopicsAreOfferedAsChoices() throws {
    // Which candidate is close moves with each retraining of the classifier (ChoicesFixture).
    let index = try index()
    let line = try #require(ChoicesFixture.line(index), "no line in ChoicesFixture gets choices any more")
    guard case .choices(let hits) = index.resolve(line, context: nil) else {
      Issue.record("not choices")
      return
    }
    #expect((2...3).contains(hits.count))
    #expect(Set(hits.map(\.topicID)).count == hits.count)
  }

  @Test func coverageIsAShare() throws {
    let index = try index()
    #expect(index.coverage(of: "naloxone", in: "naloxone") == 1)
    #expect(index.coverage(of: "sourdough", in: "naloxone") == 0)
    #expect(index.coverage(of: "naloxone", in: "no-such-topic") == 0)
    let half = index.coverage(of: "naloxone sourdough", in: "naloxone")
    #expect(half > 0 && half < 1)
  }

  @Test func rankingSettingsDefaultsAreTheDocumentedValues() {
    let settings = RankingSettings()
    #expect(settings.k1 == 2.0)
    #expect(settings.weights == [1.0, 1.0, 1.2, 0.3, 0.0])
    #expect(settings.b == [0.5, 0.75, 0.5, 0.75, 0.75])
    #expect(settings.minimumScore == 0.3)
    #expect(settings.minimumCoverage == 0.2)
    #expect(settings.calibrated)
    #expect(settings.aheadRatio == 1.01)
    #expect(settings.contextWeight == 0.8)
    #expect(settings.contextPrior == 2.0)
    #expect(settings.contextCoverage == 0.25)
    #expect(settings.confidentScore == 1.0)
    #expect(settings.confidentCoverage == 0.6)
    #expect(settings.closeRatio == 0.85)
    #expect(settings.choices == 3)
    #expect(settings.classifierWeight == 4.0)
    #expect(RankingSettings.minimumCorrectionLength == 5)
    #expect(settings.weights.count == SearchIndex.Field.allCases.count)
    #expect(settings.b.count == SearchIndex.Field.allCases.count)
  }

  /// The shipped knowledge with a made-up topic classifier of two classes that reads the word
  /// "qzx" as class number `qzxMeans` (0 or 1).
  static func knowledge(classes: [String], qzxMeans: Int) throws -> Knowledge {
    var knowledge = try #require(Indexed.knowledge)
    knowledge.topicNetFile = NetFile(
      path: "topic-net.tsv",
      text: "classes\t\(classes.joined(separator: "\t"))\nintercepts\t0\t0\nw:qzx\t1.0\t\(qzxMeans):10.0\n"
    )
    return knowledge
  }

  @Test func theTopicClassifierMovesAQuestionToTheTopicItsWordingBelongsTo() throws {
    // A classifier that reads "qzx" as the tapering topic: a naloxone question with that word
    // goes to tapering when the classifier is on, to naloxone when it is off; a line with no word
    // in the index is still not answered (the classifier only adds to some lexical evidence).
    let knowledge = try Self.knowledge(classes: ["naloxone", "tapering-safely"], qzxMeans: 1)
    let fused = SearchIndex(knowledge: knowledge)
    var settings = RankingSettings()
    settings.classifierWeight = 0
    let lexical = SearchIndex(knowledge: knowledge, settings: settings)
    let question = "where do i get naloxone qzx"
    guard case .answer(let off) = lexical.outcome(for: question), case .answer(let on) = fused.outcome(for: question)
    else {
      Issue.record("not answered")
      return
    }
    #expect(off.topicID.hasPrefix("naloxone"))
    #expect(on.topicID == "tapering-safely")
    guard case .unknown = fused.outcome(for: "qzx qzx") else {
      Issue.record("the classifier answered a line with no word in the index")
      return
    }
  }

  @Test func beforeAnyTopicALineThatPointsBackIsStillReadByTheClassifier() throws {
    // "these" before any topic stands for OIH, so the line is ranked with OIH's words too; the
    // classifier still reads the line itself and moves it to tapering.
    let knowledge = try Self.knowledge(classes: ["naloxone", "tapering-safely"], qzxMeans: 1)
    let line = "where do i get these naloxone qzx"
    guard case .topic(let hit, _) = SearchIndex(knowledge: knowledge).resolve(line, context: nil) else {
      Issue.record("not answered")
      return
    }
    #expect(hit.topicID == "tapering-safely")
  }

  @Test func theNoAnswerClassLeavesALineUnanswered() throws {
    // A classifier that reads "qzx" as a line no topic answers: the naloxone question with that
    // word is answered with the class left out, and not answered with it in.
    var knowledge = try Self.knowledge(classes: ["naloxone", "none"], qzxMeans: 1)
    let question = "where do i get naloxone qzx"
    guard case .unknown = SearchIndex(knowledge: knowledge).outcome(for: question) else {
      Issue.record("answered although the no-answer class won")
      return
    }
    knowledge = try Self.knowledge(classes: ["naloxone", "other"], qzxMeans: 1)
    guard case .answer(let hit) = SearchIndex(knowledge: knowledge).outcome(for: question) else {
      Issue.record("not answered without the no-answer class")
      return
    }
    #expect(hit.topicID.hasPrefix("naloxone"))
  }

  @Test func aSureClassifierAnswersALineItsWordsCoverTooThinly() throws {
    // Many words no topic has ("qzx" and made-up ones) leave the naloxone line under the word
    // gate; a classifier sure of naloxone (from "qzx") answers it, unless the setting is off.
    let knowledge = try Self.knowledge(classes: ["naloxone", "tapering-safely"], qzxMeans: 0)
    let line = "naloxone qzx blorf wuggle frimble snazzle quonk zibber"
    guard case .answer(let hit) = SearchIndex(knowledge: knowledge).outcome(for: line) else {
      Issue.record("not answered")
      return
    }
    #expect(hit.topicID.hasPrefix("naloxone"))
    var settings = RankingSettings()
    settings.classifierAnswerChance = 2
    guard case .unknown = SearchIndex(knowledge: knowledge, settings: settings).outcome(for: line) else {
      Issue.record("the word gate alone answered it: the test line covers too much")
      return
    }
  }

  @Test func theSmallTalkClassGetsTheHeardReplyButNotAFollowUp() throws {
    // A classifier that reads "qzx" as small talk: a line with it gets the `heard` reply, before
    // any topic and after one, but a follow-up on the topic just shown ("what about qzx") stays
    // a follow-up.
    let knowledge = try Self.knowledge(classes: ["naloxone", "smalltalk"], qzxMeans: 1)
    let index = SearchIndex(knowledge: knowledge)
    #expect(index.resolve("my family qzx", context: nil) == .smallTalk("heard"))
    #expect(index.resolve("my family qzx", context: "naloxone") == .smallTalk("heard"))
    #expect(index.resolve("what about qzx", context: "naloxone") == .more("naloxone"))
    var off = RankingSettings()
    off.classifierWeight = 0
    #expect(
      SearchIndex(knowledge: knowledge, settings: off).resolve("my family qzx", context: nil) != .smallTalk("heard"))
  }

  @Test func choicesSettingLimitsTheOffer() throws {
    let knowledge = try #require(Indexed.knowledge)
    var settings = RankingSettings()
    settings.choices = 2
    settings.aheadRatio = 1.2
    settings.classifierWeight = 0
    let index = SearchIndex(knowledge: knowledge, settings: settings)
    guard case .choices(let hits) = index.outcome(for: "anxiety getting worse since tapering") else {
      Issue.record("not choices")
      return
    }
    #expect(hits.count == 2)
  }
}

/// How a split's row is judged (`QuestionSplit.judge`): the rules behind every strict figure.
@Suite struct SplitScoringTests {
  func knowledge() throws -> Knowledge { try #require(Indexed.knowledge) }

  @Test func smallTalkIsRightAsSmallTalkOrTheCommandTheLineIs() throws {
    let row = SplitRow(expected: "smalltalk", line: "bye")
    #expect(QuestionSplit.judge(.smallTalk("thanks"), row: row, knowledge: try knowledge()).strict)
    #expect(QuestionSplit.judge(.command("bye"), row: row, knowledge: try knowledge()).strict)
    #expect(!QuestionSplit.judge(.unknown, row: row, knowledge: try knowledge()).strict)
    #expect(
      !QuestionSplit.judge(.answer(topic: "what-is-oih", definition: nil), row: row, knowledge: try knowledge()).strict)
  }

  @Test func aTopicRowIsStrictOnlyForADirectAnswerOfThatTopic() throws {
    let row = SplitRow(expected: "naloxone|overdose-signs", line: "narcan")
    let k = try knowledge()
    #expect(QuestionSplit.judge(.answer(topic: "overdose-signs", definition: nil), row: row, knowledge: k).strict)
    let choices = QuestionSplit.judge(.choices(["naloxone", "overdose-signs"]), row: row, knowledge: k)
    #expect(!choices.strict && choices.lenient)
    #expect(!QuestionSplit.judge(.command("bye"), row: row, knowledge: k).lenient)
  }
}
