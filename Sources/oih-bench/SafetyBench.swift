import Dispatch
import Foundation
import KnowledgeBase
import TextAnalysis

/// Red-flag recall and false alarms per split, and the cost of the check, as Markdown.
///
/// Splits (in Tests/Data): `safety-urgent.tsv`, `safety-urgent-extra.tsv` and `safety-dev-*.tsv`
/// were tuned on; `safety-test-*.tsv` were written blind and frozen before tuning, and are only
/// ever reported (misses of test files are never printed, so they cannot be tuned on).
/// An urgent line counts as caught when an alert of its kind fires ("strict") or any urgent alert
/// fires ("any alert"). `overdose-naloxone` lines expect the overdose kind; `stopping-cut-off`
/// lines expect the ran-out message. A benign line is a false alarm when any urgent-level alert
/// fires (calm advice notes are counted apart).
/// `devOnly` leaves the test split out altogether (for tuning helpers: not even its totals).
func safetyReport(
  _ safety: RedFlagMatcher, knowledge: Knowledge, dataDir: String, misses: Bool, devOnly: Bool = false
) {
  func lines(_ name: String) -> [String] {
    guard let text = try? String(contentsOfFile: dataDir + "/" + name, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") }
  }
  let urgentKinds = Set(knowledge.redFlagKinds.filter(\.urgent).map(\.id))
  print("## Red flags: recall and false alarms by split (`oih-bench safety`)\n")
  print("Tuned on: `safety-urgent`/`-extra` and `safety-benign`/`-extra` (first pass), `safety-dev-*`,")
  print("`safety-dev2-*` to `safety-dev32-*` (second to fourteenth pass; each was written blind by a helper")
  print("who never saw `Knowledge/redflags.yaml`, measured once untuned, then tuned on).")
  print("**`safety-test-*` is the frozen blind test split: written before any tuning of this pass and")
  print("never tuned on; only its totals are ever printed.** Strict recall: an alert of the line's own kind;")
  print("any alert: some urgent alert.")
  print("The second net (`Knowledge/redflag-net.tsv`) is trained on the same dev sets, never the test split; every")
  print("figure below is for the patterns and the net together.")
  print("History of the untuned measurements: docs/safety/recall-history.md.\n")
  func expected(_ label: String) -> Set<String> {
    switch label {
    case "overdose-naloxone": return ["overdose"]
    // Every ran-out flag shows the same ran-out message, so any of them is the right answer.
    case "stopping-cut-off": return ["ran-out"]
    // Someone running out or cut off gets the ran-out message, a kind of its own since the
    // second pass; both answer the danger of stopping suddenly.
    case "stopping": return ["stopping", "ran-out"]
    default: return [label]
    }
  }
  print("| split | kind | lines | strict recall | any alert |")
  print("|---|---|---|---|---|")
  for file in safetyFiles("urgent") {
    let rows = lines(file).map { $0.components(separatedBy: "\t") }.filter { $0.count >= 2 }
    guard !rows.isEmpty else { continue }
    let blind = file.contains("-test-")
    if blind && devOnly { continue }
    var byKind: [String: (Int, Int, Int)] = [:]
    var order: [String] = []
    for row in rows {
      let kinds = expected(row[0])
      // A three-column row is one message typed across two lines.
      let found =
        row.count >= 3 ? safety.matches(row[1]) + safety.matches(row[2], previous: row[1]) : safety.matches(row[1])
      let strict = found.contains { kinds.contains($0.flag.kind) }
      let any = found.contains { urgentKinds.contains($0.flag.kind) }
      if byKind[row[0]] == nil { order.append(row[0]) }
      var entry = byKind[row[0], default: (0, 0, 0)]
      entry.0 += 1
      entry.1 += strict ? 1 : 0
      entry.2 += any ? 1 : 0
      byKind[row[0]] = entry
      if misses && !blind && !strict {
        FileHandle.standardError.write(
          "MISS \(file) \(row[0]): \(row[1]) -> \(found.map(\.flag.id))\n".data(using: .utf8)!)
      }
    }
    var total = (0, 0, 0)
    for kind in order {
      let (n, s, a) = byKind[kind, default: (0, 0, 0)]
      total = (total.0 + n, total.1 + s, total.2 + a)
      print("| \(file) | \(kind) | \(n) | \(percent(s, n)) | \(percent(a, n)) |")
    }
    print("| \(file) | **all** | \(total.0) | \(percent(total.1, total.0)) | \(percent(total.2, total.0)) |")
  }
  print("")
  print("| split | lines | false alarms (urgent) | calm notes |")
  print("|---|---|---|---|")
  for file in safetyFiles("benign") {
    let rows = lines(file)
    guard !rows.isEmpty else { continue }
    let blind = file.contains("-test-")
    if blind && devOnly { continue }
    var alarms = 0
    var notes = 0
    for row in rows {
      let found = safety.matches(row)
      if found.contains(where: { urgentKinds.contains($0.flag.kind) }) {
        alarms += 1
        if misses && !blind {
          FileHandle.standardError.write("FALSE \(file): \(row) -> \(found.map(\.flag.id))\n".data(using: .utf8)!)
        }
      } else if !found.isEmpty {
        notes += 1
      }
    }
    print("| \(file) | \(rows.count) | \(alarms) (\(percent(alarms, rows.count))) | \(notes) |")
  }
  print("")
  print("| split | lines | calm short-course advice, no stop warning | ran-out message |")
  print("|---|---|---|---|")
  for file in safetyFiles("short-course") + safetyFiles("cut-off") {
    let rows = lines(file)
    guard !rows.isEmpty else { continue }
    let blind = file.contains("-test-")
    if blind && devOnly { continue }
    var calm = 0
    var ranOut = 0
    for row in rows {
      let found = safety.matches(row)
      let isCalm =
        found.contains { $0.flag.kind == "short-course" }
        && !found.contains { $0.flag.id == "stopping-suddenly" || $0.flag.id == "stopping-plan" }
      if isCalm { calm += 1 }
      // Every flag of the ran-out kind shows the same ran-out message (redflags.yaml).
      let isRanOut = found.contains { $0.flag.kind == "ran-out" }
      if isRanOut { ranOut += 1 }
      // A short-course line should get the calm advice, a cut-off line the ran-out message.
      let missed = file.contains("short-course") ? !isCalm : !isRanOut
      if misses && !blind && missed {
        let tag = file.contains("short-course") ? "NOTCALM" : "NOTRANOUT"
        FileHandle.standardError.write("\(tag) \(file): \(row) -> \(found.map(\.flag.id))\n".data(using: .utf8)!)
      }
    }
    print("| \(file) | \(rows.count) | \(percent(calm, rows.count)) | \(percent(ranOut, rows.count)) |")
  }
  // Cost: every line of every set (at most 500 characters), and one 1 MB line.
  let all = ["safety-urgent.tsv", "safety-urgent-extra.tsv", "safety-benign.tsv", "safety-benign-extra.tsv"]
    .flatMap(lines).map { $0.components(separatedBy: "\t").last ?? $0 }.filter { $0.count <= 500 }
  var times: [Double] = []
  for _ in 0..<3 {
    var previous: String? = nil
    for line in all {
      let start = DispatchTime.now().uptimeNanoseconds
      _ = safety.matches(line, previous: previous)
      times.append(Double(DispatchTime.now().uptimeNanoseconds - start))
      previous = line
    }
  }
  let filler = String(
    repeating: "i have had pain for years since the accident and it is not helping the way it used to. ", count: 12_000)
  let big = String((filler + "my husband is not breathing and his lips are blue").suffix(1_000_000))
  var bigTimes: [Double] = []
  var bigFired = false
  for _ in 0..<5 {
    let start = DispatchTime.now().uptimeNanoseconds
    bigFired = safety.matches(big).contains { $0.flag.kind == "overdose" }
    bigTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start))
  }
  // The same page with no danger: no pattern fires, so the second net reads it all, in windows.
  let calm = String(filler.suffix(1_000_000))
  var calmTimes: [Double] = []
  var calmFired = false
  for _ in 0..<5 {
    let start = DispatchTime.now().uptimeNanoseconds
    calmFired = !safety.matches(calm).isEmpty
    calmTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start))
  }
  let tokenStart = DispatchTime.now().uptimeNanoseconds
  let bigTokens = safety.tokens(big)
  let tokenTime = Double(DispatchTime.now().uptimeNanoseconds - tokenStart)
  let normStart = DispatchTime.now().uptimeNanoseconds
  _ = Normalizer.tokens(big)
  let normTime = Double(DispatchTime.now().uptimeNanoseconds - normStart)
  FileHandle.standardError.write(
    "1 MB: \(bigTokens.count) tokens; normalize \(ms(normTime)), normalize+correct \(ms(tokenTime))\n".data(
      using: .utf8)!)
  print("")
  print(
    "Safety check per line (\(all.count) lines up to 500 characters, with the previous line, 3 rounds): "
      + "p50 \(ms(percentile(times, 0.5))), p99 \(ms(percentile(times, 0.99))).")
  print(
    "One 1 MB line with the danger at its end: median \(ms(percentile(bigTimes, 0.5))), overdose alert: \(bigFired ? "yes" : "NO")."
  )
  print(
    "The same 1 MB line with no danger (the second net reads it all): median \(ms(percentile(calmTimes, 0.5))), "
      + "alert: \(calmFired ? "YES (a false alarm)" : "none")."
  )
}

func percent(_ part: Int, _ whole: Int) -> String {
  whole == 0 ? "-" : String(format: "%.1f%%", Double(part) * 100 / Double(whole))
}

/// The red-flag files of one kind (`urgent` or `benign`) in report order: the first sets, the
/// blind dev sets 2 to 32 (docs/safety/recall-history.md), and the test split last.
func safetyFiles(_ kind: String) -> [String] {
  ["safety-\(kind).tsv", "safety-\(kind)-extra.tsv", "safety-dev-\(kind).tsv"]
    + (2...32).map { "safety-dev\($0)-\(kind).tsv" } + ["safety-test-\(kind).tsv"]
}
