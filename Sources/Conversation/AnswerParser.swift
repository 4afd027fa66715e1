import TextAnalysis

/// Reads answers the way people type them: "yeah", "nope", "kind of", "7/10", "seven".
///
/// The accepted words come from Knowledge/answers.yaml.
struct AnswerParser: Sendable {
  let words: [String: [String]]
  /// Every answer a typed phrase can mean, in a fixed order (a word may belong to two answers,
  /// like "kind of" for "not sure" and "sometimes"); the first one the question allows wins.
  private var lookup: [String: [String]] = [:]
  static let order = ["yes", "no", "not sure", "never", "sometimes", "often"] + (0...10).map(String.init)

  init(words: [String: [String]]) {
    self.words = words
    let answers =
      Self.order.filter { words[$0] != nil } + words.keys.sorted().filter { !Self.order.contains($0) && $0 != "denial" }
    for answer in answers {
      lookup[Self.key(answer), default: []].append(answer)
    }
    for answer in answers {
      for phrase in words[answer] ?? [] where !(lookup[Self.key(phrase)] ?? []).contains(answer) {
        lookup[Self.key(phrase), default: []].append(answer)
      }
    }
  }

  static func key(_ text: String) -> String { Normalizer.tokens(text).joined(separator: " ") }

  /// The canonical answer for a line, if it is one of `allowed`.
  func parse(_ line: String, allowed: [String]) -> String? {
    let key = Self.key(line)
    if allowed.contains(key) { return key }
    let meanings = lookup[key] ?? []
    if let answer = meanings.first(where: { allowed.contains($0) }) { return answer }
    // Frequency questions also accept yes/no-style words.
    if allowed == ["never", "sometimes", "often"] {
      for answer in meanings {
        switch answer {
        case "yes": return "often"
        case "no": return "never"
        case "not sure": return "sometimes"
        default: continue
        }
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
    if let value = Int(first) ?? lookup[first]?.compactMap({ Int($0) }).first, (0...10).contains(value) { return value }
    return nil
  }

  /// "no", "I'm fine", "you misunderstood": a denial after an alert.
  func isDenial(_ line: String) -> Bool {
    let tokens = Normalizer.tokens(line)
    guard !tokens.isEmpty, tokens.count <= 10 else { return false }
    if lookup[Self.key(line)]?.first == "no" { return true }
    return (words["denial"] ?? []).contains { phrase in
      let wanted = Normalizer.tokens(phrase)
      guard !wanted.isEmpty, wanted.count <= tokens.count else { return false }
      return (0...(tokens.count - wanted.count)).contains { Array(tokens[$0..<($0 + wanted.count)]) == wanted }
    }
  }
}
