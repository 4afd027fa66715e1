import FoundationEssentials
import Synchronization
import TextAnalysis

/// Loads a knowledge folder (YAML files) into a `Knowledge` value, reporting every problem.
public enum KnowledgeLoader {
  /// Loads and validates the knowledge base in `directory`.
  ///
  /// - Parameter directory: The Knowledge/ folder.
  /// - Returns: The knowledge base and its warnings.
  /// - Throws: `KnowledgeError` listing every error (and warning) when anything is wrong.
  public static func load(from directory: String) throws(KnowledgeError) -> (Knowledge, [Diagnostic]) {
    let (knowledge, diagnostics, _) = try loadWithMatcher(from: directory)
    return (knowledge, diagnostics)
  }

  /// Loads and validates, also returning the red-flag matcher the validator built, so the
  /// program does not build it a second time at start.
  ///
  /// - Parameter directory: The Knowledge/ folder.
  /// - Returns: The knowledge base, its warnings and its red-flag matcher.
  /// - Throws: `KnowledgeError` listing every problem when anything is wrong.
  public static func loadWithMatcher(from directory: String) throws(KnowledgeError) -> (
    Knowledge, [Diagnostic], RedFlagMatcher
  ) {
    let (knowledge, diagnostics, matcher, _) = try loadWithMatcher(from: directory) { _ in () }
    return (knowledge, diagnostics, matcher)
  }

  /// Loads and validates like `loadWithMatcher(from:)`, calling `alongside` with the
  /// knowledge as soon as the files are read, before validation: the program starts building its
  /// search index there, in the background (`SearchIndex.inBackground(knowledge:)`).
  ///
  /// - Parameters:
  ///   - directory: The Knowledge/ folder.
  ///   - program: Identifies this build of the program. When given, and `oih knowledge
  ///     validate` of this same build already passed these same files (see `ValidationStamp`),
  ///     the content checks are not repeated and the red-flag matcher finishes in the background
  ///     (its first use waits for it); the files are still read and checked for syntax, schema
  ///     and guides.
  ///   - alongside: Called once with the knowledge read, before validation.
  /// - Returns: The knowledge base, its warnings, its red-flag matcher and the result of `alongside`.
  /// - Throws: `KnowledgeError` listing every problem when anything is wrong.
  public static func loadWithMatcher<T>(
    from directory: String, program: String? = nil, alongside: (Knowledge) -> T
  ) throws(KnowledgeError) -> (Knowledge, [Diagnostic], RedFlagMatcher, T) {
    let sink = DiagnosticSink()
    // With a program identity the files may be validated already: then the red flags are
    // parsed only when the matcher first needs them, after the welcome shows.
    var knowledge = read(directory, sink: sink, deferringRedFlags: program != nil)
    let trusted =
      program.map { ValidationStamp.isCurrent(in: directory, program: $0, fingerprint: knowledge.fingerprint) } ?? false
    if !trusted { sink.insertPostponed() }
    // Validated files: the matcher is queued first, as the first line needs it first. Otherwise
    // `alongside` starts while everything is checked.
    let result: T
    let matcher: RedFlagMatcher
    if trusted {
      matcher = Validator.validate(knowledge, into: sink, checkContent: false)
      result = alongside(knowledge)
    } else {
      result = alongside(knowledge)
      matcher = Validator.validate(knowledge, into: sink)
    }
    // A broken guide is left out with its errors (`skippedGuides`); the others run. The
    // welcome guide is the main menu: without it there is nothing to run, so its errors stop
    // the program like errors anywhere else. A shared part's diagnostics are said once.
    var guideDiagnostics: [Diagnostic] = []
    var seen = Set<String>()
    for loaded in GuideLoader.loadEach(knowledge, checkText: !trusted) {
      let broken = loaded.guide == nil || loaded.diagnostics.contains { $0.severity == .error }
      if broken && !isMainMenu(loaded.file) {
        knowledge.skippedGuides.append(SkippedGuide(file: loaded.file, diagnostics: loaded.diagnostics))
        continue
      }
      guideDiagnostics += loaded.diagnostics.filter { seen.insert($0.description).inserted }
      if let guide = loaded.guide { knowledge.guides.append(guide) }
    }
    let diagnostics = sink.diagnostics + guideDiagnostics
    if diagnostics.contains(where: { $0.severity == .error }) { throw KnowledgeError(diagnostics: diagnostics) }
    return (knowledge, diagnostics, matcher, result)
  }

