// Differential tests: the byte-level fast paths added for start-up speed must give exactly
// what the general (Unicode) code and the previous implementations give, on every text of the
// shipped knowledge base, the test data sets, the transcripts and some awkward strings.
import Foundation
import Testing

@testable import TextAnalysis

@Suite struct FastPathTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// Every line of the knowledge base, test data and transcripts, split at tabs, plus edge cases.
  static let corpus: [String] = {
    var lines: [String] = [
      "", " ", "\t\n", "OD'd", "He o.d.'d last night", "od'ed", "o.d. again", "God's plan", "good'n", "5 o.d",
      "Can't", "CAN'T he", "my self", "him selves", "od ing", "I'm gonna kms", "`tick` marks", "rock'n'roll",
      "10mg", "2.5 mg.", "10.", "1.2.3", "50%", "10% a week", "10% an hour", "10% every week", "10% of the dose",
      "2 times daily", "2 x a day", "3 x every day", "three times daily", "three times a day", "once daily",
      "twice every day", "once a week", "every a day", "every 4 hours", "a tablets", "half pills",
      "Wait... what?", "Yes! No? Maybe.", "End:\nnext", "End:\r\nnext", "A - B -- C", "self-harm", "it's",
      "Café", "naïve résumé", "ÉTÉ", "straße", "emoji 😀 here", "\u{2019}quote\u{2019}", "two\u{00A0}words",
    ]
    let folders = ["Knowledge", "Tests/Data", "Transcripts"]
    for folder in folders {
      let base = root.appendingPathComponent(folder).path
      guard let files = FileManager.default.enumerator(atPath: base) else { continue }
      for case let file as String in files
      where file.hasSuffix(".yaml") || file.hasSuffix(".tsv") || file.hasSuffix(".transcript") {
        guard let text = try? String(contentsOfFile: base + "/" + file, encoding: .utf8) else { continue }
        for line in text.split(separator: "\n") {
          lines.append(String(line))
          lines += line.split(separator: "\t").map(String.init)
        }
      }
    }
    return lines
  }()

  @Test func corpusIsLarge() {
    #expect(Self.corpus.count > 10_000)
  }

  /// A long text with a few non-ASCII characters is read in pieces at spaces: the same words as
  /// reading it whole.
  @Test func longTextsReadInPiecesGiveTheSameWords() {
    let whole = Self.corpus.joined(separator: " ")
    var text = whole
    text.makeContiguousUTF8()
    let pieces = text.utf8.withContiguousStorageIfAvailable { Normalizer.segmentedWords($0) }
    #expect(pieces == Normalizer.unicodeWords(whole))
    #expect(Normalizer.tokens(whole) == Normalizer.expand(Normalizer.unicodeWords(whole)))
  }

  @Test func normalizerFastPathMatchesUnicodePath() {
    var checked = 0
    for line in Self.corpus {
      var text = line
      text.makeContiguousUTF8()
      guard let fast = text.utf8.withContiguousStorageIfAvailable({ Normalizer.asciiWords($0) }), let fast else {
        continue
      }
      #expect(fast == Normalizer.unicodeWords(line), "\(line)")
      checked += 1
    }
    #expect(checked > 5_000)
  }

  @Test func readabilityFastPathMatchesCharacterPath() {
    for line in Self.corpus {
      let (sentences, words) = Readability.counts(line)
      let syllables = words.reduce(0) {
        $0 + ($1.contains(where: \.isLetter) ? Readability.syllables(in: String($1)) : 1)
      }
      let summary = Readability.summary(line)
      #expect(
        summary.sentences == sentences && summary.words == words.count && summary.syllables == syllables, "\(line)")
    }
  }

  @Test func doseTokensFastPathMatchesUnicodePath() {
    for line in Self.corpus {
      #expect(DoseDetector.rawTokens(line) == DoseDetector.unicodeRawTokens(line), "\(line)")
    }
  }

  @Test func doseDetectorMatchesPreviousImplementation() {
    for line in Self.corpus {
      #expect(DoseDetector.firstDose(in: line) == Reference.firstDose(in: line), "\(line)")
    }
  }

  @Test func patternParserMatchesPreviousImplementation() throws {
    let groups = [
      "people": ["he", "she", "My Wife"], "odd": ["fine", "#", "#5", "wake*", "can't"], "bad": ["ok", "?"],
    ]
    var patterns = [
      "@people not wake*", "@odd|x y", "@bad z", "@none z", "a  b", " a b ", "a| b", "a||b", "#", "#5 pills", "#x", "*",
      "wake**", "can't breathe", "Not BREATHING", "é*", "naïve", "a & b", "a && b", "@", "x|@people|y",
    ]
    for line in Self.corpus { patterns += line.split(separator: " & ").map(String.init) }
    for pattern in patterns {
      #expect(PhrasePattern(pattern, groups: groups)?.slots == Reference.slots(pattern, groups: groups), "\(pattern)")
    }
  }
}

