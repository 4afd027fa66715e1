/// Numbers the normalized words of many texts: the words `Normalizer.tokens` gives, in the same
/// order, as numbers into `words`, without making a `String` for every word of every text.
///
/// Building the search index of 10,000 topics splits about three million words. Making each one
/// a `String` and then hashing it again to number it was most of the build (perf: splitting 28%,
/// numbering 13%). Here an ASCII text is read byte by byte, each raw word is hashed while it is
/// read (FNV-1a) and looked up by its bytes; only a raw word never seen before becomes a `String`,
/// and its contraction expansion ("cant" -> "can not") is worked out once. Text with other
/// characters takes `Normalizer.tokens`, so the result is always the same.
public struct WordNumbering: Sendable {
  /// The numbered words (normalized), by number.
  public var words: [String] { numbering.distinct }
  private var numbering = TokenNumbering(expected: 4096)

  /// Raw words (before expansion), by raw number: their bytes in `rawBytes`.
  private var rawStarts: [Int] = []
  private var rawBytes: [UInt8] = []
  private var rawSlots = [Int32](repeating: -1, count: 8192)
  /// Per raw word: the numbers of what it expands to (usually itself).
  private var rawExpansions: [[Int32]] = []
  /// Per raw word: `RawKind` bits.
  private var rawKinds: [UInt8] = []

  private enum RawKind {
    /// "my", "him", "her", "them", "your": with "self" or "selves" next, one word ("myself").
    static let selfOwner: UInt8 = 1
    /// "self", "selves".
    static let selfWord: UInt8 = 2
    /// A subject pronoun ("cant he" -> "can he not").
    static let pronoun: UInt8 = 4
    /// A negative contraction of two words ("cant" -> "can not").
    static let negative: UInt8 = 8
  }

  /// An empty numbering.
  public init() {}

  /// The number of `word`, numbered now when it is new (for words that come from elsewhere,
  /// such as synonym phrases, already normalized).
  public mutating func number(_ word: String) -> Int32 { numbering.number(word) }

  /// The normalized words of `text`, as numbers; the same words as `Normalizer.tokens(text)`.
  public mutating func numbers(_ text: String) -> [Int32] {
    var text = text
    text.makeContiguousUTF8()
    var raw: [Int32] = []
    let ascii = text.utf8.withContiguousStorageIfAvailable { rawNumbers($0, into: &raw) } ?? false
    guard ascii else { return Normalizer.tokens(text).map { numbering.number($0) } }
    return expand(raw)
  }

  /// The raw words of an ASCII text as raw numbers; false when the text is not ASCII.
  private mutating func rawNumbers(_ bytes: UnsafeBufferPointer<UInt8>, into raw: inout [Int32]) -> Bool {
    var word: [UInt8] = []
    word.reserveCapacity(32)
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for var byte in bytes {
      if byte >= 0x80 { return false }
      if byte >= 65 && byte <= 90 { byte += 32 }
      if (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) {
        word.append(byte)
        hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
      } else if byte != 39 && byte != 96 {  // apostrophes and backticks are dropped inside words
        if !word.isEmpty {
          raw.append(rawNumber(word, hash: hash))
          word.removeAll(keepingCapacity: true)
          hash = 0xcbf2_9ce4_8422_2325
        }
      }
    }
    if !word.isEmpty { raw.append(rawNumber(word, hash: hash)) }
    return true
  }

  /// The raw number of `word` (its bytes hashed to `hash`), numbered now when it is new.
  private mutating func rawNumber(_ word: [UInt8], hash: UInt64) -> Int32 {
    let mask = rawSlots.count - 1
    var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
    while true {
      let found = rawSlots[slot]
      if found < 0 { break }
      if sameBytes(Int(found), word) { return found }
      slot = (slot + 1) & mask
    }
    let number = Int32(rawStarts.count)
    rawSlots[slot] = number
    rawStarts.append(rawBytes.count)
    rawBytes.append(contentsOf: word)
    let text = String(decoding: word, as: UTF8.self)
    // The same rules as `Normalizer.expand`, decided once per raw word.
    let expansion = Normalizer.expansion(of: text)
    rawExpansions.append(expansion.map { numbering.number($0) })
    var kind: UInt8 = 0
    if ["my", "him", "her", "them", "your"].contains(text) { kind |= RawKind.selfOwner }
    if text == "self" || text == "selves" { kind |= RawKind.selfWord }
    if Normalizer.subjectPronouns.contains(text) { kind |= RawKind.pronoun }
    if expansion.count == 2 && expansion[1] == "not" { kind |= RawKind.negative }
    rawKinds.append(kind)
    if rawStarts.count * 2 > rawSlots.count { growRaw() }
    return number
  }

  private func sameBytes(_ number: Int, _ word: [UInt8]) -> Bool {
    let start = rawStarts[number]
    let end = number + 1 < rawStarts.count ? rawStarts[number + 1] : rawBytes.count
    guard end - start == word.count else { return false }
    for index in 0..<word.count where rawBytes[start + index] != word[index] { return false }
    return true
  }

  private mutating func growRaw() {
    rawSlots = [Int32](repeating: -1, count: rawSlots.count * 2)
    let mask = rawSlots.count - 1
    for number in 0..<rawStarts.count {
      let start = rawStarts[number]
      let end = number + 1 < rawStarts.count ? rawStarts[number + 1] : rawBytes.count
      var hash: UInt64 = 0xcbf2_9ce4_8422_2325
      for index in start..<end { hash = (hash ^ UInt64(rawBytes[index])) &* 0x100_0000_01b3 }
      var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
      while rawSlots[slot] >= 0 { slot = (slot + 1) & mask }
      rawSlots[slot] = Int32(number)
    }
  }

  /// `Normalizer.expand` on raw numbers.
  private mutating func expand(_ raw: [Int32]) -> [Int32] {
    var out: [Int32] = []
    out.reserveCapacity(raw.count + 4)
    var index = 0
    while index < raw.count {
      let number = Int(raw[index])
      let kind = rawKinds[number]
      if kind & RawKind.selfOwner != 0, index + 1 < raw.count, rawKinds[Int(raw[index + 1])] & RawKind.selfWord != 0 {
        out.append(numbering.number(words[Int(rawExpansions[number][0])] + "self"))
        index += 2
        continue
      }
      let expansion = rawExpansions[number]
      if kind & RawKind.negative != 0, index + 1 < raw.count, rawKinds[Int(raw[index + 1])] & RawKind.pronoun != 0 {
        out.append(expansion[0])
        out.append(contentsOf: rawExpansions[Int(raw[index + 1])])
        out.append(expansion[1])
        index += 2
        continue
      }
      out.append(contentsOf: expansion)
      index += 1
    }
    return out
  }
}
