import Dispatch
import KnowledgeBase
import TextAnalysis

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Ranking settings, in one place. Tuned on Tests/Data/questions-dev.tsv (`oih-bench tune`).
public struct RankingSettings: Sendable, Equatable {
  /// BM25 term-frequency saturation.
  public var k1 = 2.0
  /// Weight of each field in BM25F, by `SearchIndex.Field` order: title, asks, glossary, answer,
  /// detail. A field weighted 0 when the index is built is not indexed.
  public var weights: [Double] = [1.0, 1.0, 1.2, 0.3, 0.0]
  /// Length normalization `b` of each field.
  public var b: [Double] = [0.5, 0.75, 0.5, 0.75, 0.75]
  /// Below this score no topic is a real answer ("I don't know").
  public var minimumScore = 0.3
  /// Below this share of the query's weight (idf) found in the best topic, nothing matches.
  /// Chosen with `classifierAnswerChance` on dev splits the classifier was not trained on
  /// (docs/questions-history.md, twelfth session).
  public var minimumCoverage = 0.2
  /// How much a word no topic has counts against coverage, as a share of the highest idf
  /// (`coverage(of:in:)`).
  public var unknownWordWeight = 1.0
  /// Below this score the best topic is offered as a choice, not answered.
  public var confidentScore = 1.0
  /// Below this share of the query's weight found in the best topic, the person chooses.
  public var confidentCoverage = 0.6
  /// If the second topic scores at least this fraction of the first, the person chooses.
  public var closeRatio = 0.85
  /// How many topics are offered when the match is weak or close.
  public var choices = 3
  /// Whether the calibrated decision is used: answer unless two or three topics are close
  /// (false: the earlier rule, which also offered choices for every weak match; for the ablation).
  public var calibrated = true
  /// Calibrated: how many times the best topic's score must exceed the second's to be clearly ahead
  /// (swept on the dev splits dev to dev9: 1.01 keeps choices for near ties, 1.4% of lines).
  public var aheadRatio = 1.01
  /// Weight of the words a pronoun stands for in a follow-up ("it" after Naloxone), relative to
  /// the typed words.
  public var contextWeight = 0.8
  /// A follow-up stays on the topic just shown unless another topic scores more than this many
  /// times as much (1: only when the shown topic is the best).
  public var contextPrior = 2.0
  /// ... and only when at least this share of the line's own words (weighted by idf) occur in
  /// the topic shown.
  public var contextCoverage = 0.25
  /// Weight of the topic classifier (Knowledge/topic-net.tsv) beside the BM25F scores: each
  /// topic gains this times its chance times the best BM25F score (0: the classifier is off).
  /// Only a question with some word in the index is fused, and not a follow-up (whose words
  /// are the previous topic's). Chosen with `scripts/train-topic-net.py --held-out` on the dev
  /// splits only.
  public var classifierWeight = 4.0
  /// A line no small-talk phrase matches is small talk when the topic classifier's most likely
  /// class is small talk with at least this chance. Chosen with `scripts/train-topic-net.py
  /// --held-out` on the dev splits only.
  public var smallTalkChance = 0.6
  /// A line the word gate (`minimumScore`, `minimumCoverage`) would leave unanswered is answered
  /// when the topic classifier gives the fused ranking's best topic at least this chance (above
  /// 1: never). Chosen on dev splits the classifier was not trained on.
  public var classifierAnswerChance = 0.15
  /// After a topic, a line of at most this many words that nothing answers on its own ("mine is
  /// terrible", "do i need one") goes on about that topic, unless the topic classifier reads it
  /// as a line no topic answers (0: never). Chosen on the dev splits.
  public var followUpWords = 10
  /// Words shorter than this are never spelling-corrected in questions.
  public static let minimumCorrectionLength = 5

  /// The shipped settings.
  public init() {}

  /// The settings before calibration (issue 15), for the ablation.
  public static let uncalibrated: RankingSettings = {
    var settings = RankingSettings()
    settings.calibrated = false
    settings.k1 = 1.6
    settings.weights = [1.5, 1.5, 1.2, 0.6, 0.0]
    settings.b = [0.5, 0.75, 0.5, 0.75, 0.75]
    settings.minimumScore = 0.15
    settings.minimumCoverage = 0.3
    settings.confidentScore = 1.0
    settings.confidentCoverage = 0.6
    settings.closeRatio = 0.85
    return settings
  }()
}

/// One ranked topic.
public struct SearchHit: Sendable, Equatable {
  /// Topic id.
  public var topicID: String
  /// BM25F score.
  public var score: Double
}