  /// Whether `file` is the main menu's guide (guides/welcome.yaml).
  static func isMainMenu(_ file: String) -> Bool {
    file == "welcome.yaml" || file.hasSuffix("/welcome.yaml")
  }

  /// Loads without throwing: the knowledge read so far and every diagnostic.
  ///
  /// - Parameter directory: The Knowledge/ folder.
  /// - Returns: The (possibly partial) knowledge and all diagnostics.
  public static func check(_ directory: String) -> (Knowledge, [Diagnostic]) {
    let sink = DiagnosticSink()
    var knowledge = read(directory, sink: sink)
    _ = Validator.validate(knowledge, into: sink)
    let (guides, guideDiagnostics) = GuideLoader.loadAll(knowledge)
    knowledge.guides = guides
    return (knowledge, sink.diagnostics + knowledge.skippedGuides.flatMap(\.diagnostics) + guideDiagnostics)
  }

  /// Reads the files without validating them (for benchmarks and tools).
  ///
  /// - Parameter directory: The Knowledge/ folder.
  /// - Returns: The knowledge read and the syntax and schema diagnostics.
  public static func readOnly(_ directory: String) -> (Knowledge, [Diagnostic]) {
    let sink = DiagnosticSink()
    let knowledge = read(directory, sink: sink)
    return (knowledge, sink.diagnostics)
  }

  static func path(_ directory: String, _ name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
  }

