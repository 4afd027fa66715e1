/// A unified diff of two line lists, for transcript mismatches.
public enum UnifiedDiff {
  /// The diff of `expected` against `actual` with three lines of context, or "" when equal.
  ///
  /// - Parameters:
  ///   - expected: The golden lines.
  ///   - actual: The lines produced now.
  ///   - name: The file name for the header.
  /// - Returns: Diff text.
  public static func diff(expected: [String], actual: [String], name: String) -> String {
    if expected == actual { return "" }
    let n = expected.count
    let m = actual.count
    var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
    for i in stride(from: n - 1, through: 0, by: -1) {
      for j in stride(from: m - 1, through: 0, by: -1) {
        lcs[i][j] = expected[i] == actual[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
      }
    }
    enum Op { case same(String), remove(String), add(String) }
    var ops: [(Op, Int, Int)] = []  // op, line in expected, line in actual
    var i = 0
    var j = 0
    while i < n || j < m {
      if i < n, j < m, expected[i] == actual[j] {
        ops.append((.same(expected[i]), i, j))
        i += 1
        j += 1
      } else if j < m, i == n || lcs[i][j + 1] >= lcs[i + 1][j] {
        ops.append((.add(actual[j]), i, j))
        j += 1
      } else {
        ops.append((.remove(expected[i]), i, j))
        i += 1
      }
    }
    var out = ["--- \(name) (expected)", "+++ \(name) (actual)"]
    var k = 0
    while k < ops.count {
      if case .same = ops[k].0 {
        k += 1
        continue
      }
      var start = max(0, k - 3)
      var end = k
      // Extend the hunk while changes are within 6 lines of each other.
      var lastChange = k
      while end < ops.count {
        if case .same = ops[end].0 {
          if end - lastChange > 6 { break }
        } else {
          lastChange = end
        }
        end += 1
      }
      end = min(ops.count, lastChange + 4)
      if start < 0 { start = 0 }
      let hunk = ops[start..<end]
      let oldStart = (hunk.first?.1 ?? 0) + 1
      let newStart = (hunk.first?.2 ?? 0) + 1
      let oldCount = hunk.filter { if case .add = $0.0 { return false } else { return true } }.count
      let newCount = hunk.filter { if case .remove = $0.0 { return false } else { return true } }.count
      out.append("@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@")
      for (op, _, _) in hunk {
        switch op {
        case .same(let s): out.append(" " + s)
        case .remove(let s): out.append("-" + s)
        case .add(let s): out.append("+" + s)
        }
      }
      k = end
    }
    return out.joined(separator: "\n") + "\n"
  }
}
