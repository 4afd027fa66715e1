import Dispatch
import TextAnalysis

/// A red flag that matched a line, with the words that matched.
public struct RedFlagMatch: Sendable, Equatable {
  /// The flag.
  public var flag: RedFlag
  /// The normalized words that matched, or `RedFlagMatch.secondNet` when the second net raised it.
  public var matched: String

  /// What `matched` says when no pattern matched and the second net (`RedFlagNet`) raised the flag.
  public static let secondNet = "(second net)"

  /// Whether the second net, not a pattern, raised the flag.
  public var isFromSecondNet: Bool { matched == Self.secondNet }
}

/// Matches lines against the knowledge base's red flags, tolerating typos and paraphrase.
///
/// Built once per knowledge base. Input is normalized (`Normalizer`), misspellings are corrected
/// against the vocabulary of the knowledge base and the flags' own words (every group's words are
/// left alone, so a group of everyday words keeps "morning" from becoming "moving"), ignore
/// phrases are masked, then each flag's trigger patterns are tried; a flag whose `unless` patterns
/// match anywhere in the line does not fire. The words of the group named `negation` (if any)
/// cancel an `unless` phrase when they stand just before it or inside it, so "not doing well" does
/// not count as `doing well`. Patterns are compiled into a `PatternIndex` so that a line costs a
/// small fraction of a millisecond.
public struct RedFlagMatcher: Sendable {
  /// A pattern of the knowledge base that does not parse (the validator reports these).
  public typealias InvalidPattern = CompiledRedFlags.InvalidPattern
  private let compiled: Deferred<CompiledRedFlags>

  /// Compiles the red flags of `knowledge` now; patterns that do not parse are skipped (the
  /// validator reports them).
  ///
  /// - Parameter knowledge: The loaded knowledge base.
  public init(knowledge: Knowledge) {
    compiled = Deferred(ready: CompiledRedFlags(knowledge: knowledge))
  }

  /// Starts compiling the red flags of `knowledge` on another thread and returns at once; the
  /// first use waits until the matcher is complete.
  ///
  /// - Parameters:
  ///   - knowledge: The loaded knowledge base.
  ///   - queue: Where to build it (by default a thread of its own).
  /// - Returns: The matcher.
  public static func inBackground(knowledge: Knowledge, queue: DispatchQueue? = nil) -> RedFlagMatcher {
    RedFlagMatcher(compiled: Deferred(on: queue) { CompiledRedFlags(knowledge: knowledge) })
  }

  /// Like `inBackground(knowledge:queue:)`, but the caller gathers the spelling vocabulary of
  /// the knowledge base (`KnowledgeVocabulary.words(of:)`) into `vocabulary` while the patterns
  /// compile: the validator does, as the matcher is the longest part of checking.
  static func inBackground(knowledge: Knowledge, vocabulary: Deferred<Set<String>>) -> RedFlagMatcher {
    RedFlagMatcher(compiled: Deferred { CompiledRedFlags(knowledge: knowledge, vocabulary: vocabulary) })
  }

  private init(compiled: Deferred<CompiledRedFlags>) { self.compiled = compiled }

  /// Patterns that did not parse, in file order; they are left out of matching.
  public var invalidPatterns: [InvalidPattern] { compiled.value.invalidPatterns }

  /// The normalized, spelling-corrected tokens of `text`.
  public func tokens(_ text: String) -> [String] { compiled.value.tokens(text) }

  /// The tokens the second net reads (`RedFlagNet`): normalized, slang spelled out, not
  /// spell-corrected. `oih-bench safety-tokens` prints them for the training script.
  public func netTokens(_ text: String) -> [String] { compiled.value.netTokens(text) }

  /// What is wrong with redflag-net.tsv, if anything.
  public var netProblem: RedFlagNet.Problem? { compiled.value.netProblem }

  /// The second net, when the knowledge base has one that parses.
  public var net: RedFlagNet? { compiled.value.net }

  /// All red flags matched by `line`, most urgent kind first, at most one per kind (see
  /// `RedFlagKind.priority` and `RedFlagKind.replaces`).
  ///
  /// - Parameters:
  ///   - line: What the person typed.
  ///   - previous: The line before, so a phrase split across two lines still matches; a match
  ///     must use at least one word of `line`.
  /// - Returns: The matches.
  public func matches(_ line: String, previous: String? = nil) -> [RedFlagMatch] {
    compiled.value.matches(line, previous: previous)
  }

