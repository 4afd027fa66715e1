import TextAnalysis

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

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
/// Features, from the matcher's tokens (normalized, slang spelled out, not spell-corrected):
/// each token (`w:word`), each pair of neighbouring tokens (`b:one two`), and the 3 to 5 letter
/// pieces of each token with `<` and `>` at its ends (`c:<pai`). Each present feature weighs
/// `(1 + ln count) * idf`, the vector is scaled to length 1, and each class scores its intercept
/// plus the weighted sum; a softmax turns the scores into chances. The training script computes
/// the same features from the same tokens (`oih-bench safety-tokens`), so both agree.
///
/// Lines of fewer than `minimumTokens` tokens are left to the patterns. A long text is read in
/// overlapping windows of 64 tokens (48 apart): one alarming sentence in
/// a pasted page is not drowned by the rest, and any phrase of up to 16 tokens lies wholly in
/// some window.
public struct RedFlagNet: Sendable {
  /// A problem with the file, with its line.
  public struct Problem: Error, Sendable, Equatable {
    /// The 1-based line of the file.
    public var line: Int
    /// What is wrong and what to do.
    public var message: String
  }

  /// Class ids: `benign` and red-flag kinds.
  public let classes: [String]
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
  private let intercepts: [Double]
  private let features: [UInt64: Int32]
  private let idf: [Double]
  private let weightStart: [Int32]
  private let weightClass: [UInt8]
  private let weightValue: [Double]

  static let windowLength = 64
  static let windowStep = 48

