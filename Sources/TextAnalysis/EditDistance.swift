/// Optimal-string-alignment edit distance (Damerau-Levenshtein with adjacent swaps).
public enum EditDistance {
  /// The number of single-character insertions, deletions, substitutions or adjacent swaps
  /// needed to turn `a` into `b`, or `limit + 1` as soon as it is known to exceed `limit`.
  ///
  /// - Parameters:
  ///   - a: The first word.
  ///   - b: The second word.
  ///   - limit: Stop early once the distance is certainly larger than this.
  /// - Returns: The distance, capped at `limit + 1`.
  public static func distance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
    if abs(a.count - b.count) > limit { return limit + 1 }
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    let width = b.count + 1
    var previous2 = [Int](repeating: 0, count: width)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: width)
    for i in 1...a.count {
      current[0] = i
      var rowMinimum = current[0]
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          value = min(value, previous2[j - 2] + 1)
        }
        current[j] = value
        rowMinimum = min(rowMinimum, value)
      }
      if rowMinimum > limit { return limit + 1 }
      (previous2, previous, current) = (previous, current, previous2)
    }
    return min(previous[b.count], limit + 1)
  }

  /// How many edits a misspelling of a word of this length may have and still be corrected.
  ///
  /// - Parameter length: The length of the typed word.
  /// - Returns: 0 for words under 4 letters, 1 for 4-6 letters, 2 for longer words.
  public static func allowance(forLength length: Int) -> Int {
    switch length {
    case ..<4: return 0
    case 4...6: return 1
    default: return 2
    }
  }
}
