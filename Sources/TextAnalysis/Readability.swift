/// Flesch-Kincaid reading grade, used to keep content at a grade 6-8 reading level.
///
/// Grade = 0.39 x (words / sentences) + 11.8 x (syllables / words) - 15.59.
public enum Readability {
  /// Counts syllables in an English word with the usual vowel-group heuristic.
  ///
  /// Silent final "e", and "-es"/"-ed" endings that add no syllable, are dropped first.
  /// - Parameter word: One word; characters other than a-z are ignored.
  /// - Returns: At least 1 for a word with letters, 0 for none.
  public static func syllables(in word: String) -> Int {
    var w = Array(word.lowercased().utf8.filter { $0 >= 97 && $0 <= 122 })
    if w.isEmpty { return 0 }
    if w.count <= 3 { return 1 }
    func ends(_ s: String) -> Bool {
      let b = Array(s.utf8)
      return w.count >= b.count && Array(w[(w.count - b.count)...]) == b
    }
    if ends("es") && !["ses", "zes", "ces", "ges", "shes", "ches", "xes"].contains(where: ends) {
      w.removeLast(2)
    } else if ends("ed") && !ends("ted") && !ends("ded") {
      w.removeLast(2)
    } else if ends("e") && !ends("le") {
      w.removeLast()
    }
    var groups = 0
    var inVowel = false
    for byte in w {
      let vowel = [97, 101, 105, 111, 117, 121].contains(byte)
      if vowel && !inVowel { groups += 1 }
      inVowel = vowel
    }
    return max(1, groups)
  }

  /// Counts the sentences and words of `text`.
  static func counts(_ text: String) -> (sentences: Int, words: [Substring]) {
    var words: [Substring] = []
    var sentences = 0
    var sawWordInSentence = false
    var wordStart: String.Index?
    var index = text.startIndex
    func closeWord(at end: String.Index) {
      if let start = wordStart {
        words.append(text[start..<end])
        sawWordInSentence = true
      }
      wordStart = nil
    }
    while index < text.endIndex {
      let character = text[index]
      let isWordCharacter =
        character.isLetter || character.isNumber
        || (wordStart != nil && (character == "'" || character == "-" || character == "\u{2019}"))
      if isWordCharacter {
        if wordStart == nil { wordStart = index }
      } else {
        closeWord(at: index)
        if character == "." || character == "!" || character == "?" {
          let next = text.index(after: index)
          if next == text.endIndex || text[next].isWhitespace || text[next] == "\"" {
            if sawWordInSentence { sentences += 1 }
            sawWordInSentence = false
          }
        } else if character == ":" || character == ";" {
          let next = text.index(after: index)
          if next < text.endIndex, text[next].isNewline {
            if sawWordInSentence { sentences += 1 }
            sawWordInSentence = false
          }
        }
      }
      index = text.index(after: index)
    }
    closeWord(at: text.endIndex)
    if sawWordInSentence { sentences += 1 }
    return (max(1, sentences), words)
  }

  /// The number of words in `text`, as the grade formula counts them.
  public static func wordCount(_ text: String) -> Int { counts(text).words.count }

  /// The Flesch-Kincaid grade of `text`.
  ///
  /// - Parameter text: One or more sentences.
  /// - Returns: The grade level, or 0 when the text has no words.
  public static func grade(_ text: String) -> Double {
    let (sentences, words) = counts(text)
    guard !words.isEmpty else { return 0 }
    let syllableCount = words.reduce(0) { sum, word in
      sum + (word.contains(where: \.isLetter) ? Self.syllables(in: String(word)) : 1)
    }
    return 0.39 * Double(words.count) / Double(sentences)
      + 11.8 * Double(syllableCount) / Double(words.count) - 15.59
  }
}