/// How sure the ranking is about a question.
public enum SearchOutcome: Sendable, Equatable {
  /// One topic is clearly best.
  case answer(SearchHit)
  /// Several topics are close or the match is weak: offer them.
  case choices([SearchHit])
  /// Nothing in the knowledge base matches.
  case unknown
}

/// A BM25F index over the knowledge base's topics, built once at start.
public struct SearchIndex: Sendable {
  /// The fields of a topic that are indexed.
  public typealias Field = BuiltSearchIndex.Field
  private let built: Deferred<BuiltSearchIndex>
  /// The ranking settings in use.
  public var settings: RankingSettings
  /// Which parts of `resolve(_:context:)` are on (all, unless measuring).
  public var features = ResolverFeatures()

  /// Builds the index now.
  ///
  /// - Parameters:
  ///   - knowledge: The loaded knowledge base.
  ///   - settings: Ranking settings (the shipped ones unless tuning).
  public init(knowledge: Knowledge, settings: RankingSettings = RankingSettings()) {
    built = Deferred(ready: BuiltSearchIndex(knowledge: knowledge, settings: settings))
    self.settings = settings
  }

  /// Starts building the index on another thread and returns at once; the first search waits
  /// until the index is complete.
  ///
  /// - Parameters:
  ///   - knowledge: The loaded knowledge base.
  ///   - queue: Where to build it (by default a thread of its own).
  /// - Returns: The index, with the shipped settings.
  public static func inBackground(knowledge: Knowledge, queue: DispatchQueue? = nil) -> SearchIndex {
    SearchIndex(
      built: Deferred(on: queue) { BuiltSearchIndex(knowledge: knowledge, settings: RankingSettings()) },
      settings: RankingSettings())
  }

  private init(built: Deferred<BuiltSearchIndex>, settings: RankingSettings) {
    self.built = built
    self.settings = settings
  }

  /// The built index with the current settings.
  private var current: BuiltSearchIndex {
    var index = built.value
    index.settings = settings
    return index
  }

  /// The number of indexed topics.
  public var count: Int { built.value.count }

  /// The query's analyzed, stemmed terms (for explaining a ranking).
  public func terms(of query: String) -> [String] { built.value.terms(of: query) }

  /// Ranks topics for `query`, best first.
  ///
  /// - Parameters:
  ///   - query: What the person typed.
  ///   - limit: How many hits to return.
  /// - Returns: Hits with a positive score.
  public func search(_ query: String, limit: Int = 5) -> [SearchHit] { current.search(query, limit: limit) }

  /// Decides whether to answer, offer choices or say the knowledge base has no answer.
  ///
  /// - Parameter query: What the person typed.
  /// - Returns: The outcome, using the thresholds in `RankingSettings`.
  public func outcome(for query: String) -> SearchOutcome { current.outcome(for: query) }

  /// Resolves a free line: small talk, a follow-up on `context`, a glossary definition, the
  /// warning signs, the doctor questions, or a ranked topic (see `BuiltSearchIndex.resolve`).
  ///
  /// - Parameters:
  ///   - line: What the person typed.
  ///   - context: The topic shown last, or nil.
  /// - Returns: What to show.
  public func resolve(_ line: String, context: String?) -> Resolution {
    current.resolve(line, context: context, features: features)
  }

  /// The small-talk intent whose opening phrase starts a longer line ("i am scared that ..."),
  /// whose acknowledgement goes before the answer; nil when none does or the parts are off.
  ///
  /// - Parameter line: What the person typed.
  /// - Returns: A small-talk intent id.
  public func opening(of line: String) -> String? {
    guard features.intents else { return nil }
    let built = built.value
    let tokens = Normalizer.tokens(line)
    guard built.smallTalk(tokens) == nil else { return nil }
    return built.opening(tokens)?.1
  }

  /// The glossary term a definition question asks about ("what is between-dose withdrawal",
  /// "what does allodynia mean"), or nil; nil when the parts are off.
  ///
  /// - Parameter line: What the person typed.
  /// - Returns: A glossary term id.
  public func definedTerm(in line: String) -> String? {
    guard features.intents else { return nil }
    return built.value.definedTerm(Normalizer.tokens(line))
  }

  /// The share of the query's weight (idf) whose terms occur in the topic (see
  /// `BuiltSearchIndex.coverage(of:in:)`).
  public func coverage(of query: String, in topicID: String) -> Double { built.value.coverage(of: query, in: topicID) }

  /// How `outcome(for:)` reached its decision on `query`, one fact a line, for `oih-bench why`.
  package func decisionTrace(for query: String) -> [String] { built.value.decisionTrace(for: query) }

  /// A question reduced to its words, for exact matches with titles and example questions.
  static func questionKey(_ text: String) -> String { BuiltSearchIndex.questionKey(text) }
}

