import TextAnalysis

/// Reads answers the way people type them: "yeah", "nope", "kind of", "7/10", "seven".
///
/// The accepted words come from Knowledge/answers.yaml.
struct AnswerParser: Sendable {
  let words: [String: [String]]
  private var lookup: [String: String] = [:]

  init(words: [String: [String]]) {
    self.words = words
    for (answer, phrases) in words {
      lookup[Self.key(answer)] = answer
      for phrase in phrases { lookup[Self.key(phrase)] = answer }
    }
  }

  static func key(_ text: String) -> String { Normalizer.tokens(text).joined(separator: " ") }

  /// The canonical answer for a line, if it is one of `allowed`.
  func parse(_ line: String, allowed: [String]) -> String? {
    let key = Self.key(line)
    if allowed.contains(key) { return key }
    if let answer = lookup[key], allowed.contains(answer) { return answer }
    // Frequency questions also accept yes/no-style words.
    if allowed == ["never", "sometimes", "often"], let answer = lookup[key] {
      switch answer {
      case "yes": return "often"
      case "no": return "never"
      case "not sure": return "sometimes"
      default: return nil
      }
    }
    return nil
  }

  /// A 0-10 number from "7", "7/10", "7 out of 10", "seven".
  func scale(_ line: String) -> Int? {
    let all = Normalizer.tokens(line)
    guard let first = all.first, all.dropFirst().allSatisfy({ ["out", "of", "10", "ten"].contains($0) }) else {
      return nil
    }
    if let value = Int(first) ?? lookup[first].flatMap({ Int($0) }), (0...10).contains(value) { return value }
    return nil
  }

  /// "no", "I'm fine", "you misunderstood": a denial after an alert.
  func isDenial(_ line: String) -> Bool {
    let tokens = Normalizer.tokens(line)
    guard !tokens.isEmpty, tokens.count <= 10 else { return false }
    if lookup[Self.key(line)] == "no" { return true }
    return (words["denial"] ?? []).contains { phrase in
      let wanted = Normalizer.tokens(phrase)
      guard !wanted.isEmpty, wanted.count <= tokens.count else { return false }
      return (0...(tokens.count - wanted.count)).contains { Array(tokens[$0..<($0 + wanted.count)]) == wanted }
    }
  }
}
