import TextAnalysis

/// A red flag that matched a line, with the words that matched.
public struct RedFlagMatch: Sendable, Equatable {
  /// The flag.
  public var flag: RedFlag
  /// The normalized words that matched.
  public var matched: String
}

/// Matches lines against the knowledge base's red flags, tolerating typos and paraphrase.
///
/// Built once per knowledge base. Input is normalized (`Normalizer`), misspellings are corrected
/// against the vocabulary of the knowledge base and the flags' own words, ignore phrases are
/// masked, then each flag's trigger patterns are tried.
public struct RedFlagMatcher: Sendable {
  struct CompiledFlag: Sendable {
    let flag: RedFlag
    let triggers: [TriggerPattern]
    let ignore: [PhrasePattern]
    let unless: [TriggerPattern]
  }

  private let flags: [CompiledFlag]
  private let globalIgnore: [PhrasePattern]
  private let corrector: SpellCorrector
  /// Kinds in order of urgency; earlier kinds are reported first.
  static let kindOrder = ["overdose", "suicide", "emergency", "combination", "old-dose", "stopping"]

  /// Compiles the red flags of `knowledge`; patterns that do not parse are skipped (the
  /// validator reports them).
  ///
  /// - Parameter knowledge: The loaded knowledge base.
  public init(knowledge: Knowledge) {
    let order = Self.kindOrder
    let groups = knowledge.redFlagGroups
    flags = knowledge.redFlags.map { flag in
      CompiledFlag(
        flag: flag, triggers: flag.triggers.compactMap { TriggerPattern($0, groups: groups) },
        ignore: flag.ignore.compactMap { PhrasePattern($0, groups: groups) },
        unless: flag.unless.compactMap { TriggerPattern($0, groups: groups) })
    }.sorted { (order.firstIndex(of: $0.flag.kind) ?? order.count) < (order.firstIndex(of: $1.flag.kind) ?? order.count) }
    globalIgnore = knowledge.redFlagIgnore.compactMap { PhrasePattern($0, groups: groups) }
    var vocabulary = Set<String>()
    for compiled in flags {
      for pattern in compiled.triggers + compiled.unless { vocabulary.formUnion(pattern.words) }
      for pattern in compiled.ignore { vocabulary.formUnion(pattern.words) }
    }
    for pattern in globalIgnore { vocabulary.formUnion(pattern.words) }
    vocabulary.formUnion(KnowledgeVocabulary.words(of: knowledge))
    corrector = SpellCorrector(vocabulary: vocabulary)
  }

  /// The normalized, spelling-corrected tokens of `text`.
  public func tokens(_ text: String) -> [String] {
    Normalizer.tokens(text).map(corrector.correct)
  }

  /// All red flags matched by `line`, most urgent kind first, at most one per kind.
  ///
  /// - Parameters:
  ///   - line: What the person typed.
  ///   - previous: The line before, so a phrase split across two lines still matches; a match
  ///     must use at least one word of `line`.
  /// - Returns: The matches.
  public func matches(_ line: String, previous: String? = nil) -> [RedFlagMatch] {
    let current = tokens(line)
    guard !current.isEmpty else { return [] }
    var out: [RedFlagMatch] = []
    var kinds = Set<String>()
    let earlier = previous.map(tokens) ?? []
    for compiled in flags where !kinds.contains(compiled.flag.kind) {
      if let words = match(compiled, current, mustReach: 0)
        ?? (earlier.isEmpty ? nil : match(compiled, earlier + current, mustReach: earlier.count))
      {
        out.append(RedFlagMatch(flag: compiled.flag, matched: words))
        kinds.insert(compiled.flag.kind)
      }
    }
    return out
  }

  private func match(_ compiled: CompiledFlag, _ tokens: [String], mustReach: Int) -> String? {
    var masked: [String?] = tokens
    for pattern in globalIgnore + compiled.ignore {
      while let range = pattern.firstMatch(in: masked) {
        for i in range { masked[i] = nil }
      }
    }
    for pattern in compiled.unless where pattern.match(in: masked) != nil { return nil }
    for pattern in compiled.triggers {
      if let ranges = pattern.match(in: masked, mustReach: mustReach) {
        return ranges.map { range in range.compactMap { masked[$0] }.joined(separator: " ") }.joined(separator: " & ")
      }
    }
    return nil
  }
}

/// The words of a knowledge base, used as a spelling vocabulary.
public enum KnowledgeVocabulary {
  /// Every normalized word in titles, answers, details, glossary, synonyms, doctor questions and
  /// messages (not the example questions, which may be misspelled on purpose).
  public static func words(of knowledge: Knowledge) -> Set<String> {
    var words = Set<String>()
    func add(_ text: String) { words.formUnion(Normalizer.tokens(text)) }
    for topic in knowledge.topics {
      add(topic.title)
      add(topic.answer)
      add(topic.detail ?? "")
    }
    for term in knowledge.glossary {
      add(term.term)
      add(term.definition)
      term.aliases.forEach(add)
    }
    for synonym in knowledge.synonyms {
      add(synonym.means)
      synonym.phrases.forEach(add)
    }
    for theme in knowledge.doctorQuestions { theme.questions.forEach { add($0.text) } }
    for message in knowledge.messages.values { add(message) }
    return words
  }
}
