// oih-bench: measures what the issues ask for and prints Markdown for BENCHMARKS.md.
// Usage: oih-bench [--knowledge DIR] [--data Tests/Data] [quality|timing|all] [--misses]
//   safety [--misses] [--dev-only]: red-flag recall and false alarms by split (--dev-only: no test split).
//   eval [--name NAME] FILE...: strict, lenient, choices and "don't know" over a question split
//     (`expected<TAB>line[<TAB>previous line]`, see Tests/Data/README.md); with --misses, each
//     wrong row (never for a test split). `--split NAME FILE... --split NAME FILE...` instead of
//     the files puts several splits side by side. ablation [--rows] [--alerts] SPLITS: the same
//     for each step (--rows: only the table rows; --alerts: only how many lines raised an alert
//     first). tune-decision FILE...: coordinate descent over the decision settings (dev only).
//     hits [--for-totals] FILE...: each row's ranked topics, for scripts/semantic-experiment.py
//     (--for-totals: a test split too, read by the script into memory; it prints totals only).
//     build10k [--stages]: builds the generated 10,000-topic index 5 times (for perf; --stages
//     first times tokenizing alone and the spelling corrector alone).
//   other modes: stages (each start-up stage, minimum and median), loop STAGE (for perf),
//   dump (every test line's red flags and search outcome, to compare two builds),
//   explain, scores, tune, terms (ranking work).
import Conversation
import Foundation
import KnowledgeBase
import QuestionEvaluation
import Search
import TextAnalysis

var arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String, _ fallback: String) -> String {
  guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return fallback }
  let value = arguments[i + 1]
  arguments.removeSubrange(i...(i + 1))
  return value
}
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().path
let knowledgeDir = option("--knowledge", root + "/Knowledge")
let dataDir = option("--data", root + "/Tests/Data")
let splitName = option("--name", "")
let rowsOnly = arguments.contains("--rows")
arguments.removeAll { $0 == "--rows" }
let showMisses = arguments.contains("--misses")
arguments.removeAll { $0 == "--misses" }
let devOnly = arguments.contains("--dev-only")
arguments.removeAll { $0 == "--dev-only" }
let showAlerts = arguments.contains("--alerts")
arguments.removeAll { $0 == "--alerts" }
func absolute(_ path: String) -> String {
  path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
}
let mode = arguments.first ?? "all"

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
func percentile(_ values: [Double], _ p: Double) -> Double {
  let sorted = values.sorted()
  guard !sorted.isEmpty else { return 0 }
  return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))]
}
func ms(_ ns: Double) -> String { String(format: "%.3f ms", ns / 1_000_000) }
func readTSV(_ name: String) -> [[String]] {
  guard let text = try? String(contentsOfFile: dataDir + "/" + name, encoding: .utf8) else { return [] }
  return text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.map {
    $0.components(separatedBy: "\t")
  }
}

