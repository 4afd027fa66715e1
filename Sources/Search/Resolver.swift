import KnowledgeBase
import TextAnalysis

/// What a free line means, once small talk, follow-ups and the other kinds of knowledge are
/// taken into account. The conversation engine turns it into text.
public enum Resolution: Sendable, Equatable {
  /// One topic answers it; `definition` is the glossary term id a definition question asked
  /// about ("what is tolerance"), shown first unless the topic is the term's own.
  case topic(SearchHit, definition: String?)
  /// A follow-up about the topic just shown ("where do i get it" after Naloxone): its longer
  /// explanation.
  case more(String)
  /// Two or three topics are close: the best one's first line, then the others to choose from.
  case choices([SearchHit])
  /// Nothing in the knowledge base answers it.
  case unknown
  /// Small talk ("thanks", "is it my fault"): the intent's id in Knowledge/smalltalk.yaml.
  case smallTalk(String)
  /// A definition question answered from the glossary: the term's id.
  case glossary(String)
  /// "What are the warning signs": the kinds of red flag and what to do.
  case warningSigns
  /// "What should I ask my doctor": the doctor questions.
  case doctorQuestions
}

/// Which parts of the resolver are switched on (all of them when shipped; the benchmark's
/// ablation turns them off one by one).
public struct ResolverFeatures: Sendable, Equatable {
  /// Follow-ups resolve against the topic just shown ("it", "that", "why?").
  public var context = true
  /// Small talk, glossary definitions, warning signs and doctor questions; a line with no word
  /// of the program's subject is not ranked.
  public var intents = true

  /// Everything on.
  public init() {}

  /// Only the topic ranking (the program before these features).
  public static let rankingOnly: ResolverFeatures = {
    var features = ResolverFeatures()
    features.context = false
    features.intents = false
    return features
  }()
}

/// Tables for the non-topic kinds of line, built with the index.
struct IntentTables: Sendable {
  /// Small-talk lines (normalized, filler words kept) to intent id.
  var smallTalk: [String: String] = [:]
  /// Openings that carry a feeling ("i am scared that"), longest first, with their intent id.
  var openers: [([String], String)] = []
  /// Each intent's `patterns`, compiled, in file order.
  var patterned: [(PhraseList, String)] = []
  var fillers: Set<String> = []
  /// Glossary terms, aliases and their short forms (normalized) to term id.
  var glossary: [String: String] = [:]
  /// Glossary term id to its topic id.
  var glossaryTopic: [String: String] = [:]
  /// The first word of a glossary name of several words ("neuropathic" of "neuropathic pain")
  /// to its term id, when no other name starts with it and it is not a name itself.
  var glossaryFirstWords: [String: String] = [:]
  /// Topic id to the words a pronoun stands for after it ("Naloxone (Narcan)" -> naloxone, narcan).
  var subjects: [String: [String]] = [:]
  /// Knowledge/phrasings.yaml, normalized (see `Phrasings` for what each list means).
  var referring: Set<String> = []
  var continuing: [[String]] = []
  var more: Set<String> = []
  var courtesy: Set<String> = []
  /// Stemmed, as `terms(of:)` gives them.
  var askingOnly: Set<String> = []
  var generalSubject: Set<String> = []
  /// What "it" means before any topic (the first general-subject word).
  var defaultSubject: [String] = []
  /// Longest first.
  var definitionOpenings: [[String]] = []
  var definitionEndings: [[String]] = []
  var definitionFillers: Set<String> = []
  var warningSigns: [Set<String>] = []
  var clinicians: Set<String> = []
  var asking: Set<String> = []
  var askingFrames: [[String]] = []
  var generic: Set<String> = []

