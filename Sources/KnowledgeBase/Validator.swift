import FoundationEssentials
import TextAnalysis

/// Reading-level limits for content.
public enum ReadingLevel {
  /// Above this Flesch-Kincaid grade a text fails validation.
  public static let maximumGrade = 8.0
  /// Above this grade a text gets a warning.
  public static let warningGrade = 6.0
  /// Texts shorter than this many words are not graded: the formula means little on a few words.
  public static let minimumWords = 8
}

/// Checks a loaded knowledge base: references, counts, reading level, doses, red-flag examples.
struct Validator {
  let knowledge: Knowledge
  let sink: DiagnosticSink

  /// Builds the red-flag matcher and, when `checkContent` is true, checks everything.
  ///
  /// The matcher is built on another thread while the rest is checked on this one; the
  /// diagnostics come out in the order a single pass gives: everything before the red flags,
  /// the red flags, everything after.
  ///
  /// - Parameters:
  ///   - knowledge: The knowledge read from the files.
  ///   - sink: Receives the diagnostics.
  ///   - checkContent: False when the same files already passed with this program (see
  ///     `ValidationStamp`): then only the matcher is built, in the background.
  /// - Returns: The red-flag matcher, built once and handed on to the program.
  static func validate(_ knowledge: Knowledge, into sink: DiagnosticSink, checkContent: Bool = true) -> RedFlagMatcher {
    // Without content checks nothing needs the matcher yet: it finishes in the background, on
    // the start-up thread, while the welcome shows.
    guard checkContent else {
      // The matcher never reads the topic classifier's text: it need not keep it while it builds.
      var forMatcher = knowledge
      forMatcher.topicNetFile = nil
      return RedFlagMatcher.inBackground(knowledge: forMatcher, queue: BackgroundQueues.startup)
    }
    // The matcher compiles its patterns on another thread while this one gathers its spelling
    // vocabulary and checks everything else; the red flags' examples, which need the matcher,
    // come last. Diagnostics keep file order: what comes before the red flags, the red flags,
    // what comes after.
    let vocabulary = Deferred<Set<String>>()
    let matcher = RedFlagMatcher.inBackground(knowledge: knowledge, vocabulary: vocabulary)
    vocabulary.fulfill(KnowledgeVocabulary.words(of: knowledge))
    let flags = DiagnosticSink()
    let after = DiagnosticSink()
    Validator(knowledge: knowledge, sink: sink).runBeforeRedFlags()
    Validator(knowledge: knowledge, sink: after).runAfterRedFlags()
    Validator(knowledge: knowledge, sink: flags).redFlags(matcher)
    sink.append(flags.diagnostics + after.diagnostics)
    return matcher
  }

  static let sourceKinds: Set<String> = ["guideline", "review", "study", "patient-education", "label"]
  static let requiredRegions = ["US", "CA", "UK", "IE", "AU", "NZ", "EU"]
  static let minimumAsks = 6

  /// The checks that come before the red flags in file order.
  func runBeforeRedFlags() {
    if let location = knowledge.versionLocation, !knowledge.version.isEmpty, !isDate(knowledge.version) {
      sink.error("field 'version' must be the release date, like 2026-12-02", at: location)
    }
    duplicates(knowledge.sources.map { ($0.id, $0.location) }, "source")
    duplicates(knowledge.sources.map { ($0.short, $0.location) }, "source short form")
    duplicates(knowledge.groups.map { ($0.id, $0.location) }, "group")
    duplicates(knowledge.topics.map { ($0.id, $0.locations["id"] ?? loc($0.locations)) }, "topic")
    duplicates(knowledge.glossary.map { ($0.id, $0.locations["id"] ?? loc($0.locations)) }, "glossary term")
    duplicates(knowledge.doctorQuestions.map { ($0.id, $0.location) }, "question theme")
    duplicates(
      knowledge.doctorQuestions.flatMap(\.questions).map { ($0.id, $0.locations["id"] ?? loc($0.locations)) },
      "doctor question")
    duplicates(knowledge.regions.map { ($0.id, $0.location) }, "region")
    duplicates(knowledge.redFlagKinds.map { ($0.id, $0.location) }, "red-flag kind")
    duplicates(knowledge.redFlags.map { ($0.id, $0.locations["id"] ?? loc($0.locations)) }, "red flag")
    sources()
    topics()
    topicNet()
    glossary()
    doctorQuestions()
    regions()
    redFlagKinds()
  }