let (knowledge, diagnostics) = KnowledgeLoader.check(knowledgeDir)
let errors = diagnostics.filter { $0.severity == .error }
if !errors.isEmpty {
  for e in errors.prefix(40) { print(e) }
  print("\(errors.count) errors")
}
let index = SearchIndex(knowledge: knowledge)
let safety = RedFlagMatcher(knowledge: knowledge)
if mode == "safety-file" {
  let path = arguments.count > 1 ? arguments[1] : "/tmp/big-real.txt"
  let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
  var times: [Double] = []
  var found: [String] = []
  for _ in 0..<20 {
    let start = DispatchTime.now().uptimeNanoseconds
    found = safety.matches(text).map(\.flag.id)
    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
  }
  print(String(format: "min %.1f ms, median %.1f ms", times.min() ?? 0, percentile(times, 0.5)), found)
  exit(0)
}
if mode == "safety-lines" {
  // Every line of FILE checked with the line before it, 20 rounds (for a profiler).
  let path = arguments.count > 1 ? arguments[1] : ""
  let lines = ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
  for _ in 0..<20 {
    var previous: String? = nil
    for line in lines {
      _ = safety.matches(line, previous: previous)
      previous = line
    }
  }
  exit(0)
}
if mode == "safety-cost" {
  // Where the safety check's time goes: each line of the first-pass sets (never the test split)
  // timed 7 times, least disturbed time kept, with and without the line before it; the slowest.
  let files = ["safety-urgent.tsv", "safety-urgent-extra.tsv", "safety-benign.tsv", "safety-benign-extra.tsv"]
  let all = files.flatMap(readTSV).compactMap(\.last).filter { $0.count <= 500 }
  func best(_ line: String, _ previous: String?) -> Double {
    var least = Double.infinity
    for _ in 0..<7 {
      let start = now()
      _ = safety.matches(line, previous: previous)
      least = min(least, Double(now() - start))
    }
    return least
  }
  var previous: String?
  var with: [(Double, String)] = []
  var alone: [Double] = []
  for line in all {
    with.append((best(line, previous), line))
    alone.append(best(line, nil))
    previous = line
  }
  print(
    "\(all.count) lines; with previous p50 \(ms(percentile(with.map(\.0), 0.5))) p99 \(ms(percentile(with.map(\.0), 0.99)));"
      + " alone p50 \(ms(percentile(alone, 0.5))) p99 \(ms(percentile(alone, 0.99)))")
  for (time, line) in with.sorted(by: { $0.0 > $1.0 }).prefix(12) {
    print(ms(time), safety.tokens(line).count, line.prefix(100))
  }
  exit(0)
}
if mode == "safety-big" {
  let filler = String(
    repeating: "i have had pain for years since the accident and it is not helping the way it used to. ", count: 12_000)
  let big = String((filler + "my husband is not breathing and his lips are blue").suffix(1_000_000))
  for _ in 0..<10 { _ = safety.matches(big) }
  exit(0)
}
if mode == "safety-line" {
  // Each line is checked with the one before it, as the session does.
  var previous: String?
  for line in arguments.dropFirst() {
    print(line, "->", safety.tokens(line).joined(separator: " "))
    for match in safety.matches(line, previous: previous) { print("   ", match.flag.id, "[\(match.matched)]") }
    previous = line
  }
  exit(0)
}
if mode == "safety" {
  safetyReport(safety, knowledge: knowledge, dataDir: dataDir, misses: showMisses, devOnly: devOnly)
  exit(0)
}

