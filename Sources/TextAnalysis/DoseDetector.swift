/// Finds amounts, rates and schedules of medicine in text ("5 mg", "10% a week", "every 4 hours").
///
/// Content must never give doses, and user questions that ask for one are sent to the
/// prescriber or pharmacist. Plain percentages without a time unit ("over 5%") are not doses.
public enum DoseDetector {
  static let numberWords: Set<String> = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "half", "double", "triple", "a", "an",
  ]
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
    let raw = rawTokens(text)
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
          if ["per", "a", "an", "each", "every"].contains(next) && timeUnits.contains(after) {
            return "\(token) \(next) \(after)"
          }
          if timeUnits.contains(next) { return "\(token) \(next)" }
          if next == "of", after == "the" || after == "your" || after == "dose" {
            return "\(token) of \(after)"
          }
          continue
        }
        if units.contains(suffix) { return token }
        if units.contains(next), !["a", "an"].contains(token) { return "\(token) \(next)" }
        if ["times", "x"].contains(next), ["a", "per", "each", "daily"].contains(after) {
          return "\(token) \(next) \(after)"
        }
      }
      // "every 4 hours", "every four hours"
      if token == "every", (next.first?.isNumber == true || numberWords.contains(next)),
        timeUnits.contains(after)
      {
        return "every \(next) \(after)"
      }
      // "twice a day", "three times a day"
      if ["twice", "thrice", "once"].contains(token), ["a", "per", "each", "daily"].contains(next),
        next == "daily" || timeUnits.contains(after)
      {
        return "\(token) \(next)"
      }
      if numberWords.contains(token), !["a", "an", "half"].contains(token) {
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

  /// Lowercased words, keeping digits, dots inside numbers and "%".
  static func rawTokens(_ text: String) -> [String] {
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
