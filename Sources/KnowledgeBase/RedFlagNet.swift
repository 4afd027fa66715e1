import TextAnalysis

/// The second net behind the red-flag patterns: a linear text classifier over word and letter
/// features, trained on the blind dev sets of Tests/Data by `scripts/train-redflag-net.py` and
/// stored in Knowledge/redflag-net.tsv.
///
/// Patterns only catch wording somebody wrote a pattern for; each fresh blind set still finds
/// about one crisis line in ten that no pattern reads. The net reads a line the patterns raised
/// no urgent alert for and, when it judges the line more likely urgent than not (the chance of
/// "benign" below `threshold`), names the kind it resembles most; the matcher then shows that
/// kind's general alert (the `flags` row of the file). It never removes an alert and never
/// replaces a pattern: it can only add one.
///
/// The classifier itself is a `LinearTextModel` over the matcher's tokens; its file adds the
/// `flags`, `threshold` and `min-tokens` rows.
///
/// Lines of fewer than `minimumTokens` tokens are left to the patterns. A long text is read in
/// overlapping windows of 64 tokens (48 apart): one alarming sentence in
/// a pasted page is not drowned by the rest, and any phrase of up to 16 tokens lies wholly in
/// some window.
public struct RedFlagNet: Sendable {
  /// A problem with the file, with its line.
  public typealias Problem = LinearTextModel.Problem

  /// The classifier.
  public let model: LinearTextModel
  /// Class ids: `benign` and red-flag kinds.
  public var classes: [String] { model.classes }
  /// For each class, the flag whose alert the net raises (none for `benign`).
  public let flagIDs: [String?]
  /// The net fires when the chance of `benign` is below this.
  public let threshold: Double
  /// Lines of fewer tokens are left to the patterns: answers and commands ("not sure", "done")
  /// are too short for the net to judge (`min-tokens` row; 1 when absent).
  public let minimumTokens: Int
  /// Where the `flags` row is, for the validator.
  public let flagsLine: Int
  private let benign: Int

  static let windowLength = 64
  static let windowStep = 48

  /// Parses the file text.
  ///
  /// - Parameter text: The contents of redflag-net.tsv.
  /// - Throws: `Problem` with the line of the first thing wrong.
  public init(parsing text: String) throws(Problem) {
    try self.init(parsing: Array(text.utf8))
  }

  /// Parses the file from its bytes (UTF-8), as `init(parsing:)` does.
  public init(parsing bytes: [UInt8]) throws(Problem) {
    try self.init(parsing: NetFile(path: "", bytes: bytes))
  }

  /// Parses the classifier's file, as `init(parsing:)` does.
  public init(parsing file: NetFile) throws(Problem) {
    let model = try LinearTextModel(
      parsing: file, headers: ["flags", "threshold", "min-tokens"], script: "scripts/train-redflag-net.py")
    guard let benign = model.classes.firstIndex(of: "benign") else {
      throw Problem(line: 1, message: "the classes row must name a 'benign' class")
    }
    let flags = model.headers["flags"]
    let flagIDs = flags?.fields.map { $0 == "-" ? nil : $0 } ?? []
    guard flagIDs.count == model.classes.count else {
      throw Problem(line: flags?.line ?? 1, message: "classes and flags need one entry per class")
    }
    guard let row = model.headers["threshold"] else {
      throw Problem(line: 1, message: "the file needs a threshold row")
    }
    guard row.fields.count == 1, let threshold = Double(row.fields[0]), threshold > 0, threshold < 1 else {
      throw Problem(line: row.line, message: "threshold must be one number between 0 and 1")
    }
    var minimumTokens = 1
    if let row = model.headers["min-tokens"] {
      guard row.fields.count == 1, let value = Int(row.fields[0]), value >= 1 else {
        throw Problem(line: row.line, message: "min-tokens must be one whole number, at least 1")
      }
      minimumTokens = value
    }
    self.model = model
    self.flagIDs = flagIDs
    self.flagsLine = flags?.line ?? 1
    self.threshold = threshold
    self.minimumTokens = minimumTokens
    self.benign = benign
  }