if mode == "quality" || mode == "all" {
  let questions = readTSV("questions-dev.tsv")
  var top1 = 0
  var top3 = 0
  var outcomes = [String: Int]()
  for row in questions where row.count >= 2 {
    // Two or three equally right topics may be joined by "|".
    let accepted = Set(row[0].split(separator: "|").map(String.init))
    let hits = index.search(row[1], limit: 3).map(\.topicID)
    if let first = hits.first, accepted.contains(first) { top1 += 1 }
    if hits.contains(where: accepted.contains) { top3 += 1 }
    switch index.outcome(for: row[1]) {
    case .answer(let hit):
      outcomes[accepted.contains(hit.topicID) ? "answered right" : "answered wrong", default: 0] += 1
    case .choices(let offered):
      outcomes[
        offered.contains { accepted.contains($0.topicID) } ? "choices incl. right" : "choices without right", default: 0
      ] += 1
    case .unknown: outcomes["unknown", default: 0] += 1
    }
    if showMisses && !(hits.first.map(accepted.contains) ?? false) { print("MISS \(row[0]) <- \(row[1])  got \(hits)") }
  }
  let n = Double(max(1, questions.count))
  print("## Question ranking (Tests/Data/questions-dev.tsv, \(questions.count) questions)\n")
  print("| metric | value |\n|---|---|")
  print("| top-1 accuracy | \(String(format: "%.1f%%", Double(top1) / n * 100)) (\(top1)/\(questions.count)) |")
  print("| top-3 accuracy | \(String(format: "%.1f%%", Double(top3) / n * 100)) (\(top3)/\(questions.count)) |")
  for (k, v) in outcomes.sorted(by: { $0.key < $1.key }) { print("| outcome: \(k) | \(v) |") }
  print("")

  let urgent = readTSV("safety-urgent.tsv")
  let benign = readTSV("safety-benign.tsv")
  var perKind: [String: (Int, Int)] = [:]
  for row in urgent where row.count >= 2 {
    let fired: Bool
    if row.count >= 3 {
      fired = !safety.matches(row[1]).isEmpty || !safety.matches(row[2], previous: row[1]).isEmpty
    } else {
      fired = !safety.matches(row[1]).isEmpty
    }
    var entry = perKind[row[0], default: (0, 0)]
    entry.1 += 1
    if fired {
      entry.0 += 1
    } else if showMisses {
      print("MISSED \(row[0]): \(row.dropFirst().joined(separator: " / "))")
    }
    perKind[row[0]] = entry
  }
  var falsePositives: [String: Int] = [:]
  var fpTotal = 0
  for row in benign where !row.isEmpty {
    let found = safety.matches(row[0])
    if let first = found.first {
      falsePositives[first.flag.kind, default: 0] += 1
      fpTotal += 1
      if showMisses { print("FALSE ALARM \(first.flag.id) [\(first.matched)]: \(row[0])") }
    }
  }
  print("## Safety check (Tests/Data/safety-urgent.tsv, safety-benign.tsv)\n")
  print("| kind | recall | false alarms on benign set |\n|---|---|---|")
  for kind in perKind.keys.sorted() {
    let (hit, total) = perKind[kind] ?? (0, 0)
    print(
      "| \(kind) | \(hit)/\(total) (\(String(format: "%.1f%%", Double(hit) / Double(max(1, total)) * 100))) | \(falsePositives[kind] ?? 0) |"
    )
  }
  let totalHit = perKind.values.map(\.0).reduce(0, +)
  let total = perKind.values.map(\.1).reduce(0, +)
  print(
    "| all | \(totalHit)/\(total) (\(String(format: "%.1f%%", Double(totalHit) / Double(max(1, total)) * 100))) | \(fpTotal)/\(benign.count) (\(String(format: "%.1f%%", Double(fpTotal) / Double(max(1, benign.count)) * 100))) |"
  )
  print("")
}

if mode == "eval" || mode == "ablation" {
  // Splits: `--split NAME FILE...` (repeatable, side by side), or the files as one split.
  var splits: [(name: String, files: [String])] = []
  var expectName = false
  for word in arguments.dropFirst() {
    if word == "--split" {
      splits.append((name: "", files: []))
      expectName = true
    } else if expectName {
      splits[splits.count - 1].name = word
      expectName = false
    } else if splits.isEmpty {
      splits.append((name: splitName, files: [absolute(word)]))
    } else {
      splits[splits.count - 1].files.append(absolute(word))
    }
  }
  for i in splits.indices where splits[i].name.isEmpty {
    splits[i].name = splits[i].files.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: " + ")
  }
  let rowsBySplit = splits.map { QuestionSplit.read($0.files) }
  var steps: [(String, RankingSettings, ResolverFeatures)] = [("oih (shipped)", RankingSettings(), ResolverFeatures())]
  if mode == "ablation" && !showAlerts {
    // The topic classifier is the last step: the steps before it run without it.
    var lexical = RankingSettings()
    lexical.classifierWeight = 0
    var uncalibrated = RankingSettings.uncalibrated
    uncalibrated.classifierWeight = 0
    steps = [
      ("lexical, as before (ranking and decision of 0.1)", uncalibrated, ResolverFeatures.rankingOnly),
      ("+ calibrated decision", lexical, ResolverFeatures.rankingOnly),
      ("+ context, small talk, glossary, warning signs, doctor questions", lexical, ResolverFeatures()),
      (
        "+ topic classifier (Knowledge/topic-net.tsv, trained on the dev splits)", RankingSettings(), ResolverFeatures()
      ),
    ]
  }
  if !rowsOnly && !showAlerts {
    let columns = zip(splits, rowsBySplit).map { split, rows in
      ["strict", "lenient", "choices", "don't know"].map { "\(split.name) (\(rows.count)) \($0)" }.joined(
        separator: " | ")
    }
    print("| method | \(columns.joined(separator: " | ")) |")
    print("|---|" + String(repeating: "---|", count: 4 * splits.count))
  }
  for (name, settings, features) in steps {
    var stepIndex = SearchIndex(knowledge: knowledge, settings: settings)
    stepIndex.features = features
    var cells: [String] = []
    var alerts: [String] = []
    for (split, rows) in zip(splits, rowsBySplit) {
      let score = QuestionSplit.score(rows, knowledge: knowledge, index: stepIndex, safety: safety)
      cells += [
        "\(score.percent(score.strict)) (\(score.strict))", "\(score.percent(score.lenient)) (\(score.lenient))",
        score.percent(score.choices), score.percent(score.unknown),
      ]
      alerts.append("\(split.name) \(score.urgent) of \(score.rows) (\(score.percent(score.urgent)))")
      if showMisses && mode == "eval" {
        if QuestionSplit.mayShowRows(split.files) {
          for (row, outcome) in score.misses {
            let before = row.previous.map { "[\($0)] -> " } ?? ""
            print("MISS \(row.expected) <- \(before)\(row.line)   got \(QuestionSplit.describe(outcome))")
          }
        } else {
          print("(per-question output is never shown for a test split: \(split.name))")
        }
      }
    }
    if showAlerts {
      print(
        "Lines where a red-flag alert came first (the safety check runs before any answer): \(alerts.joined(separator: "; "))."
      )
    } else {
      print("| \(rowsOnly ? "oih: " : "")\(name) | \(cells.joined(separator: " | ")) |")
    }
  }
  if !rowsOnly && !showAlerts { print("") }
}

