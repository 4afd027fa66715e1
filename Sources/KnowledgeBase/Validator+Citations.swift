/// Checks of citations, review dates and the extra answers of check items.
extension Validator {
  /// Words in `authors` that mean nobody checked who wrote it.
  static let unknownAuthors = ["not confirmed", "unknown", "unverified", "tbd", "anonymous"]

  /// A source must name its authors or organization, its real title, a plausible year and a URL
  /// to the document itself: not a site's home page, not a search page.
  func citationDetails(_ source: Source) {
    let at = { (field: String) in source.locations[field] ?? source.location }
    let authors = source.authors.lowercased()
    if authors.allSatisfy(\.isWhitespace) || Self.unknownAuthors.contains(where: { authors.contains($0) }) {
      sink.error(
        "source '\(source.id)' does not name its authors: give the authors or the organization that wrote it",
        at: at("authors"))
    }
    if source.title.allSatisfy(\.isWhitespace) {
      sink.error("source '\(source.id)' has an empty title: give the document's real title", at: at("title"))
    }
    if !(1800...2100).contains(source.year) {
      sink.error("source '\(source.id)' year \(source.year) is not a year of publication", at: at("year"))
    }
    switch SourceURL.problem(source.url) {
    case .homePage:
      sink.error(
        "source '\(source.id)' url is a home page (\(source.url)): link the document itself, or its DOI or PubMed record",
        at: at("url"))
    case .searchPage:
      sink.error(
        "source '\(source.id)' url is a search page (\(source.url)): link the document itself, or its DOI or PubMed record",
        at: at("url"))
    case nil:
      break
    }
  }

  /// Warns about sources that no text cites: they do not belong in the patient-facing list.
  func uncitedSources() {
    let cited = Self.citedSourceIDs(knowledge)
    for source in knowledge.sources where !cited.contains(source.id) {
      sink.warning(
        "source '\(source.id)' is not cited by any text: remove it from sources.yaml (design references go to docs/references.md)",
        at: source.location)
    }
  }

  /// Every source id cited by topics, glossary terms, doctor questions, check items, red flags
  /// and regions.
  static func citedSourceIDs(_ knowledge: Knowledge) -> Set<String> {
    var ids = Set<String>()
    for topic in knowledge.topics { ids.formUnion(topic.sources) }
    for term in knowledge.glossary { ids.formUnion(term.sources) }
    for question in knowledge.doctorQuestions.flatMap(\.questions) { ids.formUnion(question.sources) }
    for item in knowledge.checklists.flatMap(\.items) { ids.formUnion(item.sources) }
    for flag in knowledge.redFlags { ids.formUnion(flag.sources) }
    for region in knowledge.regions { ids.formUnion(region.sources) }
    return ids
  }

  /// Topics, sources, red flags and regions must carry `reviewed: YYYY-MM-DD`; a review older
  /// than twelve months gets a warning (`oih knowledge review --due` lists them all).
  func reviewDates() {
    let today = ReviewDay.today()
    let required: Set<String> = ["topic", "source", "red-flag", "region"]
    for entry in ReviewSchedule.entries(knowledge) {
      guard let reviewed = entry.reviewed else {
        if required.contains(entry.kind) {
          sink.error(
            "\(entry.kind) '\(entry.id)' has no 'reviewed' date: check it and add reviewed: YYYY-MM-DD",
            at: entry.location)
        }
        continue
      }
      guard let day = ReviewDay(reviewed) else {
        // Topics and regions report a bad date where they are read.
        if entry.kind != "topic" && entry.kind != "region" {
          sink.error("field 'reviewed' must be a date like 2026-11-27", at: entry.location)
        }
        continue
      }
      if ReviewSchedule.isDue(day, today: today) {
        sink.warning(
          "\(entry.kind) '\(entry.id)' was last reviewed on \(reviewed), \(ReviewSchedule.defaultMonths) or more months ago: review it and update 'reviewed'",
          at: entry.location)
      }
    }
  }

