import TextAnalysis

/// Reads a line such as "OxyContin 20mg twice a day, gabapentin" as medicine names only.
///
/// Names from Knowledge/medicines.yaml are kept (a misspelling close to one name counts as
/// that name). Anything that looks like an amount, a strength or a schedule ("20mg", "twice a
/// day", "at night", "as needed") is left out and reported as such, so no dose ever reaches
/// the summary. Other words are reported as not recognized and left out too.
public struct MedicineNames: Sendable {
  /// What a line held.
  public struct Reading: Sendable, Equatable {
    /// The names kept, as the summary shows them ("OxyContin (oxycodone)"), each once, in the
    /// order typed.
    public var names: [String] = []
    /// Whether an amount, a strength or a schedule was left out.
    public var removedDoses = false
    /// Words that are not a known name, as typed (lowercase), each run of them as one entry.
    public var unknown: [String] = []
  }

  /// A known name and how it is shown.
  struct Entry: Sendable {
    var display: String
  }

  private let phrases: [[String]: Entry]
  private let longest: Int
  private let corrector: SpellCorrector

  /// Words that mean an amount, a strength or a time to take it.
  static let doseWords: Set<String> = [
    "mg", "mgs", "milligram", "milligrams", "mcg", "mcgs", "microgram", "micrograms", "ug", "g", "gram", "grams",
    "ml", "mls", "milliliter", "milliliters", "millilitre", "millilitres", "mme", "unit", "units", "half", "double",
    "triple", "once", "twice", "thrice", "times", "x", "every", "per", "daily", "nightly", "weekly", "hourly", "hour",
    "hours", "hr", "hrs",
    "day", "days", "week", "weeks", "month", "months", "morning", "mornings", "evening", "evenings", "night",
    "nights", "noon", "bedtime", "pm", "bid", "tid", "qid", "qd", "qds", "tds", "bd", "od", "prn", "needed",
    "required", "breakthrough", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred",
  ]

  /// Words around the names that say nothing: left out without a note.
  static let fillerWords: Set<String> = [
    "i", "im", "me", "my", "take", "takes", "taking", "took", "use", "uses", "using", "used", "am", "on", "and", "or",
    "with", "plus", "also", "the", "a", "an", "of", "for", "at", "in", "to", "as", "when", "if", "sometimes",
    "usually", "pain", "medicine", "medicines", "medication", "medications", "med", "meds", "prescribed",
    "prescription", "generic", "brand", "extended", "immediate", "release", "slow", "er", "xr", "sr", "ir", "cr",
    "dose", "doses", "strength", "tablet", "tablets", "tab", "tabs", "pill", "pills", "capsule", "capsules", "cap",
    "caps", "patch", "patches", "puff", "puffs", "drop", "drops", "spray", "sprays", "liquid", "injection", "shot",
    "shots",
    "la", "mr", "cd", "only", "just", "none", "nothing", "no", "not", "any", "other", "etc", "then", "now", "it",
    "them", "that", "those", "this", "these", "is", "are", "was", "be", "but", "too", "some",
  ]

  /// Words close to a medicine name that mean something else.
  static let otherWords: Set<String> = [
    "cocaine", "heroin", "alcohol", "kratom", "morning", "mornings", "medicine", "medicines", "codeines",
  ]

