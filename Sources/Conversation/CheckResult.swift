import KnowledgeBase

/// The scored result of a symptom check: transparent points, a band, never a diagnosis.
public struct CheckResult: Sendable, Equatable {
  /// A sign item that counted, with its answer and points.
  public struct Counted: Sendable, Equatable {
    /// The item.
    public var item: CheckItem
    /// The person's answer.
    public var answer: String
    /// Points it added.
    public var points: Int
  }

  /// Total points from sign items.
  public var score: Int
  /// The band the score falls in.
  public var band: CheckBand?
  /// Sign items that added points.
  public var counted: [Counted]
  /// Sign items answered without points (for transparency).
  public var notCounted: [CheckItem]
  /// Items whose answer points to another explanation.
  public var elsewhere: [CheckItem]
  /// Background items that apply.
  public var context: [CheckItem]
  /// Items skipped or not yet answered.
  public var skipped: [CheckItem]
  /// Items given one of their own extra answers (`also`, such as "not changed"), by answer, in
  /// the order the answers first appear.
  public var extra: [Extra] = []
  /// The PEG score (mean of the three items) when all three were answered.
  public var peg: Double?
  /// The PEG answers given, by item id.
  public var pegAnswers: [String: Int]

  /// Items that were given the same extra answer, such as "not changed".
  public struct Extra: Sendable, Equatable {
    /// The canonical answer, such as `not changed`.
    public var answer: String
    /// The items given it.
    public var items: [CheckItem]
  }

  /// Whether some answers point to causes that must be checked first: then the result leads with
  /// them instead of the OIH band.
  public var pointsElsewhereFirst: Bool { !elsewhere.isEmpty }

  /// Items whose answer made the finding apply and that have something to say at once, such as
  /// the crisis line after a yes to low mood.
  public var followUps: [CheckItem] { (elsewhere + context).filter { $0.followUp != nil } }

  /// Scores `answers` against `checklist`.
  ///
  /// - Parameters:
  ///   - checklist: The symptom check from the knowledge base.
  ///   - answers: Canonical answers by item id.
  /// - Returns: The result.
  public static func score(_ checklist: Checklist, answers: [String: String]) -> CheckResult {
    var result = CheckResult(
      score: 0, band: nil, counted: [], notCounted: [], elsewhere: [], context: [], skipped: [], peg: nil,
      pegAnswers: [:])
    for item in checklist.items {
      guard let answer = answers[item.id] else {
        result.skipped.append(item)
        continue
      }
      if item.also.contains(answer) {
        if let index = result.extra.firstIndex(where: { $0.answer == answer }) {
          result.extra[index].items.append(item)
        } else {
          result.extra.append(Extra(answer: answer, items: [item]))
        }
        continue
      }
      switch item.role {
      case .sign:
        let points = item.points[answer] ?? 0
        if points > 0 {
          result.score += points
          result.counted.append(Counted(item: item, answer: answer, points: points))
        } else {
          result.notCounted.append(item)
        }
      case .elsewhere:
        if item.when.contains(answer) { result.elsewhere.append(item) }
      case .context:
        if item.when.contains(answer) { result.context.append(item) }
      case .peg:
        if let value = Int(answer) { result.pegAnswers[item.id] = value }
      }
    }
    result.band = checklist.bands.first { result.score >= $0.min && result.score <= ($0.max ?? Int.max) }
    let pegValues = checklist.pegItems.compactMap { result.pegAnswers[$0] }
    if !checklist.pegItems.isEmpty && pegValues.count == checklist.pegItems.count {
      result.peg = Double(pegValues.reduce(0, +)) / Double(pegValues.count)
    }
    return result
  }

  /// The highest score `checklist` can give: the most points of each sign item, added up.
  ///
  /// - Parameter checklist: The symptom check.
  /// - Returns: The sum of each sign item's highest points.
  public static func maximumScore(_ checklist: Checklist) -> Int {
    checklist.items.filter { $0.role == .sign }.reduce(0) { $0 + ($1.points.values.max() ?? 0) }
  }

  /// The PEG score with one decimal, such as "6.3".
  public static func formatPEG(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
  }
}