/// The BM25F index behind a `SearchIndex`.
public struct BuiltSearchIndex: Sendable {
  /// The fields of a topic that are indexed.
  public enum Field: Int, Sendable, CaseIterable {
    /// The title.
    case title
    /// The example questions.
    case asks
    /// Glossary terms linked to the topic.
    case glossary
    /// The short answer.
    case answer
    /// The longer explanation.
    case detail
  }

  /// One topic's counts of one term, per field (in `Field` order; SIMD so no posting needs a
  /// heap allocation).
  struct Posting: Sendable {
    var document: Int32
    var frequencies: SIMD8<Float>
  }

  let topicIDs: [String]
  /// Topic id to its number.
  private var documentNumbers: [String: Int] = [:]
  /// Stemmed term to its number in `postings`.
  private var termNumbers: [String: Int] = [:]
  /// Per term, the topics that contain it, in topic order.
  private var postings: [[Posting]] = []
  private var lengths: [SIMD8<Float>] = []  // per document, per field
  private var averageLengths: [Double] = []
  let analyzer: Analyzer
  /// Titles and example questions, normalized, to the topic they belong to: a question typed
  /// exactly like one of them is answered directly.
  var knownQuestions = KnownQuestions()
  /// Small talk, glossary names and follow-up subjects.
  private(set) var intents: IntentTables
  /// The topic classifier (Knowledge/topic-net.tsv), if the knowledge base has one that parses.
  private var classifier: LinearTextModel?
  /// For each class of `classifier`, the topic's number (-1: not a topic of this knowledge base).
  private var classifierTopics: [Int] = []
  /// The classifier's class for lines no topic answers (`Knowledge.noAnswerClass`), if it has one.
  private var noAnswerClass: Int?
  /// The classifier's small-talk class (`Knowledge.smallTalkClass`), if it has one and the
  /// knowledge base has the intent that answers it.
  private var smallTalkClass: Int?
  /// Spells out slang before the classifier reads a line (the same tokens it was trained on).
  private var slang = Slang([])
  /// The ranking settings in use.
  public var settings: RankingSettings

