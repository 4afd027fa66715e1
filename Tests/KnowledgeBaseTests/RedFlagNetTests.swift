import Foundation
import KnowledgeBase
import Testing
import TextAnalysis

/// The second net behind the red-flag patterns (Knowledge/redflag-net.tsv, `RedFlagNet`).
@Suite struct RedFlagNetTests {
  /// A net of two classes and one feature: the word "overdose" points to the overdose class.
  static let tiny = """
    # a test net
    classes\tbenign\toverdose
    flags\t-\toverdose-words
    threshold\t0.4
    intercepts\t0\t0
    w:overdose\t1.0\t1:5.0
    c:<ov\t1.0\t
    """

  @Test func theChancesFollowTheFileWeights() throws {
    let net = try RedFlagNet(parsing: Self.tiny)
    // `w:overdose` and the piece `c:<ov` are in the file, each of value 1 before the vector is
    // scaled to length 1 (a feature with no weight still counts in the length): scores 0 and 5/√2.
    let chances = net.probabilities(["overdose"])
    #expect(abs(chances[0] - 1 / (1 + exp(5 / 2.0.squareRoot()))) < 1e-9)
    #expect(net.urgentClass(["overdose"]) == 1)
    // No known feature: both scores are the intercepts, an even chance, above the threshold.
    #expect(net.probabilities(["hello"]) == [0.5, 0.5])
    #expect(net.urgentClass(["hello"]) == nil)
  }

  @Test func aLongTextIsReadInWindowsSoOneAlarmingPhraseIsNotDrowned() throws {
    // Two known features: "calm" points to benign. Over the whole text, many "calm" would
    // outweigh one "overdose"; read in windows of 64 tokens, the last window still fires.
    let net = try RedFlagNet(
      parsing: Self.tiny.replacingOccurrences(of: "1:5.0", with: "1:10.0") + "\nw:calm\t1.0\t0:1.0")
    let text = Array(repeating: "calm", count: 5_000) + ["overdose"]
    #expect(net.probabilities(text)[0] > 0.4)
    #expect(net.urgentClass(text) == 1)
    #expect(net.urgentClass(Array(repeating: "calm", count: 5_000)) == nil)
  }

  @Test func featureRowsReadFromBytesGiveTheSameNetAsRowsReadAsText() throws {
    // A row with a letter outside ASCII (`w:café`) or an exponent (`1e0`) is left to the
    // string reader; every other row is read from the bytes. The two must agree, number for number.
    let bytes = try RedFlagNet(parsing: Self.tiny + "\nw:cafe\t2.5\t1:-.249 0:12.125\nb:my pills\t0.75\t1:.5")
    let text = try RedFlagNet(parsing: Self.tiny + "\nw:cafe\t2.5e0\t1:-.249 0:12.125e0\nb:my pills\t0.75e0\t1:.5e0")
    for tokens in [["cafe"], ["my", "pills", "cafe"], ["overdose", "my", "pills"], ["cafe", "overdose", "hello"]] {
      #expect(bytes.probabilities(tokens) == text.probabilities(tokens))
    }
    let accented = try RedFlagNet(parsing: Self.tiny + "\nw:café\t1.0\t1:5.0")
    #expect(accented.urgentClass(["café", "x", "y"]) == 1)
  }

  @Test func aLongTextGivesTheSameVerdictNumberedOrNot() throws {
    let net = try RedFlagNet(parsing: Self.tiny + "\nw:calm\t1.0\t0:1.0\nb:calm overdose\t1.0\t1:2.0")
    let text = (0..<400).flatMap { $0 % 97 == 96 ? ["calm", "overdose"] : ["calm", "day\($0 % 7)"] }
    var numbering = TokenNumbering(expected: 64)
    let ids = text.map { numbering.number($0) }
    #expect(net.urgentClass(text) == net.urgentClass(text, numbered: (numbering.distinct, ids)))
    #expect(net.urgentClass(text) == 1)
  }

  @Test func aBadFileIsReportedWithItsLine() {
    func problem(_ text: String) -> RedFlagNet.Problem? {
      do {
        _ = try RedFlagNet(parsing: text)
        return nil
      } catch { return error }
    }
    #expect(problem(Self.tiny.replacingOccurrences(of: "threshold\t0.4", with: "threshold\t1.4"))?.line == 4)
    #expect(problem(Self.tiny.replacingOccurrences(of: "1:5.0", with: "7:5.0"))?.line == 6)
    #expect(problem(Self.tiny.replacingOccurrences(of: "benign", with: "calm"))?.message.contains("benign") == true)
  }

  /// The shipped knowledge with every pattern of one kind made unmatchable: only the net is left.
  static func withoutPatterns(of kind: String, net: Bool = true) -> RedFlagMatcher {
    var knowledge = SafetyData.knowledge
    for index in knowledge.redFlags.indices where knowledge.redFlags[index].kind == kind {
      knowledge.redFlags[index].triggers = ["zzqx"]
    }
    if !net { knowledge.redFlagNetFile = nil }
    return RedFlagMatcher(knowledge: knowledge)
  }

  @Test(arguments: [
    ("serotonin", "been sweating buckets and twitching since they added sertraline to my tramadol"),
    ("suicide", "gonna swallow every last tablet tonight and be done with everyone"),
    ("child-exposure", "my son got into my handbag and ate some of my tablets"),
    ("constipation", "havent pooped in 9 days and now im vomiting and my belly is huge"),
  ])
  func theNetRaisesItsKindsAlertWhereNoPatternReadsTheLine(kind: String, line: String) {
    let netOnly = Self.withoutPatterns(of: kind)
    let found = netOnly.matches(line).first { $0.flag.kind == kind }
    #expect(found?.matched == "(second net)")
    #expect(found?.flag.message.isEmpty == false)
    // Without the net, nothing of that kind fires: the net is the control.
    #expect(!Self.withoutPatterns(of: kind, net: false).matches(line).contains { $0.flag.kind == kind })
  }

  @Test func theNetLeavesEverydayLinesAndTheSubjectsQuestionsAlone() {
    for line in [
      "what is opioid induced hyperalgesia", "the pain clinic was nice today", "what are the signs of an overdose",
      "is it safe to stop my opioids suddenly", "my chest of drawers is broken", "this back pain is killing me",
    ] {
      #expect(!SafetyData.matcher.matches(line).contains { $0.matched == "(second net)" }, "\(line)")
    }
  }

  @Test func theShippedNetNamesAGeneralFlagOfEachUrgentKind() throws {
    let net = try #require(SafetyData.matcher.net)
    let urgent = Set(SafetyData.knowledge.redFlagKinds.filter(\.urgent).map(\.id))
    #expect(Set(net.classes).subtracting(["benign"]) == urgent)
    for (kind, flag) in zip(net.classes, net.flagIDs) where kind != "benign" {
      #expect(SafetyData.knowledge.redFlags.first { $0.id == flag }?.kind == kind)
    }
  }
}