/// The implementations before the fast paths, kept verbatim as references.
enum Reference {
  static func firstDose(in text: String) -> String? {
    let raw = DoseDetector.unicodeRawTokens(text)
    for (i, token) in raw.enumerated() {
      let next = i + 1 < raw.count ? raw[i + 1] : ""
      let after = i + 2 < raw.count ? raw[i + 2] : ""
      let isNumber = token.first?.isNumber == true
      // "5 mg", "5mg", "30 MME", "2 tablets"
      if isNumber {
        let digits = token.prefix { $0.isNumber || $0 == "." }
        let suffix = String(token.dropFirst(digits.count))
        if suffix == "%" {
          // "10% per week", "10% a month", "10% of the dose"
          if ["per", "a", "an", "each", "every"].contains(next) && DoseDetector.timeUnits.contains(after) {
            return "\(token) \(next) \(after)"
          }
          if DoseDetector.timeUnits.contains(next) { return "\(token) \(next)" }
          if next == "of", after == "the" || after == "your" || after == "dose" {
            return "\(token) of \(after)"
          }
          continue
        }
        if DoseDetector.units.contains(suffix) { return token }
        if DoseDetector.units.contains(next), !["a", "an"].contains(token) { return "\(token) \(next)" }
        if ["times", "x"].contains(next), ["a", "per", "each", "daily"].contains(after) {
          return "\(token) \(next) \(after)"
        }
      }
      // "every 4 hours", "every four hours"
      if token == "every", next.first?.isNumber == true || DoseDetector.numberWords.contains(next),
        DoseDetector.timeUnits.contains(after)
      {
        return "every \(next) \(after)"
      }
      // "twice a day", "three times a day"
      if ["twice", "thrice", "once"].contains(token), ["a", "per", "each", "daily"].contains(next),
        next == "daily" || DoseDetector.timeUnits.contains(after)
      {
        return "\(token) \(next)"
      }
      if DoseDetector.numberWords.contains(token), !["a", "an", "half"].contains(token) {
        if next == "times", ["a", "per", "each"].contains(after) { return "\(token) times \(after)" }
        if ["mg", "milligrams", "micrograms", "mcg", "tablets", "pills", "capsules", "patches"]
          .contains(next)
        {
          return "\(token) \(next)"
        }
      }
    }
    return nil
  }