if mode == "sweep" {
  // Strict accuracy on dev files (never a test split) for a few decision settings, one at a time.
  let files = arguments.dropFirst().map(absolute)
  guard QuestionSplit.mayShowRows(files) else {
    print("sweep runs on dev splits only")
    exit(64)
  }
  let rows = QuestionSplit.read(files)
  func strict(_ settings: RankingSettings) -> Int {
    QuestionSplit.score(
      rows, knowledge: knowledge, index: SearchIndex(knowledge: knowledge, settings: settings), safety: safety
    )
    .strict
  }
  print("shipped", strict(RankingSettings()), "of", rows.count)
  // One setting at a time, the others as shipped.
  let single: [(String, WritableKeyPath<RankingSettings, Double>, [Double])] = [
    ("minimumCoverage", \.minimumCoverage, [0.15, 0.2, 0.25, 0.3, 0.35, 0.4]),
    ("unknownWordWeight", \.unknownWordWeight, [0.0, 0.25, 0.5, 0.75, 1.0]),
    ("minimumScore", \.minimumScore, [0.2, 0.3, 0.5, 0.8]),
    ("detail weight", \.weights[4], [0.0, 0.1, 0.2, 0.3]),
    ("answer weight", \.weights[3], [0.1, 0.3, 0.5, 0.8]),
    ("classifierAnswerChance", \.classifierAnswerChance, [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5]),
    ("smallTalkChance", \.smallTalkChance, [0.4, 0.5, 0.6, 0.7, 0.8]),
    ("classifierWeight", \.classifierWeight, [2.0, 3.0, 4.0, 6.0]),
  ]
  for (name, path, values) in single {
    for value in values {
      var settings = RankingSettings()
      settings[keyPath: path] = value
      print(name, value, strict(settings))
    }
  }
  for value in [1.0, 1.01, 1.02, 1.03, 1.05, 1.1, 1.2] {
    var settings = RankingSettings()
    settings.aheadRatio = value
    let score = QuestionSplit.score(
      rows, knowledge: knowledge, index: SearchIndex(knowledge: knowledge, settings: settings), safety: safety)
    print("aheadRatio", value, score.strict, "lenient", score.lenient, "choices", score.choices)
  }
  // The two gates together: the word gate's coverage and the classifier's chance to pass it.
  for coverage in [0.2, 0.25, 0.3] {
    for chance in [0.15, 0.2, 0.3, 0.4] {
      var settings = RankingSettings()
      settings.minimumCoverage = coverage
      settings.classifierAnswerChance = chance
      print("minimumCoverage", coverage, "classifierAnswerChance", chance, strict(settings))
    }
  }
  exit(0)
}