  init(knowledge: Knowledge) {
    let p = knowledge.phrasings
    func phrases(_ list: [String]) -> [[String]] { list.map(Normalizer.tokens).filter { !$0.isEmpty } }
    func words(_ list: [String]) -> Set<String> { Set(list.flatMap(Normalizer.tokens)) }
    referring = words(p.referring)
    continuing = phrases(p.continuing)
    more = Set(phrases(p.more).map { $0.joined(separator: " ") })
    courtesy = words(p.courtesy)
    askingOnly = Set(p.askingOnly.flatMap(Normalizer.tokens).map(PorterStemmer.stem))
    generalSubject = words(p.generalSubject)
    defaultSubject = p.generalSubject.first.map(Normalizer.tokens) ?? []
    definitionOpenings = phrases(p.definitionOpenings).sorted { $0.count > $1.count }
    definitionEndings = phrases(p.definitionEndings).sorted { $0.count > $1.count }
    definitionFillers = words(p.definitionFillers)
    warningSigns = phrases(p.warningSigns).map(Set.init)
    clinicians = words(p.clinicians)
    asking = words(p.asking)
    askingFrames = phrases(p.askingFrames)
    generic = words(p.generic)
    for intent in knowledge.smallTalk {
      for line in intent.says {
        let key = Normalizer.tokens(line).joined(separator: " ")
        if !key.isEmpty && smallTalk[key] == nil { smallTalk[key] = intent.id }
      }
    }
    fillers = Set(knowledge.smallTalkFillers.flatMap { Normalizer.tokens($0) })
    for intent in knowledge.smallTalk where !intent.patterns.isEmpty {
      patterned.append((PhraseList(intent.patterns.compactMap { PhrasePattern($0) }), intent.id))
    }
    for intent in knowledge.smallTalk where intent.acknowledge != nil {
      for opening in intent.opens {
        let words = Normalizer.tokens(opening)
        if !words.isEmpty { openers.append((words, intent.id)) }
      }
    }
    openers.sort { $0.0.count > $1.0.count }
    for term in knowledge.glossary {
      for name in [term.term] + term.aliases {
        for key in Self.names(name) where glossary[key] == nil { glossary[key] = term.id }
      }
      if let topic = term.topic { glossaryTopic[term.id] = topic }
    }
    var firstWords: [String: Set<String>] = [:]
    for term in knowledge.glossary {
      for name in [term.term] + term.aliases {
        for key in Self.names(name) {
          let words = key.split(separator: " ")
          if words.count > 1, let first = words.first { firstWords[String(first), default: []].insert(term.id) }
        }
      }
    }
    for (word, terms) in firstWords where terms.count == 1 && glossary[word] == nil && !StopWords.all.contains(word) {
      glossaryFirstWords[word] = terms.first
    }
    // What "it" stands for after a topic: the title's words that name a thing (glossary names
    // and the words synonyms stand for), else OIH. Titles are filled in by the index.
    for term in knowledge.glossary {
      for name in [term.term] + term.aliases { things.formUnion(Normalizer.tokens(name)) }
    }
    for synonym in knowledge.synonyms { things.formUnion(Normalizer.tokens(synonym.means)) }
    things.subtract(StopWords.all)
    things.subtract(words(p.notSubjects))
    // The subject's words, stemmed as `terms(of:)` gives them: glossary names, what synonyms
    // mean (a phrase is replaced by it before the check), medicine names, and the file's own
    // list. Not topic titles: their everyday words ("fast", "find", "drops", "new") made "how do
    // i lose weight fast" a question about the subject.
    var subject: [String] = p.subjectWords
    for term in knowledge.glossary { subject += [term.term] + term.aliases }
    for synonym in knowledge.synonyms { subject.append(synonym.means) }
    for medicine in knowledge.medicines { subject += [medicine.name] + medicine.names + medicine.brands }
    // Place names in a title ("Getting naloxone outside the US (Canada, UK, ...)") do not make
    // "whats the capital of canada" a question about the subject.
    let places = Set(
      knowledge.regions.flatMap { Normalizer.tokens($0.name) } + knowledge.regions.map { $0.id.lowercased() }
    )
    .subtracting(p.subjectWords.flatMap(Normalizer.tokens))
    let subjectWords = Set(
      subject.flatMap(Normalizer.tokens).filter { !StopWords.all.contains($0) && !places.contains($0) })
    subjectTerms = Set(subjectWords.map(PorterStemmer.stem))
    // A misspelt subject word the search vocabulary happens to hold ("alodynia", from a topic's
    // example question) is not corrected by search; this corrector knows only the subject.
    subjectCorrector = SpellCorrector(
      vocabulary: subjectWords, minimumLength: RankingSettings.minimumCorrectionLength, alsoKnown: EnglishWords.all)
  }

  /// Stemmed words that make a line about the program's subject (see `Phrasings.subjectWords`).
  var subjectTerms = Set<String>()
  /// Corrects a word to the closest subject word (everyday English words are left as they are).
  var subjectCorrector = SpellCorrector(vocabulary: [String]())

  /// Words that name a thing, for `subjects`.
  var things = Set<String>()