  static func slots(_ source: String, groups: [String: [String]] = [:]) -> [[PhrasePattern.Alternative]]? {
    var slots: [[PhrasePattern.Alternative]] = []
    for slotText in source.lowercased().split(separator: " ", omittingEmptySubsequences: true) {
      var alternatives: [PhrasePattern.Alternative] = []
      var raws: [Substring] = []
      for raw in slotText.split(separator: "|", omittingEmptySubsequences: false) {
        if raw.hasPrefix("@") {
          guard let words = groups[String(raw.dropFirst())] else { return nil }
          raws += words.map { Substring($0.lowercased()) }
        } else {
          raws.append(raw)
        }
      }
      for raw in raws {
        if raw == "#" {
          alternatives.append(.number)
          continue
        }
        if raw.hasPrefix("#") {
          guard let minimum = PhrasePattern.Alternative.value(of: String(raw.dropFirst())) else { return nil }
          alternatives.append(.numberAtLeast(minimum))
          continue
        }
        var text = String(raw)
        let isPrefix = text.hasSuffix("*")
        if isPrefix { text.removeLast() }
        let parts: [String]
        if !text.isEmpty, text.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) }) {
          // Fast path for plain lowercase words, the common case (group word lists are long).
          // Since the fifteenth session a number run into its unit ("4yo") is two words here
          // too, as in text: `Normalizer.expansion(of:)`.
          parts = Normalizer.expansion(of: text)
        } else {
          // Only letters, digits and apostrophes: "?" or "(" would silently mean something else.
          guard text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "'" }) else { return nil }
          // Normalize the alternative like input text, so "can't" in a pattern works.
          parts = Normalizer.tokens(text)
        }
        guard parts.count == 1, let word = parts.first else { return nil }
        alternatives.append(isPrefix ? .prefix(word) : .word(word))
      }
      guard !alternatives.isEmpty else { return nil }
      slots.append(alternatives)
    }
    guard !slots.isEmpty else { return nil }
    return slots
  }

}

/// The index build numbers words as it reads them; the words must be those of `Normalizer.tokens`.
@Suite struct WordNumberingTests {
  @Test func givesTheWordsOfTheNormalizerOnEveryCorpusLine() {
    var numbering = WordNumbering()
    var mismatches: [String] = []
    for line in FastPathTests.corpus {
      let numbers = numbering.numbers(line)
      let words = numbers.map { numbering.words[Int($0)] }
      if words != Normalizer.tokens(line) { mismatches.append(line) }
    }
    #expect(mismatches.isEmpty, "\(mismatches.count) lines differ: \(mismatches.prefix(5))")
    // The corpus has more distinct raw words than the first table holds: it grew and kept them.
    #expect(numbering.words.count > 8192)
  }

  @Test func contractionsAndSplitWordsAreExpandedOnce() {
    var numbering = WordNumbering()
    for line in ["Can't he stop", "I'm doing it my self", "cant he", "MY SELF", "im", "hes fine"] {
      #expect(numbering.numbers(line).map { numbering.words[Int($0)] } == Normalizer.tokens(line))
    }
    let can = numbering.number("can")
    #expect(numbering.numbers("can't") == [can, numbering.number("not")])
  }

  @Test func aNumberRunIntoItsUnitOfAgeOrTimeIsTwoWords() {
    #expect(Normalizer.tokens("my 4yo found it") == ["my", "4", "yo", "found", "it"])
    #expect(Normalizer.tokens("18mths") == ["18", "months"])
    #expect(Normalizer.tokens("on it 2yrs") == ["on", "it", "2", "years"])
    // Other numbers with letters stay whole: a dose, a pill's imprint, chat spellings.
    #expect(Normalizer.tokens("10mg m30 2day") == ["10mg", "m30", "today"])
    var numbering = WordNumbering()
    for line in ["my 4yo found it", "18mths", "on it 2yrs", "10mg m30 2day", "4yo"] {
      #expect(numbering.numbers(line).map { numbering.words[Int($0)] } == Normalizer.tokens(line))
    }
  }
}

/// The numbering of distinct tokens that long lines use instead of a `Dictionary`.
@Suite struct TokenNumberingTests {
  @Test func numbersDistinctTokensInOrderOfFirstAppearance() {
    var numbering = TokenNumbering(expected: 2)
    let tokens = ["my", "pain", "my", "is", "pain", "", "é", "my"]
    #expect(tokens.map { numbering.number($0) } == [0, 1, 0, 2, 1, 3, 4, 0])
    #expect(numbering.distinct == ["my", "pain", "is", "", "é"])
  }

  @Test func keepsEveryNumberWhenTheTableGrows() {
    var numbering = TokenNumbering(expected: 1)
    let words = (0..<5000).map { "w\($0)" }
    let first = words.map { numbering.number($0) }
    #expect(first == (0..<5000).map(Int32.init))
    #expect(words.reversed().map { numbering.number($0) } == first.reversed())
    #expect(numbering.distinct == words)
  }
}
