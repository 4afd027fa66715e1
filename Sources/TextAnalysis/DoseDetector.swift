/// Finds amounts, rates and schedules of medicine in text ("5 mg", "10% a week", "every 4 hours").
///
/// Content must never give doses, and user questions that ask for one are sent to the
/// prescriber or pharmacist. Plain percentages without a time unit ("over 5%") are not doses.
public enum DoseDetector {
  static let numberWords: Set<String> = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "half", "double", "triple", "a", "an",
  ]
  /// Longer words need no lookup in `numberWords`.
  static let longestNumberWord = numberWords.map(\.utf8.count).max() ?? 0
  static let units: Set<String> = [
    "mg", "mgs", "milligram", "milligrams", "mcg", "mcgs", "microgram", "micrograms", "ug", "ml",
    "mls", "milliliter", "milliliters", "millilitre", "millilitres", "g", "gram", "grams", "mme",
    "mmes", "med", "tablet", "tablets", "tab", "tabs", "pill", "pills", "capsule", "capsules",
    "caps", "patch", "patches", "dose", "doses", "puff", "puffs", "drop", "drops", "units",
    "sprays",
  ]
  static let timeUnits: Set<String> = [
    "day", "days", "daily", "week", "weeks", "weekly", "month", "months", "monthly", "hour",
    "hours", "hourly", "night", "nightly", "morning",
  ]

  /// Returns the first dose-like phrase in `text`, or `nil` when there is none.
  ///
  /// - Parameter text: Content or user text.
  /// - Returns: The matched words, for an error message.
  public static func firstDose(in text: String) -> String? {
    var text = text
    text.makeContiguousUTF8()
    if text.utf8.withContiguousStorageIfAvailable({ cannotHaveDose($0) }) == true { return nil }
    let raw = rawTokens(text)
    for (i, token) in raw.enumerated() {
      let firstByte = token.utf8.first ?? 0
      let isNumber = (firstByte >= 48 && firstByte <= 57) || (firstByte >= 0x80 && token.first?.isNumber == true)
      // Every rule starts with a number, a number word, "every", "twice", "thrice" or "once".
      guard
        isNumber || token == "every" || isRate(token)
          || (token.utf8.count <= longestNumberWord && numberWords.contains(token))
      else { continue }
      let next = i + 1 < raw.count ? raw[i + 1] : ""
      let after = i + 2 < raw.count ? raw[i + 2] : ""
      // "5 mg", "5mg", "30 MME", "2 tablets"
      if isNumber {
        let digits = token.prefix { $0.isNumber || $0 == "." }
        let suffix = String(token.dropFirst(digits.count))
        if suffix == "%" {
          // "10% per week", "10% a month", "10% of the dose"
          if (isPer(next) && next != "daily") || next == "an" || next == "every", timeUnits.contains(after) {
            return "\(token) \(next) \(after)"
          }
          if timeUnits.contains(next) { return "\(token) \(next)" }
          if next == "of", after == "the" || after == "your" || after == "dose" {
            return "\(token) of \(after)"
          }
          continue
        }
        if units.contains(suffix) { return token }
        if units.contains(next), token != "a", token != "an" { return "\(token) \(next)" }
        if next == "times" || next == "x", isPer(after) { return "\(token) \(next) \(after)" }
      }
      // "every 4 hours", "every four hours"
      if token == "every", next.first?.isNumber == true || numberWords.contains(next),
        timeUnits.contains(after)
      {
        return "every \(next) \(after)"
      }
      // "twice a day", "three times a day"
      if isRate(token), isPer(next), next == "daily" || timeUnits.contains(after) {
        return "\(token) \(next)"
      }
      if numberWords.contains(token), token != "a", token != "an", token != "half" {
        if next == "times", isPer(after), after != "daily" { return "\(token) times \(after)" }
        switch next {
        case "mg", "milligrams", "micrograms", "mcg", "tablets", "pills", "capsules", "patches":
          return "\(token) \(next)"
        default: break
        }
      }
    }
    return nil
  }

  /// `text` as lowercased words without its amounts, rates and schedules ("i take 20mg twice a
  /// day, is that why" -> "i take day is that why"): the rest of a line that tells a dose.
  public static func removingDoses(from text: String) -> String {
    var words = rawTokens(text)
    while let dose = firstDose(in: words.joined(separator: " ")) {
      let parts = dose.split(separator: " ").map(String.init)
      guard let start = words.indices.first(where: { words[$0...].starts(with: parts) }) else { break }
      words.removeSubrange(start..<(start + parts.count))
      // "twice a" leaves "day".
      while start < words.count, timeUnits.contains(words[start]) { words.remove(at: start) }
    }
    return words.joined(separator: " ")
  }

  /// Words that can start a rule without a digit (number words other than "a", "an" and
  /// "half", which never start one), as bytes.
  static let startWords: [[UInt8]] = [
    "every", "twice", "thrice", "once", "one", "two", "three", "four", "five", "six", "seven", "eight",
    "nine", "ten", "eleven", "twelve", "double", "triple",
  ].map { Array($0.utf8) }

  /// True when no rule can fire: ASCII text with no digit and none of `startWords`. A quick
  /// pass over the bytes that spares most content texts the full check.
  static func cannotHaveDose(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var word: [UInt8] = []
    word.reserveCapacity(16)
    func isStart() -> Bool { startWords.contains { $0 == word } }
    for byte in bytes {
      if byte >= 0x80 || (byte >= 48 && byte <= 57) { return false }
      let lower = byte >= 65 && byte <= 90 ? byte | 0x20 : byte
      if (lower >= 97 && lower <= 122) || lower == 37 {
        word.append(lower)
      } else if !word.isEmpty {
        if isStart() { return false }
        word.removeAll(keepingCapacity: true)
      }
    }
    return !isStart()
  }

  /// "twice", "thrice" or "once".
  static func isRate(_ token: String) -> Bool {
    token == "twice" || token == "thrice" || token == "once"
  }

  /// "a", "per", "each" or "daily": words that make a rate ("twice a day", "2 times daily").
  static func isPer(_ token: String) -> Bool {
    switch token {
    case "a", "per", "each", "daily": return true
    default: return false
    }
  }

  /// Lowercased words, keeping digits, dots inside numbers and "%".
  static func rawTokens(_ text: String) -> [String] {
    var text = text
    text.makeContiguousUTF8()
    if let fast = text.utf8.withContiguousStorageIfAvailable({ asciiRawTokens($0) }), let fast { return fast }
    return unicodeRawTokens(text)
  }

  /// `rawTokens` for ASCII text, over bytes; `nil` when the text has other characters.
  static func asciiRawTokens(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
    var tokens: [String] = []
    var current: [UInt8] = []
    current.reserveCapacity(32)
    func flush() {
      if !current.isEmpty {
        if current.last == 46 { current.removeLast() }
        tokens.append(String(decoding: current, as: UTF8.self))
      }
      current.removeAll(keepingCapacity: true)
    }
    for var byte in bytes {
      if byte >= 0x80 { return nil }
      if byte >= 65 && byte <= 90 { byte |= 0x20 }
      let isDigit = byte >= 48 && byte <= 57
      if (byte >= 97 && byte <= 122) || isDigit || byte == 37
        || (byte == 46 && current.last.map { $0 >= 48 && $0 <= 57 } == true)
      {
        current.append(byte)
      } else {
        flush()
      }
    }
    flush()
    return tokens
  }

  static func unicodeRawTokens(_ text: String) -> [String] {
    var tokens: [String] = []
    var current = ""
    for character in text.lowercased() {
      if character.isLetter || character.isNumber || character == "%"
        || (character == "." && current.last?.isNumber == true)
      {
        current.append(character)
      } else {
        if !current.isEmpty { tokens.append(current.hasSuffix(".") ? String(current.dropLast()) : current) }
        current = ""
      }
    }
    if !current.isEmpty { tokens.append(current.hasSuffix(".") ? String(current.dropLast()) : current) }
    return tokens
  }
}
