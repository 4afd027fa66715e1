import Testing
import TextAnalysis

@Suite struct ReadabilityTests {
  @Test(arguments: [
    ("cat", 1), ("pain", 1), ("the", 1), ("table", 2), ("medicine", 3), ("tolerance", 3),
    ("walked", 1), ("wanted", 2), ("boxes", 2), ("makes", 1), ("complicated", 4), ("", 0), ("123", 0),
  ])
  func syllables(word: String, count: Int) {
    #expect(Readability.syllables(in: word) == count)
  }

  @Test(
    arguments: [
      // 6 words, 1 sentence, 6 syllables: 0.39*6 + 11.8*1 - 15.59
      ("The cat sat on the mat.", -1.45),
      // 8 words, 2 sentences, 9 syllables
      ("Pain can get worse. Talk to your doctor.", -0.755),
      // 4 words, 1 sentence, 11 syllables
      ("Medicine tolerance is complicated.", 18.42),
    ] as [(String, Double)])
  func grade(text: String, expected: Double) {
    #expect(abs(Readability.grade(text) - expected) < 0.01)
  }

  @Test func knownGrades() {
    #expect(abs(Readability.grade("The cat sat on the mat.") - (-1.45)) < 0.01)
    #expect(Readability.grade("") == 0)
    #expect(Readability.wordCount("Pain can get worse. Talk to your doctor.") == 8)
  }
}

@Suite struct PorterStemmerTests {
  @Test(arguments: [
    ("hurting", "hurt"), ("hurts", "hurt"), ("spreading", "spread"), ("tapering", "taper"),
    ("opioids", "opioid"), ("caresses", "caress"), ("ponies", "poni"), ("hopping", "hop"),
    ("falling", "fall"), ("relational", "relat"), ("generalization", "gener"), ("motoring", "motor"),
    ("feed", "feed"), ("go", "go"), ("Hurting", "Hurting"),
  ])
  func stem(word: String, stem: String) {
    #expect(PorterStemmer.stem(word) == stem)
  }
}

@Suite struct EditDistanceTests {
  @Test(arguments: [
    ("kitten", "sitting", 5, 3), ("pain", "pian", 2, 1), ("abc", "acb", 2, 1), ("opiod", "opioid", 2, 1),
    ("", "abc", 5, 3), ("same", "same", 2, 0), ("abcdef", "zzzzzz", 2, 3), ("ab", "abcdef", 2, 3),
  ])
  func distance(a: String, b: String, limit: Int, expected: Int) {
    #expect(EditDistance.distance(Array(a.utf8), Array(b.utf8), limit: limit) == expected)
  }

  @Test(arguments: [(3, 0), (4, 1), (6, 1), (7, 2), (12, 2)])
  func allowance(length: Int, expected: Int) {
    #expect(EditDistance.allowance(forLength: length) == expected)
  }
}

@Suite struct DoseDetectorTests {
  @Test(arguments: [
    ("take 5 mg at night", "5 mg"), ("10mg", "10mg"), ("2 tablets a day", "2 tablets"),
    ("cut 10% per week", "10% per week"), ("every 4 hours", "every 4 hours"), ("twice a day", "twice a"),
    ("30 MME", "30 mme"), ("three times a day", "three times a"), ("every four hours", "every four hours"),
  ])
  func positives(text: String, found: String) {
    #expect(DoseDetector.firstDose(in: text) == found)
  }

  @Test(arguments: [
    "over 5%", "from 0.01% to over 5%", "in 2023 the FDA added a warning", "46 cases", "rate it from 0 to 10",
    "ask your prescriber", "a pill",
  ])
  func negatives(text: String) {
    #expect(DoseDetector.firstDose(in: text) == nil)
  }

  @Test(arguments: [
    ("i take 20mg twice a day, is that why it hurts", "i take is that why it hurts"),
    ("im on 30mg morphine every 12 hours and my skin hurts", "im on morphine and my skin hurts"),
    ("started at 10 mg, now 80 mg, is this normal", "started at now is this normal"),
    ("no amount here", "no amount here"),
  ])
  func removingDosesKeepsTheRestOfTheLine(line: String, rest: String) {
    #expect(DoseDetector.removingDoses(from: line) == rest)
    #expect(DoseDetector.firstDose(in: rest) == nil)
  }
}

@Suite struct NormalizerTests {
  @Test(arguments: [
    ("I can't sleep", ["i", "can", "not", "sleep"]),
    ("cant he stop", ["can", "he", "not", "stop"]),
    ("I'm gonna", ["i", "am", "going", "to"]),
    ("he wont wake", ["he", "will", "not", "wake"]),
    ("I don't know", ["i", "do", "not", "know"]),
    ("hurt my self", ["hurt", "myself"]),
    ("He OD'd", ["he", "odd"]),
    ("u r ok?", ["you", "are", "ok"]),
    ("Café, 7/10!", ["cafe", "7", "10"]),
  ])
  func tokens(text: String, expected: [String]) {
    #expect(Normalizer.tokens(text) == expected)
  }
}

/// Crisis slang is data (Knowledge/slang.yaml); `Slang` spells it out.
@Suite struct SlangTests {
  static let slang = Slang([
    .init(written: "kms", means: "kill myself"), .init(written: "od", means: "overdose"),
    .init(written: "od ing", means: "overdosing"), .init(written: "od'd", means: "overdosed"),
    .init(written: "o.d.'d", means: "overdosed"), .init(written: "o.d.", means: "overdosed"),
  ])