if mode == "tune-decision" {
  // Coordinate descent over the decision settings on the given (dev) files: most strict-right
  // rows, then fewest wrong direct answers.
  let files = arguments.dropFirst().map(absolute)
  guard QuestionSplit.mayShowRows(Array(files)) else { fatalError("tune on dev files only") }
  let rows = QuestionSplit.read(Array(files))
  func value(_ s: RankingSettings) -> Int {
    let score = QuestionSplit.score(
      rows, knowledge: knowledge, index: SearchIndex(knowledge: knowledge, settings: s), safety: safety)
    return score.strict * 10 + score.lenient
  }
  var best = RankingSettings()
  var bestValue = value(best)
  print("start", bestValue)
  let grid: [(WritableKeyPath<RankingSettings, Double>, String, [Double])] = [
    // aheadRatio is a policy (how close is "genuinely close"), chosen from the table below.
    (\.minimumScore, "minimumScore", [0.1, 0.15, 0.3, 0.5, 0.8, 1.0, 1.5]),
    (\.weights[3], "answer weight", [0.3, 0.6, 0.9, 1.2]),
    (\.weights[4], "detail weight", [0.0, 0.1, 0.2, 0.4]),
    (\.weights[2], "glossary weight", [0.6, 1.2, 1.8]),
    (\.k1, "k1", [1.0, 1.3, 1.6, 2.0]),
    (\.minimumCoverage, "minimumCoverage", [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]),
    (\.contextWeight, "contextWeight", [0.2, 0.4, 0.6, 0.8, 1.0]),
    (\.contextPrior, "contextPrior", [1.0, 1.1, 1.25, 1.5, 2.0]),
    (\.contextCoverage, "contextCoverage", [0.0, 0.25, 0.5, 0.75, 1.0]),
    (\.weights[0], "title weight", [1.0, 1.5, 2.0]),
    (\.weights[1], "asks weight", [1.0, 1.5, 2.0]),
  ]
  for _ in 0..<2 {
    for (path, name, values) in grid {
      for v in values {
        var s = best
        s[keyPath: path] = v
        let result = value(s)
        if result > bestValue {
          bestValue = result
          best = s
          print(bestValue, name, v)
        }
      }
    }
  }
  for ahead in [1.0, 1.03, 1.05, 1.08, 1.1, 1.15, 1.2] {
    var s = best
    s.aheadRatio = ahead
    let score = QuestionSplit.score(
      rows, knowledge: knowledge, index: SearchIndex(knowledge: knowledge, settings: s), safety: safety)
    print(
      "ahead \(ahead) weights \(s.weights) k1 \(s.k1): strict \(score.strict) lenient \(score.lenient) choices \(score.choices) unknown \(score.unknown) wrong-or-other \(score.rows - score.strict - score.choices - score.unknown)"
    )
  }
  print(
    "best", bestValue, "ahead", best.aheadRatio, "minScore", best.minimumScore, "minCoverage", best.minimumCoverage,
    "context", best.contextWeight, "prior", best.contextPrior, "contextCoverage", best.contextCoverage, "k1", best.k1,
    "weights", best.weights)
}

if mode == "hits" {
  // Each dev row's top 57 topics and scores, tab-separated, for trying a semantic signal offline.
  // `--for-totals` lets scripts/semantic-experiment.py read a test split into memory; it prints
  // totals only. Nobody else reads a test split's rows.
  // `--lexical`: the BM25F ranking without the topic classifier (for scripts/train-topic-net.py).
  let forTotals = arguments.contains("--for-totals")
  var ranking = index
  if arguments.contains("--lexical") { ranking.settings.classifierWeight = 0 }
  let files = arguments.dropFirst().filter { $0 != "--for-totals" && $0 != "--lexical" }.map(absolute)
  guard forTotals || QuestionSplit.mayShowRows(Array(files)) else { fatalError("dev files only") }
  for row in QuestionSplit.read(Array(files)) where row.previous == nil {
    let hits = ranking.search(row.line, limit: 100).map { "\($0.topicID)=\(String(format: "%.4f", $0.score))" }
    print(([row.expected, row.line] + hits).joined(separator: "\t"))
  }
}