  /// The checks that come after the red flags in file order.
  func runAfterRedFlags() {
    medicines()
    checklists()
    messages()
    smallTalk()
    phrasings()
    doseQuestions()
    slang()
    uncitedSources()
    reviewDates()
  }

  /// Phrasings: word lists hold single words (after normalizing: "its" reads as "it is"), and
  /// every phrase has words.
  func phrasings() {
    let p = knowledge.phrasings
    let wordLists: [(String, [String])] = [
      ("follow-ups.referring", p.referring), ("follow-ups.courtesy", p.courtesy),
      ("follow-ups.asking-only", p.askingOnly), ("follow-ups.general-subject", p.generalSubject),
      ("follow-ups.not-subjects", p.notSubjects), ("definitions.fillers", p.definitionFillers),
      ("doctor-questions.clinicians", p.clinicians), ("doctor-questions.asking", p.asking), ("generic", p.generic),
      ("questions.openings", p.questionOpenings), ("questions.subject-words", p.subjectWords),
    ]
    let phraseLists: [(String, [String])] = [
      ("follow-ups.continuing", p.continuing), ("follow-ups.more", p.more),
      ("definitions.openings", p.definitionOpenings), ("definitions.endings", p.definitionEndings),
      ("warning-signs.asks", p.warningSigns), ("doctor-questions.frames", p.askingFrames),
      ("questions.phrases", p.questionPhrases),
    ]
    for (name, list) in wordLists + phraseLists {
      let single = wordLists.contains { $0.0 == name }
      for (index, entry) in list.enumerated() {
        let location = p.locations["\(name).\(index)"] ?? p.locations[name] ?? loc(p.locations)
        let words = Normalizer.tokens(entry)
        if words.isEmpty {
          sink.error("phrasings '\(name)': '\(entry)' has no words once normalized; remove it", at: location)
        } else if single && words.count > 1 {
          sink.error(
            "phrasings '\(name)': '\(entry)' reads as '\(words.joined(separator: " "))' once normalized; "
              + "list single words only (for example 'it', not 'its')", at: location)
        }
      }
    }
  }

  /// Small talk: unique ids, at least one line each, no line claimed twice, plain replies.
  func smallTalk() {
    duplicates(knowledge.smallTalk.map { ($0.id, $0.locations["id"] ?? loc($0.locations)) }, "small-talk intent")
    let sample = knowledge.region(knowledge.defaultRegion)
    var claimed: [String: String] = [:]
    for intent in knowledge.smallTalk {
      if intent.says.isEmpty {
        sink.error(
          "small-talk intent '\(intent.id)' has no lines in 'says': add what people type",
          at: intent.locations["says"] ?? loc(intent.locations))
      }
      for (index, line) in intent.says.enumerated() {
        let key = Normalizer.tokens(line).joined(separator: " ")
        let location = intent.locations["says.\(index)"] ?? loc(intent.locations)
        if key.isEmpty {
          sink.error("small-talk line '\(line)' has no words", at: location)
        } else if let other = claimed[key], other != intent.id {
          sink.error(
            "small-talk line '\(line)' is also in intent '\(other)': keep each line in one intent", at: location)
        } else {
          claimed[key] = intent.id
        }
      }
      plain(
        sample?.fill(intent.reply) ?? intent.reply, field: "reply",
        at: intent.locations["reply"] ?? loc(intent.locations))
      if !intent.opens.isEmpty && intent.acknowledge == nil {
        sink.error(
          "small-talk intent '\(intent.id)' has 'opens' but no 'acknowledge' to show before the answer",
          at: intent.locations["opens"] ?? loc(intent.locations))
      }
      for (index, pattern) in intent.patterns.enumerated() where pattern.contains("&") || PhrasePattern(pattern) == nil
      {
        sink.error(
          "small-talk pattern '\(pattern)' is not a valid phrase pattern (words, `a|b`, `word*`, `#`; no `&` or `@group`)",
          at: intent.locations["patterns.\(index)"] ?? loc(intent.locations))
      }
      if let acknowledge = intent.acknowledge {
        plain(
          sample?.fill(acknowledge) ?? acknowledge, field: "acknowledge",
          at: intent.locations["acknowledge"] ?? loc(intent.locations))
      }
    }
  }

