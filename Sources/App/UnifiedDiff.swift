/// A unified diff of two line lists, for transcript mismatches (the standard library's
/// `difference(from:)` finds the changes; this only lays them out as `diff -u` does).
public enum UnifiedDiff {
  /// Lines of unchanged context around each change.
  static let context = 3

  private enum Line {
    case same(String)
    case removed(String)
    case added(String)
  }

  /// The diff of `expected` against `actual` with three lines of context, or "" when equal.
  ///
  /// - Parameters:
  ///   - expected: The golden lines.
  ///   - actual: The lines produced now.
  ///   - name: The file name for the header.
  /// - Returns: Diff text.
  public static func diff(expected: [String], actual: [String], name: String) -> String {
    if expected == actual { return "" }
    var removed = Set<Int>()
    var inserted = Set<Int>()
    for change in actual.difference(from: expected) {
      switch change {
      case .remove(let offset, _, _): removed.insert(offset)
      case .insert(let offset, _, _): inserted.insert(offset)
      }
    }
    // Every line once, with its number in `expected` and `actual` (removals before additions).
    var lines: [(line: Line, old: Int, new: Int)] = []
    var old = 0
    var new = 0
    while old < expected.count || new < actual.count {
      if old < expected.count, removed.contains(old) {
        lines.append((.removed(expected[old]), old, new))
        old += 1
      } else if new < actual.count, inserted.contains(new) {
        lines.append((.added(actual[new]), old, new))
        new += 1
      } else {
        lines.append((.same(expected[old]), old, new))
        old += 1
        new += 1
      }
    }
    let changed = lines.indices.filter { if case .same = lines[$0].line { return false } else { return true } }
    // Changes closer than twice the context share a hunk.
    var hunks: [ClosedRange<Int>] = []
    for index in changed {
      if let last = hunks.last, index - last.upperBound <= 2 * context {
        hunks[hunks.count - 1] = last.lowerBound...index
      } else {
        hunks.append(index...index)
      }
    }
    var out = ["--- \(name) (expected)", "+++ \(name) (actual)"]
    for hunk in hunks {
      let range = max(0, hunk.lowerBound - context)..<min(lines.count, hunk.upperBound + context + 1)
      let oldCount = lines[range].filter { if case .added = $0.line { return false } else { return true } }.count
      let newCount = lines[range].filter { if case .removed = $0.line { return false } else { return true } }.count
      let first = lines[range.lowerBound]
      // As GNU diff: an empty side is numbered by the line before it.
      let oldStart = oldCount == 0 ? first.old : first.old + 1
      let newStart = newCount == 0 ? first.new : first.new + 1
      out.append("@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@")
      for entry in lines[range] {
        switch entry.line {
        case .same(let text): out.append(" " + text)
        case .removed(let text): out.append("-" + text)
        case .added(let text): out.append("+" + text)
        }
      }
    }
    return out.joined(separator: "\n") + "\n"
  }
}