if mode == "explain" {
  for q in arguments.dropFirst() {
    print(q, "->", index.terms(of: q))
    for hit in index.search(q, limit: 5) {
      print("   ", hit.topicID, String(format: "%.2f coverage %.2f", hit.score, index.coverage(of: q, in: hit.topicID)))
    }
    print("    ->", index.resolve(q, context: nil))
  }
}

if mode == "why" {
  // How the search decided on each line given (what the resolver does first is not shown);
  // CONTEXT=topic-id resolves the lines as follow-ups on that topic.
  for q in arguments.dropFirst() {
    print(q)
    for line in index.decisionTrace(for: q) { print("   ", line) }
    print("    resolved:", index.resolve(q, context: ProcessInfo.processInfo.environment["CONTEXT"]))
  }
}

if mode == "scores" {
  for row in readTSV("questions-dev.tsv") where row.count >= 2 {
    let hits = index.search(row[1], limit: 2)
    let top = hits.first?.score ?? 0
    let second = hits.count > 1 ? hits[1].score : 0
    print(
      row[0].split(separator: "|").contains { $0 == hits.first?.topicID ?? "" } ? "RIGHT" : "WRONG",
      String(
        format: "%.2f %.2f %.2f", top, top > 0 ? second / top : 0,
        index.coverage(of: row[1], in: hits.first?.topicID ?? "")), row[1])
  }
  if let text = try? String(contentsOfFile: "/tmp/offtopic.txt", encoding: .utf8) {
    for q in text.split(separator: "\n") {
      let hits = index.search(String(q), limit: 2)
      let top = hits.first?.score ?? 0
      print(
        "OFF",
        String(
          format: "%.2f %.2f %.2f", top, top > 0 ? (hits.count > 1 ? hits[1].score : 0) / top : 0,
          index.coverage(of: String(q), in: hits.first?.topicID ?? "")), q)
    }
  }
}

if mode == "tune" {
  // Coordinate descent over the field weights, k1 and b, one setting at a time.
  let rows = readTSV("questions-dev.tsv").filter { $0.count >= 2 }
  func accuracy(_ s: RankingSettings) -> Int {
    let idx = SearchIndex(knowledge: knowledge, settings: s)
    return rows.filter { row in
      let top = idx.search(row[1], limit: 1).first?.topicID ?? ""
      return row[0].split(separator: "|").contains { $0 == top }
    }.count
  }
  var best = RankingSettings()
  var bestScore = accuracy(best)
  print("start", bestScore)
  for _ in 0..<2 {
    for f in 0..<5 {
      for w in [0.0, 0.2, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0] {
        var s = best
        s.weights[f] = w
        let a = accuracy(s)
        if a > bestScore {
          bestScore = a
          best = s
          print(a, s.weights, s.k1, s.b)
        }
      }
      for b in [0.3, 0.5, 0.75, 0.9] {
        var s = best
        s.b[f] = b
        let a = accuracy(s)
        if a > bestScore {
          bestScore = a
          best = s
          print(a, s.weights, s.k1, s.b)
        }
      }
    }
    for k1 in [0.6, 0.9, 1.2, 1.5, 2.0] {
      var s = best
      s.k1 = k1
      let a = accuracy(s)
      if a > bestScore {
        bestScore = a
        best = s
        print(a, s.weights, s.k1, s.b)
      }
    }
  }
  print("best", bestScore, best.weights, best.k1, best.b)
}

