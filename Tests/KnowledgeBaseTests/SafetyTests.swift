import Foundation
import KnowledgeBase
import Testing
import TextAnalysis

/// One row of a safety data set: the expected kind (empty for benign rows) and one or two lines.
struct SafetyRow: Sendable, CustomTestStringConvertible {
  var file: String
  var kind: String
  var lines: [String]

  var testDescription: String { "\(kind): \(lines.joined(separator: " / "))" }
}

/// The shipped knowledge base and the safety data sets under Tests/Data.
enum SafetyData {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let loaded = KnowledgeLoader.check(root.appendingPathComponent("Knowledge").path)
  static let knowledge = loaded.0
  static let matcher = RedFlagMatcher(knowledge: knowledge)
  static let urgentFiles = ["safety-urgent.tsv", "safety-urgent-extra.tsv"]
  static let benignFiles = ["safety-benign.tsv", "safety-benign-extra.tsv"]

  /// The rows of a TSV file; lines starting with `#` and empty lines are skipped.
  static func rows(_ file: String) -> [[String]] {
    let path = root.appendingPathComponent("Tests/Data").appendingPathComponent(file).path
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
      .map { $0.components(separatedBy: "\t") }
  }

  static let urgentRows: [SafetyRow] = urgentFiles.flatMap { file in
    rows(file).filter { $0.count >= 2 }.map { SafetyRow(file: file, kind: $0[0], lines: Array($0.dropFirst())) }
  }

  /// The matches for a row, reading its lines in order as a conversation would.
  static func matches(_ lines: [String]) -> [RedFlagMatch] {
    var found: [RedFlagMatch] = []
    var previous: String?
    for line in lines {
      found += matcher.matches(line, previous: previous)
      previous = line
    }
    return found
  }

  /// A copy of the shipped knowledge with one test flag, to exercise the pattern language.
  static func knowledge(
    triggers: [String], ignore: [String] = [], unless: [String] = [], groups: [String: [String]] = [:]
  )
    -> Knowledge
  {
    var k = knowledge
    guard var flag = k.redFlags.first else { return k }
    flag.id = "test"
    flag.kind = "overdose"
    flag.triggers = triggers
    flag.ignore = ignore
    flag.unless = unless
    k.redFlags = [flag]
    k.redFlagIgnore = []
    k.redFlagGroups = groups.merging(["negation": ["not", "no", "never"]]) { a, _ in a }
    return k
  }
}

@Suite struct SafetyTests {
  @Test func shippedKnowledgeLoadsWithoutErrors() {
    let errors = SafetyData.loaded.1.filter { $0.severity == .error }
    #expect(errors.isEmpty, "\(errors.prefix(5))")
    #expect(!SafetyData.knowledge.redFlags.isEmpty)
    #expect(SafetyData.urgentRows.count >= 200)
  }

  @Test(arguments: SafetyData.urgentRows)
  func urgentRowFiresWithItsKind(_ row: SafetyRow) {
    let found = SafetyData.matches(row.lines)
    #expect(!found.isEmpty, "no alert for \(row.file): \(row.lines)")
    #expect(found.contains { $0.flag.kind == row.kind }, "\(row.file): got \(found.map(\.flag.id)) for \(row.lines)")
  }

  @Test(arguments: SafetyData.benignFiles)
  func benignFalseAlarmsStayAtOrBelowFivePercent(_ file: String) {
    let rows = SafetyData.rows(file).compactMap(\.last)
    #expect(rows.count >= 120)
    let alarms = rows.filter { !SafetyData.matcher.matches($0).isEmpty }
    #expect(Double(alarms.count) <= Double(rows.count) * 0.05, "\(alarms.count)/\(rows.count): \(alarms)")
  }