  /// Builds the index.
  ///
  /// Each distinct word is analyzed once (synonyms, stop words, stem) and numbered; postings are
  /// then filled by number, so building 10,000 topics hashes each token once and allocates
  /// nothing per posting.
  ///
  /// - Parameters:
  ///   - knowledge: The loaded knowledge base.
  ///   - settings: Ranking settings (the shipped ones unless tuning).
  public init(knowledge: Knowledge, settings: RankingSettings = RankingSettings()) {
    self.settings = settings
    intents = IntentTables(knowledge: knowledge)
    var vocabulary = Set<String>()
    let synonyms = Self.synonyms(of: knowledge)
    let plainAnalyzer = Analyzer(synonyms: synonyms, corrector: nil)
    var glossaryByTopic: [String: [String]] = [:]
    for term in knowledge.glossary {
      if let topic = term.topic {
        glossaryByTopic[topic, default: []].append(([term.term] + term.aliases).joined(separator: " "))
      }
    }
    topicIDs = knowledge.topics.map(\.id)
    var documentNumbers: [String: Int] = [:]
    documentNumbers.reserveCapacity(topicIDs.count)
    for (number, id) in topicIDs.enumerated() where documentNumbers[id] == nil { documentNumbers[id] = number }
    var termNumbers: [String: Int] = [:]
    var postings: [[Posting]] = []
    var lengths: [SIMD8<Float>] = []
    var knownQuestions = KnownQuestions()
    var subjects: [String: [String]] = [:]
    // Splitting text into words and numbering them is most of the work and needs nothing
    // shared: the second half of the topics is done on another thread meanwhile.
    let indexDetail = settings.weights[Field.detail.rawValue] != 0
    let topics = knowledge.topics
    let middle = topics.count / 2
    let glossaryText = glossaryByTopic
    let secondHalf = Deferred {
      SplitTopics(topics[middle...], analyzer: plainAnalyzer, glossary: glossaryText, detail: indexDetail)
    }
    let firstHalf = SplitTopics(topics[..<middle], analyzer: plainAnalyzer, glossary: glossaryText, detail: indexDetail)
    let halves = [firstHalf, secondHalf.value]
    // Each half's words, analyzed once: a term number (-1 for a stop word), given in the order
    // terms first occur, topic by topic (-2: not analyzed yet). One flat table for both halves.
    var wordTerms: [String: Int] = [:]
    let bases = [0, firstHalf.words.count]
    let allWords = firstHalf.words + halves[1].words
    // Sized once: growing a dictionary of 250,000 questions rehashes every key several times
    // (measured with perf on 10,000 topics).
    wordTerms.reserveCapacity(allWords.count)
    knownQuestions = KnownQuestions(expected: halves.reduce(0) { $0 + $1.questionKeys.reduce(0) { $0 + $1.count } })
    var localTerms = [Int](repeating: -2, count: allWords.count)
    vocabulary.formUnion(allWords)
    var totals = SIMD8<Float>()
    lengths.reserveCapacity(topics.count)
    for (number, topic) in topics.enumerated() {
      let half = number < middle ? 0 : 1
      let index = number - (half == 0 ? 0 : middle)
      let base = bases[half]
      let document = Int32(number)
      var fieldLengths = SIMD8<Float>()
      let fields = halves[half].fields[index]
      for field in Field.allCases {
        for local in fields[field.rawValue] {
          let slot = base + Int(local)
          var term = localTerms[slot]
          if term == -2 {
            let word = allWords[slot]
            if let known = wordTerms[word] {
              term = known
            } else {
              term = -1
              if !StopWords.all.contains(word) {
                let stem = PorterStemmer.stem(word)
                if let existing = termNumbers[stem] {
                  term = existing
                } else {
                  term = postings.count
                  termNumbers[stem] = term
                  postings.append([])
                }
              }
              wordTerms[word] = term
            }
            localTerms[slot] = term
          }
          guard term >= 0 else { continue }
          fieldLengths[field.rawValue] += 1
          if postings[term].last?.document != document {
            postings[term].append(Posting(document: document, frequencies: SIMD8<Float>()))
          }
          postings[term][postings[term].count - 1].frequencies[field.rawValue] += 1
        }
      }
      for key in halves[half].questionKeys[index] where !key.isEmpty { knownQuestions.add(key, topic: number) }
      subjects[topic.id] = halves[half].titles[index]
      lengths.append(fieldLengths)
      totals += fieldLengths
    }
    for synonym in knowledge.synonyms {
      vocabulary.formUnion(Normalizer.tokens(synonym.means))
      for phrase in synonym.phrases { vocabulary.formUnion(Normalizer.tokens(phrase)) }
    }
    analyzer = Analyzer(
      synonyms: synonyms,
      corrector: SpellCorrector(
        vocabulary: vocabulary, minimumLength: RankingSettings.minimumCorrectionLength, alsoKnown: EnglishWords.all))
    self.documentNumbers = documentNumbers
    self.termNumbers = termNumbers
    self.postings = postings
    self.lengths = lengths
    self.knownQuestions = knownQuestions
    intents.setSubjects(titleTokens: subjects)
    if let file = knowledge.topicNetFile,
      let model = try? LinearTextModel(parsing: file, script: "scripts/train-topic-net.py")
    {
      classifier = model
      classifierTopics = model.classes.map { documentNumbers[$0] ?? -1 }
      noAnswerClass = model.classes.firstIndex(of: Knowledge.noAnswerClass)
      if knowledge.smallTalk.contains(where: { $0.id == Knowledge.classifiedSmallTalkIntent }) {
        smallTalkClass = model.classes.firstIndex(of: Knowledge.smallTalkClass)
      }
      slang = knowledge.slang
    }
    let count = Float(max(1, knowledge.topics.count))
    averageLengths = Field.allCases.map { Double(max(1, totals[$0.rawValue] / count)) }
  }

  /// The lay-term synonyms, then every medicine's other names and brands as its generic name
  /// ("palexia" is tapentadol, "endone" oxycodone), unless synonyms.yaml already says what the
  /// name means ("percocet": an opioid and acetaminophen).
  static func synonyms(of knowledge: Knowledge) -> [([String], String)] {
    var synonyms = knowledge.synonyms.map { ($0.phrases, $0.means) }
    func key(_ phrase: String) -> String { Normalizer.tokens(phrase).joined(separator: " ") }
    let listed = Set(synonyms.flatMap { $0.0.map(key) })
    for medicine in knowledge.medicines {
      let names = (medicine.names + medicine.brands).filter {
        !listed.contains(key($0)) && key($0) != key(medicine.name)
      }
      if !names.isEmpty { synonyms.append((names, medicine.name)) }
    }
    return synonyms
  }

  /// The number of indexed topics.
  public var count: Int { topicIDs.count }

  /// The query's analyzed, stemmed terms (for explaining a ranking).
  public func terms(of query: String) -> [String] { analyzer.words(query).map(PorterStemmer.stem) }

  /// Ranks topics for `query`, best first.
  ///
  /// - Parameters:
  ///   - query: What the person typed.
  ///   - limit: How many hits to return.
  /// - Returns: Hits with a positive score.
  public func search(_ query: String, limit: Int = 5) -> [SearchHit] {
    search(weighted: weightedTerms(query, extra: []), limit: limit, fusing: query)
  }