if mode == "timing" || mode == "all" {
  // Load + validate the whole knowledge base.
  var loadTimes: [Double] = []
  for _ in 0..<20 {
    let start = now()
    let loaded = KnowledgeLoader.check(knowledgeDir)
    loadTimes.append(Double(now() - start))
    withExtendedLifetime(loaded) {}  // freeing the result is not part of loading it
  }
  let questions = readTSV("questions-dev.tsv").compactMap { $0.count >= 2 ? $0[1] : nil }
  func latency(_ idx: SearchIndex, rounds: Int) -> [Double] {
    var times: [Double] = []
    for _ in 0..<rounds {
      for q in questions {
        let start = now()
        _ = idx.resolve(q, context: nil)  // what a free question costs: small talk, follow-ups, ranking
        times.append(Double(now() - start))
      }
    }
    return times
  }
  let shipped = latency(index, rounds: 5)
  // A generated knowledge base of 10,000 topics, recombining the shipped text.
  var big = knowledge
  var generated: [Topic] = []
  var rng = SystemRandomNumberGenerator()
  let words = Array(KnowledgeVocabulary.words(of: knowledge)).sorted()
  for i in 0..<10_000 {
    var topic = knowledge.topics[i % knowledge.topics.count]
    topic.id = "\(topic.id)-\(i)"
    let extra = (0..<12).map { _ in words[Int.random(in: 0..<words.count, using: &rng)] }.joined(separator: " ")
    topic.title += " " + extra
    topic.asks = topic.asks.map { $0 + " " + words[Int.random(in: 0..<words.count, using: &rng)] }
    generated.append(topic)
  }
  big.topics = generated
  // Built 5 times: the machine is shared, so the minimum is the least disturbed figure.
  var buildTimes: [Double] = []
  var bigIndex = SearchIndex(knowledge: big)
  for _ in 0..<5 {
    let buildStart = now()
    let built = SearchIndex(knowledge: big)
    buildTimes.append(Double(now() - buildStart))
    // Freeing the previous index is not part of a build (the program builds one, once): it
    // happens outside the timed part.
    bigIndex = built
  }
  let large = latency(bigIndex, rounds: 1)
  // Safety check per line.
  var safetyTimes: [Double] = []
  let lines = readTSV("safety-benign.tsv").map { $0[0] } + readTSV("safety-urgent.tsv").map { $0[1] }
  for _ in 0..<5 {
    for line in lines {
      let start = now()
      _ = safety.matches(line, previous: "i am not sure about this")
      safetyTimes.append(Double(now() - start))
    }
  }
  print("## Timing (in-process, this build)\n")
  print("| measurement | p50 | p99 |\n|---|---|---|")
  print(
    "| load + validate the whole knowledge base (20 runs) | \(ms(percentile(loadTimes, 0.5))) | \(ms(percentile(loadTimes, 0.99))) |"
  )
  print(
    "| answer latency, shipped knowledge base (\(knowledge.topics.count) topics, \(shipped.count) questions) | \(ms(percentile(shipped, 0.5))) | \(ms(percentile(shipped, 0.99))) |"
  )
  print(
    "| answer latency, generated knowledge base (10,000 topics, \(large.count) questions) | \(ms(percentile(large, 0.5))) | \(ms(percentile(large, 0.99))) |"
  )
  print(
    "| safety check per line (with previous line, \(safetyTimes.count) lines) | \(ms(percentile(safetyTimes, 0.5))) | \(ms(percentile(safetyTimes, 0.99))) |"
  )
  print(
    "\nBuilding the 10,000-topic index (done once, at start, on another thread) took \(ms(buildTimes.min() ?? 0)) at best and \(ms(percentile(buildTimes, 0.5))) median of 5 builds (goal: at most 500 ms).\n"
  )
}

