import Foundation
import KnowledgeBase
import Testing

/// Paths to the shipped knowledge base and the fixtures, and a helper that builds broken copies.
enum KnowledgeFixtures {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let shipped = root.appendingPathComponent("Knowledge").path
  static let valid = root.appendingPathComponent("Tests/Data/knowledge-fixtures/valid").path

  /// A valid topic file; `lines` replaces lines by number (1-based) or appends past the end.
  static func topic(_ replace: [Int: String] = [:]) -> String {
    var lines = [
      "id: broken",
      "group: basics",
      "title: A test topic",
      "answer: OIH is when pain medicine makes you more sensitive to pain.",
      "asks: [one, two, three, four, five, six]",
      "related: [what-is-oih, signs-of-oih]",
      "sources: [r1]",
      "reviewed: 2026-11-27",
    ]
    for (number, text) in replace.sorted(by: { $0.key < $1.key }) {
      if number <= lines.count { lines[number - 1] = text } else { lines.append(text) }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Copies valid/ to a new temporary folder, writes `files` (relative path -> text) into it,
  /// and returns the error and warning lines with the folder prefix removed.
  static func diagnostics(writing files: [String: String]) throws -> (errors: [String], warnings: [String]) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("oih-kb-\(UUID().uuidString)")
    try FileManager.default.copyItem(atPath: valid, toPath: dir.path)
    defer { try? FileManager.default.removeItem(at: dir) }
    for (name, text) in files {
      try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let (_, found) = KnowledgeLoader.check(dir.path)
    let strip = { (d: Diagnostic) in d.description.replacingOccurrences(of: dir.path + "/", with: "") }
    return (found.filter { $0.severity == .error }.map(strip), found.filter { $0.severity == .warning }.map(strip))
  }
}

@Suite struct KnowledgeLoaderTests {
  @Test func shippedKnowledgeHasNoErrors() throws {
    let (knowledge, diagnostics) = KnowledgeLoader.check(KnowledgeFixtures.shipped)
    #expect(diagnostics.filter { $0.severity == .error }.map(\.description) == [])
    #expect(knowledge.topics.count >= 50)
    #expect(knowledge.sources.count >= 15)
    _ = try KnowledgeLoader.load(from: KnowledgeFixtures.shipped)
  }

  @Test func validFixtureLoads() throws {
    let (knowledge, _) = try KnowledgeLoader.load(from: KnowledgeFixtures.valid)
    #expect(knowledge.topics.map(\.id).sorted() == ["oih-vs-tolerance", "signs-of-oih", "what-is-oih"])
  }

  @Test func validTopicAddsNoErrors() throws {
    let result = try KnowledgeFixtures.diagnostics(writing: ["topics/broken.yaml": KnowledgeFixtures.topic()])
    #expect(result.errors == [])
  }

  @Test func missingFolder() {
    let (_, diagnostics) = KnowledgeLoader.check("/no/such/folder")
    #expect(diagnostics.first?.description == "/no/such/folder:1:1: error: knowledge folder not found")
  }

  @Test(
    arguments: [
      (
        "bad YAML", [2: "group: [basics"],
        ["topics/broken.yaml:3:6: error: YAML syntax: while parsing a flow sequence did not find expected ',' or ']'"]
      ),
      ("unknown key", [9: "colour: red"], ["topics/broken.yaml:9:1: error: unknown key 'colour' in topic"]),
      (
        "dangling related", [6: "related: [what-is-oih, no-such-topic]"],
        ["topics/broken.yaml:6:24: error: unknown topic 'no-such-topic' in 'related'"]
      ),
      ("unknown source", [7: "sources: [r1, r999]"], ["topics/broken.yaml:7:15: error: unknown source 'r999'"]),
      (
        "no sources", [7: "sources: []"],
        ["topics/broken.yaml:7:10: error: topic 'broken' has no sources: cite at least one"]
      ),
      (
        "dose in text", [4: "answer: Take 5 mg when it hurts."],
        [
          "topics/broken.yaml:4:9: error: field 'answer' gives a dose, amount or schedule ('5 mg'): send dose questions to the prescriber instead"
        ]
      ),
      (
        "too hard",
        [
          4:
            "answer: Opioid-induced hyperalgesia represents paradoxical nociceptive sensitization following prolonged administration."
        ],
        [
          "topics/broken.yaml:4:9: error: field 'answer' reads at grade 35.1, above the limit of 8: use shorter sentences and words"
        ]
      ),
      (
        "too few asks", [5: "asks: [one, two]"],
        ["topics/broken.yaml:5:7: error: topic has 2 example questions in 'asks': at least 6 are needed"]
      ),
      (
        "id not file name", [1: "id: what-is-oih"],
        [
          "topics/what-is-oih.yaml:1:5: error: duplicate topic id 'what-is-oih' (first defined at topics/broken.yaml:1:5)",
          "topics/broken.yaml:1:5: error: topic id 'what-is-oih' must match its file name 'broken'",
        ]
      ),
      ("unknown group", [2: "group: nowhere"], ["topics/broken.yaml:2:8: error: unknown group 'nowhere'"]),
      ("missing title", [3: "# no title"], ["topics/broken.yaml:1:1: error: topic is missing required field 'title'"]),
    ] as [(String, [Int: String], [String])])
  func brokenTopic(name: String, replace: [Int: String], expected: [String]) throws {
    let result = try KnowledgeFixtures.diagnostics(writing: ["topics/broken.yaml": KnowledgeFixtures.topic(replace)])
    #expect(result.errors == expected, "\(name)")
  }

  @Test func duplicateSourceId() throws {
    let text = try String(contentsOfFile: KnowledgeFixtures.valid + "/sources.yaml", encoding: .utf8)
    let extra = """
        - id: r1
          short: Copy of r1
          title: A copy
          authors: Nobody
          year: 2024
          url: https://example.org/a-copy
          kind: review
          reviewed: 2026-11-27

      """
    let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count - (text.hasSuffix("\n") ? 1 : 0)
    let result = try KnowledgeFixtures.diagnostics(writing: ["sources.yaml": text + extra])
    #expect(
      result.errors == [
        "sources.yaml:\(lineCount + 1):5: error: duplicate source id 'r1' (first defined at sources.yaml:4:5)"
      ])
  }

  @Test func versionAndLastReviewComeFromAboutAndTheNewestTopicReview() throws {
    let (knowledge, _) = try KnowledgeLoader.load(from: KnowledgeFixtures.valid)
    #expect(knowledge.versionSummary == "knowledge 2026-12-01 (last reviewed 2026-11-27)")

    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("oih-kb-\(UUID().uuidString)")
    try FileManager.default.copyItem(atPath: KnowledgeFixtures.valid, toPath: dir.path)
    defer { try? FileManager.default.removeItem(at: dir) }
    try KnowledgeFixtures.topic([8: "reviewed: 2026-11-30"])
      .write(to: dir.appendingPathComponent("topics/broken.yaml"), atomically: true, encoding: .utf8)
    let (newer, _) = try KnowledgeLoader.load(from: dir.path)
    #expect(newer.versionSummary == "knowledge 2026-12-01 (last reviewed 2026-11-30)")
  }

  @Test func versionMustBeADate() throws {
    let result = try KnowledgeFixtures.diagnostics(writing: ["about.yaml": "version: next week\n"])
    #expect(result.errors == ["about.yaml:1:10: error: field 'version' must be the release date, like 2026-12-02"])
    let missing = try KnowledgeFixtures.diagnostics(writing: ["about.yaml": "# no version\nname: x\n"])
    #expect(
      missing.errors == [
        "about.yaml:2:1: error: about.yaml is missing required field 'version'",
        "about.yaml:2:1: error: unknown key 'name' in about.yaml",
      ])
  }
}