  /// The class the net gives `tokens` when it fires (the chance of `benign` is below
  /// `threshold` in some window), or `nil`.
  ///
  /// - Parameters:
  ///   - tokens: The matcher's tokens of one line.
  ///   - numbered: The same tokens numbered (`TokenNumbering`), when the caller already has
  ///     them: a long text is read by number.
  /// - Returns: The index of the most likely urgent class, or `nil`.
  public func urgentClass(_ tokens: [String], numbered: (distinct: [String], ids: [Int32])? = nil) -> Int? {
    guard tokens.count >= minimumTokens, !tokens.isEmpty else { return nil }
    if tokens.count <= Self.windowLength + Self.windowStep / 2 { return verdict(model.probabilities(tokens)) }
    if let numbered { return windowsVerdict(numbered.distinct, numbered.ids) }
    var numbering = TokenNumbering(expected: min(tokens.count, 4096))
    let ids = tokens.map { numbering.number($0) }
    return windowsVerdict(numbering.distinct, ids)
  }

  /// The verdict on a long text, window by window. A long text repeats its words: each distinct
  /// token's features, and each distinct pair's, are looked up once; each window is counted in
  /// one array instead of sorted.
  private func windowsVerdict(_ distinct: [String], _ ids: [Int32]) -> Int? {
    // The features of each distinct token, one after the other.
    var letters: [UInt32] = []
    var tokenFeatures: [Int32] = []
    var tokenStart: [Int32] = [0]
    tokenStart.reserveCapacity(distinct.count + 1)
    for token in distinct {
      model.appendFeatures(of: token, to: &tokenFeatures, letters: &letters)
      tokenStart.append(Int32(tokenFeatures.count))
    }
    // The feature of each pair, looked up once per distinct pair (-1: none).
    var knownPairs = FeatureTable(capacity: min(ids.count, 8192), missing: Int32.min)
    var pairs = [Int32](repeating: -1, count: ids.count)
    for position in 0..<(ids.count - 1) {
      let both = UInt64(UInt32(ids[position]) + 1) << 32 | UInt64(UInt32(ids[position + 1]) + 1)
      var found = knownPairs[both]
      if found == Int32.min {
        found =
          model.features[LinearTextModel.key(tag: 98, distinct[Int(ids[position])], distinct[Int(ids[position + 1])])]
        knownPairs.insert(both, found)
      }
      pairs[position] = found
    }
    // Unchecked buffers: this loop is most of the net's time on a pasted page.
    var counts = [UInt16](repeating: 0, count: model.idf.count)
    // A window holds at most this many distinct features (each token's own, and one pair each).
    let most = zip(tokenStart, tokenStart.dropFirst()).map { Int($1 - $0) }.max() ?? 0
    var touched = [Int32](repeating: 0, count: Self.windowLength * (most + 1))
    var sums = [Double](repeating: 0, count: model.intercepts.count)
    return counts.withUnsafeMutableBufferPointer { counts in
      touched.withUnsafeMutableBufferPointer { touched in
        tokenFeatures.withUnsafeBufferPointer { tokenFeatures in
          tokenStart.withUnsafeBufferPointer { tokenStart in
            ids.withUnsafeBufferPointer { ids in
              pairs.withUnsafeBufferPointer { pairs in
                var start = 0
                while true {
                  let end = min(ids.count, start + Self.windowLength)
                  var seen = 0
                  func count(_ feature: Int32) {
                    if counts[Int(feature)] == 0 {
                      touched[seen] = feature
                      seen += 1
                    }
                    counts[Int(feature)] &+= 1
                  }
                  for position in start..<end {
                    let token = Int(ids[position])
                    for index in Int(tokenStart[token])..<Int(tokenStart[token + 1]) { count(tokenFeatures[index]) }
                    if position + 1 < end, pairs[position] >= 0 { count(pairs[position]) }
                  }
                  for index in sums.indices { sums[index] = 0 }
                  var squares = 0.0
                  for feature in touched[0..<seen] {
                    model.add(feature, Int(counts[Int(feature)]), to: &sums, &squares)
                    counts[Int(feature)] = 0
                  }
                  if let found = verdict(model.finish(sums, squares)) { return found }
                  if end == ids.count { return nil }
                  start += Self.windowStep
                }
              }
            }
          }
        }
      }
    }
  }

  /// The chance of each class for `tokens` read as one window (for tests and the training
  /// script's check).
  public func probabilities(_ tokens: [String]) -> [Double] { model.probabilities(tokens) }

  private func verdict(_ chances: [Double]) -> Int? {
    guard chances[benign] < threshold else { return nil }
    var best = benign == 0 ? 1 : 0
    for index in chances.indices where index != benign && chances[index] > chances[best] { best = index }
    return best
  }
}