  /// The query's terms with their weights: typed words 1, `extra` words (a follow-up's subject)
  /// `settings.contextWeight` unless also typed.
  func weightedTerms(_ query: String, extra: [String]) -> [(String, Double)] {
    var weights: [String: Double] = [:]
    for term in analyzer.words(tokens: extra).map(PorterStemmer.stem) { weights[term] = settings.contextWeight }
    for term in terms(of: query) { weights[term] = 1 }
    // A fixed order keeps scores identical run to run.
    return weights.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
  }

  func search(weighted terms: [(String, Double)], limit: Int, fusing query: String? = nil) -> [SearchHit] {
    rank(weighted: terms, limit: limit, fusing: query).hits
  }

  /// The best `limit` topics for `terms`, fused with the topic classifier when `query` is given;
  /// the fused score of the classifier's no-answer class (0 without one): like a topic with no
  /// words, it gains the weight times its chance times the best BM25F score; and the topic the
  /// classifier finds most likely, with its chance (nil when its most likely class is no topic).
  func rank(weighted terms: [(String, Double)], limit: Int, fusing query: String? = nil) -> (
    hits: [SearchHit], noAnswer: Double, likeliest: (topicID: String, chance: Double)?
  ) {
    guard !terms.isEmpty, limit > 0 else { return ([], 0, nil) }
    var scores = [Double](repeating: 0, count: topicIDs.count)
    var seen = [Bool](repeating: false, count: topicIDs.count)
    var touched: [Int] = []
    let n = Double(topicIDs.count)
    let fields = Field.allCases.count
    for (term, weight) in terms {  // in a fixed order: scores are identical run to run
      guard let number = termNumbers[term] else { continue }
      let list = postings[number]
      let df = Double(list.count)
      let idf = log(1 + (n - df + 0.5) / (df + 0.5))
      for posting in list {
        let document = Int(posting.document)
        var tf = 0.0
        for f in 0..<fields {
          let frequency = Double(posting.frequencies[f])
          if frequency == 0 { continue }
          let norm = 1 - settings.b[f] + settings.b[f] * Double(lengths[document][f]) / averageLengths[f]
          tf += settings.weights[f] * frequency / norm
        }
        if !seen[document] {
          seen[document] = true
          touched.append(document)
        }
        scores[document] += weight * idf * tf / (settings.k1 + tf)
      }
    }
    // The topic classifier: each topic gains its chance, scaled to the best BM25F score, so a
    // question worded unlike any topic's text still finds the topic such questions belong to.
    var noAnswer = 0.0
    var likeliest: (topicID: String, chance: Double)?
    if let query, let classifier, settings.classifierWeight > 0, let top = touched.map({ scores[$0] }).max(), top > 0 {
      let chances = classifier.probabilities(slang.tokens(query))
      if let noAnswerClass { noAnswer = settings.classifierWeight * chances[noAnswerClass] * top }
      if let best = chances.indices.max(by: { chances[$0] < chances[$1] }), classifierTopics[best] >= 0 {
        likeliest = (topicIDs[classifierTopics[best]], chances[best])
      }
      for (index, chance) in chances.enumerated() where chance > 0.001 && classifierTopics[index] >= 0 {
        let document = classifierTopics[index]
        scores[document] += settings.classifierWeight * chance * top
        if !seen[document] {
          seen[document] = true
          touched.append(document)
        }
      }
    }
    // The best `limit`, best first (ties by topic order), without sorting every touched topic.
    func better(_ a: Int, _ b: Int) -> Bool { scores[a] != scores[b] ? scores[a] > scores[b] : a < b }
    var best: [Int] = []
    for document in touched {
      if best.count == limit {
        guard let last = best.last, better(document, last) else { continue }
        best.removeLast()
      }
      let at = best.firstIndex { better(document, $0) } ?? best.count
      best.insert(document, at: at)
    }
    return (best.map { SearchHit(topicID: topicIDs[$0], score: scores[$0]) }, noAnswer, likeliest)
  }

  /// The small-talk intent for a line the topic classifier reads as small talk: its most likely
  /// class, with at least `settings.smallTalkChance` ("my family thinks i am making it up",
  /// "that was way too long"). Nil without a classifier that has the class.
  func classifiedSmallTalk(_ line: String) -> String? {
    guard let classifier, let smallTalkClass, settings.classifierWeight > 0 else { return nil }
    let chances = classifier.probabilities(slang.tokens(line))
    guard let best = chances.indices.max(by: { chances[$0] < chances[$1] }), best == smallTalkClass,
      chances[best] >= settings.smallTalkChance
    else { return nil }
    return Knowledge.classifiedSmallTalkIntent
  }

