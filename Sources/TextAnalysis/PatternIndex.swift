/// Numbers the words of many patterns once, so that matching a line compares integers instead of
/// hashing strings for every slot of every pattern.
///
/// Add every pattern with `add(_:)`, then prepare each line with `line(_:)` and match the
/// returned `IndexedPhrase` and `IndexedTrigger` values against it. This is the only matcher of
/// the pattern language: `PhrasePattern` and `TriggerPattern` only parse.
public struct PatternIndex: Sendable {
  private var numbers: [String: Int] = [:]
  private var prefixes: [String] = []
  private var prefixNumbers: [String: Int] = [:]
  /// Prefixes by their first byte, as bytes, with their numbers.
  private var prefixesByFirstByte: [UInt8: [(bytes: [UInt8], number: Int)]] = [:]
  /// For each word number, the phrases whose first slot names it.
  private var phrasesStartingWithWord: [Int: [Int]] = [:]
  /// For each prefix number, the phrases whose first slot names it.
  private var phrasesStartingWithPrefix: [Int: [Int]] = [:]
  /// Phrases whose first slot takes a number.
  private var phrasesStartingWithNumber: [Int] = []
  private var phraseCount = 0

  /// An empty index.
  public init() {}

  /// The prefixes (`word*`) the added patterns name, without their star.
  public var prefixWords: [String] { prefixes }

  /// Every word and prefix the added patterns and word sets name.
  public var words: Set<String> { Set(numbers.keys).union(prefixes) }

  /// Compiles `pattern` against this index, numbering its words.
  public mutating func add(_ pattern: PhrasePattern) -> IndexedPhrase {
    let slots = pattern.slots.map { slot($0) }
    let id = phraseCount
    phraseCount += 1
    // A line can only match a phrase if some token matches its first slot: note which.
    for alternative in pattern.slots.first ?? [] {
      switch alternative {
      case .word(let word): if let number = numbers[word] { phrasesStartingWithWord[number, default: []].append(id) }
      case .prefix(let prefix):
        if let number = prefixNumbers[prefix] { phrasesStartingWithPrefix[number, default: []].append(id) }
      case .number, .numberAtLeast: phrasesStartingWithNumber.append(id)
      }
    }
    return IndexedPhrase(slots: slots, id: id)
  }

  /// Compiles every part of `trigger` against this index.
  public mutating func add(_ trigger: TriggerPattern) -> IndexedTrigger {
    IndexedTrigger(parts: trigger.parts.map { add($0) })
  }

  /// A set of words, such as negations, to test tokens against.
  public mutating func wordSet<S: Sequence>(_ words: S) -> IndexedSlot where S.Element == String {
    slot(words.map { .word($0) })
  }

  /// Prepares normalized tokens for matching.
  public func line(_ tokens: [String]) -> IndexedLine {
    if tokens.count > LinePositions.minimumLength {
      // A long text repeats its words: each distinct word is looked up once.
      var numbering = TokenNumbering(expected: min(tokens.count, 4096))
      let ids = tokens.map { numbering.number($0) }
      return line(distinct: numbering.distinct, ids: ids)
    }
    return shortLine(tokens)
  }

  /// Prepares a line given as its distinct tokens and, for each position, the number of its
  /// token in `distinct`: each distinct token is looked up once (a pasted page repeats its words).
  ///
  /// - Parameters:
  ///   - distinct: The distinct normalized tokens.
  ///   - ids: For each position of the line, an index into `distinct`.
  /// - Returns: The same line as `line(_:)` of the tokens written out.
  public func line(distinct: [String], ids: [Int32]) -> IndexedLine {
    let classes = shortLine(distinct)
    let width = classes.width
    var prefixBits = [UInt64](repeating: 0, count: ids.count * width)
    var tokens: [String] = []
    var words: [Int] = []
    var isNumber: [Bool] = []
    var values: [Int] = []
    tokens.reserveCapacity(ids.count)
    words.reserveCapacity(ids.count)
    isNumber.reserveCapacity(ids.count)
    values.reserveCapacity(ids.count)
    for (position, id) in ids.enumerated() {
      let id = Int(id)
      tokens.append(distinct[id])
      words.append(classes.words[id])
      isNumber.append(classes.isNumber[id])
      values.append(classes.values[id])
      for chunk in 0..<width { prefixBits[position * width + chunk] = classes.prefixBits[id * width + chunk] }
    }
    return IndexedLine(
      tokens: tokens, words: words, isNumber: isNumber, values: values, prefixBits: prefixBits, width: width,
      masked: [Bool](repeating: false, count: ids.count), candidates: classes.candidates)
  }