  /// Sets each topic's subject from its title's tokens.
  mutating func setSubjects(titleTokens: [String: [String]]) {
    subjects.reserveCapacity(titleTokens.count)
    for (id, tokens) in titleTokens {
      let named = tokens.filter { things.contains($0) }
      subjects[id] = named.isEmpty ? defaultSubject : named
    }
  }

  /// A glossary name and, when it has a part in brackets, the name without it and the part
  /// alone: "Cognitive behavioral therapy (CBT)" -> all three.
  static func names(_ name: String) -> [String] {
    var out = [Normalizer.tokens(name).joined(separator: " ")]
    if let open = name.firstIndex(of: "("), let close = name[open...].firstIndex(of: ")") {
      out.append(Normalizer.tokens(String(name[..<open])).joined(separator: " "))
      out.append(Normalizer.tokens(String(name[name.index(after: open)..<close])).joined(separator: " "))
    }
    return out.filter { !$0.isEmpty }
  }
}

extension BuiltSearchIndex {
  /// Resolves a free line: small talk, a follow-up on `context`, a glossary definition, the
  /// warning signs, the doctor questions, or a ranked topic.
  ///
  /// - Parameters:
  ///   - line: What the person typed (already past the safety gate and the commands).
  ///   - context: The topic shown last, or nil before any topic (then "it" means OIH).
  ///   - features: Which parts are on.
  /// - Returns: What to show.
  public func resolve(_ line: String, context: String?, features: ResolverFeatures = ResolverFeatures()) -> Resolution {
    let tokens = Normalizer.tokens(line)
    // "i am scared that it will never go away": the feeling is acknowledged by the engine
    // (`opening(of:)`), and the rest is the question. When the rest asks nothing ("i am fed up
    // with all of this") or nothing answers it ("i am tired of being in pain"), the feeling
    // gets its own reply instead of "I do not have an answer".
    if features.intents, smallTalk(tokens) == nil, let (length, intent) = opening(tokens), length < tokens.count {
      let rest = tokens.dropFirst(length).joined(separator: " ")
      if terms(of: rest).isEmpty { return .smallTalk(intent) }
      let resolution = resolve(rest, context: context, features: features)
      // Nothing answers the rest, or it is small talk too: the feeling's own reply.
      switch resolution {
      case .unknown, .smallTalk: return .smallTalk(intent)
      case .topic(let hit, _):
        // The whole line may say more than its rest ("is it my fault i have oih"): a topic the
        // whole line is answered by directly wins over the rest's.
        if case .answer(let whole) = outcome(for: line), whole.topicID != hit.topicID {
          return .topic(whole, definition: nil)
        }
        return resolution
      default: return resolution
      }
    }
    // Only numbers or signs: not a question (a menu number means nothing here).
    guard tokens.contains(where: { $0.unicodeScalars.contains { $0.properties.isAlphabetic } }) else { return .unknown }
    if features.intents {
      if let intent = smallTalk(tokens) { return .smallTalk(intent) }
    }
    if features.context, let context, intents.more.contains(withoutCourtesy(tokens).joined(separator: " ")) {
      return .more(context)
    }
    if features.intents {
      if isWarningSigns(tokens) { return .warningSigns }
      if isDoctorQuestions(tokens) { return .doctorQuestions }
      if let term = definedTerm(tokens) {
        // The definition first, then the topic that answers the question (or the term's own topic).
        if case .answer(let hit) = outcome(for: line) { return .topic(hit, definition: term) }
        if let topic = intents.glossaryTopic[term] {
          return .topic(SearchHit(topicID: topic, score: 0), definition: term)
        }
        return .glossary(term)
      }
    }
    let continues = context != nil && tokens.count <= 6 && intents.continuing.contains { tokens.starts(with: $0) }
    let followsUp =
      features.context
      && (continues || tokens.contains(where: { intents.referring.contains($0) })
        || terms(of: line).filter({ !intents.askingOnly.contains($0) }).isEmpty)
    // A line the classifier reads as small talk ("i hate that my kids see me like this"), unless
    // it follows up the topic just shown ("in simple words please", "what kind").
    if features.intents, context == nil || !followsUp, let intent = classifiedSmallTalk(line) {
      return .smallTalk(intent)
    }
    if followsUp {
      let subject = context.flatMap { intents.subjects[$0] } ?? intents.defaultSubject
      // Only words that ask for more ("why?", "how do i do that", "whats the next step") after a
      // topic about one thing (naloxone, stopping): that topic, explained further. After a topic
      // about OIH in general, "why?" may be another OIH topic's question, so it is ranked.
      if let context, subject.allSatisfy({ !intents.generalSubject.contains($0) }),
        terms(of: line).allSatisfy(intents.askingOnly.contains)
      {
        return .more(context)
      }
      // A line that names its own subject ("what about stopping tramadol, is that ok?") and
      // that one other topic answers on its own, covering most of its words, goes there.
      if let context, case .answer(let hit) = outcome(for: line), hit.topicID != context,
        answersItself(line, topicID: hit.topicID)
      {
        return .topic(hit, definition: nil)
      }
      // A follow-up is most likely about the topic just shown: it stays unless another topic
      // is clearly better (by more than `contextPrior`), or the line is a topic's own question.
      if let context, !isKnownQuestion(line), staysOn(context, line: line, subject: subject) {
        return .more(context)
      }
      // Before any topic, "it" and "these" stand for OIH: the line is still the person's own
      // question, so the classifier reads it too.
      let outcome = outcome(for: line, extra: subject, fusingExtra: context == nil)
      // "and for my mum?": nothing else matches, so it goes on about the topic just shown.
      if let context, continues || goesOn(line, tokens: tokens), case .unknown = outcome { return .more(context) }
      return Resolution(outcome)
    }
    // "how do i fix my wifi": no word of the subject and nothing pointed back to, so no topic
    // answers it, whatever word it shares with one.
    let outcome = features.intents && !isAboutTheSubject(line, tokens: tokens) ? .unknown : outcome(for: line)
    // "mine is terrible" after the sleep topic: nothing answers it alone, so it goes on about it.
    if features.context, let context, case .unknown = outcome, goesOn(line, tokens: tokens) { return .more(context) }
    return Resolution(outcome)
  }