if mode == "safety-tokens" {
  // One line in, its red-flag net tokens out (space-separated) and, after a tab, 1 when a
  // pattern (not the net) raises an urgent alert, for scripts/train-redflag-net.py.
  let urgentKinds = Set(knowledge.redFlagKinds.filter(\.urgent).map(\.id))
  while let line = readLine(strippingNewline: true) {
    let urgent = safety.matches(line).contains { urgentKinds.contains($0.flag.kind) && $0.matched != "(second net)" }
    print(safety.netTokens(line).joined(separator: " ") + (urgent ? "\t1" : "\t0"))
  }
}
if mode == "safety-net" {
  // One line in, the second net's chance of `benign` out, to check the script and the program agree.
  if let net = safety.net {
    let benign = net.classes.firstIndex(of: "benign") ?? 0
    while let line = readLine(strippingNewline: true) {
      print(String(format: "%.4f", net.probabilities(safety.netTokens(line))[benign]))
    }
  }
}
if mode == "terms" {
  for q in arguments.dropFirst() {
    print(q, index.search(q, limit: 60).count, index.terms(of: q))
  }
}
if mode == "loop" {
  // Builds one stage 40 times, for `perf record oih-bench loop index|matcher|read|check|safety`
  // (safety: checks every line of the first-pass red-flag sets).
  let what = arguments.dropFirst().first ?? "index"
  let safetyLines = ["safety-urgent.tsv", "safety-urgent-extra.tsv", "safety-benign.tsv", "safety-benign-extra.tsv"]
    .flatMap(readTSV).compactMap(\.last)
  for _ in 0..<40 {
    switch what {
    case "index": _ = SearchIndex(knowledge: knowledge)
    case "matcher": _ = RedFlagMatcher(knowledge: knowledge)
    case "read": _ = KnowledgeLoader.readOnly(knowledgeDir)
    case "safety": for line in safetyLines { _ = safety.matches(line, previous: "i am not sure about this") }
    default: _ = KnowledgeLoader.check(knowledgeDir)
    }
  }
}
if mode == "dump" {
  // Prints the safety matches and search outcome of every test line, to compare two builds.
  // Or every line of the file named after `dump`.
  let lines =
    arguments.count > 1
    ? ((try? String(contentsOfFile: arguments[1], encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    : [
      "safety-urgent.tsv", "safety-benign.tsv", "safety-urgent-extra.tsv", "safety-benign-extra.tsv",
      "questions-dev.tsv",
    ]
    .flatMap { readTSV($0) }.flatMap { $0 }
  var previous: String?
  for line in lines {
    let found = safety.matches(line, previous: previous).map { "\($0.flag.id)=\($0.matched)" }
    print(line, "|", found.joined(separator: ","), "|", index.outcome(for: line))
    previous = line
  }
}
if mode == "build10k" {
  // Builds the generated 10,000-topic index 5 times, for `perf record oih-bench build10k`.
  var big = knowledge
  let words = Array(KnowledgeVocabulary.words(of: knowledge)).sorted()
  var generator = SystemRandomNumberGenerator()
  big.topics = (0..<10_000).map { i in
    var topic = knowledge.topics[i % knowledge.topics.count]
    topic.id = "\(topic.id)-\(i)"
    topic.title +=
      " " + (0..<12).map { _ in words[Int.random(in: 0..<words.count, using: &generator)] }.joined(separator: " ")
    topic.asks = topic.asks.map { $0 + " " + words[Int.random(in: 0..<words.count, using: &generator)] }
    return topic
  }
  if arguments.contains("--stages") {
    var tokenStart = now()
    var tokenCount = 0
    for topic in big.topics {
      for text in [topic.title, topic.answer, topic.detail ?? ""] + topic.asks {
        tokenCount += Normalizer.tokens(text).count
      }
    }
    print("tokenizing only:", ms(Double(now() - tokenStart)), tokenCount, "tokens")
    tokenStart = now()
    _ = SpellCorrector(vocabulary: words, minimumLength: 5)
    print("corrector only:", ms(Double(now() - tokenStart)))
  }
  for _ in 0..<5 {
    let start = now()
    let built = SearchIndex(knowledge: big)
    print("build", ms(Double(now() - start)))
    withExtendedLifetime(built) {}
  }
}

if mode == "stages" {
  // Minimum of 30 runs of each stage, in this process: the least disturbed figure on a shared machine.
  func best<T>(_ name: String, _ body: () -> T) {
    var times: [Double] = []
    for _ in 0..<30 {
      let s = now()
      let result = body()
      times.append(Double(now() - s))
      withExtendedLifetime(result) {}
    }
    print(name, "min", ms(times.min() ?? 0), "median", ms(percentile(times, 0.5)))
  }
  best("check (read+validate+guides)") { KnowledgeLoader.check(knowledgeDir) }
  best("read only") { KnowledgeLoader.readOnly(knowledgeDir) }
  best("search index") { SearchIndex(knowledge: knowledge) }
  best("red flag matcher") { RedFlagMatcher(knowledge: knowledge) }
  if let file = knowledge.redFlagNetFile {
    best("  of which: the second net's file parsed") { try? RedFlagNet(parsing: file) }
  }
  best("vocabulary") { KnowledgeVocabulary.words(of: knowledge) }
  best("guides") { GuideLoader.loadAll(knowledge) }
}