  /// `line(_:)` token by token.
  private func shortLine(_ tokens: [String]) -> IndexedLine {
    let width = (prefixes.count + 63) / 64
    var prefixBits = [UInt64](repeating: 0, count: tokens.count * width)
    var candidates = [UInt64](repeating: 0, count: (phraseCount + 63) / 64)
    func mark(_ phrases: [Int]?) {
      for id in phrases ?? [] { candidates[id / 64] |= 1 << UInt64(id % 64) }
    }
    mark(phrasesStartingWithNumber)
    let words = tokens.map { numbers[$0] ?? -1 }
    for (index, token) in tokens.enumerated() {
      if words[index] >= 0 { mark(phrasesStartingWithWord[words[index]]) }
      guard let first = token.utf8.first, let candidatesForByte = prefixesByFirstByte[first] else { continue }
      for (prefix, number) in candidatesForByte where token.utf8.starts(with: prefix) {
        prefixBits[index * width + number / 64] |= 1 << UInt64(number % 64)
        mark(phrasesStartingWithPrefix[number])
      }
    }
    let isNumber = tokens.map { $0.utf8.first.map { $0 >= 48 && $0 <= 57 } ?? false }
    return IndexedLine(
      tokens: tokens, words: words, isNumber: isNumber,
      values: zip(tokens, isNumber).map { $1 ? PhrasePattern.Alternative.value(of: $0) ?? -1 : -1 },
      prefixBits: prefixBits, width: width, masked: [Bool](repeating: false, count: tokens.count),
      candidates: candidates)
  }

  private mutating func slot(_ alternatives: [PhrasePattern.Alternative]) -> IndexedSlot {
    var slot = IndexedSlot()
    for alternative in alternatives {
      switch alternative {
      case .word(let word):
        let number: Int
        if let known = numbers[word] {
          number = known
        } else {
          number = numbers.count
          numbers[word] = number
        }
        IndexedSlot.set(number, in: &slot.words)
      case .prefix(let prefix):
        let number = prefixNumbers[prefix] ?? prefixes.count
        if number == prefixes.count {
          prefixes.append(prefix)
          prefixNumbers[prefix] = number
          let bytes = Array(prefix.utf8)
          if let first = bytes.first { prefixesByFirstByte[first, default: []].append((bytes, number)) }
        }
        IndexedSlot.set(number, in: &slot.prefixes)
      case .number:
        slot.number = true
      case .numberAtLeast(let minimum):
        slot.minimumValue = min(slot.minimumValue ?? minimum, minimum)
      }
    }
    return slot
  }
}

/// One slot of an indexed pattern: bit sets of word and prefix numbers, and which numbers match.
public struct IndexedSlot: Sendable {
  var words: [UInt64] = []
  var prefixes: [UInt64] = []
  var number = false
  var minimumValue: Int?

  static func set(_ number: Int, in bits: inout [UInt64]) {
    if number / 64 >= bits.count { bits += [UInt64](repeating: 0, count: number / 64 + 1 - bits.count) }
    bits[number / 64] |= 1 << UInt64(number % 64)
  }

  /// Whether token `index` of `line` matches this slot (masking is not considered).
  func matches(_ line: IndexedLine, _ index: Int) -> Bool {
    let word = line.words[index]
    if word >= 0, word / 64 < words.count, words[word / 64] & (1 << UInt64(word % 64)) != 0 { return true }
    if number && line.isNumber[index] { return true }
    if let minimumValue, line.values[index] >= minimumValue { return true }
    if !prefixes.isEmpty {
      let base = index * line.width
      for (i, bits) in prefixes.enumerated() where i < line.width && bits & line.prefixBits[base + i] != 0 {
        return true
      }
    }
    return false
  }
}