  /// Whether a short line that nothing answers on its own goes on about the topic just shown: at
  /// most `RankingSettings.followUpWords` words, and not a line the topic classifier reads as one
  /// no topic answers ("what is the weather like").
  func goesOn(_ line: String, tokens: [String]) -> Bool {
    tokens.count <= settings.followUpWords && !classifiedNoAnswer(line)
  }

  /// Whether a line has a word of the program's subject (after spelling and synonyms), or a word
  /// that points back ("it": before any topic, OIH).
  func isAboutTheSubject(_ line: String, tokens: [String]) -> Bool {
    if tokens.contains(where: { intents.referring.contains($0) }) { return true }
    if terms(of: line).contains(where: { intents.subjectTerms.contains($0) }) { return true }
    return tokens.contains { token in
      !StopWords.all.contains(token)
        && intents.subjectTerms.contains(PorterStemmer.stem(intents.subjectCorrector.correct(token)))
    }
  }

  /// `tokens` without a closing "please" or "thanks" ("more info pls").
  func withoutCourtesy(_ tokens: [String]) -> [String] {
    var tokens = tokens
    while let last = tokens.last, intents.courtesy.contains(last), tokens.count > 1 {
      tokens.removeLast()
    }
    return tokens
  }

  /// Whether `line` has a subject of its own (at least three words that are not only asking
  /// words) and `topicID` covers most of them.
  func answersItself(_ line: String, topicID: String) -> Bool {
    let own = weightedTerms(line, extra: []).filter { !intents.askingOnly.contains($0.0) }
    return own.count >= 3 && coverage(of: own, in: topicID) >= 0.6
  }

  /// Whether a follow-up `line` (with the words `subject` stands for) stays on `context`: the
  /// context topic scores within `contextPrior` of the best topic and the line matches at all.
  func staysOn(_ context: String, line: String, subject: [String]) -> Bool {
    let terms = weightedTerms(line, extra: subject)
    let hits = search(weighted: terms, limit: 10)
    guard let top = hits.first, top.score >= settings.minimumScore else { return false }
    guard let own = hits.first(where: { $0.topicID == context }) else { return false }
    guard own.score * settings.contextPrior >= top.score else { return false }
    // The line's own words must be about the topic shown ("is it safe to stop" after a topic on
    // storing pills is about stopping, not storing).
    return own.topicID == top.topicID
      || coverage(of: weightedTerms(line, extra: []), in: context) >= settings.contextCoverage
  }

  /// The small-talk intent whose `opens` phrase starts a longer line: its length in tokens and
  /// the intent id.
  func opening(_ tokens: [String]) -> (Int, String)? {
    for (words, intent) in intents.openers where tokens.count > words.count && tokens.starts(with: words) {
      return (words.count, intent)
    }
    return nil
  }