/// slang.yaml is required and checked: crisis slang is safety vocabulary.
@Suite struct SlangFileTests {
  @Test(
    arguments: [
      (
        "slang: {}\n",
        ["slang.yaml:1:1: error: slang.yaml has no entries: crisis slang such as 'kms' would not be recognized"]
      ),
      (
        "slang:\n  kms: Kill Myself!\n",
        ["slang.yaml:2:3: error: slang 'kms' must mean plain lowercase words, not 'Kill Myself!'"]
      ),
      ("slang:\n  kms: kms\n", ["slang.yaml:2:3: error: slang 'kms' means itself"]),
      ("slang:\n  \"...\": overdose\n", ["slang.yaml:2:3: error: slang '...' has no letters"]),
      (
        "slang:\n  kms: [kill, myself]\n",
        [
          "slang.yaml:2:3: error: slang 'kms' must mean plain words, such as 'kill myself'",
          "slang.yaml:1:1: error: slang.yaml has no entries: crisis slang such as 'kms' would not be recognized",
        ]
      ),
      (
        "words:\n  kms: kill myself\n",
        [
          "slang.yaml:1:1: error: slang.yaml needs 'slang:' (what people type: the plain words it means)",
          "slang.yaml:1:1: error: unknown key 'words' in slang.yaml",
          "slang.yaml:1:1: error: slang.yaml has no entries: crisis slang such as 'kms' would not be recognized",
        ]
      ),
    ] as [(String, [String])])
  func badSlangIsAnError(text: String, expected: [String]) throws {
    let result = try KnowledgeFixtures.diagnostics(writing: ["slang.yaml": text])
    #expect(result.errors.filter { $0.hasPrefix("slang.yaml") } == expected)
    // Without the slang, the red-flag examples written in slang stop firing, and say so.
    if !text.contains("oded") {
      #expect(
        result.errors.contains {
          $0.hasPrefix("redflags.yaml:")
            && $0.hasSuffix(":9: error: example 'she ODed on her meds' does not trigger a 'overdose' alert")
        })
    }
  }

  @Test func theTopicClassifierFileIsCheckedLikeContent() throws {
    // A row that does not read is an error at its line; a class that is no topic is an error;
    // a topic the file does not know is a warning (retrain).
    let broken = try KnowledgeFixtures.diagnostics(writing: [
      "topic-net.tsv": "classes\twhat-is-oih\nintercepts\t0\nw:pain\tnot-a-number\t0:1.0\n"
    ])
    #expect(broken.errors.contains { $0.hasPrefix("topic-net.tsv:3:1: error: a feature row is") })
    let stranger = try KnowledgeFixtures.diagnostics(writing: [
      "topic-net.tsv": "classes\twhat-is-oih\tno-such-topic\nintercepts\t0\t0\nw:pain\t1.0\t1:1.0\n"
    ])
    #expect(stranger.errors.contains { $0.contains("class 'no-such-topic' is not a topic id") })
    // `none` (no topic answers the line) is a class of its own; `smalltalk` needs the intent
    // whose reply answers it, which this fixture does not have.
    let special = try KnowledgeFixtures.diagnostics(writing: [
      "topic-net.tsv": "classes\twhat-is-oih\tnone\tsmalltalk\nintercepts\t0\t0\t0\nw:pain\t1.0\t1:1.0\n"
    ])
    #expect(!special.errors.contains { $0.contains("class 'none'") || $0.contains("class 'smalltalk' is not") })
    #expect(special.errors.contains { $0.contains("class 'smalltalk' needs the small-talk intent 'heard'") })
    #expect(
      stranger.warnings.contains {
        $0.contains("topics not in the classifier, found by their words only: oih-vs-tolerance, signs-of-oih")
      })
  }

  @Test func aMissingSlangFileIsAnError() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("oih-kb-\(UUID().uuidString)")
    try FileManager.default.copyItem(atPath: KnowledgeFixtures.valid, toPath: dir.path)
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.removeItem(at: dir.appendingPathComponent("slang.yaml"))
    let (_, found) = KnowledgeLoader.check(dir.path)
    #expect(found.contains { $0.severity == .error && $0.description.contains("slang.yaml") })
  }
}