  func loc(_ locations: [String: SourceLocation]) -> SourceLocation {
    locations["file"] ?? SourceLocation(file: knowledge.directory, line: 1, column: 1)
  }

  func duplicates(_ items: [(String, SourceLocation)], _ what: String) {
    var seen: [String: SourceLocation] = [:]
    for (id, location) in items {
      if let first = seen[id] {
        sink.error("duplicate \(what) id '\(id)' (first defined at \(first))", at: location)
      } else {
        seen[id] = location
      }
    }
  }

  func citations(_ ids: [String], _ locations: [String: SourceLocation], owner: String) {
    if ids.isEmpty {
      sink.error("\(owner) has no sources: cite at least one", at: locations["sources"] ?? loc(locations))
    }
    for (index, id) in ids.enumerated() where knowledge.source(id) == nil {
      sink.error("unknown source '\(id)'", at: locations["sources.\(index)"] ?? loc(locations))
    }
  }

  /// Checks reading level and doses of a text the person reads.
  ///
  /// With a `grade-note` (why a drug name or the like makes grade 8 impossible), a text above
  /// grade 8 gives a warning that quotes the note instead of an error.
  func plain(_ text: String, field: String, at location: SourceLocation, graded: Bool = true, note: String? = nil) {
    plain(text, what: "field '\(field)'", at: location, graded: graded, note: note)
  }