  /// The small-talk intent a whole line is, if any: one `says` line, or several in a row ("ok
  /// thanks", "thank you that was helpful"; the first that is not `ok` counts).
  func smallTalk(_ tokens: [String]) -> String? {
    guard !tokens.isEmpty, tokens.count <= 12 else { return nil }
    if let intent = intents.smallTalk[tokens.joined(separator: " ")] { return intent }
    let kept = tokens.filter { !intents.fillers.contains($0) }
    // Only filler words ("lol ok", "oh well"): an acknowledgement, as "ok" is.
    guard !kept.isEmpty else { return intents.smallTalk["ok"] }
    if let intent = intents.smallTalk[kept.joined(separator: " ")] { return intent }
    // Cover the line with small-talk lines, longest first at each place: without the filler
    // words, then with them ("hello is anyone there": "there" is a filler, but also part of
    // "is anyone there").
    for words in [kept, tokens] {
      var found: [String] = []
      var i = 0
      outer: while i < words.count {
        for length in stride(from: min(6, words.count - i), through: 1, by: -1) {
          if let intent = intents.smallTalk[words[i..<(i + length)].joined(separator: " ")] {
            found.append(intent)
            i += length
            continue outer
          }
        }
        found = []
        break
      }
      if let intent = found.first(where: { $0 != "ok" }) ?? found.first { return intent }
    }
    // A short line about the program itself ("is this a robot or a nurse", "do you keep my info").
    guard kept.count <= SmallTalkIntent.patternLineLimit else { return nil }
    return intents.patterned.first { $0.0.matchesAny(tokens) }?.1
  }

  /// Whether the line asks for the warning signs ("what are the red flags"): all words of one
  /// of the `warning-signs` phrasings, and nothing else but generic words.
  func isWarningSigns(_ tokens: [String]) -> Bool {
    let set = Set(tokens)
    return intents.warningSigns.contains { $0.isSubset(of: set) } && onlyGeneric(tokens)
  }

  /// Whether the line asks for questions to bring ("questions for my gp", "what should i ask").
  func isDoctorQuestions(_ tokens: [String]) -> Bool {
    let set = Set(tokens)
    if !set.isDisjoint(with: intents.clinicians) && !set.isDisjoint(with: intents.asking) && onlyGeneric(tokens) {
      return true
    }
    return intents.askingFrames.contains { frame in
      tokens.indices.contains { tokens[$0...].starts(with: frame) }
    }
  }

  /// Whether every word of the line is a stop word or a `generic` phrasing word.
  func onlyGeneric(_ tokens: [String]) -> Bool {
    tokens.allSatisfy { StopWords.all.contains($0) || intents.generic.contains($0) }
  }

  /// The glossary term a definition question asks about ("what does allodynia mean").
  func definedTerm(_ tokens: [String]) -> String? {
    var words = tokens
    var framed = false
    for opening in intents.definitionOpenings where words.starts(with: opening) {
      words.removeFirst(opening.count)
      framed = true
      break
    }
    // Endings come off while one fits: "what does allodynia mean in plain english please".
    while let ending = intents.definitionEndings.first(where: {
      words.count > $0.count && Array(words.suffix($0.count)) == $0
    }) {
      words.removeLast(ending.count)
      framed = true
    }
    while let first = words.first, intents.definitionFillers.contains(first) { words.removeFirst() }
    guard !words.isEmpty, words.count <= 6 else { return nil }
    // A line that is only a glossary name counts too ("allodynia?").
    if let term = intents.glossary[words.joined(separator: " ")] { return term }
    let corrected = analyzer.corrected(words).joined(separator: " ")
    if framed || words.count == 1, let term = intents.glossary[corrected] { return term }
    // "what does neuropathic mean": the first word of one glossary name only.
    if framed, words.count == 1, let term = intents.glossaryFirstWords[words[0]] { return term }
    return nil
  }

  /// The topic whose title or example question this line is, typed exactly.
  func knownQuestion(_ line: String) -> String? {
    knownQuestions[Self.questionKey(line)].map { topicIDs[$0] }
  }

  func isKnownQuestion(_ line: String) -> Bool { knownQuestion(line) != nil }
}

extension Resolution {
  init(_ outcome: SearchOutcome) {
    switch outcome {
    case .answer(let hit): self = .topic(hit, definition: nil)
    case .choices(let hits): self = .choices(hits)
    case .unknown: self = .unknown
    }
  }
}