/// A line of tokens prepared by a `PatternIndex`; tokens can be masked.
public struct IndexedLine: Sendable {
  /// The tokens.
  public let tokens: [String]
  let words: [Int]
  let isNumber: [Bool]
  let values: [Int]
  let prefixBits: [UInt64]
  let width: Int
  /// Masked tokens can neither match nor be skipped over as a gap.
  public private(set) var masked: [Bool]
  /// Bit set of the phrases whose first slot some token matches: the others cannot match.
  let candidates: [UInt64]
  /// For long lines, where each word, prefix and number occurs, so that a phrase is tried only
  /// where its first slot matches instead of at every token (a 1 MB line stays fast).
  let positions: LinePositions?

  init(
    tokens: [String], words: [Int], isNumber: [Bool], values: [Int], prefixBits: [UInt64], width: Int, masked: [Bool],
    candidates: [UInt64]
  ) {
    self.tokens = tokens
    self.words = words
    self.isNumber = isNumber
    self.values = values
    self.prefixBits = prefixBits
    self.width = width
    self.masked = masked
    self.candidates = candidates
    positions =
      tokens.count > LinePositions.minimumLength
      ? LinePositions(words: words, isNumber: isNumber, prefixBits: prefixBits, width: width) : nil
  }

  /// Whether phrase `id` of the index may match this line: some token matches its first slot.
  public func mayMatch(phrase id: Int) -> Bool { mayMatch(id) }

  /// The ids of the phrases that may match this line (`mayMatch(phrase:)`), in increasing order.
  public var candidatePhrases: [Int] {
    var ids: [Int] = []
    for (chunk, word) in candidates.enumerated() {
      var rest = word
      while rest != 0 {
        ids.append(chunk * 64 + rest.trailingZeroBitCount)
        rest &= rest - 1
      }
    }
    return ids
  }

  /// Whether the last token is unmasked and one of `words` (a negation just before the next line).
  public func endsWith(oneOf words: IndexedSlot) -> Bool {
    guard let last = tokens.indices.last, !masked[last] else { return false }
    return words.matches(self, last)
  }

  /// Whether phrase `id` of the index may match this line.
  func mayMatch(_ id: Int) -> Bool {
    id / 64 < candidates.count && candidates[id / 64] & (1 << UInt64(id % 64)) != 0
  }

  /// The number of tokens.
  public var count: Int { tokens.count }

  /// Masks the tokens in `range`.
  public mutating func mask(_ range: Range<Int>) {
    for i in range { masked[i] = true }
  }

  /// The unmasked tokens in `range`, joined by spaces.
  public func text(_ range: Range<Int>) -> String {
    range.filter { !masked[$0] }.map { tokens[$0] }.joined(separator: " ")
  }

  /// Two lines joined, the second after the first.
  public static func + (lhs: IndexedLine, rhs: IndexedLine) -> IndexedLine {
    precondition(lhs.width == rhs.width, "lines from different indexes")
    return IndexedLine(
      tokens: lhs.tokens + rhs.tokens, words: lhs.words + rhs.words, isNumber: lhs.isNumber + rhs.isNumber,
      values: lhs.values + rhs.values, prefixBits: lhs.prefixBits + rhs.prefixBits, width: lhs.width,
      masked: lhs.masked + rhs.masked,
      candidates: zip(lhs.candidates, rhs.candidates).map { $0 | $1 })
  }
}

/// A `PhrasePattern` compiled against a `PatternIndex`.
public struct IndexedPhrase: Sendable {
  let slots: [IndexedSlot]
  /// Number of the phrase in its index.
  let id: Int

  /// The number of the phrase in its index (see `IndexedLine.mayMatch(phrase:)`).
  public var phraseID: Int { id }