  /// Checks reading level and doses of a text, naming it `what` ("field 'answer'", "line 'x'").
  func plain(_ text: String, what: String, at location: SourceLocation, graded: Bool = true, note: String? = nil) {
    // Leading and trailing spaces change neither the dose check nor the grade.
    if text.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
      sink.error("\(what) is empty", at: location)
      return
    }
    if let dose = DoseDetector.firstDose(in: text) {
      sink.error(
        "\(what) gives a dose, amount or schedule ('\(dose)'): send dose questions to the prescriber instead",
        at: location)
    }
    guard graded else { return }
    let (grade, words) = Readability.gradeAndWords(text)
    guard words >= ReadingLevel.minimumWords else { return }
    let shown = decimalText(grade, places: 1)
    if grade > ReadingLevel.maximumGrade, let note {
      sink.warning("\(what) reads at grade \(shown), above 8, allowed by its grade-note: \(note)", at: location)
    } else if grade > ReadingLevel.maximumGrade {
      sink.error("\(what) reads at grade \(shown), above the limit of 8: use shorter sentences and words", at: location)
    } else if grade > ReadingLevel.warningGrade {
      sink.warning("\(what) reads at grade \(shown) (aim for 6 or below)", at: location)
    }
  }

  func sources() {
    if knowledge.sources.count < 15 {
      sink.error(
        "only \(knowledge.sources.count) sources: the knowledge base needs at least 15",
        at: SourceLocation(file: KnowledgeLoader.path(knowledge.directory, "sources.yaml"), line: 1, column: 1))
    }
    for source in knowledge.sources {
      if !Self.sourceKinds.contains(source.kind) {
        sink.error(
          "unknown source kind '\(source.kind)' (use \(Self.sourceKinds.sorted().joined(separator: ", ")))",
          at: source.location)
      }
      if !source.url.hasPrefix("https://") && !source.url.hasPrefix("http://") {
        sink.error("source '\(source.id)' url must start with https://", at: source.location)
      }
      citationDetails(source)
    }
  }

  func topics() {
    let ids = Set(knowledge.topics.map(\.id))
    let groups = Set(knowledge.groups.map(\.id))
    for topic in knowledge.topics {
      let file = loc(topic.locations)
      let expected = URL(fileURLWithPath: file.file).deletingPathExtension().lastPathComponent
      if expected != topic.id {
        sink.error("topic id '\(topic.id)' must match its file name '\(expected)'", at: topic.locations["id"] ?? file)
      }
      if !groups.contains(topic.group) {
        sink.error("unknown group '\(topic.group)'", at: topic.locations["group"] ?? file)
      }
      plain(topic.title, field: "title", at: topic.locations["title"] ?? file, graded: false)
      // Answers and details may name the region's numbers ({crisis}, {emergency}, ...).
      let sample = knowledge.region(knowledge.defaultRegion)
      for (field, text) in [("answer", topic.answer), ("detail", topic.detail)] {
        guard let text else { continue }
        let at = topic.locations[field] ?? file
        for name in Self.placeholderNames(in: text) where !Region.placeholders.contains(name) {
          sink.error(
            "field '\(field)' uses '{\(name)}', which is not a region placeholder (\(Region.placeholders.sorted().joined(separator: ", ")))",
            at: at)
        }
        plain(sample?.fill(text) ?? text, field: field, at: at, note: topic.gradeNote)
      }
      if topic.asks.count < Self.minimumAsks {
        sink.error(
          "topic has \(topic.asks.count) example questions in 'asks': at least \(Self.minimumAsks) are needed",
          at: topic.locations["asks"] ?? file)
      }
      for (index, id) in topic.related.enumerated() where !ids.contains(id) {
        sink.error("unknown topic '\(id)' in 'related'", at: topic.locations["related.\(index)"] ?? file)
      }
      citations(topic.sources, topic.locations, owner: "topic '\(topic.id)'")
      if !isDate(topic.reviewed) {
        sink.error("field 'reviewed' must be a date like 2026-11-27", at: topic.locations["reviewed"] ?? file)
      }
    }
  }

  func isDate(_ text: String) -> Bool {
    let parts = text.split(separator: "-")
    return parts.count == 3 && parts[0].count == 4 && parts.allSatisfy { Int($0) != nil }
  }

  func glossary() {
    let ids = Set(knowledge.topics.map(\.id))
    for term in knowledge.glossary {
      plain(
        term.definition, field: "definition", at: term.locations["definition"] ?? loc(term.locations),
        note: term.gradeNote)
      if let topic = term.topic, !ids.contains(topic) {
        sink.error("unknown topic '\(topic)'", at: term.locations["topic"] ?? loc(term.locations))
      }
      citations(term.sources, term.locations, owner: "glossary term '\(term.id)'")
    }
  }

  /// At most this many questions in a theme, so a theme fits on one screen when picking.
  static let maximumQuestionsPerTheme = 8
  /// At most this many themes: with "write my own question" they make a menu of 8.
  static let maximumThemes = 7

  func doctorQuestions() {
    if knowledge.doctorQuestions.count > Self.maximumThemes, let extra = knowledge.doctorQuestions.last {
      sink.error(
        "\(knowledge.doctorQuestions.count) question themes: use at most \(Self.maximumThemes), so the list of themes fits on one screen",
        at: extra.location)
    }
    for theme in knowledge.doctorQuestions {
      plain(theme.title, field: "title", at: theme.location)
      if theme.questions.count > Self.maximumQuestionsPerTheme {
        sink.error(
          "theme '\(theme.id)' has \(theme.questions.count) questions: use at most \(Self.maximumQuestionsPerTheme), so a theme fits on one screen; split it",
          at: theme.location)
      }
      if theme.questions.isEmpty { sink.error("theme '\(theme.id)' has no questions", at: theme.location) }
    }
    for question in knowledge.doctorQuestions.flatMap(\.questions) {
      plain(question.text, field: "text", at: question.locations["text"] ?? loc(question.locations))
      citations(question.sources, question.locations, owner: "question '\(question.id)'")
    }
  }

  func regions() {
    let file = SourceLocation(file: KnowledgeLoader.path(knowledge.directory, "regions.yaml"), line: 1, column: 1)
    for id in Self.requiredRegions where knowledge.region(id) == nil {
      sink.error("region '\(id)' is missing", at: file)
    }
    if knowledge.region(knowledge.defaultRegion) == nil {
      sink.error("default region '\(knowledge.defaultRegion)' is not defined", at: file)
    }
    for region in knowledge.regions {
      for field in Region.numberFields {
        let ids = region.fieldSources[field] ?? []
        if ids.isEmpty { sink.error("region '\(region.id)' has no source for '\(field)'", at: region.location) }
        for id in ids where knowledge.source(id) == nil {
          sink.error("unknown source '\(id)' for '\(field)' of region '\(region.id)'", at: region.location)
        }
      }
      let values = [region.emergency, region.crisis, region.crisisName, region.urgent, region.poison, region.helpline]
      if values.contains(where: { $0.trimmingCharacters(in: " ").isEmpty }) {
        sink.error("region '\(region.id)' has an empty number field", at: region.location)
      }
      // Same-day advice must never send people to the emergency line.
      if region.urgent == region.emergency {
        sink.error(
          "region '\(region.id)': 'urgent' is the emergency number; name a nurse line or say whom to call",
          at: region.location)
      }
      if values.contains(where: { $0.contains("VERIFY") }) {
        sink.error("region '\(region.id)' still has a VERIFY note", at: region.location)
      }
      if let reviewed = region.reviewed, !isDate(reviewed) {
        sink.error("field 'reviewed' must be a date like 2026-11-27", at: region.location)
      }
    }
  }

  /// Red-flag kinds: a priority each, no two the same, and `replaces` naming known kinds.
  func redFlagKinds() {
    var byPriority: [Int: String] = [:]
    let ids = Set(knowledge.redFlagKinds.map(\.id))
    for kind in knowledge.redFlagKinds {
      if let other = byPriority[kind.priority] {
        sink.error(
          "red-flag kind '\(kind.id)' has the same priority as '\(other)'; give each kind its own", at: kind.location)
      }
      byPriority[kind.priority] = kind.id
      for replaced in kind.replaces where !ids.contains(replaced) {
        sink.error("red-flag kind '\(kind.id)' replaces unknown kind '\(replaced)'", at: kind.location)
      }
    }
  }

  /// Whether a classifier's file is UTF-8 text, as every file of the folder must be (it is read
  /// as bytes, so this is said here); an error when it is not.
  func isText(_ file: NetFile) -> Bool {
    guard file.withBytes({ String(validating: $0, as: UTF8.self) }) == nil else { return true }
    sink.error("file is not valid UTF-8", at: SourceLocation(file: file.path, line: 1, column: 1))
    return false
  }

  /// The topic classifier's file: it parses, and each class is a topic id; a topic it does not
  /// know is a warning (the file is trained on the topics as they were: retrain after adding one).
  func topicNet() {
    guard let file = knowledge.topicNetFile, isText(file) else { return }
    let model: LinearTextModel
    do throws(LinearTextModel.Problem) {
      model = try LinearTextModel(parsing: file, script: "scripts/train-topic-net.py")
    } catch {
      sink.error(error.message, at: SourceLocation(file: file.path, line: error.line, column: 1))
      return
    }
    let at = SourceLocation(file: file.path, line: 1, column: 1)
    let ids = Set(knowledge.topics.map(\.id))
    let special = [Knowledge.noAnswerClass, Knowledge.smallTalkClass]
    for id in model.classes where !ids.contains(id) && !special.contains(id) {
      sink.error(
        "class '\(id)' is not a topic id, '\(special[0])' or '\(special[1])' (retrain with scripts/train-topic-net.py)",
        at: at)
    }
    if model.classes.contains(Knowledge.smallTalkClass),
      !knowledge.smallTalk.contains(where: { $0.id == Knowledge.classifiedSmallTalkIntent })
    {
      sink.error(
        "class '\(Knowledge.smallTalkClass)' needs the small-talk intent '\(Knowledge.classifiedSmallTalkIntent)' "
          + "in smalltalk.yaml: its reply answers the lines the classifier reads as small talk",
        at: at)
    }
    let missing = ids.subtracting(model.classes).sorted()
    if !missing.isEmpty {
      sink.warning(
        "topics not in the classifier, found by their words only: \(missing.joined(separator: ", ")) "
          + "(retrain with scripts/train-topic-net.py)", at: at)
    }
  }

  /// The second net's file: it parses, each class is `benign` or an urgent kind, and each names
  /// a flag of its own kind.
  func redFlagNet(_ matcher: RedFlagMatcher, kinds: Set<String>) {
    guard let file = knowledge.redFlagNetFile, isText(file) else { return }
    if let problem = matcher.netProblem {
      sink.error(problem.message, at: SourceLocation(file: file.path, line: problem.line, column: 1))
      return
    }
    guard let net = matcher.net else { return }
    let at = SourceLocation(file: file.path, line: net.flagsLine, column: 1)
    let urgent = Set(knowledge.redFlagKinds.filter(\.urgent).map(\.id))
    for kind in urgent.subtracting(net.classes).sorted() {
      sink.warning(
        "urgent kind '\(kind)' is not in the second net: add its general flag to FLAGS in scripts/train-redflag-net.py "
          + "and retrain",
        at: at)
    }
    for (kind, flagID) in zip(net.classes, net.flagIDs) where kind != "benign" {
      guard urgent.contains(kind) else {
        sink.error(
          "class '\(kind)' is not an urgent red-flag kind of redflags.yaml (retrain with scripts/train-redflag-net.py)",
          at: at)
        continue
      }
      guard let flagID, let flag = knowledge.redFlags.first(where: { $0.id == flagID }) else {
        sink.error("class '\(kind)' needs the id of a flag of that kind in the flags row", at: at)
        continue
      }
      if flag.kind != kind {
        sink.error("flag '\(flagID)' is of kind '\(flag.kind)', not '\(kind)': name a flag of kind '\(kind)'", at: at)
      }
    }
  }

  func redFlags(_ matcher: RedFlagMatcher) {
    let kinds = Set(knowledge.redFlagKinds.map(\.id))
    redFlagNet(matcher, kinds: kinds)
    let invalid = Dictionary(grouping: matcher.invalidPatterns) { $0.flag ?? -1 }
    for pattern in invalid[-1] ?? [] {
      sink.error(
        "ignore pattern '\(pattern.pattern)' is not valid",
        at: SourceLocation(file: KnowledgeLoader.path(knowledge.directory, "redflags.yaml"), line: 1, column: 1))
    }
    for (number, flag) in knowledge.redFlags.enumerated() {
      let file = loc(flag.locations)
      if !kinds.contains(flag.kind) {
        sink.error("unknown red-flag kind '\(flag.kind)'", at: flag.locations["kind"] ?? file)
      }
      if flag.triggers.isEmpty { sink.error("red flag has no triggers", at: flag.locations["triggers"] ?? file) }
      for pattern in (invalid[number] ?? []).sorted(by: { Self.fieldOrder($0) < Self.fieldOrder($1) }) {
        let at = flag.locations["\(pattern.field).\(pattern.index)"] ?? file
        switch pattern.field {
        case "triggers":
          sink.error("trigger '\(pattern.pattern)' is not a valid pattern (words, |, *, #, @group, &)", at: at)
        case "ignore": sink.error("ignore pattern '\(pattern.pattern)' is not valid", at: at)
        default: sink.error("unless pattern '\(pattern.pattern)' is not valid", at: at)
        }
      }
      if flag.examples.isEmpty { sink.error("red flag has no examples", at: flag.locations["examples"] ?? file) }
      for (index, example) in flag.examples.enumerated()
      where !matcher.fires(flag.kind, on: example) {
        sink.error(
          "example '\(example)' does not trigger a '\(flag.kind)' alert",
          at: flag.locations["examples.\(index)"] ?? file)
      }
      let sample = knowledge.region(knowledge.defaultRegion)
      plain(sample?.fill(flag.message) ?? flag.message, field: "message", at: flag.locations["message"] ?? file)
      plain(sample?.fill(flag.action) ?? flag.action, field: "action", at: flag.locations["action"] ?? file)
      citations(flag.sources, flag.locations, owner: "red flag '\(flag.id)'")
    }
  }

  /// Reports invalid patterns of a flag in the order of its fields: triggers, ignore, unless.
  static func fieldOrder(_ pattern: RedFlagMatcher.InvalidPattern) -> (Int, Int) {
    (["triggers", "ignore", "unless"].firstIndex(of: pattern.field) ?? 3, pattern.index)
  }

  func checklists() {
    for check in knowledge.checklists {
      let file = loc(check.locations)
      plain(check.intro, field: "intro", at: check.locations["intro"] ?? file)
      plain(check.note, field: "note", at: check.locations["note"] ?? file)
      plain(check.closing, field: "closing", at: check.locations["closing"] ?? file)
      duplicates(check.items.map { ($0.id, $0.locations["id"] ?? file) }, "check item")
      for item in check.items {
        let itemFile = item.locations["id"] ?? file
        plain(item.text, field: "text", at: item.locations["text"] ?? itemFile, note: item.gradeNote)
        plain(item.finding, field: "finding", at: item.locations["finding"] ?? itemFile, note: item.gradeNote)
        if let short = item.short {
          let at = item.locations["short"] ?? itemFile
          if short.trimmingCharacters(in: " ").isEmpty {
            sink.error("field 'short' is empty", at: at)
          } else if short.count > CheckItem.shortLimit {
            sink.error(
              "field 'short' has \(short.count) characters: use at most \(CheckItem.shortLimit), so the summary's table of answers fits",
              at: at)
          }
          if let dose = DoseDetector.firstDose(in: short) {
            sink.error("field 'short' gives a dose ('\(dose)')", at: at)
          }
        }
        if let followUp = item.followUp {
          let sample = knowledge.region(knowledge.defaultRegion)
          plain(
            sample?.fill(followUp) ?? followUp, field: "follow-up", at: item.locations["follow-up"] ?? itemFile,
            note: item.gradeNote)
        }
        extraAnswers(item, at: item.locations["also"] ?? itemFile)
        plain(item.rationale, field: "rationale", at: item.locations["rationale"] ?? itemFile, graded: false)
        citations(item.sources, item.locations, owner: "check item '\(item.id)'")
        let answers = CheckAnswers.choices(for: item.answer)
        for key in item.points.keys.sorted() where !answers.contains(key) {
          sink.error(
            "'points' uses '\(key)', which is not an answer of kind \(item.answer.rawValue)",
            at: item.locations["points"] ?? itemFile)
        }
        for key in item.when where !answers.contains(key) {
          sink.error(
            "'when' uses '\(key)', which is not an answer of kind \(item.answer.rawValue)",
            at: item.locations["when"] ?? itemFile)
        }
        switch item.role {
        case .sign:
          if item.points.isEmpty { sink.error("sign item needs 'points'", at: itemFile) }
        case .elsewhere, .context:
          if item.when.isEmpty { sink.error("\(item.role.rawValue) item needs 'when'", at: itemFile) }
        case .peg:
          if item.answer != .scale {
            sink.error("peg item must have answer: scale", at: item.locations["answer"] ?? itemFile)
          }
        }
      }
      var expected = 0
      for (index, band) in check.bands.enumerated() {
        plain(band.text, field: "text", at: band.location)
        if band.min != expected {
          sink.error(
            "band '\(band.id)' starts at \(band.min) but should start at \(expected): bands must cover every score",
            at: band.location)
        }
        if let max = band.max {
          if max < band.min { sink.error("band '\(band.id)' has max below min", at: band.location) }
          expected = max + 1
        } else if index != check.bands.count - 1 {
          sink.error("only the last band may leave out 'max'", at: band.location)
        }
      }
      if check.bands.isEmpty { sink.error("symptom check has no bands", at: file) }
      plain(check.pegText, field: "peg text", at: check.locations["peg"] ?? file)
      let ids = Set(check.items.map(\.id))
      for id in check.pegItems where !ids.contains(id) {
        sink.error("unknown PEG item '\(id)'", at: check.locations["peg"] ?? file)
      }
    }
  }

  func messages() {
    let file = SourceLocation(file: KnowledgeLoader.path(knowledge.directory, "messages.yaml"), line: 1, column: 1)
    for key in MessageKey.allCases where knowledge.messages[key.rawValue] == nil {
      sink.error("message '\(key.rawValue)' is missing", at: file)
    }
    let sample = knowledge.region(knowledge.defaultRegion)
    for (key, text) in knowledge.messages.sorted(by: { $0.key < $1.key }) {
      let location = messageLocations[key] ?? file
      // The help list is a list of commands, not prose.
      plain(sample?.fill(text) ?? text, field: key, at: location, graded: key != "help.text")
    }
  }

  var messageLocations: [String: SourceLocation] { knowledge.messageLocations }

  /// Medicine names: letters, spaces and hyphens only (never a number, so never a dose), each
  /// name once across generic names and brands.
  func medicines() {
    var seen: [String: SourceLocation] = [:]
    for medicine in knowledge.medicines {
      let generic = [medicine.name] + medicine.names
      for name in generic where name != name.lowercased() {
        sink.error("generic name '\(name)' must be lowercase (brands keep their capitals)", at: medicine.location)
      }
      for name in generic + medicine.brands {
        let key = MedicineNames.key(name)
        if key.isEmpty || name.contains(where: { !($0.isLetter || $0 == " " || $0 == "-" || $0 == "'") }) {
          sink.error(
            "medicine name '\(name)' may only hold letters, spaces, hyphens and apostrophes", at: medicine.location)
          continue
        }
        if let first = seen[key] {
          sink.error("medicine name '\(name)' is listed twice (first at \(first))", at: medicine.location)
        } else {
          seen[key] = medicine.location
        }
      }
    }
  }

  func doseQuestions() {
    let file = SourceLocation(
      file: KnowledgeLoader.path(knowledge.directory, "dose-questions.yaml"), line: 1, column: 1)
    let patterns = knowledge.doseQuestionPatterns + knowledge.doseJudgingPatterns + knowledge.doseAfterRefusalPatterns
    for pattern in patterns where PhrasePattern(pattern) == nil {
      sink.error("pattern '\(pattern)' is not valid", at: file)
    }
  }
}