  /// Whether some flag of `kind` fires on `line` alone: the same answer as looking for `kind`
  /// in `matches(line)`, trying only the flags of that kind (the validator checks every example
  /// this way).
  func fires(_ kind: String, on line: String) -> Bool {
    compiled.value.matches(line, previous: nil, onlyKind: kind).contains { $0.flag.kind == kind }
  }
}

/// The compiled red flags behind a `RedFlagMatcher`.
public struct CompiledRedFlags: Sendable {
  struct CompiledFlag: Sendable {
    let flag: RedFlag
    let triggers: [IndexedTrigger]
    let ignore: [IndexedPhrase]
    let unless: [IndexedTrigger]
  }

  /// A pattern of the knowledge base that does not parse (the validator reports these).
  public struct InvalidPattern: Sendable, Equatable {
    /// Index of the flag in `Knowledge.redFlags`, or `nil` for the file-wide `ignore` list.
    public var flag: Int?
    /// The field: `triggers`, `ignore` or `unless`.
    public var field: String
    /// Index of the pattern in that field.
    public var index: Int
    /// The pattern text.
    public var pattern: String
  }

  /// Patterns that did not parse, in file order; they are left out of matching.
  public let invalidPatterns: [InvalidPattern]
  private let flags: [CompiledFlag]
  /// Which triggers a line may fire and which flags a line before it can change.
  private let candidates: FlagCandidates
  private let globalIgnore: [IndexedPhrase]
  private let negations: IndexedSlot
  private let index: PatternIndex
  private let corrector: SpellCorrector
  /// Crisis slang from slang.yaml, spelled out before anything else.
  private let slang: Slang
  /// For each kind, the kinds its alerts replace (from redflags.yaml).
  private let replaced: [String: [String]]
  /// The second net (redflag-net.tsv), when the knowledge base has one that parses.
  let net: RedFlagNet?
  /// For each class of `net`, the flag it raises.
  private let netFlags: [RedFlag?]
  /// What is wrong with redflag-net.tsv, if anything (the validator reports it).
  public let netProblem: RedFlagNet.Problem?
  /// Kinds whose alerts are urgent: the net only reads lines that raised none.
  private let urgentKinds: Set<String>
  /// Kind priorities, to put the net's alert in its place.
  private let priority: [String: Int]

  /// Compiles the red flags of `knowledge`; patterns that do not parse are skipped.
  ///
  /// - Parameters:
  ///   - knowledge: The loaded knowledge base.
  ///   - vocabulary: `KnowledgeVocabulary.words(of: knowledge)` if it is being gathered already.
  init(knowledge: Knowledge, vocabulary knowledgeWords: Deferred<Set<String>>? = nil) {
    // Kinds in order of urgency (their `priority` in redflags.yaml); earlier kinds come first.
    let order = knowledge.redFlagKinds.sorted { $0.priority < $1.priority }.map(\.id)
    replaced = Dictionary(knowledge.redFlagKinds.map { ($0.id, $0.replaces) }, uniquingKeysWith: { first, _ in first })
    urgentKinds = Set(knowledge.redFlagKinds.filter(\.urgent).map(\.id))
    priority = Dictionary(knowledge.redFlagKinds.map { ($0.id, $0.priority) }, uniquingKeysWith: { first, _ in first })
    var parsedNet: RedFlagNet?
    var netProblem: RedFlagNet.Problem?
    if let file = knowledge.redFlagNetFile {
      do throws(RedFlagNet.Problem) {
        parsedNet = try RedFlagNet(parsing: file)
      } catch {
        netProblem = error
      }
    }
    net = parsedNet
    self.netProblem = netProblem
    netFlags = (parsedNet?.flagIDs ?? []).map { id in id.flatMap { id in knowledge.redFlags.first { $0.id == id } } }
    let groups = knowledge.redFlagGroups
    let sources = knowledge.redFlagIgnore + knowledge.redFlags.flatMap { $0.triggers + $0.ignore + $0.unless }
    let parsedGroups = PatternGroups(groups, only: PatternGroups.names(in: sources))
    var index = PatternIndex()
    var invalid: [InvalidPattern] = []
    func phrases(_ sources: [String], flag: Int?, field: String) -> [IndexedPhrase] {
      sources.enumerated().compactMap { number, source in
        guard let pattern = PhrasePattern(source, groups: parsedGroups) else {
          invalid.append(InvalidPattern(flag: flag, field: field, index: number, pattern: source))
          return nil
        }
        return index.add(pattern)
      }
    }
    func triggers(_ sources: [String], flag: Int, field: String) -> [IndexedTrigger] {
      sources.enumerated().compactMap { number, source in
        guard let pattern = TriggerPattern(source, groups: parsedGroups) else {
          invalid.append(InvalidPattern(flag: flag, field: field, index: number, pattern: source))
          return nil
        }
        return index.add(pattern)
      }
    }
    globalIgnore = phrases(knowledge.redFlagIgnore, flag: nil, field: "ignore")
    let compiled = knowledge.redFlags.enumerated().map { number, flag in
      CompiledFlag(
        flag: flag, triggers: triggers(flag.triggers, flag: number, field: "triggers"),
        ignore: phrases(flag.ignore, flag: number, field: "ignore"),
        unless: triggers(flag.unless, flag: number, field: "unless"))
    }.enumerated().sorted { a, b in
      // By kind priority, then file order (stated, as sorting is not promised to be stable).
      let left = order.firstIndex(of: a.element.flag.kind) ?? order.count
      let right = order.firstIndex(of: b.element.flag.kind) ?? order.count
      return left != right ? left < right : a.offset < b.offset
    }.map(\.element)
    flags = compiled
    candidates = FlagCandidates(
      flags: compiled.map { flag in
        (flag.triggers.map(\.phraseIDs), flag.ignore.map(\.phraseID) + flag.unless.flatMap(\.phraseIDs))
      })
    invalidPatterns = invalid
    // Every word the patterns name (the negation words below are not correction targets).
    var vocabulary = index.words
    negations = index.wordSet(
      (groups["negation"] ?? []).compactMap { word in
        let parts = Normalizer.tokens(word)
        return parts.count == 1 ? parts[0] : nil
      })
    self.index = index
    slang = knowledge.slang
    vocabulary.formUnion(knowledgeWords?.value ?? KnowledgeVocabulary.words(of: knowledge))
    // Every group word is known, used in a pattern or not, so a group of everyday words keeps
    // them from being "corrected" into trigger words ("morning" is not "moving"). Words only in
    // groups are never offered as corrections.
    // A word a `word*` pattern already covers is left as it is ("blistering" is not "listening").
    corrector = SpellCorrector(
      vocabulary: vocabulary, alsoKnown: groups.values.joined().flatMap { Normalizer.tokens($0) },
      keepingPrefixes: index.prefixWords)
  }