  /// Whether the topic classifier's most likely class for `line` is the class of lines no topic
  /// answers. False without a classifier that has the class.
  func classifiedNoAnswer(_ line: String) -> Bool {
    guard let classifier, let noAnswerClass, settings.classifierWeight > 0 else { return false }
    let chances = classifier.probabilities(slang.tokens(line))
    return chances.indices.max(by: { chances[$0] < chances[$1] }) == noAnswerClass
  }

  /// Decides whether to answer, offer choices or say the knowledge base has no answer.
  ///
  /// - Parameter query: What the person typed.
  /// - Returns: The outcome, using the thresholds in `RankingSettings`.
  public func outcome(for query: String) -> SearchOutcome { outcome(for: query, extra: []) }

  /// The outcome for `query` with `extra` words of lower weight (a follow-up's subject); the
  /// topic classifier joins in only without `extra` words.
  func outcome(for query: String, extra: [String], fusingExtra: Bool = false) -> SearchOutcome {
    let terms = weightedTerms(query, extra: extra)
    // Whether the knowledge base answers the line at all is judged on its words (the best
    // topic by BM25F alone); which topic answers it, with the topic classifier too.
    let lexical = search(weighted: terms, limit: settings.choices)
    let fused = classifier != nil && settings.classifierWeight > 0 && (extra.isEmpty || fusingExtra)
    let (hits, noAnswer, likeliest) =
      fused ? rank(weighted: terms, limit: settings.choices, fusing: query) : (lexical, 0, nil)
    if let number = knownQuestions[Self.questionKey(query)] {
      let id = topicIDs[number]
      return .answer(hits.first { $0.topicID == id } ?? SearchHit(topicID: id, score: hits.first?.score ?? 0))
    }
    guard let top = hits.first, let words = lexical.first else { return .unknown }
    let coverage = self.coverage(of: terms, in: words.topicID)
    // A line whose words cover the best topic too thinly (a long letter, heavy misspellings) is
    // still answered when the classifier is sure of the topic the fused ranking puts first.
    let sure = likeliest.map { $0.topicID == top.topicID && $0.chance >= settings.classifierAnswerChance } ?? false
    guard sure || (words.score >= settings.minimumScore && coverage >= settings.minimumCoverage) else {
      return .unknown
    }
    // The classifier's no-answer class beats every topic: lines like it are ones no topic answers.
    guard noAnswer <= top.score else { return .unknown }
    guard settings.calibrated else {
      let close = hits.count > 1 && hits[1].score >= top.score * settings.closeRatio
      if top.score >= settings.confidentScore && coverage >= settings.confidentCoverage && !close {
        return .answer(top)
      }
      return .choices(hits)
    }
    // Calibrated: answer when the best topic is clearly ahead; otherwise offer the two or three
    // topics that are close to it.
    let close = hits.filter { $0.score * settings.aheadRatio >= top.score }
    if close.count <= 1 { return .answer(top) }
    return .choices(close)
  }

  /// How `outcome(for:)` reached its decision on `query`, one fact a line, for `oih-bench why`:
  /// the best topic by words and its coverage, the fused ranking, the no-answer class's score and
  /// the classifier's likeliest topic.
  package func decisionTrace(for query: String) -> [String] {
    let terms = weightedTerms(query, extra: [])
    let lexical = search(weighted: terms, limit: settings.choices)
    let (hits, noAnswer, likeliest) = rank(weighted: terms, limit: settings.choices, fusing: query)
    func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
    var lines = ["terms \(terms.map { $0.0 })"]
    if let words = lexical.first {
      let coverage = self.coverage(of: terms, in: words.topicID)
      lines.append("words: \(words.topicID) \(rounded(words.score)) coverage \(rounded(coverage))")
    }
    lines.append("fused: " + hits.map { "\($0.topicID) \(rounded($0.score))" }.joined(separator: ", "))
    lines.append("no-answer class \(rounded(noAnswer))")
    if let likeliest { lines.append("likeliest \(likeliest.topicID) \(rounded(likeliest.chance))") }
    lines.append("outcome \(outcome(for: query))")
    return lines
  }

  /// A question reduced to its words, for exact matches with titles and example questions.
  static func questionKey(_ text: String) -> String {
    Normalizer.tokens(text).joined(separator: " ")
  }

  /// Whether a posting list (in topic order) has `document`: a binary search.
  static func contains(_ list: [Posting], _ document: Int32) -> Bool {
    var low = 0
    var high = list.count
    while low < high {
      let middle = (low + high) / 2
      if list[middle].document < document { low = middle + 1 } else { high = middle }
    }
    return low < list.count && list[low].document == document
  }