  /// Reads every file of the folder.
  ///
  /// - Parameters:
  ///   - directory: The Knowledge/ folder.
  ///   - sink: Receives the diagnostics and the fingerprint.
  ///   - deferringRedFlags: When true, redflags.yaml is read (its bytes count in the
  ///     fingerprint) but parsed only when its flags are first needed, and its diagnostics wait
  ///     in `sink.postponed` (`insertPostponed()` puts them in their place). A start with
  ///     validated files never needs them before the welcome; any other load inserts them.
  /// - Returns: The knowledge read.
  static func read(_ directory: String, sink: DiagnosticSink, deferringRedFlags: Bool = false) -> Knowledge {
    var k = Knowledge.empty(directory: directory)
    sink.fingerprint.base = directory
    var isDirectory = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory
    else {
      sink.error("knowledge folder not found", at: SourceLocation(file: directory, line: 1, column: 1))
      return k
    }
    // The red flags (the biggest YAML file) are read now, for the fingerprint. They are parsed
    // on a thread of their own, started first (a new thread takes a few milliseconds to get
    // going), or, when deferred, by whoever first needs them.
    let redFlagsFile = path(directory, "redflags.yaml")
    let redFlagsText = YAMLFile.read(redFlagsFile, regularOnly: true)
    var redFlagsPrint = Fingerprint()
    redFlagsPrint.base = directory
    if case .success(let text) = redFlagsText { redFlagsPrint.add(redFlagsFile, text.utf8) }
    let redFlagsParse = Lazy { parseRedFlags(redFlagsFile, redFlagsText) }
    let redFlagsEarly = deferringRedFlags ? nil : Deferred { redFlagsParse.value }
    withRoot(directory, "sources.yaml", sink) { r in
      k.sources = r.list("sources", what: "source") { readSource($0) }
    }
    withRoot(directory, "groups.yaml", sink) { r in
      k.groups = r.list("groups", what: "group") { g in
        guard let id = g.string("id"), let title = g.string("title") else { return nil }
        return TopicGroup(id: id, title: title, location: g.location)
      }
    }
    // Topics are read on another thread while this one reads the other files, then by both
    // threads (each takes the next file not yet taken); diagnostics and the fingerprint are put
    // together in file order afterwards.
    let topicReading = TopicReading(files: yamlFiles(in: path(directory, "topics"), sink: sink), directory: directory)
    let topicsRead = Deferred { topicReading.work() }
    let rest = DiagnosticSink()
    rest.fingerprint.base = directory
    withRoot(directory, "about.yaml", rest) { r in
      k.version = r.string("version") ?? ""
      k.versionLocation = r.locationOf("version")
    }
    withRoot(directory, "glossary.yaml", rest) { r in
      k.glossary = r.list("terms", what: "glossary term") { readTerm($0) }
    }
    withRoot(directory, "synonyms.yaml", rest) { r in
      k.synonyms = r.list("synonyms", what: "synonym") { s in
        guard let means = s.string("means") else { return nil }
        return Synonym(means: means, phrases: s.strings("phrases").map(\.0), location: s.location)
      }
    }
    withRoot(directory, "doctor-questions.yaml", rest) { r in
      k.doctorQuestions = r.list("themes", what: "question theme") { t in
        guard let id = t.string("id"), let title = t.string("title") else { return nil }
        let questions = t.list("questions", what: "doctor question") { q -> DoctorQuestion? in
          guard let id = q.string("id"), let text = q.string("text") else { return nil }
          let sources = q.strings("sources")
          return DoctorQuestion(
            id: id, text: text, sources: sources.map(\.0),
            locations: locations(q, ["id", "text", "sources"], sources))
        }
        return DoctorQuestionTheme(id: id, title: title, questions: questions, location: t.location)
      }
    }
    withRoot(directory, "regions.yaml", rest) { r in
      k.defaultRegion = r.string("default") ?? "US"
      k.regions = r.list("regions", what: "region") { g in
        guard let id = g.string("id"), let name = g.string("name"), let emergency = g.string("emergency"),
          let crisis = g.string("crisis"), let crisisName = g.string("crisis_name"), let urgent = g.string("urgent"),
          let poison = g.string("poison"), let helpline = g.string("helpline")
        else { return nil }
        let aliases = g.strings("aliases", required: false).map(\.0)
        let reviewed = g.string("reviewed", required: false)
        // sources: one list of ids per number field, so each number is backed by its own source.
        let fieldSources =
          g.mapping("sources", what: "region sources") { m -> [String: [String]] in
            var out: [String: [String]] = [:]
            for field in Region.numberFields { out[field] = m.strings(field).map(\.0) }
            return out
          } ?? [:]
        return Region(
          id: id, name: name, emergency: emergency, crisis: crisis, crisisName: crisisName, urgent: urgent,
          poison: poison, helpline: helpline, aliases: aliases, fieldSources: fieldSources, reviewed: reviewed,
          location: g.location)
      }
    }
    let later = DiagnosticSink()
    later.fingerprint.base = directory
    withRoot(directory, "dose-questions.yaml", later) { r in
      k.doseQuestionPatterns = r.strings("patterns").map(\.0)
      k.doseQuestionExceptions = r.strings("never", required: false).map(\.0)
      k.doseJudgingPatterns = r.strings("with-amount", required: false).map(\.0)
      k.doseAfterRefusalPatterns = r.strings("after-refusal", required: false).map(\.0)
    }
    // Small talk is optional: a knowledge base without it answers every line as a question.
    if FileManager.default.fileExists(atPath: path(directory, "smalltalk.yaml")) {
      withRoot(directory, "smalltalk.yaml", later) { r in
        k.smallTalkFillers = r.strings("fillers", required: false).map(\.0)
        k.smallTalk = r.list("intents", what: "small-talk intent") { readSmallTalk($0) }
      }
    }
    // Phrasings are optional too: without them, every line is ranked as a question.
    if FileManager.default.fileExists(atPath: path(directory, "phrasings.yaml")) {
      withRoot(directory, "phrasings.yaml", later) { r in k.phrasings = readPhrasings(r) }
    }
    withRoot(directory, "slang.yaml", later) { r in
      guard let slang = r.node("slang"), let m = MappingReader.make(slang, file: r.file, what: "slang", sink: later)
      else {
        later.error("slang.yaml needs 'slang:' (what people type: the plain words it means)", at: r.location)
        return
      }
      var entries: [Slang.Entry] = []
      for entry in m.entries() {
        guard let means = entry.value.string else {
          later.error("slang '\(entry.key)' must mean plain words, such as 'kill myself'", at: entry.location)
          continue
        }
        entries.append(Slang.Entry(written: entry.key, means: means))
        k.slangLocations[entry.key] = entry.location
      }
      k.slang = Slang(entries)
    }
    withRoot(directory, "messages.yaml", later) { r in
      for entry in r.entries() {
        if case .scalar(let scalar) = entry.value {
          k.messages[entry.key] = scalar.string
          k.messageLocations[entry.key] = MappingReader.location(of: entry.value, in: r.file)
        } else {
          later.error("message '\(entry.key)' must be text", at: MappingReader.location(of: entry.value, in: r.file))
        }
      }
    }
    withRoot(directory, "answers.yaml", later) { r in
      guard let answers = r.node("answers"),
        let m = MappingReader.make(answers, file: r.file, what: "answers", sink: later)
      else {
        later.error("answers.yaml needs 'answers:' (answer: [words])", at: r.location)
        return
      }
      for entry in m.entries() {
        guard case .sequence(let items) = entry.value else {
          later.error("answer '\(entry.key)' must list words", at: entry.location)
          continue
        }
        k.answerWords[entry.key] = items.compactMap(\.string)
      }
    }
    // The medicine names are optional: a knowledge base without them has no medicine step.
    if FileManager.default.fileExists(atPath: path(directory, "medicines.yaml")) {
      withRoot(directory, "medicines.yaml", later) { r in
        k.medicines = r.list("medicines", what: "medicine") { m in
          guard let name = m.string("name") else { return nil }
          return Medicine(
            name: name, names: m.strings("names", required: false).map(\.0),
            brands: m.strings("brands", required: false).map(\.0), location: m.location)
        }
      }
    }
    for file in yamlFiles(in: path(directory, "checks"), sink: later) {
      guard let root = parse(file, sink: later),
        let r = MappingReader.make(root, file: file, what: "symptom check", sink: later)
      else { continue }
      if let check = readChecklist(r) { k.checklists.append(check) }
      r.finish()
    }
    let guidesFolder = path(directory, "guides")
    if FileManager.default.fileExists(atPath: guidesFolder) {
      for file in yamlFiles(in: guidesFolder, sink: later) {
        switch YAMLFile.read(file, regularOnly: true) {
        case .success(let text):
          later.fingerprint.add(file, Array(text.utf8))
          k.guideFiles.append((file, text))
        case .failure(let problem) where isMainMenu(file):
          later.error(problem.message, at: SourceLocation(file: file, line: 1, column: 1))
        case .failure(let problem):
          // Reported against this guide only.
          k.skippedGuides.append(
            SkippedGuide(
              file: file,
              diagnostics: [Diagnostic(.error, problem.message, at: SourceLocation(file: file, line: 1, column: 1))]))
        }
      }
    }
    topicReading.work()
    // The classifiers' files (most of the bytes) are read here, while the red flags are parsed.
    let nets = DiagnosticSink()
    nets.fingerprint.base = directory
    readNets(directory, into: &k, sink: nets)
    topicsRead.value
    let (topics, topicDiagnostics, topicPrint) = topicReading.results()
    k.redFlagSection = Lazy { redFlagsParse.value.section }
    if let redFlagsEarly {
      sink.append(topicDiagnostics + rest.diagnostics + redFlagsEarly.value.diagnostics)
    } else {
      sink.append(topicDiagnostics + rest.diagnostics)
      sink.postponed = (sink.diagnostics.count, { redFlagsParse.value.diagnostics })
    }
    sink.append(nets.diagnostics + later.diagnostics)
    sink.fingerprint.combine(topicPrint)
    sink.fingerprint.combine(rest.fingerprint)
    sink.fingerprint.combine(redFlagsPrint)
    sink.fingerprint.combine(nets.fingerprint)
    sink.fingerprint.combine(later.fingerprint)
    let groupOrder = Dictionary(k.groups.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    let keyed: [(group: Int, file: String, topic: Topic)] = topics.map { topic in
      (groupOrder[topic.group] ?? Int.max, topic.locations["file"]?.file ?? "", topic)
    }
    k.topics = keyed.sorted { ($0.group, $0.file) < ($1.group, $1.file) }.map(\.topic)
    k.fingerprint = sink.fingerprint.text
    return k
  }

  /// Parses redflags.yaml, read as `text`, with its diagnostics.
  static func parseRedFlags(_ file: String, _ text: Result<String, YAMLReadError>) -> (
    section: RedFlagSection, diagnostics: [Diagnostic]
  ) {
    let rest = DiagnosticSink()
    var k = RedFlagSection()
    let root: YAMLNode?
    switch text {
    case .success(let text): root = YAMLFile.parse(text, file: file, sink: rest)
    case .failure(let problem):
      rest.error(
        problem.message == "file not found" ? "file not found or unreadable" : problem.message,
        at: SourceLocation(file: file, line: 1, column: 1))
      root = nil
    }
    if let root, let r = MappingReader.make(root, file: file, what: "redflags.yaml", sink: rest) {
      k.kinds = r.list("kinds", what: "red-flag kind") { g in
        guard let id = g.string("id"), let label = g.string("label"), let priority = g.int("priority") else {
          return nil
        }
        let level = g.string("level", required: false) ?? "urgent"
        if level != "urgent" && level != "advice" {
          g.sinkError("unknown level '\(level)' (use urgent or advice)", at: g.locationOf("level"))
        }
        let thenAnswer = g.string("then-answer", required: false) ?? "false"
        if thenAnswer != "true" && thenAnswer != "false" {
          g.sinkError("then-answer must be true or false, not '\(thenAnswer)'", at: g.locationOf("then-answer"))
        }
        return RedFlagKind(
          id: id, label: label, priority: priority, urgent: level != "advice",
          replaces: g.strings("replaces", required: false).map(\.0), thenAnswer: thenAnswer == "true",
          location: g.location)
      }
      k.ignore = r.strings("ignore", required: false).map(\.0)
      if let groups = r.node("groups"), let g = MappingReader.make(groups, file: r.file, what: "groups", sink: rest) {
        for entry in g.entries() {
          guard case .sequence(let items) = entry.value else {
            rest.error("group '\(entry.key)' must be a list of words", at: entry.location)
            continue
          }
          k.groups[entry.key] = items.compactMap(\.string)
        }
      }
      k.flags = r.list("flags", what: "red flag") { readFlag($0) }
      r.finish()
    }
    return (k, rest.diagnostics)
  }

  /// Reads the bytes of redflag-net.tsv and topic-net.tsv, when present, into `k`; they are
  /// parsed where they are used, and checked to be UTF-8 by the validator.
  static func readNets(_ directory: String, into k: inout Knowledge, sink: DiagnosticSink) {
    for name in ["redflag-net.tsv", "topic-net.tsv"] {
      let netFile = path(directory, name)
      guard FileManager.default.fileExists(atPath: netFile) else { continue }
      switch YAMLFile.map(netFile) {
      case .success(let file):
        file.withBytes { sink.fingerprint.add(netFile, $0) }
        if name == "topic-net.tsv" { k.topicNetFile = file } else { k.redFlagNetFile = file }
      case .failure(let problem):
        sink.error(problem.message, at: SourceLocation(file: netFile, line: 1, column: 1))
      }
    }
  }

  static func yamlFiles(in folder: String, sink: DiagnosticSink) -> [String] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
      sink.error("folder not found", at: SourceLocation(file: folder, line: 1, column: 1))
      return []
    }
    return names.filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }.sorted().map { path(folder, $0) }
  }

  static func parse(_ file: String, sink: DiagnosticSink) -> YAMLNode? {
    let text: String
    switch YAMLFile.read(file, regularOnly: true) {
    case .success(let read): text = read
    case .failure(let problem):
      sink.error(
        problem.message == "file not found" ? "file not found or unreadable" : problem.message,
        at: SourceLocation(file: file, line: 1, column: 1))
      return nil
    }
    sink.fingerprint.add(file, text.utf8)
    return YAMLFile.parse(text, file: file, sink: sink)
  }

  static func withRoot(_ directory: String, _ name: String, _ sink: DiagnosticSink, _ body: (MappingReader) -> Void) {
    let file = path(directory, name)
    guard let root = parse(file, sink: sink),
      let reader = MappingReader.make(root, file: file, what: name, sink: sink)
    else { return }
    body(reader)
    reader.finish()
  }

  static func locations(
    _ r: MappingReader, _ keys: [String], _ items: [(String, SourceLocation)] = [], prefix: String = "sources",
    more: Int = 0
  ) -> [String: SourceLocation] {
    var out = [String: SourceLocation](minimumCapacity: 1 + keys.count + items.count + more)
    out["file"] = r.location
    for key in keys { out[key] = r.locationOf(key) }
    for (index, item) in items.enumerated() { out["\(prefix).\(index)"] = item.1 }
    return out
  }

  static func readSource(_ r: MappingReader) -> Source? {
    // Every field is read before any is required, so one missing field is one error.
    let (id, short, title, authors) = (r.string("id"), r.string("short"), r.string("title"), r.string("authors"))
    let (year, url, kind) = (r.int("year"), r.string("url"), r.string("kind"))
    let (note, reviewed) = (r.string("note", required: false), r.string("reviewed", required: false))
    guard let id, let short, let title, let authors, let year, let url, let kind else { return nil }
    return Source(
      id: id, short: short, title: title, authors: authors, year: year, url: url, kind: kind,
      note: note, reviewed: reviewed, location: r.location,
      locations: locations(r, ["id", "short", "title", "authors", "year", "url", "reviewed"]))
  }

  static func readTopic(_ r: MappingReader) -> Topic? {
    let id = r.string("id")
    let group = r.string("group")
    let title = r.string("title")
    let answer = r.string("answer")
    let detail = r.string("detail", required: false)
    let asks = r.strings("asks")
    let related = r.strings("related", required: false)
    let sources = r.strings("sources")
    let reviewed = r.string("reviewed")
    guard let id, let group, let title, let answer, let reviewed else { return nil }
    var locs = locations(
      r, ["id", "group", "title", "answer", "detail", "asks", "related", "sources", "reviewed"], sources,
      more: related.count + asks.count)
    for (index, item) in related.enumerated() { locs["related.\(index)"] = item.1 }
    for (index, item) in asks.enumerated() { locs["asks.\(index)"] = item.1 }
    locs["grade-note"] = r.locationOf("grade-note")
    return Topic(
      id: id, group: group, title: title, answer: answer, detail: detail, asks: asks.map(\.0),
      related: related.map(\.0), sources: sources.map(\.0), reviewed: reviewed,
      gradeNote: r.string("grade-note", required: false), locations: locs)
  }

  static func readTerm(_ r: MappingReader) -> GlossaryTerm? {
    guard let id = r.string("id"), let term = r.string("term"), let definition = r.string("definition") else {
      return nil
    }
    let sources = r.strings("sources")
    return GlossaryTerm(
      id: id, term: term, aliases: r.strings("aliases", required: false).map(\.0), definition: definition,
      topic: r.string("topic", required: false), sources: sources.map(\.0),
      gradeNote: r.string("grade-note", required: false),
      locations: locations(r, ["id", "term", "definition", "topic", "sources", "grade-note"], sources))
  }

  static func readPhrasings(_ r: MappingReader) -> Phrasings {
    var p = Phrasings()
    var locations = ["file": r.location]
    func read(_ section: MappingReader, _ key: String, _ name: String, required: Bool = true) -> [String] {
      let items = section.strings(key, required: required)
      locations[name] = section.locationOf(key)
      for (index, item) in items.enumerated() { locations["\(name).\(index)"] = item.1 }
      return items.map(\.0)
    }
    _ = r.mapping("follow-ups", what: "follow-ups") { f in
      p.referring = read(f, "referring", "follow-ups.referring")
      p.continuing = read(f, "continuing", "follow-ups.continuing")
      p.more = read(f, "more", "follow-ups.more")
      p.courtesy = read(f, "courtesy", "follow-ups.courtesy")
      p.askingOnly = read(f, "asking-only", "follow-ups.asking-only")
      p.generalSubject = read(f, "general-subject", "follow-ups.general-subject")
      p.notSubjects = read(f, "not-subjects", "follow-ups.not-subjects")
      return ()
    }
    _ = r.mapping("definitions", what: "definitions") { d in
      p.definitionOpenings = read(d, "openings", "definitions.openings")
      p.definitionEndings = read(d, "endings", "definitions.endings")
      p.definitionFillers = read(d, "fillers", "definitions.fillers")
      return ()
    }
    _ = r.mapping("warning-signs", what: "warning-signs") { w in
      p.warningSigns = read(w, "asks", "warning-signs.asks")
      return ()
    }
    _ = r.mapping("doctor-questions", what: "doctor-questions") { d in
      p.clinicians = read(d, "clinicians", "doctor-questions.clinicians")
      p.asking = read(d, "asking", "doctor-questions.asking")
      p.askingFrames = read(d, "frames", "doctor-questions.frames")
      return ()
    }
    p.generic = read(r, "generic", "generic")
    _ = r.mapping("questions", what: "questions", required: false) { q in
      p.questionOpenings = read(q, "openings", "questions.openings")
      p.questionPhrases = read(q, "phrases", "questions.phrases", required: false)
      p.subjectWords = read(q, "subject-words", "questions.subject-words", required: false)
      return ()
    }
    p.locations = locations
    return p
  }

  static func readSmallTalk(_ r: MappingReader) -> SmallTalkIntent? {
    guard let id = r.string("id"), let reply = r.string("reply") else { return nil }
    let says = r.strings("says")
    let opens = r.strings("opens", required: false)
    let acknowledge = r.string("acknowledge", required: false)
    let patterns = r.strings("patterns", required: false)
    var locs = locations(
      r, ["id", "says", "reply", "opens", "acknowledge", "patterns"], more: says.count + opens.count + patterns.count)
    for (index, item) in says.enumerated() { locs["says.\(index)"] = item.1 }
    for (index, item) in opens.enumerated() { locs["opens.\(index)"] = item.1 }
    for (index, item) in patterns.enumerated() { locs["patterns.\(index)"] = item.1 }
    return SmallTalkIntent(
      id: id, says: says.map(\.0), reply: reply, opens: opens.map(\.0), acknowledge: acknowledge,
      patterns: patterns.map(\.0), locations: locs)
  }

  static func readFlag(_ r: MappingReader) -> RedFlag? {
    guard let id = r.string("id"), let kind = r.string("kind"), let message = r.string("message"),
      let action = r.string("action")
    else { return nil }
    let triggers = r.strings("triggers")
    let examples = r.strings("examples")
    let sources = r.strings("sources")
    let ignore = r.strings("ignore", required: false)
    let unless = r.strings("unless", required: false)
    let reviewed = r.string("reviewed", required: false)
    var locs = locations(
      r, ["id", "kind", "triggers", "examples", "message", "action", "sources", "ignore"], sources,
      more: triggers.count + examples.count + ignore.count + unless.count)
    for (index, item) in triggers.enumerated() { locs["triggers.\(index)"] = item.1 }
    for (index, item) in examples.enumerated() { locs["examples.\(index)"] = item.1 }
    for (index, item) in ignore.enumerated() { locs["ignore.\(index)"] = item.1 }
    for (index, item) in unless.enumerated() { locs["unless.\(index)"] = item.1 }
    return RedFlag(
      id: id, kind: kind, triggers: triggers.map(\.0), ignore: ignore.map(\.0), unless: unless.map(\.0),
      examples: examples.map(\.0), message: message, action: action, sources: sources.map(\.0), reviewed: reviewed,
      locations: locs)
  }

  static func readChecklist(_ r: MappingReader) -> Checklist? {
    let id = r.string("id")
    let title = r.string("title")
    let intro = r.string("intro")
    let note = r.string("note")
    let closing = r.string("closing")
    let items = r.list("items", what: "check item") { readItem($0) }
    let bands = r.list("bands", what: "band") { b -> CheckBand? in
      guard let id = b.string("id"), let min = b.int("min"), let label = b.string("label"), let text = b.string("text")
      else { return nil }
      return CheckBand(
        id: id, min: min, max: b.int("max", required: false), label: label, text: text, location: b.location)
    }
    let peg = r.mapping("peg", what: "peg") { p in (p.strings("items").map(\.0), p.string("text") ?? "") }
    guard let id, let title, let intro, let note, let closing else { return nil }
    return Checklist(
      id: id, title: title, intro: intro, note: note, items: items, bands: bands, pegItems: peg?.0 ?? [],
      pegText: peg?.1 ?? "", closing: closing,
      locations: locations(r, ["id", "title", "intro", "note", "closing", "items", "bands", "peg"]))
  }

  static func readItem(_ r: MappingReader) -> CheckItem? {
    let id = r.string("id")
    let text = r.string("text")
    let answerText = r.string("answer")
    let roleText = r.string("role")
    var points: [String: Int] = [:]
    if let node = r.node("points") {
      if case .mapping(let mapping) = node {
        for pair in mapping {
          if let key = pair.key.string, let value = pair.value.string.flatMap({ Int($0) }) {
            points[key] = value
          } else {
            r.sinkError(
              "each entry of 'points' must be 'answer: number'", at: MappingReader.location(of: pair.key, in: r.file))
          }
        }
      } else {
        r.sinkError(
          "field 'points' must be a mapping such as {yes: 3}", at: MappingReader.location(of: node, in: r.file))
      }
    }
    let when = r.strings("when", required: false).map(\.0)
    let also = r.strings("also", required: false)
    let finding = r.string("finding")
    let short = r.string("short", required: false)
    let rationale = r.string("rationale")
    let followUp = r.string("follow-up", required: false)
    let gradeNote = r.string("grade-note", required: false)
    let sources = r.strings("sources")
    guard let id, let text, let answerText, let roleText, let finding, let rationale else { return nil }
    guard let answer = AnswerKind(rawValue: answerText) else {
      r.sinkError("unknown answer kind '\(answerText)' (use yesno, frequency or scale)", at: r.locationOf("answer"))
      return nil
    }
    guard let role = ItemRole(rawValue: roleText) else {
      r.sinkError("unknown role '\(roleText)' (use sign, elsewhere, context or peg)", at: r.locationOf("role"))
      return nil
    }
    return CheckItem(
      id: id, text: text, answer: answer, role: role, also: also.map(\.0), points: points, when: when, finding: finding,
      short: short, rationale: rationale, followUp: followUp, gradeNote: gradeNote, sources: sources.map(\.0),
      locations: locations(
        r,
        [
          "id", "text", "answer", "role", "also", "points", "when", "finding", "short", "rationale", "follow-up",
          "grade-note", "sources",
        ],
        sources))
  }
}

