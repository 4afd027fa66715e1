/// What Tab does to the word before the cursor, computed without touching the terminal.
struct Completion: Equatable {
  /// The text to put in place of the word (`nil` leaves the word alone).
  var replacement: String?
  /// The candidates to list below the line (empty for a unique match).
  var candidates: [String]

  /// Completes `word` from `vocabulary`, matching prefixes case-insensitively.
  ///
  /// A unique match replaces the word with the match and a space. Several matches replace it
  /// with their longest common prefix (when that adds something) and are all listed. No match
  /// returns `nil`.
  ///
  /// - Parameters:
  ///   - word: The text between the last space before the cursor and the cursor.
  ///   - vocabulary: The words to complete from; duplicates are ignored.
  /// - Returns: The completion, or `nil` when nothing matches.
  static func complete(_ word: String, from vocabulary: [String]) -> Completion? {
    let folded = word.lowercased()
    var seen = Set<String>()
    let matches = vocabulary.filter { candidate in
      !candidate.isEmpty && candidate.lowercased().hasPrefix(folded)
        && seen.insert(candidate).inserted
    }
    guard let first = matches.first else { return nil }
    if matches.count == 1 {
      return Completion(replacement: first + " ", candidates: [])
    }
    var prefix = Substring(first)
    for match in matches.dropFirst() {
      prefix = prefix.commonPrefix(with: match)
    }
    let replacement = prefix.count > word.count ? String(prefix) : nil
    return Completion(replacement: replacement, candidates: matches)
  }

  /// Lays `candidates` out in rows of equal-width columns that fit `width`.
  ///
  /// - Parameters:
  ///   - candidates: The words to show, in order.
  ///   - width: The terminal width in columns.
  /// - Returns: One string per row, without trailing spaces or newlines.
  static func layout(_ candidates: [String], width: Int) -> [String] {
    let widest = candidates.map(\.count).max() ?? 0
    let columnWidth = widest + 2
    let perRow = max(1, (max(width, 1) + 2) / columnWidth)
    var rows: [String] = []
    var index = 0
    while index < candidates.count {
      let row = candidates[index..<min(index + perRow, candidates.count)]
      var text = ""
      for (position, candidate) in row.enumerated() {
        text += candidate
        if position < row.count - 1 {
          text += String(repeating: " ", count: columnWidth - candidate.count)
        }
      }
      rows.append(text)
      index += perRow
    }
    return rows
  }
}

extension Substring {
  /// The longest common prefix with `other`, by character.
  fileprivate func commonPrefix(with other: String) -> Substring {
    var end = startIndex
    var otherIndex = other.startIndex
    while end < endIndex, otherIndex < other.endIndex, self[end] == other[otherIndex] {
      formIndex(after: &end)
      other.formIndex(after: &otherIndex)
    }
    return self[startIndex..<end]
  }
}