  /// Parses the file text.
  ///
  /// - Parameter text: The contents of redflag-net.tsv.
  /// - Returns: The net.
  /// - Throws: `Problem` with the line of the first thing wrong.
  public init(parsing text: String) throws(Problem) {
    var classes: [String] = []
    var flags: [String?] = []
    var flagsLine = 0
    var threshold: Double?
    var minimumTokens = 1
    var intercepts: [Double] = []
    var features: [UInt64: Int32] = [:]
    var idf: [Double] = []
    var starts: [Int32] = [0]
    var weightClass: [UInt8] = []
    var weightValue: [Double] = []
    var number = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      number += 1
      if line.isEmpty || line.first == "#" { continue }
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      switch fields[0] {
      case "classes":
        classes = fields.dropFirst().map(String.init)
      case "flags":
        flags = fields.dropFirst().map { $0 == "-" ? nil : String($0) }
        flagsLine = number
      case "threshold":
        guard fields.count == 2, let value = Double(fields[1]), value > 0, value < 1 else {
          throw Problem(line: number, message: "threshold must be one number between 0 and 1")
        }
        threshold = value
      case "min-tokens":
        guard fields.count == 2, let value = Int(fields[1]), value >= 1 else {
          throw Problem(line: number, message: "min-tokens must be one whole number, at least 1")
        }
        minimumTokens = value
      case "intercepts":
        intercepts = fields.dropFirst().compactMap { Double($0) }
        guard intercepts.count == fields.count - 1 else {
          throw Problem(line: number, message: "intercepts must be numbers, one per class")
        }
      default:
        guard fields.count == 3, fields[0].count > 2, let weight = Double(fields[1]) else {
          throw Problem(
            line: number,
            message: "a feature row is: feature, idf, class:weight list, separated by tabs (regenerate the file with "
              + "scripts/train-redflag-net.py)")
        }
        for pair in fields[2].split(separator: " ") {
          let parts = pair.split(separator: ":")
          guard parts.count == 2, let index = UInt8(parts[0]), Int(index) < classes.count, let value = Double(parts[1])
          else { throw Problem(line: number, message: "class weight '\(pair)' is not class:weight") }
          weightClass.append(index)
          weightValue.append(value)
        }
        features[Self.key(fields[0])] = Int32(idf.count)
        idf.append(weight)
        starts.append(Int32(weightClass.count))
      }
    }
    guard let benign = classes.firstIndex(of: "benign") else {
      throw Problem(line: 1, message: "the classes row must name a 'benign' class")
    }
    guard flags.count == classes.count, intercepts.count == classes.count else {
      throw Problem(line: flagsLine, message: "classes, flags and intercepts need one entry per class")
    }
    guard let threshold else { throw Problem(line: 1, message: "the file needs a threshold row") }
    self.classes = classes
    self.flagIDs = flags
    self.flagsLine = flagsLine
    self.threshold = threshold
    self.minimumTokens = minimumTokens
    self.benign = benign
    self.intercepts = intercepts
    self.features = features
    self.idf = idf
    self.weightStart = starts
    self.weightClass = weightClass
    self.weightValue = weightValue
  }

  /// The class the net gives `tokens` when it fires (the chance of `benign` is below
  /// `threshold` in some window), or `nil`.
  ///
  /// - Parameter tokens: The matcher's tokens of one line.
  /// - Returns: The index of the most likely urgent class, or `nil`.
  public func urgentClass(_ tokens: [String]) -> Int? {
    guard tokens.count >= minimumTokens, !tokens.isEmpty else { return nil }
    if tokens.count <= Self.windowLength + Self.windowStep / 2 {
      return verdict(scores(tokens.map(tokenFeatures), pairFeatures(tokens), 0..<tokens.count))
    }
    // A long text repeats its words: each distinct token's features, and each distinct pair's,
    // are looked up once; each window is counted in one array instead of sorted.
    var numbering = TokenNumbering(expected: min(tokens.count, 4096))
    let numbers = tokens.map { numbering.number($0) }
    let distinct = numbering.distinct.map(tokenFeatures)
    var knownPairs: [UInt64: Int32] = [:]
    var pairs = [Int32](repeating: -1, count: tokens.count)
    for position in 0..<(tokens.count - 1) {
      let both = UInt64(UInt32(numbers[position])) << 32 | UInt64(UInt32(numbers[position + 1]))
      if let known = knownPairs[both] {
        pairs[position] = known
      } else {
        let found = features[Self.key(tag: 98, tokens[position], tokens[position + 1])] ?? -1
        knownPairs[both] = found
        pairs[position] = found
      }
    }
    var counts = [UInt16](repeating: 0, count: idf.count)
    var touched: [Int32] = []
    var start = 0
    while true {
      let end = min(tokens.count, start + Self.windowLength)
      touched.removeAll(keepingCapacity: true)
      func count(_ feature: Int32) {
        if counts[Int(feature)] == 0 { touched.append(feature) }
        counts[Int(feature)] += 1
      }
      for position in start..<end {
        for feature in distinct[Int(numbers[position])] { count(feature) }
        if position + 1 < end, pairs[position] >= 0 { count(pairs[position]) }
      }
      let counted = touched.map { ($0, Int(counts[Int($0)])) }
      for feature in touched { counts[Int(feature)] = 0 }
      if let found = verdict(chances(counted)) { return found }
      if end == tokens.count { return nil }
      start += Self.windowStep
    }
  }

  /// The chance of each class for `tokens` (for tests and the training script's check).
  public func probabilities(_ tokens: [String]) -> [Double] {
    scores(tokens.map(tokenFeatures), pairFeatures(tokens), 0..<tokens.count)
  }

  private func verdict(_ chances: [Double]) -> Int? {
    guard chances[benign] < threshold else { return nil }
    var best = benign == 0 ? 1 : 0
    for index in chances.indices where index != benign && chances[index] > chances[best] { best = index }
    return best
  }

  /// The feature of each pair of neighbouring tokens (at the first one's position), or -1.
  private func pairFeatures(_ tokens: [String]) -> [Int32] {
    tokens.indices.map { position in
      position + 1 < tokens.count ? features[Self.key(tag: 98, tokens[position], tokens[position + 1])] ?? -1 : -1
    }
  }

  private func scores(_ ids: [[Int32]], _ pairs: [Int32], _ range: Range<Int>) -> [Double] {
    var present: [Int32] = []
    present.reserveCapacity(range.count * 14)
    for position in range {
      present += ids[position]
      if position + 1 < range.upperBound, pairs[position] >= 0 { present.append(pairs[position]) }
    }
    present.sort()
    var counted: [(Int32, Int)] = []
    var index = 0
    while index < present.count {
      var next = index + 1
      while next < present.count && present[next] == present[index] { next += 1 }
      counted.append((present[index], next - index))
      index = next
    }
    return chances(counted)
  }

  /// The chance of each class for features present `count` times each.
  private func chances(_ counted: [(Int32, Int)]) -> [Double] {
    var values: [(Int32, Double)] = []
    values.reserveCapacity(counted.count)
    var squares = 0.0
    for (feature, count) in counted {
      let value = (1 + log(Double(count))) * idf[Int(feature)]
      values.append((feature, value))
      squares += value * value
    }
    var out = intercepts
    if squares > 0 {
      let scale = 1 / squares.squareRoot()
      for (feature, value) in values {
        for weight in Int(weightStart[Int(feature)])..<Int(weightStart[Int(feature) + 1]) {
          out[Int(weightClass[weight])] += value * scale * weightValue[weight]
        }
      }
    }
    let top = out.max() ?? 0
    var total = 0.0
    for index in out.indices {
      out[index] = exp(out[index] - top)
      total += out[index]
    }
    return out.map { $0 / total }
  }

  /// The feature numbers of one token: the word itself and its letter pieces.
  private func tokenFeatures(_ token: String) -> [Int32] {
    var found: [Int32] = []
    if let word = features[Self.key(tag: 119, token)] { found.append(word) }
    let letters = [Unicode.Scalar("<")] + Array(token.unicodeScalars) + [Unicode.Scalar(">")]
    for length in 3...5 where letters.count >= length {
      for start in 0...(letters.count - length) {
        if let piece = features[Self.key(tag: 99, letters[start..<(start + length)])] { found.append(piece) }
      }
    }
    return found
  }

  /// The hash of a feature as the file writes it (`w:word`, `b:one two`, `c:<pai`).
  static func key(_ written: Substring) -> UInt64 {
    let scalars = Array(written.unicodeScalars)
    let tag = scalars[0].value
    let rest = scalars.dropFirst(2)
    if tag == 98, let space = rest.firstIndex(of: " ") {
      return key(
        tag: 98, String(String.UnicodeScalarView(rest[..<space])),
        String(String.UnicodeScalarView(rest[(space + 1)...])))
    }
    return tag == 99 ? key(tag: 99, rest) : key(tag: tag, String(String.UnicodeScalarView(rest)))
  }

  private static func key(tag: UInt32, _ word: String) -> UInt64 {
    var hash = start(tag)
    for scalar in word.unicodeScalars { mix(&hash, scalar.value) }
    return hash
  }

  private static func key(tag: UInt32, _ first: String, _ second: String) -> UInt64 {
    var hash = start(tag)
    for scalar in first.unicodeScalars { mix(&hash, scalar.value) }
    mix(&hash, 32)
    for scalar in second.unicodeScalars { mix(&hash, scalar.value) }
    return hash
  }

  private static func key(tag: UInt32, _ letters: ArraySlice<Unicode.Scalar>) -> UInt64 {
    var hash = start(tag)
    for scalar in letters { mix(&hash, scalar.value) }
    return hash
  }

  private static func start(_ tag: UInt32) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    mix(&hash, tag)
    return hash
  }

  /// FNV-1a over the four bytes of a scalar value.
  private static func mix(_ hash: inout UInt64, _ value: UInt32) {
    for shift in stride(from: 0, to: 32, by: 8) {
      hash ^= UInt64((value >> UInt32(shift)) & 0xff)
      hash &*= 0x100_0000_01b3
    }
  }
}