extension MappingReader {
  func sinkError(_ message: String, at location: SourceLocation) { sinkRef.error(message, at: location) }
}

extension Knowledge {
  /// A knowledge value with nothing in it yet, for the loader to fill.
  static func empty(directory: String) -> Knowledge {
    Knowledge(
      directory: directory, sources: [], groups: [], topics: [], glossary: [], synonyms: [],
      doctorQuestions: [], regions: [], defaultRegion: "US", redFlagSection: Lazy(ready: RedFlagSection()),
      checklists: [], doseQuestionPatterns: [], messages: [:], answerWords: [:], guideFiles: [])
  }
}

/// The topic files, read by two threads at once: each calls `work()`, which reads the next file
/// no thread has taken until none is left. A topic folder is most of the files, so the thread
/// that reads the other files helps with it when done, instead of waiting.
private final class TopicReading: Sendable {
  private typealias FileRead = (topic: Topic?, diagnostics: [Diagnostic], fingerprint: Fingerprint)
  private let files: [String]
  private let directory: String
  /// The next file to take, and for each file what reading it gave.
  private let state: Mutex<(next: Int, read: [FileRead?])>

  init(files: [String], directory: String) {
    self.files = files
    self.directory = directory
    state = Mutex((0, Array(repeating: nil, count: files.count)))
  }