  /// The normalized, spelling-corrected tokens of `text`.
  func tokens(_ text: String) -> [String] {
    indexedLine(text).tokens
  }

  /// The normalized, spelling-corrected tokens of `text`, prepared for matching.
  private func indexedLine(_ text: String) -> IndexedLine {
    let raw = slang.tokens(text)
    return indexedLine(raw: raw, numbered: numbered(raw))
  }

  /// The tokens of the net: normalized, slang spelled out, not spell-corrected.
  func netTokens(_ text: String) -> [String] { slang.tokens(text) }

  /// The tokens of a long text (more than 64) numbered, so that each distinct token is worked on
  /// once; `nil` for a short line.
  private func numbered(_ raw: [String]) -> (distinct: [String], ids: [Int32])? {
    guard raw.count > 64 else { return nil }
    var numbering = TokenNumbering(expected: min(raw.count, 4096))
    let ids = raw.map { numbering.number($0) }
    return (numbering.distinct, ids)
  }

  private func indexedLine(raw: [String], numbered: (distinct: [String], ids: [Int32])?) -> IndexedLine {
    // A long text repeats its words: each distinct word is corrected and looked up once
    // (correcting an unknown word compares it with the vocabulary, the costly part of checking
    // a pasted page).
    guard let numbered else { return index.line(raw.map(corrector.correct)) }
    return index.line(distinct: numbered.distinct.map(corrector.correct), ids: numbered.ids)
  }

