import FoundationEssentials

/// A calendar day as written in `reviewed:` fields (YYYY-MM-DD).
public struct ReviewDay: Sendable, Equatable, Comparable, CustomStringConvertible {
  /// The year, such as 2026.
  public var year: Int
  /// The month, 1 to 12.
  public var month: Int
  /// The day of the month, 1 to 31.
  public var day: Int

  /// Creates a day; the values are not checked.
  public init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// Reads `YYYY-MM-DD`; `nil` unless it is a real date written that way.
  public init?(_ text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
      (1...12).contains(month), (1...Self.days(inMonth: month, year: year)).contains(day)
    else { return nil }
    self.init(year: year, month: month, day: day)
  }

  /// Today in UTC.
  public static func today() -> ReviewDay {
    let seconds = Int(Date().timeIntervalSince1970)
    return ReviewDay(daysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
  }

  /// The day `days` after 1970-01-01 (Howard Hinnant's civil-from-days algorithm).
  init(daysSinceEpoch days: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shifted = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shifted + 2) / 5 + 1
    let month = shifted < 10 ? shifted + 3 : shifted - 9
    self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
  }

  /// The same day `months` later; the 31st becomes the last day of a shorter month.
  public func adding(months: Int) -> ReviewDay {
    let index = year * 12 + (month - 1) + months
    let (newYear, newMonth) = (index / 12, index % 12 + 1)
    return ReviewDay(year: newYear, month: newMonth, day: min(day, Self.days(inMonth: newMonth, year: newYear)))
  }

  static func days(inMonth month: Int, year: Int) -> Int {
    switch month {
    case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// `YYYY-MM-DD`.
  public var description: String {
    func pad(_ value: Int, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }

  public static func < (a: ReviewDay, b: ReviewDay) -> Bool {
    (a.year, a.month, a.day) < (b.year, b.month, b.day)
  }
}

/// Which entries of the knowledge base carry a review date, and which are due for review.
///
/// Topics, sources, red flags and regions must carry `reviewed: YYYY-MM-DD`; glossary terms,
/// doctor questions and check items are listed when they carry one.
public enum ReviewSchedule {
  /// How many months a review stays current unless told otherwise.
  public static let defaultMonths = 12

  /// One entry with its review date.
  public struct Entry: Sendable, Equatable, CustomStringConvertible {
    /// `topic`, `source`, `red-flag`, `region`, `glossary`, `doctor-question` or `check-item`.
    public var kind: String
    /// The entry's id.
    public var id: String
    /// The date as written, or `nil` when there is none.
    public var reviewed: String?
    /// Where the date is (or the entry, when it has none).
    public var location: SourceLocation

    /// Creates an entry.
    public init(kind: String, id: String, reviewed: String?, location: SourceLocation) {
      self.kind = kind
      self.id = id
      self.reviewed = reviewed
      self.location = location
    }

    /// The date read, or `nil` when missing or not a date.
    public var day: ReviewDay? { reviewed.flatMap(ReviewDay.init) }

    /// `path:line: kind id reviewed DATE` (`never` when there is no date).
    public var description: String {
      "\(location.file):\(location.line): \(kind) \(id) reviewed \(reviewed ?? "never")"
    }
  }

  /// Every entry that carries, or must carry, a review date, in file order.
  public static func entries(_ knowledge: Knowledge) -> [Entry] {
    func at(_ locations: [String: SourceLocation], _ fallback: SourceLocation? = nil) -> SourceLocation {
      locations["reviewed"] ?? locations["id"] ?? locations["file"] ?? fallback
        ?? SourceLocation(file: knowledge.directory, line: 1, column: 1)
    }
    var out: [Entry] = []
    out += knowledge.topics.map { Entry(kind: "topic", id: $0.id, reviewed: $0.reviewed, location: at($0.locations)) }
    out += knowledge.sources.map {
      Entry(kind: "source", id: $0.id, reviewed: $0.reviewed, location: at($0.locations, $0.location))
    }
    out += knowledge.redFlags.map {
      Entry(kind: "red-flag", id: $0.id, reviewed: $0.reviewed, location: at($0.locations))
    }
    out += knowledge.regions.map { Entry(kind: "region", id: $0.id, reviewed: $0.reviewed, location: $0.location) }
    out += knowledge.glossary.compactMap { term in
      term.reviewed.map { Entry(kind: "glossary", id: term.id, reviewed: $0, location: at(term.locations)) }
    }
    out += knowledge.doctorQuestions.flatMap(\.questions).compactMap { question in
      question.reviewed.map {
        Entry(kind: "doctor-question", id: question.id, reviewed: $0, location: at(question.locations))
      }
    }
    out += knowledge.checklists.flatMap(\.items).compactMap { item in
      item.reviewed.map { Entry(kind: "check-item", id: item.id, reviewed: $0, location: at(item.locations)) }
    }
    return out
  }

  /// Whether an entry reviewed on `day` is due on `today`: `months` or more have passed.
  public static func isDue(_ day: ReviewDay, today: ReviewDay, months: Int = defaultMonths) -> Bool {
    day.adding(months: months) <= today
  }

  /// The entries due for review on `today`, oldest first: those with no valid date, then by date,
  /// then by file and line.
  ///
  /// - Parameters:
  ///   - knowledge: The knowledge base.
  ///   - today: The day to measure from.
  ///   - months: How long a review stays current (12 unless told otherwise).
  /// - Returns: The entries to review, in the order to work through them.
  public static func due(_ knowledge: Knowledge, today: ReviewDay, months: Int = defaultMonths) -> [Entry] {
    let due = entries(knowledge).filter { entry in
      guard let day = entry.day else { return true }
      return isDue(day, today: today, months: months)
    }
    return due.sorted { a, b in
      switch (a.day, b.day) {
      case (nil, .some): return true
      case (.some, nil): return false
      case (.some(let x), .some(let y)) where x != y: return x < y
      case (.some, .some), (nil, nil):
        return (a.location.file, a.location.line, a.kind, a.id) < (b.location.file, b.location.line, b.kind, b.id)
      }
    }
  }
}