  /// Reads files until every file is taken.
  func work() {
    while let index = take() {
      let file = files[index]
      let sink = DiagnosticSink()
      sink.fingerprint.base = directory
      var topic: Topic?
      if let root = KnowledgeLoader.parse(file, sink: sink),
        let r = MappingReader.make(root, file: file, what: "topic", sink: sink)
      {
        topic = KnowledgeLoader.readTopic(r)
        r.finish()
      }
      let read: FileRead = (topic, sink.diagnostics, sink.fingerprint)
      state.withLock { $0.read[index] = read }
    }
  }

  private func take() -> Int? {
    state.withLock { state in
      guard state.next < files.count else { return nil }
      state.next += 1
      return state.next - 1
    }
  }

  /// The topics, diagnostics and fingerprint of every file, in file order, once every `work()`
  /// call has returned.
  func results() -> ([Topic], [Diagnostic], Fingerprint) {
    state.withLock { state in
      var fingerprint = Fingerprint()
      fingerprint.base = directory
      var topics: [Topic] = []
      var diagnostics: [Diagnostic] = []
      for case let file? in state.read {
        if let topic = file.topic { topics.append(topic) }
        diagnostics += file.diagnostics
        fingerprint.combine(file.fingerprint)
      }
      return (topics, diagnostics, fingerprint)
    }
  }
}