extension Validator {
  /// Crisis slang: each entry means plain words, is not a word of its own meaning, and a key
  /// red-flag patterns use is never seen by them (input is spelled out first).
  func slang() {
    let file = SourceLocation(file: KnowledgeLoader.path(knowledge.directory, "slang.yaml"), line: 1, column: 1)
    if knowledge.slang.entries.isEmpty {
      sink.error("slang.yaml has no entries: crisis slang such as 'kms' would not be recognized", at: file)
    }
    var written: Set<String> = []
    for entry in knowledge.slang.entries {
      let location = knowledge.slangLocations[entry.written] ?? file
      let key = entry.written.lowercased()
      if !written.insert(key).inserted {
        sink.error("slang '\(entry.written)' is listed twice", at: location)
      }
      let means = Normalizer.tokens(entry.means)
      if means.isEmpty || means.joined(separator: " ") != entry.means.lowercased() {
        sink.error("slang '\(entry.written)' must mean plain lowercase words, not '\(entry.means)'", at: location)
      }
      if Normalizer.tokens(entry.written).isEmpty || !entry.written.contains(where: \.isLetter) {
        sink.error("slang '\(entry.written)' has no letters", at: location)
      }
      if !entry.isSpelling, Normalizer.tokens(entry.written) == means {
        sink.error("slang '\(entry.written)' means itself", at: location)
      }
    }
    // Pattern words that are slang keys can never match: the line is spelled out first.
    let keys = Set(knowledge.slang.entries.filter { !$0.isSpelling }.map { $0.written.lowercased() })
    let flagsFile = SourceLocation(file: KnowledgeLoader.path(knowledge.directory, "redflags.yaml"), line: 1, column: 1)
    var warned: Set<String> = []
    for flag in knowledge.redFlags {
      for pattern in flag.triggers + flag.unless {
        for word in pattern.lowercased().split(whereSeparator: { $0 == " " || $0 == "|" || $0 == "&" }).map(String.init)
        where keys.contains(word) && warned.insert(word).inserted {
          sink.warning(
            "pattern word '\(word)' in flag '\(flag.id)' is slang that lines never contain (slang.yaml spells it out first): use the plain words",
            at: flag.locations["triggers"] ?? flagsFile)
        }
      }
    }
  }
}

/// The accepted answers of each answer kind, as stored in the session record.
public enum CheckAnswers {
  /// Canonical answers of `kind`.
  public static func choices(for kind: AnswerKind) -> [String] {
    switch kind {
    case .yesno: return ["yes", "no", "not sure"]
    case .frequency: return ["never", "sometimes", "often"]
    case .scale: return (0...10).map(String.init)
    }
  }

  /// The answers `item` accepts: those of its kind, then its own extra ones (`also`).
  public static func choices(for item: CheckItem) -> [String] {
    choices(for: item.answer) + item.also.filter { !choices(for: item.answer).contains($0) }
  }
}