  /// The dev sets written for the second pass (tuned on, so a floor that guards against
  /// regressions, not a measure: the blind test split is only reported, in BENCHMARKS.md).
  @Test(arguments: [
    ("safety-dev-urgent.tsv", 0.98), ("safety-dev2-urgent.tsv", 0.98), ("safety-dev3-urgent.tsv", 0.97),
    ("safety-dev4-urgent.tsv", 0.99), ("safety-dev5-urgent.tsv", 0.99), ("safety-dev6-urgent.tsv", 0.99),
    ("safety-dev7-urgent.tsv", 0.99), ("safety-dev8-urgent.tsv", 0.99), ("safety-dev9-urgent.tsv", 0.99),
    ("safety-dev10-urgent.tsv", 0.99), ("safety-dev11-urgent.tsv", 0.99),
    ("safety-dev12-urgent.tsv", 0.99), ("safety-dev13-urgent.tsv", 0.99),
    ("safety-dev14-urgent.tsv", 0.99), ("safety-dev15-urgent.tsv", 0.99),
    ("safety-dev16-urgent.tsv", 0.99),
    ("safety-dev17-urgent.tsv", 0.99),
    ("safety-dev18-urgent.tsv", 0.99),
    ("safety-dev19-urgent.tsv", 0.99),
    ("safety-dev20-urgent.tsv", 0.99),
    ("safety-dev21-urgent.tsv", 0.99),
    ("safety-dev22-urgent.tsv", 0.99),
    ("safety-dev23-urgent.tsv", 0.99),
    ("safety-dev24-urgent.tsv", 0.99),
    ("safety-dev25-urgent.tsv", 0.99),
    ("safety-dev26-urgent.tsv", 0.99),
    ("safety-dev27-urgent.tsv", 0.99),
    ("safety-dev28-urgent.tsv", 0.99),
    ("safety-dev29-urgent.tsv", 0.99),
    ("safety-dev30-urgent.tsv", 0.99),
    ("safety-dev31-urgent.tsv", 0.99),
    ("safety-dev32-urgent.tsv", 0.98),
  ])
  func tunedDevSetsKeepTheirRecall(_ file: String, _ floor: Double) {
    let rows = SafetyData.rows(file).filter { $0.count == 2 }
    #expect(rows.count >= 150)
    func expected(_ label: String) -> Set<String> {
      switch label {
      case "overdose-naloxone": return ["overdose"]
      case "stopping-cut-off": return ["ran-out"]
      case "stopping": return ["stopping", "ran-out"]
      default: return [label]
      }
    }
    let missed = rows.filter { row in
      !SafetyData.matcher.matches(row[1]).contains { expected(row[0]).contains($0.flag.kind) }
    }
    #expect(
      Double(rows.count - missed.count) >= Double(rows.count) * floor, "\(missed.count) missed: \(missed.prefix(10))")
  }

  @Test(arguments: [
    ("safety-dev-benign.tsv", 0.03), ("safety-dev2-benign.tsv", 0.05), ("safety-dev3-benign.tsv", 0.06),
    ("safety-dev4-benign.tsv", 0.03), ("safety-dev5-benign.tsv", 0.03), ("safety-dev6-benign.tsv", 0.03),
    ("safety-dev7-benign.tsv", 0.03), ("safety-dev8-benign.tsv", 0.03), ("safety-dev9-benign.tsv", 0.03),
    ("safety-dev10-benign.tsv", 0.03), ("safety-dev11-benign.tsv", 0.03),
    ("safety-dev12-benign.tsv", 0.03), ("safety-dev13-benign.tsv", 0.05),
    ("safety-dev14-benign.tsv", 0.10), ("safety-dev15-benign.tsv", 0.07),
    ("safety-dev16-benign.tsv", 0.05),
    ("safety-dev17-benign.tsv", 0.02),
    ("safety-dev18-benign.tsv", 0.02),
    ("safety-dev19-benign.tsv", 0.03),
    ("safety-dev20-benign.tsv", 0.01),
    ("safety-dev21-benign.tsv", 0.015),
    ("safety-dev22-benign.tsv", 0.03),
    ("safety-dev23-benign.tsv", 0.015),
    ("safety-dev24-benign.tsv", 0.04),
    ("safety-dev25-benign.tsv", 0.035),
    ("safety-dev26-benign.tsv", 0.04),
    ("safety-dev27-benign.tsv", 0.02),
    ("safety-dev28-benign.tsv", 0.04),
    ("safety-dev29-benign.tsv", 0.045),
    ("safety-dev30-benign.tsv", 0.025),
    ("safety-dev31-benign.tsv", 0.035),
    ("safety-dev32-benign.tsv", 0.075),
  ])
  func tunedDevSetsKeepFalseAlarmsLow(_ file: String, _ ceiling: Double) {
    let rows = SafetyData.rows(file).compactMap(\.last)
    let urgent = Set(SafetyData.knowledge.redFlagKinds.filter(\.urgent).map(\.id))
    let alarms = rows.filter { SafetyData.matcher.matches($0).contains { urgent.contains($0.flag.kind) } }
    #expect(Double(alarms.count) <= Double(rows.count) * ceiling, "\(alarms.count)/\(rows.count): \(alarms.prefix(10))")
  }

  @Test(arguments: [
    "safety-dev-short-course.tsv", "safety-dev4-short-course.tsv", "safety-dev20-short-course.tsv",
    "safety-dev21-short-course.tsv", "safety-dev22-short-course.tsv", "safety-dev23-short-course.tsv",
    "safety-dev28-short-course.tsv", "safety-dev29-short-course.tsv",
    "safety-dev30-short-course.tsv", "safety-dev31-short-course.tsv",
    "safety-dev32-short-course.tsv",
  ])
  func shortCoursesGetCalmAdviceAndNoStoppingWarning(_ file: String) {
    let rows = SafetyData.rows(file).compactMap(\.last)
    #expect(rows.count >= 20)
    for row in rows {
      let kinds = SafetyData.matcher.matches(row).map(\.flag.kind)
      #expect(kinds.contains("short-course") && !kinds.contains("stopping"), "\(row): \(kinds)")
    }
  }

  /// Long lines take another path (each distinct token looked up once, phrases tried only where
  /// every slot can match): the patterns must find what the short path finds. (The second net
  /// reads a long text in windows, which may cut a line in two: RedFlagNetTests covers it.)
  @Test(arguments: ["safety-dev4-urgent.tsv", "safety-dev4-benign.tsv", "safety-urgent-extra.tsv"])
  func aLongLineFindsWhatItsShortLineFinds(_ file: String) {
    let padding = String(repeating: "xqzv ", count: 300)
    func patterns(_ text: String) -> Set<String> {
      Set(SafetyData.matcher.matches(text).filter { $0.matched != "(second net)" }.map(\.flag.kind))
    }
    for line in SafetyData.rows(file).compactMap(\.last) {
      let short = patterns(line)
      let long = patterns(padding + line)
      #expect(short == long, "\(line): \(short) vs \(long)")
    }
  }

  @Test(arguments: [
    "safety-dev4-cut-off.tsv", "safety-dev20-cut-off.tsv", "safety-dev21-cut-off.tsv", "safety-dev22-cut-off.tsv",
    "safety-dev23-cut-off.tsv", "safety-dev28-cut-off.tsv", "safety-dev29-cut-off.tsv",
    "safety-dev30-cut-off.tsv", "safety-dev31-cut-off.tsv",
  ])
  func beingCutOffGetsTheRanOutMessage(_ file: String) {
    let rows = SafetyData.rows(file).compactMap(\.last)
    #expect(rows.count >= 20)
    for row in rows {
      let kinds = SafetyData.matcher.matches(row).map(\.flag.kind)
      #expect(kinds.contains("ran-out"), "\(row): \(kinds)")
    }
  }

  /// A flag copied from another kept its message once: street use got "Yes. ... give naloxone
  /// now", the answer to "do I give the Narcan?". Street use always says not to use alone and
  /// gives the region's drug helpline; only naloxone flags answer "Yes.".
  @Test func eachFlagGivesTheAdviceOfItsKind() {
    for flag in SafetyData.knowledge.redFlags {
      if flag.kind == "street-use" {
        #expect(flag.message.contains("do not use alone") && flag.message.contains("{helpline}"), "\(flag.id)")
      }
      if flag.message.hasPrefix("Yes.") {
        #expect(flag.kind == "overdose" && flag.id.contains("naloxone"), "\(flag.id)")
      }
    }
  }

  @Test func everyFlagExampleFires() {
    for flag in SafetyData.knowledge.redFlags {
      for example in flag.examples {
        #expect(SafetyData.matcher.matches(example).contains { $0.flag.kind == flag.kind }, "\(flag.id): \(example)")
      }
    }
  }

  @Test(arguments: [
    ("i wnat to kil myself", "suicide"), ("hes not breathin", "overdose"), ("cant wake him", "overdose"),
    ("my freind is unresponsve", "overdose"), ("i wanna kms", "suicide"), ("my bf is od ing", "overdose"),
    ("whats the point anymore", "suicide"), ("everyone would be better off without me", "suicide"),
    ("i want to go to sleep and not wake up", "suicide"), ("my dad says he wants to kill himself", "suicide"),
    ("what do i do hes not breathing", "overdose"), ("im going to stop all my meds tomorrow", "stopping"),
    ("ill just take double to catch up", "old-dose"), ("going back to my old dose", "old-dose"),
    ("i have a fever and my back is killing me", "emergency"), ("took xanax w my oxy n cant stay awake", "combination"),
  ])
  func typosSlangAndIndirectWordingFire(_ line: String, _ kind: String) {
    #expect(SafetyData.matcher.matches(line).contains { $0.flag.kind == kind })
  }

  @Test(arguments: [
    "what should i do if someone overdoses on opioids", "is it dangerous to stop opioids suddenly",
    "how do i taper safely", "i overdosed on netflix this weekend lol", "im blue in the face from explaining",
    "i almost had a heart attack when i saw the bill", "i quit sugar cold turkey",
    "my doctor wants me to come off opioids slowly", "signs of an overdose", "this pain is killing me",
    "i was driving this morning and took my oxy", "deep breathing exercises help?",
  ])
  func informationQuestionsAndIdiomsDoNotFire(_ line: String) {
    #expect(SafetyData.matcher.matches(line).isEmpty, "\(SafetyData.matcher.matches(line).map(\.flag.id))")
  }

  @Test func phraseSplitAcrossTwoLinesFires() {
    let matcher = SafetyData.matcher
    #expect(matcher.matches("kill myself", previous: "i want to").contains { $0.flag.kind == "suicide" })
    #expect(matcher.matches("wake him up", previous: "i cant").contains { $0.flag.kind == "overdose" })
    // A match must use the new line: the old line alone does not raise the alert again.
    #expect(matcher.matches("ok thanks", previous: "i want to kill myself").isEmpty)
  }

  /// Only the flags the line before can change are tried again on the two lines joined: a
  /// trigger split across them, an `unless` phrase negated by the last word of the line before,
  /// and an `ignore` phrase begun in the line before all still count.
  @Test func theLineBeforeStillCountsForEveryKindOfPhrase() {
    let negated = RedFlagMatcher(
      knowledge: SafetyData.knowledge(triggers: ["dizzy"], unless: ["doing well"], groups: ["negation": ["not"]]))
    #expect(negated.matches("doing well, just dizzy").isEmpty)
    #expect(!negated.matches("doing well, just dizzy", previous: "i am not").isEmpty)
    #expect(negated.matches("doing well, just dizzy", previous: "i am fine").isEmpty)
    let split = RedFlagMatcher(knowledge: SafetyData.knowledge(triggers: ["chest pain & dizzy"]))
    #expect(!split.matches("and so dizzy", previous: "chest pain all day").isEmpty)
    #expect(split.matches("and so dizzy", previous: "back pain all day").isEmpty)
    let ignored = RedFlagMatcher(knowledge: SafetyData.knowledge(triggers: ["cold & sweat"], ignore: ["cold sweat"]))
    #expect(!ignored.matches("sweat a lot", previous: "caught a cold last week, and now i").isEmpty)
    #expect(ignored.matches("sweat a lot", previous: "caught a cold").isEmpty)
  }

  @Test func groupsStandForTheirWords() {
    let k = SafetyData.knowledge(triggers: ["@carers not wake*|waking"], groups: ["carers": ["husband", "nan"]])
    let matcher = RedFlagMatcher(knowledge: k)
    #expect(!matcher.matches("my husband wont wake up").isEmpty)
    #expect(!matcher.matches("my nan is not waking").isEmpty)
    #expect(matcher.matches("my alarm will not wake me").isEmpty)
    #expect(PhrasePattern("@unknown wake") == nil)
  }

  @Test func ampersandNeedsEveryPartAnywhere() {
    let matcher = RedFlagMatcher(knowledge: SafetyData.knowledge(triggers: ["fever|chills & back pain|hurts"]))
    #expect(!matcher.matches("my back hurts so much and now i have chills").isEmpty)
    #expect(!matcher.matches("fever since monday, back pain too").isEmpty)
    #expect(matcher.matches("i have a fever").isEmpty)
    #expect(matcher.matches("my back hurts").isEmpty)
  }

  @Test func unlessStopsTheFlagAndNegationCancelsUnless() {
    let k = SafetyData.knowledge(
      triggers: ["stop|quit pills"], unless: ["is it safe|dangerous", "doing well & now"])
    let matcher = RedFlagMatcher(knowledge: k)
    #expect(!matcher.matches("im going to stop my pills").isEmpty)
    #expect(matcher.matches("is it safe to stop my pills").isEmpty)
    #expect(matcher.matches("i quit my pills and im doing well now").isEmpty)
    // "not doing well" is no match for the unless phrase `doing well`.
    #expect(!matcher.matches("i quit my pills and im not doing well now").isEmpty)
  }

  @Test func ignoreMasksAPhrase() {
    let matcher = RedFlagMatcher(
      knowledge: SafetyData.knowledge(triggers: ["blue face|lips", "lips|face blue"], ignore: ["blue in the face"]))
    #expect(!matcher.matches("his lips are blue").isEmpty)
    #expect(matcher.matches("i argued till i was blue in the face").isEmpty)
  }

  @Test func numberSlots() throws {
    let list = PhraseList([try #require(PhrasePattern("took #5 pills")), try #require(PhrasePattern("took # pills"))])
    #expect(list.firstMatch(0, in: Normalizer.tokens("i took 10 pills")) == 1..<4)
    #expect(list.firstMatch(0, in: Normalizer.tokens("i took 2 pills")) == nil)
    #expect(list.firstMatch(0, in: Normalizer.tokens("i took 10mg pills")) == nil)
    #expect(list.firstMatch(1, in: Normalizer.tokens("i took 2 pills")) == 1..<4)
    #expect(PhrasePattern("took #x pills") == nil)
  }

  /// The rules of the one matcher: alternatives, prefixes, gaps of at most three words, masks
  /// that stop a match, barriers, and a match that must reach the current line.
  @Test(
    arguments: [
      ("not|barely breath*", "hes barely breathing", 2..<4),
      ("not|barely breath*", "not now but breathing", 0..<4),
      ("a b c", "a x b y z c", 0..<6),
      ("a b c", "a x y z w b c", nil),
      ("back to #", "going back to 4 pills", 1..<4),
      ("kill myself", "i want to kill myself", 3..<5),
      ("kill myself", "kill my self", 0..<2),
    ] as [(String, String, Range<Int>?)])
  func phraseMatching(pattern: String, line: String, expected: Range<Int>?) throws {
    let list = PhraseList([try #require(PhrasePattern(pattern))])
    #expect(list.firstMatch(0, in: Normalizer.tokens(line)) == expected)
  }

  @Test func masksBarriersAndMustReach() throws {
    var index = PatternIndex()
    let phrase = index.add(try #require(PhrasePattern("doing well")))
    let barriers = index.wordSet(["not"])
    var line = index.line(Normalizer.tokens("i am doing well today"))
    #expect(phrase.firstMatch(in: line) == 2..<4)
    #expect(phrase.firstMatch(in: line, mustReach: 4) == nil)
    #expect(phrase.firstMatch(in: index.line(Normalizer.tokens("not doing well")), barriers: barriers) == nil)
    #expect(phrase.firstMatch(in: index.line(Normalizer.tokens("doing not so well")), barriers: barriers) == nil)
    line.mask(3..<4)
    #expect(phrase.firstMatch(in: line) == nil)
    let gap = index.add(try #require(PhrasePattern("took pills")))
    var gapped = index.line(Normalizer.tokens("took the blue pills"))
    #expect(gap.firstMatch(in: gapped) == 0..<4)
    gapped.mask(1..<2)
    #expect(gap.firstMatch(in: gapped) == nil)
  }

  @Test func normalizerSpellsOutChatShorthand() {
    #expect(Normalizer.tokens("shouldnt you stop") == ["should", "you", "not", "stop"])
    #expect(Normalizer.tokens("took it w/ beer rn") == ["took", "it", "with", "beer", "right", "now"])
  }

  /// Crisis slang comes from Knowledge/slang.yaml and reaches the matcher.
  @Test func shippedSlangIsSpelledOutBeforeMatching() throws {
    let (knowledge, _) = try KnowledgeLoader.load(from: KnowledgeFixtures.shipped)
    #expect(knowledge.slang.entries.count >= 10)
    #expect(knowledge.slang.tokens("my bf is od ing") == ["my", "bf", "is", "overdosing"])
    #expect(knowledge.slang.tokens("she od'd") == ["she", "overdosed"])
    #expect(knowledge.slang.tokens("kms") == ["kill", "myself"])
    let matcher = RedFlagMatcher(knowledge: knowledge)
    #expect(matcher.matches("i wanna kms").first?.flag.kind == "suicide")
    #expect(matcher.matches("i think she od'd").first?.flag.kind == "overdose")
    var without = knowledge
    without.slang = .none
    #expect(RedFlagMatcher(knowledge: without).matches("kms").isEmpty)
  }

  @Test func everydayWordsAreNotCorrectedIntoTriggerWords() {
    let tokens = SafetyData.matcher.tokens("this morning i was driving to work and had a deal")
    #expect(tokens == ["this", "morning", "i", "was", "driving", "to", "work", "and", "had", "a", "deal"])
    #expect(SafetyData.matcher.tokens("i wnat to kil myslef") == ["i", "want", "to", "kil", "myself"])
    #expect(SafetyData.matcher.tokens("hes not breathin") == ["he", "is", "not", "breathing"])
  }
}