  /// An item's extra answers (`also`) must be answers people can type (answers.yaml) and need
  /// their three texts in messages.yaml.
  func extraAnswers(_ item: CheckItem, at location: SourceLocation) {
    for answer in item.also {
      if CheckAnswers.choices(for: item.answer).contains(answer) {
        sink.error("'also' repeats '\(answer)', already an answer of kind \(item.answer.rawValue)", at: location)
        continue
      }
      if knowledge.answerWords[answer] == nil {
        sink.error(
          "'also' uses '\(answer)', which answers.yaml does not define: add the words people type for it", at: location)
      }
      for part in CheckAnswers.ExtraText.allCases where knowledge.messages[CheckAnswers.messageID(answer, part)] == nil
      {
        sink.error(
          "'also' uses '\(answer)': messages.yaml needs '\(CheckAnswers.messageID(answer, part))'", at: location)
      }
      let id = CheckAnswers.messageID(answer, .summary)
      if let word = knowledge.messages[id], word.count > CheckAnswers.summaryLimit {
        sink.error(
          "message '\(id)' has \(word.count) characters: use at most \(CheckAnswers.summaryLimit), so the summary's table of answers fits",
          at: knowledge.messageLocations[id] ?? location)
      }
    }
  }
}

extension CheckAnswers {
  /// The texts an extra answer (`also`) needs in messages.yaml.
  public enum ExtraText: String, Sendable, CaseIterable {
    /// Added to the "please answer" hint of an item that accepts it.
    case hint
    /// Heads the list of items given this answer, in the result.
    case result
    /// How the summary's table of answers shows it, in at most `summaryLimit` characters.
    case summary
  }

  /// The longest answer the summary's table of answers shows ("not changed").
  public static let summaryLimit = 11

  /// The message id of an extra answer's text, such as `answer.not-changed.summary`.
  public static func messageID(_ answer: String, _ part: ExtraText) -> String {
    "answer.\(answer.split(separator: " ").joined(separator: "-")).\(part.rawValue)"
  }
}

/// What is wrong with a source URL for a citation, if anything.
public enum SourceURL: Sendable, Equatable {
  /// The site's front page: the path is empty or "/" (and there is no query naming a document).
  case homePage
  /// A search: a query such as `q=`, `term=` or `query=`, or a path with `/search`.
  case searchPage

  /// Why `url` does not point to one document, or `nil` when it seems to.
  public static func problem(_ url: String) -> SourceURL? {
    var rest = Substring(url)
    if let colon = rest.firstIndex(of: ":"), rest[colon...].hasPrefix("://") {
      rest = rest[rest.index(colon, offsetBy: 3)...]
    }
    if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
    var query: Substring = ""
    if let mark = rest.firstIndex(of: "?") {
      query = rest[rest.index(after: mark)...]
      rest = rest[..<mark]
    }
    let path = rest.firstIndex(of: "/").map { rest[$0...] } ?? ""
    let keys = query.split(separator: "&").map {
      $0.split(separator: "=", maxSplits: 1).first.map { $0.lowercased() } ?? ""
    }
    let searchKeys: Set<String> = ["q", "query", "term", "search", "searchterm", "s"]
    if keys.contains(where: searchKeys.contains) || path.lowercased().contains("/search") { return .searchPage }
    if (path.isEmpty || path == "/") && query.isEmpty { return .homePage }
    return nil
  }
}

extension Validator {
  /// The names written in braces in `text`, such as `crisis` for `{crisis}`.
  static func placeholderNames(in text: String) -> [String] {
    var names: [String] = []
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "{") {
      let start = rest.index(after: open)
      guard let close = rest[start...].firstIndex(of: "}") else { break }
      names.append(String(rest[start..<close]))
      rest = rest[rest.index(after: close)...]
    }
    return names
  }
}