  /// Builds the reader over `medicines`.
  ///
  /// - Parameter medicines: The names from Knowledge/medicines.yaml.
  public init(_ medicines: [Medicine]) {
    var phrases: [[String]: Entry] = [:]
    var longest = 1
    var vocabulary: [String] = []
    func add(_ name: String, _ entry: Entry) {
      let tokens = Self.tokens(name).map(\.text)
      guard !tokens.isEmpty, phrases[tokens] == nil else { return }
      phrases[tokens] = entry
      longest = max(longest, tokens.count)
      // "co-codamol" may also be typed "cocodamol".
      if tokens.count > 1, phrases[[tokens.joined()]] == nil { phrases[[tokens.joined()]] = entry }
      if tokens.count == 1 { vocabulary.append(tokens[0]) }
    }
    for medicine in medicines {
      add(medicine.name, Entry(display: medicine.name))
      for name in medicine.names { add(name, Entry(display: name)) }
      for brand in medicine.brands { add(brand, Entry(display: "\(brand) (\(medicine.name))")) }
    }
    self.phrases = phrases
    self.longest = longest
    // Dose words, fillers and other drugs are never corrected into a name ("pills" must not
    // become a brand, nor "cocaine" codeine). Shorter words are never corrected: "alive" is
    // not Aleve.
    corrector = SpellCorrector(
      vocabulary: vocabulary, minimumLength: 6,
      alsoKnown: Array(Self.doseWords) + Array(Self.fillerWords) + Array(Self.otherWords))
  }

  /// The key a name is compared by: its lowercase words joined by spaces.
  ///
  /// - Parameter name: A medicine name as written.
  /// - Returns: The key, empty when the name has no letters.
  public static func key(_ name: String) -> String { tokens(name).map(\.text).joined(separator: " ") }

  /// Reads `line`.
  ///
  /// - Parameter line: What the person typed.
  /// - Returns: The names kept, whether a dose was left out, and the words not recognized.
  public func read(_ line: String) -> Reading {
    var reading = Reading()
    let tokens = Self.tokens(line)
    var pendingUnknown: [String] = []
    func flushUnknown() {
      if !pendingUnknown.isEmpty { reading.unknown.append(pendingUnknown.joined(separator: " ")) }
      pendingUnknown = []
    }
    var index = 0
    while index < tokens.count {
      if let (entry, length) = match(tokens, at: index) {
        flushUnknown()
        if !reading.names.contains(entry.display) { reading.names.append(entry.display) }
        index += length
        continue
      }
      let token = tokens[index]
      if token.hasDigit || Self.doseWords.contains(token.text) {
        reading.removedDoses = true
        flushUnknown()
      } else if Self.fillerWords.contains(token.text) {
        flushUnknown()
      } else {
        pendingUnknown.append(token.text)
      }
      index += 1
    }
    flushUnknown()
    if DoseDetector.firstDose(in: line) != nil { reading.removedDoses = true }
    return reading
  }

  /// The known name starting at `index` (the longest one), with how many tokens it covers.
  func match(_ tokens: [Token], at index: Int) -> (Entry, Int)? {
    let most = min(longest, tokens.count - index)
    guard most > 0 else { return nil }
    for length in stride(from: most, through: 1, by: -1) {
      let words = tokens[index..<(index + length)].map(\.text)
      if let entry = phrases[words] { return (entry, length) }
    }
    let word = tokens[index].text
    // A plural: "norcos", "percocets".
    if word.count > 4, word.hasSuffix("s"), let entry = phrases[[String(word.dropLast())]] { return (entry, 1) }
    let corrected = corrector.correct(word)
    if corrected != word, let entry = phrases[[corrected]] { return (entry, 1) }
    return nil
  }

  /// A word of the line.
  struct Token: Sendable {
    var text: String
    var hasDigit: Bool
  }

  /// Lowercase words: runs of letters, digits and apostrophes (dropped), look-alike characters
  /// folded. "20mg" stays one word, marked as holding a digit.
  static func tokens(_ text: String) -> [Token] {
    var out: [Token] = []
    var current = ""
    var digit = false
    func flush() {
      if !current.isEmpty { out.append(Token(text: current, hasDigit: digit)) }
      current = ""
      digit = false
    }
    for character in TextFolding.fold(text).lowercased() {
      if character.isLetter || character.isNumber {
        current.append(character)
        if character.isNumber { digit = true }
      } else if character == "'" || character == "\u{2019}" {
        continue
      } else if character == "." || character == "%", digit {
        continue
      } else {
        flush()
      }
    }
    flush()
    return out
  }
}
