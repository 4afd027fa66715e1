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
    var letters: [UInt8] = []
    for byte in word.lowercased().utf8 where byte >= 97 && byte <= 122 { letters.append(byte) }
    return syllables(letters: letters)
  }

  /// Syllables of a word given as lowercase ASCII letters only.
  static func syllables(letters word: [UInt8]) -> Int {
    var w = word[...]
    if w.isEmpty { return 0 }
    if w.count <= 3 { return 1 }
    func ends(_ suffix: StaticString) -> Bool {
      let n = suffix.utf8CodeUnitCount
      guard w.count >= n else { return false }
      let start = w.endIndex - n
      for i in 0..<n where w[start + i] != suffix.utf8Start[i] { return false }
      return true
    }
    if ends("es")
      && !(ends("ses") || ends("zes") || ends("ces") || ends("ges") || ends("shes") || ends("ches") || ends("xes"))
    {
      w.removeLast(2)
    } else if ends("ed") && !ends("ted") && !ends("ded") {
      w.removeLast(2)
    } else if ends("e") && !ends("le") {
      w.removeLast()
    }
    var groups = 0
    var inVowel = false
    for byte in w {
      let vowel = byte == 97 || byte == 101 || byte == 105 || byte == 111 || byte == 117 || byte == 121
      if vowel && !inVowel { groups += 1 }
      inVowel = vowel
    }
    return max(1, groups)
  }

  /// Sentences, words and syllables of an ASCII text, in one pass over its bytes; `nil` when the
  /// text has other characters (then `counts(_:)` handles it). Same rules as `counts(_:)`.
  static func asciiSummary(_ bytes: UnsafeBufferPointer<UInt8>) -> (sentences: Int, words: Int, syllables: Int)? {
    var sentences = 0
    var words = 0
    var syllableCount = 0
    var sawWordInSentence = false
    var inWord = false
    var hasLetter = false
    var letters: [UInt8] = []
    letters.reserveCapacity(32)
    func closeWord() {
      guard inWord else { return }
      words += 1
      syllableCount += hasLetter ? syllables(letters: letters) : 1
      sawWordInSentence = true
      inWord = false
      hasLetter = false
      letters.removeAll(keepingCapacity: true)
    }
    func isSpace(_ byte: UInt8) -> Bool { byte == 32 || (byte >= 9 && byte <= 13) }
    let count = bytes.count
    for index in 0..<count {
      let byte = bytes[index]
      if byte >= 0x80 { return nil }
      let isLetter = (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90)
      let isDigit = byte >= 48 && byte <= 57
      if isLetter || isDigit || (inWord && (byte == 39 || byte == 45)) {
        inWord = true
        if isLetter {
          hasLetter = true
          letters.append(byte | 0x20)
        }
        continue
      }
      closeWord()
      let next: UInt8? = index + 1 < count ? bytes[index + 1] : nil
      if byte == 46 || byte == 33 || byte == 63 {  // . ! ?
        if next == nil || isSpace(next!) || next == 34 {
          if sawWordInSentence { sentences += 1 }
          sawWordInSentence = false
        }
      } else if byte == 58 || byte == 59 {  // : ;
        if let next, next == 10 || next == 11 || next == 12 || next == 13 {
          if sawWordInSentence { sentences += 1 }
          sawWordInSentence = false
        }
      }
    }
    closeWord()
    if sawWordInSentence { sentences += 1 }
    return (max(1, sentences), words, syllableCount)
  }

  /// Sentences, words and syllables of any text.
  static func summary(_ text: String) -> (sentences: Int, words: Int, syllables: Int) {
    var text = text
    text.makeContiguousUTF8()
    if let fast = text.utf8.withContiguousStorageIfAvailable({ asciiSummary($0) }), let fast { return fast }
    let (sentences, words) = counts(text)
    let syllableCount = words.reduce(0) { sum, word in
      sum + (word.contains(where: \.isLetter) ? Self.syllables(in: String(word)) : 1)
    }
    return (sentences, words.count, syllableCount)
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
  public static func wordCount(_ text: String) -> Int { summary(text).words }

  /// The Flesch-Kincaid grade of `text`.
  ///
  /// - Parameter text: One or more sentences.
  /// - Returns: The grade level, or 0 when the text has no words.
  public static func grade(_ text: String) -> Double {
    grade(of: summary(text))
  }

  /// The Flesch-Kincaid grade of `text` and its number of words, counted once.
  ///
  /// - Parameter text: One or more sentences.
  /// - Returns: The grade (0 when there are no words) and the word count.
  public static func gradeAndWords(_ text: String) -> (grade: Double, words: Int) {
    let counted = summary(text)
    return (grade(of: counted), counted.words)
  }

  static func grade(of counted: (sentences: Int, words: Int, syllables: Int)) -> Double {
    guard counted.words > 0 else { return 0 }
    return 0.39 * Double(counted.words) / Double(counted.sentences)
      + 11.8 * Double(counted.syllables) / Double(counted.words) - 15.59
  }
}