  /// The share of the query's weight (idf) whose terms occur in the topic; words the index has
  /// never seen count with the highest weight, so off-topic questions score low.
  ///
  /// - Parameters:
  ///   - query: What the person typed.
  ///   - topicID: A topic id.
  /// - Returns: A number from 0 to 1.
  public func coverage(of query: String, in topicID: String) -> Double {
    coverage(of: weightedTerms(query, extra: []), in: topicID)
  }

  func coverage(of terms: [(String, Double)], in topicID: String) -> Double {
    guard let document = documentNumbers[topicID] else { return 0 }
    let n = Double(topicIDs.count)
    let maximum = log(1 + (n - 1 + 0.5) / 1.5)
    var total = 0.0
    var found = 0.0
    for (term, weight) in terms {
      guard let number = termNumbers[term] else {
        // A word no topic has counts against the match ("who won the footy"); a number does not
        // ("on them 10 years").
        if !term.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) { total += weight * maximum * settings.unknownWordWeight }
        continue
      }
      let list = postings[number]
      let df = Double(list.count)
      let idf = weight * log(1 + (n - df + 0.5) / (df + 0.5))
      total += idf
      if Self.contains(list, Int32(document)) { found += idf }
    }
    return total > 0 ? found / total : 0
  }
}

/// Titles and example questions, as normalized text, to the topic that first has them.
///
/// A table of 250,000 questions (10,000 topics) hashed with SipHash through `Dictionary` was
/// about a tenth of the index build (perf); `TokenNumbering` hashes with FNV-1a.
struct KnownQuestions: Sendable {
  private var numbering: TokenNumbering
  private var topics: [Int] = []

  init(expected: Int = 64) { numbering = TokenNumbering(expected: expected) }

  /// Records `key` for `topic` unless an earlier topic has it.
  mutating func add(_ key: String, topic: Int) {
    if Int(numbering.number(key)) == topics.count { topics.append(topic) }
  }

  /// The topic number whose title or example question is `key`.
  subscript(key: String) -> Int? { numbering.lookup(key).map { topics[Int($0)] } }
}

/// Some topics split into words on one thread: each distinct word numbered locally, each topic
/// field as those numbers (after synonyms), the normalized title and example questions.
struct SplitTopics: Sendable {
  /// Local number to word: every word seen, for the spelling vocabulary.
  var words: [String] = []
  /// Per topic, per `Field`: the local numbers of its words, synonyms applied, stop words kept.
  var fields: [[[Int32]]] = []
  /// Per topic: its title and example questions as normalized text, for exact matches.
  var questionKeys: [[String]] = []
  /// Per topic: its title's tokens (for what "it" stands for after it).
  var titles: [[String]] = []

  init(_ topics: ArraySlice<Topic>, analyzer: Analyzer, glossary: [String: [String]], detail: Bool) {
    // Words are numbered as they are read (`WordNumbering`: no `String` per word). The first
    // words of synonym phrases are numbered first, so a word numbered later never starts one.
    var numbering = WordNumbering()
    var synonymStarts: [[([Int32], [Int32])]] = []
    for (first, phrases) in analyzer.synonyms {
      let number = Int(numbering.number(first))
      if number >= synonymStarts.count {
        synonymStarts += Array(repeating: [], count: number + 1 - synonymStarts.count)
      }
      synonymStarts[number] = phrases.map { ($0.0.map { numbering.number($0) }, $0.1.map { numbering.number($0) }) }
    }
    fields.reserveCapacity(topics.count)
    for topic in topics {
      var perField = [[Int32]](repeating: [], count: BuiltSearchIndex.Field.allCases.count)
      func add(_ numbers: [Int32], _ field: BuiltSearchIndex.Field) {
        let list = replacingPhrases(numbers) { Int($0) < synonymStarts.count ? synonymStarts[Int($0)] : nil }
        perField[field.rawValue].append(contentsOf: list)
      }
      let questions = ([topic.title] + topic.asks).map { numbering.numbers($0) }
      for (index, question) in questions.enumerated() { add(question, index == 0 ? .title : .asks) }
      add(numbering.numbers((glossary[topic.id] ?? []).joined(separator: " . ")), .glossary)
      add(numbering.numbers(topic.answer), .answer)
      // A field weighted 0 cannot change a score: it is not read at all (the longer
      // explanations are the longest text, and weighted 0 as shipped).
      if detail { add(numbering.numbers(topic.detail ?? ""), .detail) }
      fields.append(perField)
      let words = numbering.words
      questionKeys.append(
        questions.map { question in
          var key = ""
          for (index, number) in question.enumerated() {
            if index > 0 { key += " " }
            key += words[Int(number)]
          }
          return key
        })
      titles.append((questions.first ?? []).map { words[Int($0)] })
    }
    self.words = numbering.words
  }
}