  @Test(arguments: [
    ("i wanna kms", ["i", "want", "to", "kill", "myself"]),
    ("my bf is od ing", ["my", "bf", "is", "overdosing"]),
    ("she OD'd last night", ["she", "overdosed", "last", "night"]),
    ("He o.d.'d", ["he", "overdosed"]),
    ("an od", ["an", "overdose"]),
    ("that is odd", ["that", "is", "odd"]),
    ("God's plan", ["gods", "plan"]),
    ("kmsx", ["kmsx"]),
  ])
  func spellsOutSlang(text: String, expected: [String]) {
    #expect(Self.slang.tokens(text) == expected)
  }

  @Test func entriesWithPunctuationAreSpellings() {
    #expect(Slang.Entry(written: "od'd", means: "overdosed").isSpelling)
    #expect(Slang.Entry(written: "o.d.", means: "overdosed").isSpelling)
    #expect(!Slang.Entry(written: "od ing", means: "overdosing").isSpelling)
    #expect(Slang.none.tokens("kms") == ["kms"])
  }
}

@Suite struct TextFormattingTests {
  @Test(
    arguments: [
      (35.14, 1, "35.1"), (35.15, 1, "35.1"), (2.25, 1, "2.2"), (-1.45, 1, "-1.4"), (6.0, 1, "6.0"), (0.04, 1, "0.0"),
      (7.5, 0, "8"), (1.23456, 3, "1.235"),
    ] as [(Double, Int, String)])
  func decimals(value: Double, places: Int, expected: String) {
    #expect(decimalText(value, places: places) == expected)
  }

  @Test func trimmingAndPieces() {
    #expect("  a b \n\t".trimmingWhitespace() == "a b")
    #expect(" \n ".trimmingWhitespace() == "")
    #expect(" \t".isBlank && "".isBlank && !" x ".isBlank)
    #expect("a\n\nb\n".pieces(separatedBy: "\n") == ["a", "", "b", ""])
  }

  @Test func deferredValuesWaitAndAgree() {
    let slow = Deferred { () -> Int in
      var total = 0
      for i in 0..<200_000 { total &+= i }
      return total
    }
    #expect(slow.value == 19_999_900_000)
    #expect(slow.value == 19_999_900_000)
    #expect(Deferred(ready: "now").value == "now")
    // One deferred value may wait for another.
    let first = Deferred { 20 }
    let second = Deferred { first.value + 1 }
    #expect(second.value == 21)
  }

  /// What the work captured is let go once it is done, while the value is still held: the index
  /// and the matcher each captured the whole knowledge base, 3.7 MB of classifier text with it,
  /// for as long as the program ran (measured with massif).
  @Test func deferredWorkIsLetGoOnceDone() {
    final class Captured: Sendable { let number = 7 }
    weak var seen: Captured?
    let deferred: Deferred<Int>
    do {
      let captured = Captured()
      seen = captured
      deferred = Deferred { captured.number }
    }
    #expect(deferred.value == 7)
    #expect(seen == nil)
  }
}

@Suite struct SpellCorrectorTests {
  @Test func aMisspeltWordBecomesTheClosestVocabularyWord() {
    let corrector = SpellCorrector(vocabulary: ["stopping", "listening"], alsoKnown: [String]())
    #expect(corrector.correct("stoping") == "stopping")
    #expect(corrector.correct("listning") == "listening")
  }

  /// Words whose letters differ too much are passed over without computing a distance; the
  /// answer must stay the closest word. Every one- and two-edit misspelling of a small
  /// vocabulary is checked against the distance to every word.
  @Test func theLetterTestNeverHidesTheClosestWord() {
    let vocabulary = ["breathing", "breathe", "unconscious", "overdose", "swallowed", "seizure", "dizzy", "sweating"]
    let corrector = SpellCorrector(vocabulary: vocabulary, alsoKnown: [String]())
    let letters = Array("abcdehinorstuwyz".utf8)
    var typos: Set<[UInt8]> = []
    for word in vocabulary.map({ Array($0.utf8) }) {
      for i in 1..<word.count {
        typos.insert(Array(word[..<i] + word[(i + 1)...]))  // a letter left out
        for letter in letters { typos.insert(Array(word[..<i] + [letter] + word[(i + 1)...])) }  // one changed
        if i + 1 < word.count {
          var swapped = word
          swapped.swapAt(i, i + 1)
          typos.insert(swapped)
          typos.insert(Array(swapped[..<i] + swapped[(i + 1)...]))  // swapped, then one left out
        }
      }
    }
    for typo in typos {
      let text = String(decoding: typo, as: UTF8.self)
      let limit = EditDistance.allowance(forLength: typo.count)
      let reachable = vocabulary.map { Array($0.utf8) }.filter {
        $0.first == typo.first || $0.first == typo.dropFirst().first
      }
      let best = reachable.map { EditDistance.distance(typo, $0, limit: limit) }.min() ?? limit + 1
      let corrected = corrector.correct(text)
      if vocabulary.contains(text) || best > limit {
        continue
      }
      #expect(corrected != text, "\(text) was left as it is; a word \(best) edits away exists")
      #expect(EditDistance.distance(typo, Array(corrected.utf8), limit: limit) == best, "\(text) -> \(corrected)")
    }
  }

  /// A word a `word*` pattern covers keeps its beginning: "blistering" for `blister*` was read
  /// as "listening", and a skin reaction with blisters raised no alert.
  @Test func aWordAKeptPrefixCoversIsOnlyCorrectedToTheSameBeginning() {
    let corrector = SpellCorrector(
      vocabulary: ["stopping", "listening", "blister"], alsoKnown: [String](), keepingPrefixes: ["blister", "stop"])
    #expect(corrector.correct("blistering") == "blistering")
    #expect(corrector.correct("stoping") == "stopping")
  }
}
