/// Corrects misspelled tokens to the closest word of a known vocabulary.
///
/// Words already in the vocabulary are kept. Others are replaced by the vocabulary word with the
/// smallest edit distance within `EditDistance.allowance(forLength:)`, preferring words that share
/// the first letter. A three-letter word may be completed by one letter at its end ("kil" -> "kill").
public struct SpellCorrector: Sendable {
  private let known: Set<String>
  private let targets: Set<String>
  private var byFirstByte: [UInt8: [[UInt8]]] = [:]
  /// For each list of `byFirstByte`, the letters of each word (`letterMask(_:)`), same order.
  private var masksByFirstByte: [UInt8: [UInt32]] = [:]
  private var keptPrefixes: [UInt8: [[UInt8]]] = [:]
  private let minimumLength: Int

  /// Creates a corrector over `vocabulary`.
  ///
  /// - Parameters:
  ///   - vocabulary: Lowercase words considered correctly spelled; misspellings are corrected to
  ///     these.
  ///   - minimumLength: Shorter words are never corrected. Search uses 5, so everyday short words
  ///     ("rain") are not turned into domain words ("pain"); the safety check uses 3 for recall.
  ///   - alsoKnown: Words that are left as they are but never offered as a correction, such as
  ///     everyday words close to a domain word ("morning" stays "morning", and "mornin" does not
  ///     become it).
  ///   - keepingPrefixes: Beginnings of words that a correction must keep: a word that starts
  ///     with one is already what a `word*` pattern wants, so it is only corrected to a word with
  ///     the same beginning ("blistering" for `blister*` is not "listening"; "stoping" is still
  ///     "stopping"). Prefixes shorter than 4 letters are not used.
  public init<S: Sequence, K: Sequence>(
    vocabulary: S, minimumLength: Int = 3, alsoKnown: K, keepingPrefixes: [String] = []
  )
  where S.Element == String, K.Element == String {
    let targets = Set(vocabulary)
    self.targets = targets
    known = targets.union(alsoKnown)
    self.minimumLength = minimumLength
    for prefix in keepingPrefixes where prefix.utf8.count >= 4 {
      let bytes = Array(prefix.utf8)
      keptPrefixes[bytes[0], default: []].append(bytes)
    }
    for word in targets where word.utf8.count >= 3 {
      let bytes = Array(word.utf8)
      byFirstByte[bytes[0], default: []].append(bytes)
    }
    for key in byFirstByte.keys {
      byFirstByte[key]?.sort { $0.lexicographicallyPrecedes($1) }
      masksByFirstByte[key] = byFirstByte[key]?.map(Self.letterMask)
    }
  }

  /// The letters `a` to `z` a word uses, one bit each; every other byte shares bit 31.
  ///
  /// Each edit removes at most one letter from a word and adds at most one, so two words whose
  /// letter sets differ by more than `limit` letters on either side are more than `limit` edits
  /// apart: most of the vocabulary is passed over on this test, without computing a distance.
  static func letterMask(_ word: [UInt8]) -> UInt32 {
    var mask: UInt32 = 0
    for byte in word { mask |= byte >= 97 && byte <= 122 ? 1 << UInt32(byte - 97) : 1 << 31 }
    return mask
  }

  /// Creates a corrector over `vocabulary` alone.
  ///
  /// - Parameters:
  ///   - vocabulary: Lowercase words considered correctly spelled.
  ///   - minimumLength: Shorter words are never corrected (see `init(vocabulary:minimumLength:alsoKnown:)`).
  public init<S: Sequence>(vocabulary: S, minimumLength: Int = 3) where S.Element == String {
    self.init(vocabulary: vocabulary, minimumLength: minimumLength, alsoKnown: [String]())
  }

  /// Whether `word` is part of the vocabulary.
  public func contains(_ word: String) -> Bool { known.contains(word) }

  /// Whether `word` is a word misspellings are corrected to (not one only known as it is).
  public func isTarget(_ word: String) -> Bool { targets.contains(word) }

  /// The corrected form of `token`, or `token` itself when no close word exists.
  ///
  /// - Parameter token: A normalized lowercase token.
  /// - Returns: The token, or the closest vocabulary word.
  public func correct(_ token: String) -> String {
    if known.contains(token) { return token }
    let bytes = Array(token.utf8)
    guard bytes.count >= max(3, minimumLength), bytes.allSatisfy({ $0 >= 97 && $0 <= 122 }) else { return token }
    if bytes.count == 3 {
      // Only completion by one trailing letter: "kil" -> "kill", "pil" -> "pill".
      guard let candidates = byFirstByte[bytes[0]] else { return token }
      let match = candidates.first { $0.count == 4 && Array($0.prefix(3)) == bytes }
      return match.map { String(decoding: $0, as: UTF8.self) } ?? token
    }
    let limit = EditDistance.allowance(forLength: bytes.count)
    var best: [UInt8]?
    var bestDistance = limit + 1
    let mask = Self.letterMask(bytes)
    func scan(_ candidates: [[UInt8]], masks: [UInt32], penalty: Int) {
      for (candidate, letters) in zip(candidates, masks)
      where abs(candidate.count - bytes.count) <= limit && (mask & ~letters).nonzeroBitCount <= limit
        && (letters & ~mask).nonzeroBitCount <= limit
      {
        let d = EditDistance.distance(bytes, candidate, limit: limit) + penalty
        if d < bestDistance || (d == bestDistance && best.map { candidate.count > $0.count } == true) {
          bestDistance = d
          best = candidate
        }
      }
    }
    if let sameStart = byFirstByte[bytes[0]], let masks = masksByFirstByte[bytes[0]] {
      scan(sameStart, masks: masks, penalty: 0)
    }
    if bestDistance > 1, bytes.count >= 2, let swapped = byFirstByte[bytes[1]], let masks = masksByFirstByte[bytes[1]] {
      scan(swapped, masks: masks, penalty: 0)
    }
    guard let found = best, bestDistance <= limit else { return token }
    // A word that a kept prefix covers stays itself unless the correction keeps that prefix
    // ("stoping" -> "stopping", but "blistering" is not "listening").
    if let prefixes = keptPrefixes[bytes[0]],
      prefixes.contains(where: { bytes.starts(with: $0) && !found.starts(with: $0) })
    {
      return token
    }
    return String(decoding: found, as: UTF8.self)
  }
}