/// Turns text into search words: normalization, lay-term synonyms, stop words, spelling.
struct Analyzer: Sendable {
  /// Synonym phrases by their first word, longest first.
  let synonyms: [String: [([String], [String])]]
  let corrector: SpellCorrector?

  init(synonyms: [([String], String)], corrector: SpellCorrector?) {
    var byFirst: [String: [([String], [String])]] = [:]
    for (phrases, means) in synonyms {
      let meaning = Normalizer.tokens(means)
      for phrase in phrases {
        let words = Normalizer.tokens(phrase)
        guard let first = words.first else { continue }
        byFirst[first, default: []].append((words, meaning))
      }
    }
    for key in byFirst.keys { byFirst[key]?.sort { $0.0.count > $1.0.count } }
    self.synonyms = byFirst
    self.corrector = corrector
  }

  func words(_ text: String) -> [String] {
    words(tokens: Normalizer.tokens(text))
  }

  /// Tokens with synonym phrases replaced by what they mean; stop words kept, no spelling.
  func synonymWords(tokens: [String]) -> [String] {
    replacingPhrases(tokens) { synonyms[$0] }
  }

  /// Tokens with spelling corrected (stop words kept as they are), after words typed in pieces
  /// are joined back (`joiningPieces`).
  func corrected(_ tokens: [String]) -> [String] {
    guard let corrector else { return tokens }
    return joiningPieces(tokens, corrector).map { StopWords.all.contains($0) ? $0 : corrector.correct($0) }
  }

  /// Tokens with a word typed in pieces, as voice typing and sounding out produce, joined into
  /// the vocabulary word it spells: "over dose" and "me thad one" exactly; "tram a dole",
  /// "allo dinia" and "hyper al geezia" after correction. A run of two to four tokens is joined
  /// when the joined letters are a vocabulary word, or when the run has a piece the corrector
  /// does not know and cannot correct alone, and the joined letters correct to a vocabulary word.
  /// Runs of known words ("more fine") join only exactly, so everyday phrases stay as they are.
  func joiningPieces(_ tokens: [String], _ corrector: SpellCorrector) -> [String] {
    guard tokens.count > 1 else { return tokens }
    func isLetters(_ token: String) -> Bool { token.utf8.allSatisfy { $0 >= 97 && $0 <= 122 } }
    // A piece that neither the corrector nor the stop words know, and that corrects to nothing.
    func isStray(_ token: String) -> Bool {
      token.utf8.count >= 2 && !StopWords.all.contains(token) && !corrector.contains(token)
        && corrector.correct(token) == token
    }
    var result: [String] = []
    result.reserveCapacity(tokens.count)
    var i = 0
    while i < tokens.count {
      var joined: (word: String, length: Int)?
      if isLetters(tokens[i]) {
        for length in stride(from: min(4, tokens.count - i), through: 2, by: -1) {
          let pieces = tokens[i..<(i + length)]
          guard pieces.allSatisfy(isLetters) else { continue }
          let text = pieces.joined()
          guard text.utf8.count >= 6, text.utf8.count <= 24 else { continue }
          if corrector.isTarget(text), !pieces.allSatisfy(corrector.isTarget) {
            joined = (text, length)
            break
          }
          guard pieces.contains(where: isStray) else { continue }
          let word = corrector.correct(text)
          if word != text, corrector.isTarget(word) {
            joined = (word, length)
            break
          }
        }
      }
      if let joined {
        result.append(joined.word)
        i += joined.length
      } else {
        result.append(tokens[i])
        i += 1
      }
    }
    return result
  }

  /// Search words from already normalized tokens.
  func words(tokens: [String]) -> [String] {
    replacingPhrases(corrected(tokens)) { synonyms[$0] }.filter { !StopWords.all.contains($0) }
  }
}

/// `tokens` with each phrase that starts at a token replaced by what it means: `phrases(token)`
/// lists the phrases starting with that token, longest first, and the first that fits is taken.
/// Words or word numbers alike (the index build replaces synonyms on numbers).
func replacingPhrases<Token: Equatable>(_ tokens: [Token], _ phrases: (Token) -> [([Token], [Token])]?) -> [Token] {
  var out: [Token] = []
  out.reserveCapacity(tokens.count)
  var i = 0
  outer: while i < tokens.count {
    for (phrase, means) in phrases(tokens[i]) ?? [] where i + phrase.count <= tokens.count {
      if tokens[i..<(i + phrase.count)].elementsEqual(phrase) {
        out.append(contentsOf: means)
        i += phrase.count
        continue outer
      }
    }
    out.append(tokens[i])
    i += 1
  }
  return out
}