@Suite struct KnowledgeExportTests {
  @Test func everyTopicIsExportedWithAllFields() throws {
    let (knowledge, _) = try KnowledgeLoader.load(from: KnowledgeFixtures.shipped)
    let entries = KnowledgeExport.entries(knowledge)
    let topics = entries.filter { $0.kind == "topic" }
    #expect(topics.map(\.id) == knowledge.topics.map(\.id))
    for (entry, topic) in zip(topics, knowledge.topics) {
      #expect(entry.title == topic.title)
      #expect(entry.answer == topic.answer)
      #expect(entry.detail == (topic.detail ?? ""))
      #expect(entry.asks == topic.asks)
      #expect(entry.related == topic.related)
      #expect(entry.sources == topic.sources)
    }
    let kinds = Set(entries.map(\.kind))
    #expect(kinds == ["topic", "glossary", "red-flag", "doctor-question", "check-item", "source"])
  }
}

@Suite struct SmallTalkLoadingTests {
  @Test func shippedSmallTalkLoads() throws {
    let (knowledge, _) = try KnowledgeLoader.load(from: KnowledgeFixtures.shipped)
    #expect(knowledge.smallTalk.contains { $0.id == "thanks" && $0.says.contains("thank you") })
  }

  @Test func aLineInTwoIntentsIsAnError() throws {
    let file = """
      intents:
        - id: one
          says: [thanks]
          reply: You are welcome.
        - id: two
          says: [Thanks!]
          reply: Glad to help.
      """
    let (errors, _) = try KnowledgeFixtures.diagnostics(writing: ["smalltalk.yaml": file])
    #expect(
      errors == [
        "smalltalk.yaml:6:12: error: small-talk line 'Thanks!' is also in intent 'one': keep each line in one intent"
      ])
  }

  @Test func anIntentWithoutLinesOrWithADoseIsAnError() throws {
    let file = """
      intents:
        - id: one
          says: []
          reply: Take 20 mg twice a day.
      """
    let (errors, _) = try KnowledgeFixtures.diagnostics(writing: ["smalltalk.yaml": file])
    #expect(errors.contains { $0.contains("small-talk intent 'one' has no lines") })
    #expect(errors.contains { $0.contains("field 'reply' gives a dose") })
  }
}