  /// Finds the first match in `line` that ends at or after `mustReach`.
  ///
  /// Slots must match in order, with at most `PhrasePattern.maximumGap` other tokens between two
  /// slots; a masked token can neither match nor be skipped over.
  ///
  /// - Parameters:
  ///   - line: The prepared line.
  ///   - mustReach: The match must use at least one token at this index or later.
  ///   - barriers: Words that cancel a match just before it or in one of its gaps.
  /// - Returns: The token range of the match, or `nil`.
  public func firstMatch(in line: IndexedLine, mustReach: Int = 0, barriers: IndexedSlot? = nil) -> Range<Int>? {
    guard !slots.isEmpty, line.mayMatch(id) else { return nil }
    // Taken out of the array once: reading `slots[0]` in the loop would retain and release the
    // slot's word sets at every token (measured with perf: the biggest cost of a typed line).
    let first = slots[0]
    if let positions = line.positions {
      // Every slot must match some token of the line (a pasted page has most first words).
      guard slots.allSatisfy(positions.mayMatch) else { return nil }
      for start in positions.starts(of: first) where !line.masked[start] && first.matches(line, start) {
        if start > 0, !line.masked[start - 1], let barriers, barriers.matches(line, start - 1) { continue }
        if let end = matchRest(line, slot: 1, after: start, barriers: barriers), end >= mustReach {
          return start..<(end + 1)
        }
      }
      return nil
    }
    for start in 0..<line.count where !line.masked[start] && first.matches(line, start) {
      if start > 0, !line.masked[start - 1], let barriers, barriers.matches(line, start - 1) { continue }
      if let end = matchRest(line, slot: 1, after: start, barriers: barriers), end >= mustReach {
        return start..<(end + 1)
      }
    }
    return nil
  }

  private func matchRest(_ line: IndexedLine, slot: Int, after position: Int, barriers: IndexedSlot?) -> Int? {
    if slot == slots.count { return position }
    let current = slots[slot]
    var index = position + 1
    var gap = 0
    while index < line.count && gap <= PhrasePattern.maximumGap {
      if line.masked[index] { return nil }
      if current.matches(line, index), let end = matchRest(line, slot: slot + 1, after: index, barriers: barriers) {
        return end
      }
      if let barriers, barriers.matches(line, index) { return nil }
      gap += 1
      index += 1
    }
    return nil
  }
}

/// A `TriggerPattern` compiled against a `PatternIndex`.
public struct IndexedTrigger: Sendable {
  let parts: [IndexedPhrase]

  /// The ids of its parts in their index (see `IndexedLine.mayMatch(phrase:)`).
  public var phraseIDs: [Int] { parts.map(\.id) }

  /// The matched token ranges when every part matches (in any order); at least one part must
  /// use a token at `mustReach` or later.
  ///
  /// - Parameters:
  ///   - line: The prepared line.
  ///   - mustReach: At least one part must use a token at this index or later.
  ///   - barriers: Words that cancel a part's match just before it or in one of its gaps.
  /// - Returns: One range per part, or `nil`.
  /// Whether every part matches in `line` (in any order), at least one part using a token at
  /// `mustReach` or later: the same answer as `match(in:mustReach:)`, without building ranges.
  ///
  /// - Parameters:
  ///   - line: The prepared line.
  ///   - mustReach: At least one part must use a token at this index or later.
  public func matches(in line: IndexedLine, mustReach: Int = 0) -> Bool {
    // As `match(in:mustReach:barriers:)` without barriers, without building the ranges. Most
    // parts cannot match at all (no token matches their first slot): that is checked first, on
    // the ids alone, as calling into a part costs a retain and a release.
    for index in parts.indices where !line.mayMatch(parts[index].id) { return false }
    var reaches = mustReach == 0
    for index in parts.indices {
      guard let range = parts[index].firstMatch(in: line) else { return false }
      if range.upperBound > mustReach { reaches = true }
    }
    if reaches { return true }
    for index in parts.indices where parts[index].firstMatch(in: line, mustReach: mustReach) != nil { return true }
    return false
  }