  /// All red flags matched by `line`, most urgent kind first, at most one per kind; a kind that
  /// `replaces` another drops that kind's match.
  ///
  /// - Parameters:
  ///   - line: What the person typed.
  ///   - previous: The line before, so a phrase split across two lines still matches; a match
  ///     must use at least one word of `line`.
  /// - Returns: The matches.
  func matches(_ line: String, previous: String? = nil, onlyKind: String? = nil) -> [RedFlagMatch] {
    let raw = slang.tokens(line)
    let numbering = numbered(raw)
    let currentTokens = indexedLine(raw: raw, numbered: numbering)
    guard currentTokens.count > 0 else { return [] }
    let current = masked(currentTokens, globalIgnore)
    let possible = candidates.possibleTriggers(on: currentTokens)
    var out: [RedFlagMatch] = []
    var kinds = Set<String>()
    let earlier = previous.map { indexedLine($0) }.flatMap { $0.count > 0 ? $0 : nil }
    // The line before is joined to this one so that a phrase split across the two still matches.
    // Only what the line before can change is tried again on the joined lines: the triggers one
    // of whose parts it may start, and every trigger of a flag one of whose `ignore` or `unless`
    // phrases it may start (or all of them, if it may start a file-wide ignore phrase or ends
    // with a negation before an `unless` phrase). Any other trigger matches the joined lines
    // exactly where it matches this line alone, where it was tried already.
    var reachedTriggers: [UInt64] = []
    var reachedFlags: [UInt64] = []
    var everyFlag = false
    var endsWithNegation = false
    if let earlier {
      (reachedTriggers, reachedFlags) = candidates.reached(by: earlier)
      everyFlag = globalIgnore.contains { earlier.mayMatch(phrase: $0.phraseID) }
      endsWithNegation = earlier.endsWith(oneOf: negations)
    }
    // Built once, and only when needed (copying a line per flag costs more than matching it).
    let needsJoined =
      earlier != nil
      && (everyFlag || endsWithNegation || reachedFlags.contains { $0 != 0 } || reachedTriggers.contains { $0 != 0 })
    let joined = needsJoined ? masked(earlier! + currentTokens, globalIgnore) : current
    let joinedPossible = needsJoined ? candidates.possibleTriggers(on: joined) : []
    let newlyPossible = needsJoined ? FlagCandidates.both(joinedPossible, reachedTriggers) : []
    let earlierCount = earlier?.count ?? 0
    for number in flags.indices
    where !kinds.contains(flags[number].flag.kind) && (onlyKind.map { $0 == flags[number].flag.kind } ?? true) {
      var words = match(number, current, possible: possible, mustReach: 0)
      if words == nil, needsJoined {
        // Ignore phrases may cross the line break, so the joined lines are masked on their own.
        if everyFlag || FlagCandidates.isSet(reachedFlags, number)
          || (endsWithNegation && !flags[number].unless.isEmpty)
        {
          words = match(number, joined, possible: joinedPossible, mustReach: earlierCount)
        } else if candidates.anyTrigger(of: number, in: newlyPossible) {
          words = match(number, joined, possible: newlyPossible, mustReach: earlierCount)
        }
      }
      if let words {
        out.append(RedFlagMatch(flag: flags[number].flag, matched: words))
        kinds.insert(flags[number].flag.kind)
      }
    }
    // The second net reads a line no pattern found urgent; its alert takes its kind's place.
    if onlyKind == nil, let net, kinds.isDisjoint(with: urgentKinds),
      let found = net.urgentClass(raw, numbered: numbering), let flag = netFlags[found]
    {
      out.append(RedFlagMatch(flag: flag, matched: RedFlagMatch.secondNet))
      kinds.insert(flag.kind)
      out.sort { (priority[$0.flag.kind] ?? Int.max) < (priority[$1.flag.kind] ?? Int.max) }
    }
    let dropped = Set(kinds.flatMap { replaced[$0] ?? [] })
    return dropped.isEmpty ? out : out.filter { !dropped.contains($0.flag.kind) }
  }

  /// `line` with every match of `patterns` masked.
  private func masked(_ line: IndexedLine, _ patterns: [IndexedPhrase]) -> IndexedLine {
    var masked = line
    for pattern in patterns {
      while let range = pattern.firstMatch(in: masked) { masked.mask(range) }
    }
    return masked
  }

  /// The words that fire flag `number` in `line` (already masked by the global ignore list);
  /// only the triggers in `possible` (`FlagCandidates.possibleTriggers(on:)` of `line`) can.
  private func match(_ number: Int, _ line: IndexedLine, possible: [UInt64], mustReach: Int) -> String? {
    let triggers = flags[number].triggers
    let first = candidates.flagStarts[number]
    // Masking only removes matches, so a flag no trigger matches before masking is done.
    var fires = false
    for index in triggers.indices
    where FlagCandidates.isSet(possible, first + index) && triggers[index].matches(in: line, mustReach: mustReach) {
      fires = true
      break
    }
    guard fires else { return nil }
    let masked = masked(line, flags[number].ignore)
    for index in triggers.indices where FlagCandidates.isSet(possible, first + index) {
      if let ranges = triggers[index].match(in: masked, mustReach: mustReach) {
        for unless in flags[number].unless where unless.match(in: masked, barriers: negations) != nil { return nil }
        return ranges.map { masked.text($0) }.joined(separator: " & ")
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
    for theme in knowledge.doctorQuestions {
      for question in theme.questions { add(question.text) }
    }
    for message in knowledge.messages.values { add(message) }
    return words
  }
}