/// Knowledge/phrasings.yaml: read strictly, and word lists hold single words.
@Suite struct PhrasingsFileTests {
  static let valid = """
    follow-ups:
      referring: [it, that]
      continuing: [what about]
      more: [tell me more]
      courtesy: [please]
      asking-only: [why]
      general-subject: [oih]
      not-subjects: [pain]
    definitions:
      openings: [what is]
      endings: [mean]
      fillers: [the]
    warning-signs:
      asks: [red flags]
    doctor-questions:
      clinicians: [doctor]
      asking: [ask]
      frames: [what should i ask]
    generic: [signs]
    """

  @Test func theShippedPhrasingsLoad() throws {
    let (knowledge, _) = try KnowledgeLoader.load(from: KnowledgeFixtures.shipped)
    #expect(knowledge.phrasings.referring.contains("it"))
    #expect(knowledge.phrasings.more.contains("tell me more"))
    #expect(knowledge.phrasings.askingFrames.contains("what should i ask"))
    #expect(knowledge.phrasings.locations["follow-ups.more"]?.line ?? 0 > 1)
  }

  @Test func aValidFileHasNoErrors() throws {
    let (errors, _) = try KnowledgeFixtures.diagnostics(writing: ["phrasings.yaml": Self.valid])
    #expect(errors == [])
  }

  @Test func aWordThatIsTwoWordsOnceNormalizedIsAnError() throws {
    let file = Self.valid.replacingOccurrences(of: "referring: [it, that]", with: "referring: [it, its]")
    let (errors, _) = try KnowledgeFixtures.diagnostics(writing: ["phrasings.yaml": file])
    #expect(
      errors == [
        "phrasings.yaml:2:19: error: phrasings 'follow-ups.referring': 'its' reads as 'it is' once normalized; "
          + "list single words only (for example 'it', not 'its')"
      ])
  }

  @Test func aMisspelledOrMissingListIsAnError() throws {
    let file = Self.valid.replacingOccurrences(of: "  courtesy: [please]", with: "  curtesy: [please]")
    let (errors, _) = try KnowledgeFixtures.diagnostics(writing: ["phrasings.yaml": file])
    #expect(errors.count == 2)
    #expect(errors.contains { $0.hasPrefix("phrasings.yaml:") && $0.contains("'courtesy'") })
    #expect(errors.contains { $0.hasPrefix("phrasings.yaml:5:") && $0.contains("curtesy") })
  }
}

/// `then-answer` on a red-flag kind: true or false, nothing else.
@Suite struct ThenAnswerTests {
  @Test func theShippedKindsAnswerOnlyAfterNonAcuteAlerts() throws {
    let (knowledge, _) = try KnowledgeLoader.load(from: KnowledgeFixtures.shipped)
    let answering = Set(knowledge.redFlagKinds.filter(\.thenAnswer).map(\.id))
    #expect(answering.isDisjoint(with: ["overdose", "suicide", "emergency", "allergy", "child-exposure", "serotonin"]))
    #expect(answering.isSuperset(of: ["combination", "stopping"]))
  }

  @Test func aValueOtherThanTrueOrFalseIsAnError() throws {
    let file = try SafetyDataValidationTests.fixture("redflags.yaml")
    let kind = try #require(file.range(of: "priority: 1\n"))
    var edited = file
    edited.replaceSubrange(kind, with: "priority: 1\n    then-answer: sometimes\n")
    let (errors, _) = try KnowledgeFixtures.diagnostics(writing: ["redflags.yaml": edited])
    #expect(errors.contains { $0.hasPrefix("redflags.yaml:") && $0.contains("then-answer must be true or false") })
  }
}