  /// The matched token ranges when every part matches (in any order); at least one part must
  /// use a token at `mustReach` or later.
  ///
  /// - Parameters:
  ///   - line: The prepared line.
  ///   - mustReach: At least one part must use a token at this index or later.
  ///   - barriers: Words that cancel a part's match just before it or in one of its gaps.
  /// - Returns: One range per part, or `nil`.
  public func match(in line: IndexedLine, mustReach: Int = 0, barriers: IndexedSlot? = nil) -> [Range<Int>]? {
    var ranges: [Range<Int>] = []
    for part in parts {
      guard let range = part.firstMatch(in: line, barriers: barriers) else { return nil }
      ranges.append(range)
    }
    if mustReach > 0 && !ranges.contains(where: { $0.upperBound > mustReach }) {
      for (i, part) in parts.enumerated() {
        if let range = part.firstMatch(in: line, mustReach: mustReach, barriers: barriers) {
          ranges[i] = range
          return ranges
        }
      }
      return nil
    }
    return ranges
  }
}

/// A few phrase patterns compiled together, for matching plain token lists (such as the
/// dose-question patterns).
public struct PhraseList: Sendable {
  private let index: PatternIndex
  private let phrases: [IndexedPhrase]

  /// Compiles `patterns`.
  public init(_ patterns: [PhrasePattern]) {
    var index = PatternIndex()
    phrases = patterns.map { index.add($0) }
    self.index = index
  }

  /// The number of patterns.
  public var count: Int { phrases.count }

  /// The first match of pattern `number` in `tokens`, or `nil`.
  ///
  /// - Parameters:
  ///   - number: The pattern's position in the list.
  ///   - tokens: Normalized tokens.
  public func firstMatch(_ number: Int, in tokens: [String]) -> Range<Int>? {
    phrases[number].firstMatch(in: index.line(tokens))
  }

  /// Whether any pattern matches `tokens`.
  public func matchesAny(_ tokens: [String]) -> Bool {
    let line = index.line(tokens)
    return phrases.contains { $0.firstMatch(in: line) != nil }
  }
}

/// Where each word, prefix and number occurs in a long line: the tokens that can start a match.
struct LinePositions: Sendable {
  /// Lines with more tokens than this get positions; shorter ones are scanned token by token.
  static let minimumLength = 256
  private var byWord: [[Int]]
  private var byPrefix: [[Int]]
  private var numbers: [Int] = []

  init(words: [Int], isNumber: [Bool], prefixBits: [UInt64], width: Int) {
    byWord = [[Int]](repeating: [], count: (words.max() ?? -1) + 1)
    byPrefix = [[Int]](repeating: [], count: width * 64)
    for (index, word) in words.enumerated() {
      if word >= 0 { byWord[word].append(index) }
      if isNumber[index] { numbers.append(index) }
      for chunk in 0..<width where prefixBits[index * width + chunk] != 0 {
        var bits = prefixBits[index * width + chunk]
        while bits != 0 {
          let bit = bits.trailingZeroBitCount
          byPrefix[chunk * 64 + bit].append(index)
          bits &= bits - 1
        }
      }
    }
  }

  /// Whether some token of the line may match `slot`.
  func mayMatch(_ slot: IndexedSlot) -> Bool {
    func any(_ bits: [UInt64], in table: [[Int]]) -> Bool {
      for (chunk, word) in bits.enumerated() {
        var rest = word
        while rest != 0 {
          let number = chunk * 64 + rest.trailingZeroBitCount
          if number < table.count && !table[number].isEmpty { return true }
          rest &= rest - 1
        }
      }
      return false
    }
    return any(slot.words, in: byWord) || any(slot.prefixes, in: byPrefix)
      || ((slot.number || slot.minimumValue != nil) && !numbers.isEmpty)
  }

  /// The positions, in order, where some alternative of `slot` may match.
  func starts(of slot: IndexedSlot) -> [Int] {
    var out: [Int] = []
    func add(_ bits: [UInt64], from table: [[Int]]) {
      for (chunk, word) in bits.enumerated() {
        var rest = word
        while rest != 0 {
          let number = chunk * 64 + rest.trailingZeroBitCount
          if number < table.count { out += table[number] }
          rest &= rest - 1
        }
      }
    }
    add(slot.words, from: byWord)
    add(slot.prefixes, from: byPrefix)
    if slot.number || slot.minimumValue != nil { out += numbers }
    out.sort()
    var unique: [Int] = []
    unique.reserveCapacity(out.count)
    for position in out where unique.last != position { unique.append(position) }
    return unique
  }
}