@Suite struct SmallTalkOpeningTests {
  @Test func opensWithoutAnAcknowledgementIsAnError() throws {
    let file = """
      intents:
        - id: scared
          says: [i am scared]
          reply: That sounds worrying. You can ask me anything.
          opens: [i am scared that]
      """
    let (errors, _) = try KnowledgeFixtures.diagnostics(writing: ["smalltalk.yaml": file])
    #expect(
      errors == [
        "smalltalk.yaml:5:12: error: small-talk intent 'scared' has 'opens' but no 'acknowledge' to show before the answer"
      ])
  }

  @Test func aPatternThatIsNotAPhrasePatternIsAnErrorAtItsLine() throws {
    let file = """
      intents:
        - id: privacy
          says: [is this private]
          reply: Nothing you type here is kept after you leave.
          patterns:
            - private|confidential
            - you keep & my info
            - this|that not||helpful
      """
    let (errors, _) = try KnowledgeFixtures.diagnostics(writing: ["smalltalk.yaml": file])
    #expect(errors.count == 2)
    #expect(errors.allSatisfy { $0.contains("small-talk pattern") && $0.contains("is not a valid phrase pattern") })
    #expect(errors.contains { $0.hasPrefix("smalltalk.yaml:7:") })
    #expect(errors.contains { $0.hasPrefix("smalltalk.yaml:8:") })
  }
}

/// Regions and red-flag kinds are safety data: a gap in them is an error with file:line.
@Suite struct SafetyDataValidationTests {
  static func fixture(_ name: String) throws -> String {
    try String(contentsOfFile: KnowledgeFixtures.valid + "/" + name, encoding: .utf8)
  }

  @Test func sameDayAdviceThatIsTheEmergencyNumberIsAnError() throws {
    let regions = try Self.fixture("regions.yaml")
    let changed = regions.replacingOccurrences(
      of: "urgent: your doctor's after-hours line or an urgent care clinic", with: "urgent: \"911\"")
    #expect(changed != regions)
    let result = try KnowledgeFixtures.diagnostics(writing: ["regions.yaml": changed])
    #expect(
      result.errors.contains {
        $0.hasPrefix("regions.yaml:")
          && $0.hasSuffix("error: region 'US': 'urgent' is the emergency number; name a nurse line or say whom to call")
      })
  }

  @Test func aNumberWithoutItsOwnSourceIsAnError() throws {
    let regions = try Self.fixture("regions.yaml")
    let changed = regions.replacingOccurrences(of: "      poison: [r1]\n", with: "      poison: []\n")
    #expect(changed != regions)
    let result = try KnowledgeFixtures.diagnostics(writing: ["regions.yaml": changed])
    #expect(result.errors.contains { $0.hasSuffix("error: region 'US' has no source for 'poison'") })
  }

  @Test func aMissingPoisonLineIsAnError() throws {
    let regions = try Self.fixture("regions.yaml")
    let changed = regions.replacingOccurrences(of: "    poison: Poison Help 1-800-222-1222\n", with: "")
    #expect(changed != regions)
    let result = try KnowledgeFixtures.diagnostics(writing: ["regions.yaml": changed])
    #expect(
      result.errors.contains {
        $0.hasPrefix("regions.yaml:") && $0.hasSuffix("error: region is missing required field 'poison'")
      })
  }

  @Test func aKindWithoutAPriorityOrWithAnotherKindsPriorityIsAnError() throws {
    let flags = try Self.fixture("redflags.yaml")
    let missing = flags.replacingOccurrences(
      of: "    label: POSSIBLE OVERDOSE\n    priority: 1\n", with: "    label: POSSIBLE OVERDOSE\n")
    #expect(missing != flags)
    let noPriority = try KnowledgeFixtures.diagnostics(writing: ["redflags.yaml": missing])
    #expect(
      noPriority.errors.contains {
        $0.hasPrefix("redflags.yaml:") && $0.hasSuffix("error: red-flag kind is missing required field 'priority'")
      })
    let twice = flags.replacingOccurrences(of: "    priority: 4\n", with: "    priority: 1\n")
    let same = try KnowledgeFixtures.diagnostics(writing: ["redflags.yaml": twice])
    #expect(
      same.errors.contains {
        $0.hasSuffix("error: red-flag kind 'suicide' has the same priority as 'overdose'; give each kind its own")
      })
  }
}
