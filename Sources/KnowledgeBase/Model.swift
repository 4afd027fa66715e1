import TextAnalysis

/// A published source that content cites.
public struct Source: Sendable, Equatable, Identifiable {
  /// Stable id, such as `r1`.
  public var id: String
  /// Short form shown after answers, such as "FDA 2023".
  public var short: String
  /// Full title.
  public var title: String
  /// Authors or publisher.
  public var authors: String
  /// Year of publication.
  public var year: Int
  /// Where to read it.
  public var url: String
  /// Guideline, review, study, patient-education or label.
  public var kind: String
  /// Optional reviewer note.
  public var note: String?
  /// When a reviewer last checked it against the document (YYYY-MM-DD).
  public var reviewed: String? = nil
  /// Where it is defined.
  public var location: SourceLocation
  /// Where each field is, by field name.
  public var locations: [String: SourceLocation] = [:]
}

/// A group of topics for browsing.
public struct TopicGroup: Sendable, Equatable, Identifiable {
  /// Stable id, such as `basics`.
  public var id: String
  /// Title shown in menus.
  public var title: String
  /// Where it is defined.
  public var location: SourceLocation
}

/// A question-and-answer entry of the knowledge base.
public struct Topic: Sendable, Equatable, Identifiable {
  /// Stable id; also the file name.
  public var id: String
  /// The group it is browsed under.
  public var group: String
  /// Title, phrased the way a person would ask.
  public var title: String
  /// One to three sentences a person in pain can read.
  public var answer: String
  /// The longer explanation, for "tell me more".
  public var detail: String?
  /// Ways people actually ask about it.
  public var asks: [String]
  /// Ids of related topics.
  public var related: [String]
  /// Ids of cited sources.
  public var sources: [String]
  /// When a clinician last reviewed it (YYYY-MM-DD).
  public var reviewed: String
  /// Why its texts may read above grade 8 (drug names, for example), if they do.
  public var gradeNote: String? = nil
  /// Where each field is, by field name; `file` is the topic file.
  public var locations: [String: SourceLocation]
}

/// A glossary entry.
public struct GlossaryTerm: Sendable, Equatable, Identifiable {
  /// Stable id.
  public var id: String
  /// The term as written.
  public var term: String
  /// Other names.
  public var aliases: [String]
  /// A plain definition.
  public var definition: String
  /// A related topic id.
  public var topic: String?
  /// Cited source ids.
  public var sources: [String]
  /// Date of the last review, YYYY-MM-DD.
  public var reviewed: String? = nil
  /// Why its definition may read above grade 8 (drug names, for example), if it does.
  public var gradeNote: String? = nil
  /// Field locations.
  public var locations: [String: SourceLocation]
}

/// Lay phrases that mean a canonical word, for search ("pain pills" means "opioid").
public struct Synonym: Sendable, Equatable {
  /// The canonical words.
  public var means: String
  /// Phrases people use.
  public var phrases: [String]
  /// Where it is defined.
  public var location: SourceLocation
}

/// How free questions that are not about one topic's subject are recognised: follow-ups,
/// definition questions, requests for the warning signs or the doctor questions
/// (Knowledge/phrasings.yaml). Each phrase is as people type it; the search normalizes them.
public struct Phrasings: Sendable, Equatable {
  /// Words that point back to what was just said ("it", "that").
  public var referring: [String] = []
  /// Openings of a short line that go on from what was said ("what about", "and").
  public var continuing: [String] = []
  /// Whole lines that only ask to go on ("tell me more").
  public var more: [String] = []
  /// Words dropped from the end of a line before it is compared with `more` ("please").
  public var courtesy: [String] = []
  /// Words that say what kind of answer is wanted but not what about ("why", "long").
  public var askingOnly: [String] = []
  /// Words of a topic title that make it about OIH in general; the first is what "it" means
  /// before any topic.
  public var generalSubject: [String] = []
  /// Title words that never name what "it" stands for ("pain", "dose").
  public var notSubjects: [String] = []
  /// Openings of a definition question ("what does", "define").
  public var definitionOpenings: [String] = []
  /// Endings of a definition question ("mean", "stand for").
  public var definitionEndings: [String] = []
  /// Words dropped before the term of a definition question ("the word").
  public var definitionFillers: [String] = []
  /// Requests for the warning signs: each entry's words all appear, in any order ("red flags").
  public var warningSigns: [String] = []
  /// Words for the people a doctor question is for ("doctor", "gp").
  public var clinicians: [String] = []
  /// Words that ask for questions ("ask", "questions").
  public var asking: [String] = []
  /// Phrasings that ask what to ask, whatever else the line holds ("what should i ask").
  public var askingFrames: [String] = []
  /// Words allowed around a warning-signs or doctor-questions request.
  public var generic: [String] = []
  /// First words that make a line a question ("can", "is"), for a question about mixing or
  /// stopping that gets its answer after the alert (a line ending in "?" is one too).
  public var questionOpenings: [String] = []
  /// Phrases that make a line a question wherever they stand ("i take valium and oxy together,
  /// is that a problem"), for the same purpose as `questionOpenings`.
  public var questionPhrases: [String] = []
  /// Words that make a line about this program's subject (pain, medicines, care) besides the
  /// words of topic titles, glossary names, synonyms and medicine names: a line with none of
  /// them, and no word that points back ("it"), is not ranked against the topics ("how do i fix
  /// my wifi" gets "I do not have an answer", not the topic that shares "fix").
  public var subjectWords: [String] = []
  /// Where each list is written (`file`, then keys such as `follow-ups.more`), for messages.
  public var locations: [String: SourceLocation] = [:]

  /// Creates phrasings; every list is empty unless given (nothing is recognised).
  public init() {}
}

/// A kind of small talk ("thanks", "hi", "I'm scared") and the short, warm reply it gets.
public struct SmallTalkIntent: Sendable, Equatable, Identifiable {
  /// Stable id, such as `thanks`.
  public var id: String
  /// Whole lines that mean it, as people type them ("thank you", "is it my fault").
  public var says: [String]
  /// The reply: a short acknowledgement and a next step.
  public var reply: String
  /// Openings of a longer line that carry this feeling ("i am scared that ..."): the line is
  /// answered as a question, after `acknowledge`.
  public var opens: [String] = []
  /// A short acknowledgement shown before the answer to a line that `opens` with this intent.
  public var acknowledge: String?
  /// Phrase patterns (the red-flag pattern language, one phrase each) that make a short line
  /// this intent wherever they occur in it ("is this a robot or a nurse"): for lines about the
  /// program itself, which no topic answers and which people word in endless ways.
  public var patterns: [String] = []
  /// Field locations (`file`, `id`, `reply`, `says.N`, `opens.N`, `patterns.N`, `acknowledge`).
  public var locations: [String: SourceLocation]

  /// The longest line, in words, that a `patterns` entry can make small talk: a longer line is
  /// a question with more in it, and is answered as one.
  public static let patternLineLimit = 10

  /// Creates an intent.
  public init(
    id: String, says: [String], reply: String, opens: [String] = [], acknowledge: String? = nil,
    patterns: [String] = [], locations: [String: SourceLocation]
  ) {
    self.id = id
    self.says = says
    self.reply = reply
    self.opens = opens
    self.acknowledge = acknowledge
    self.patterns = patterns
    self.locations = locations
  }
}

/// A question a person may bring to their prescriber.
public struct DoctorQuestion: Sendable, Equatable, Identifiable {
  /// Stable id.
  public var id: String
  /// The question.
  public var text: String
  /// Cited source ids.
  public var sources: [String]
  /// Date of the last review, YYYY-MM-DD.
  public var reviewed: String? = nil
  /// Field locations.
  public var locations: [String: SourceLocation]
}

/// A theme grouping doctor questions.
public struct DoctorQuestionTheme: Sendable, Equatable, Identifiable {
  /// Stable id.
  public var id: String
  /// Title shown in the picker.
  public var title: String
  /// The questions.
  public var questions: [DoctorQuestion]
  /// Where it is defined.
  public var location: SourceLocation
}

/// Emergency, crisis, same-day, poison and drug-helpline numbers for one region.
public struct Region: Sendable, Equatable, Identifiable {
  /// The fields every region fills, as named in regions.yaml and in `{placeholders}`.
  public static let numberFields = ["emergency", "crisis", "urgent", "poison", "helpline"]

  /// Region code such as `US` or `UK`.
  public var id: String
  /// Name shown to people.
  public var name: String
  /// Emergency number.
  public var emergency: String
  /// Crisis line, as it should be dialled or texted.
  public var crisis: String
  /// The crisis line's name.
  public var crisisName: String
  /// Where to get same-day advice that is not an emergency: a nurse line, or words such as
  /// "your doctor's after-hours line". Never the emergency number.
  public var urgent: String
  /// Poison advice line (or where to go where there is none).
  public var poison: String
  /// Drug and alcohol helpline.
  public var helpline: String
  /// Other words people type for this region ("england", "canada").
  public var aliases: [String]
  /// Cited source ids for each number field (`emergency`, `crisis`, `urgent`, `poison`, `helpline`).
  public var fieldSources: [String: [String]]
  /// Date of the last review, YYYY-MM-DD.
  public var reviewed: String?
  /// Where it is defined.
  public var location: SourceLocation

  /// Creates a region.
  public init(
    id: String, name: String, emergency: String, crisis: String, crisisName: String, urgent: String,
    poison: String = "", helpline: String = "", aliases: [String] = [], fieldSources: [String: [String]] = [:],
    reviewed: String? = nil, location: SourceLocation
  ) {
    self.id = id
    self.name = name
    self.emergency = emergency
    self.crisis = crisis
    self.crisisName = crisisName
    self.urgent = urgent
    self.poison = poison
    self.helpline = helpline
    self.aliases = aliases
    self.fieldSources = fieldSources
    self.reviewed = reviewed
    self.location = location
  }

  /// Every cited source id, in field order, without repeats.
  public var sources: [String] {
    var seen = Set<String>()
    return Self.numberFields.flatMap { fieldSources[$0] ?? [] }.filter { seen.insert($0).inserted }
  }

  /// Whether `text` names this region: its code, name or an alias, in any case.
  public func isNamed(_ text: String) -> Bool {
    let wanted = text.lowercased()
    return ([id, name] + aliases).contains { $0.lowercased() == wanted }
  }

  /// A stand-in for when nobody has chosen a region yet: every field lists the numbers of all
  /// `regions`, so the right one is always on screen.
  ///
  /// - Parameters:
  ///   - regions: The regions of the knowledge base.
  ///   - templates: Texts with a `{list}` placeholder for `emergency`, `crisis`, `crisis_name`,
  ///     `urgent`, `poison`, `helpline` and `region` (the name shown).
  /// - Returns: The combined region, with id `""`.
  public static func unknown(_ regions: [Region], templates: [String: String]) -> Region {
    func list(_ value: (Region) -> String) -> String {
      var order: [String] = []
      var ids: [String: [String]] = [:]
      for region in regions {
        let number = String(value(region).split(separator: "(", maxSplits: 1).first ?? "")
          .trimmingCharacters(in: " ")
        if ids[number] == nil { order.append(number) }
        ids[number, default: []].append(region.id)
      }
      return order.map { "\($0) \(ids[$0, default: []].joined(separator: "/"))" }.joined(separator: ", ")
    }
    func fill(_ field: String, _ listed: String) -> String {
      (templates[field] ?? "{list}").replacing("{list}", with: listed)
    }
    return Region(
      id: "", name: fill("region", regions.map(\.id).joined(separator: ", ")),
      emergency: fill("emergency", list(\.emergency)), crisis: fill("crisis", list(\.crisis)),
      crisisName: fill("crisis_name", ""), urgent: fill("urgent", ""), poison: fill("poison", list(\.poison)),
      helpline: fill("helpline", list(\.helpline)),
      location: regions.first?.location ?? SourceLocation(file: "", line: 1, column: 1))
  }

  /// Replaces `{emergency}`, `{crisis}`, `{crisis_name}`, `{urgent}`, `{poison}`, `{helpline}`
  /// and `{region}` in `text`. Other text in braces is left as it is.
  public func fill(_ text: String) -> String {
    guard text.utf8.contains(UInt8(ascii: "{")) else { return text }
    var out = ""
    var rest = text[...]
    while let open = rest.firstIndex(of: "{") {
      out += rest[..<open]
      let start = rest.index(after: open)
      if let close = rest[start...].firstIndex(of: "}"), let value = placeholder(rest[start..<close]) {
        out += value
        rest = rest[rest.index(after: close)...]
      } else {
        out += "{"
        rest = rest[start...]
      }
    }
    out += rest
    return out
  }

  /// The names `fill(_:)` replaces.
  public static let placeholders: Set<String> = [
    "emergency", "crisis_name", "crisis", "urgent", "poison", "helpline", "region",
  ]

  /// The value of a placeholder name such as `crisis`, or `nil` for an unknown name.
  func placeholder(_ name: Substring) -> String? {
    switch name {
    case "emergency": return emergency
    case "crisis_name": return crisisName
    case "crisis": return crisis
    case "urgent": return urgent
    case "poison": return poison
    case "helpline": return helpline
    case "region": return self.name
    default: return nil
    }
  }
}

extension String {
  /// The string without leading and trailing copies of `character`.
  func trimmingCharacters(in character: Character) -> String {
    var view = Substring(self)
    while view.first == character { view.removeFirst() }
    while view.last == character { view.removeLast() }
    return String(view)
  }
}

/// A kind of red flag, with the heading its alerts carry.
public struct RedFlagKind: Sendable, Equatable, Identifiable {
  /// Stable id such as `overdose`.
  public var id: String
  /// Heading shown on the alert, such as "POSSIBLE OVERDOSE".
  public var label: String
  /// Place in the order alerts are shown: 1 is the most urgent. Unique per kind.
  public var priority: Int
  /// Whether its alerts are urgent (`level: urgent`) or calm safety advice (`level: advice`).
  public var urgent: Bool
  /// Kinds whose alerts this kind replaces when both fire on a line (a short course after
  /// surgery replaces the "do not stop suddenly" warning).
  public var replaces: [String]
  /// Whether a line that raises only alerts of answering kinds is also answered as a question,
  /// after its alerts (`then-answer: true`: "can I have a beer with my oxy?" gets the mixing
  /// alert, then the topic on alcohol). Never for an acute danger, which needs action first.
  public var thenAnswer: Bool = false
  /// Where it is defined.
  public var location: SourceLocation

  /// Creates a kind.
  public init(
    id: String, label: String, priority: Int, urgent: Bool = true, replaces: [String] = [], thenAnswer: Bool = false,
    location: SourceLocation
  ) {
    self.id = id
    self.label = label
    self.priority = priority
    self.urgent = urgent
    self.replaces = replaces
    self.thenAnswer = thenAnswer
    self.location = location
  }
}

/// A red flag: phrases that mean a possible crisis, and what to tell the person.
public struct RedFlag: Sendable, Equatable, Identifiable {
  /// Stable id.
  public var id: String
  /// Its kind's id.
  public var kind: String
  /// Trigger patterns (see `PhrasePattern`).
  public var triggers: [String]
  /// Patterns masked before matching this flag.
  public var ignore: [String]
  /// Patterns that, when found anywhere in the line, stop this flag (info questions, idioms).
  public var unless: [String] = []
  /// Phrases that must trigger it.
  public var examples: [String]
  /// The alert text, with region placeholders.
  public var message: String
  /// The one-line action recorded in the summary.
  public var action: String
  /// Cited source ids.
  public var sources: [String]
  /// Date of the last review, YYYY-MM-DD.
  public var reviewed: String? = nil
  /// Field locations.
  public var locations: [String: SourceLocation]
}

/// How a symptom-check item is answered.
public enum AnswerKind: String, Sendable, Equatable, CaseIterable {
  /// Yes, no or not sure.
  case yesno
  /// Never, sometimes or often.
  case frequency
  /// A whole number from 0 to 10.
  case scale
}

/// What a symptom-check item contributes.
public enum ItemRole: String, Sendable, Equatable, CaseIterable {
  /// Counts toward the OIH band.
  case sign
  /// Points to another explanation.
  case elsewhere
  /// Background only.
  case context
  /// One of the three PEG items.
  case peg
}

/// One question of the symptom check.
public struct CheckItem: Sendable, Equatable, Identifiable {
  /// Stable id.
  public var id: String
  /// The question.
  public var text: String
  /// How it is answered.
  public var answer: AnswerKind
  /// What it contributes.
  public var role: ItemRole
  /// Answers this item accepts besides those of its kind, such as `not changed` ("my dose has
  /// not changed"): they add no points and are listed apart in the result.
  public var also: [String] = []
  /// Points per answer (sign items).
  public var points: [String: Int]
  /// Answers that make the finding apply (elsewhere and context items).
  public var when: [String]
  /// The line shown in the result when it counts or applies.
  public var finding: String
  /// A label of at most `CheckItem.shortLimit` characters for the summary's table of answers,
  /// such as "Worse after dose went up"; nil falls back to the question.
  public var short: String? = nil
  /// Why this item and weight.
  public var rationale: String
  /// Said right after an answer that makes the finding apply (and again in the result), with
  /// region placeholders such as `{crisis}`.
  public var followUp: String? = nil
  /// Why its texts may read above grade 8 (drug names, for example), if they do.
  public var gradeNote: String? = nil
  /// Cited source ids.
  public var sources: [String]
  /// Date of the last review, YYYY-MM-DD.
  public var reviewed: String? = nil
  /// Field locations.
  public var locations: [String: SourceLocation]
}

extension CheckItem {
  /// The longest `short` label: two labels and their answers fit side by side in 80 columns.
  public static let shortLimit = 26

  /// The label the summary's table of answers shows: `short`, or else the question.
  public var label: String { short ?? text }
}

/// A pain medicine the "which pain medicines do you take?" step recognizes (medicines.yaml).
/// Names only: the list never holds an amount, a strength or a schedule.
public struct Medicine: Sendable, Equatable {
  /// The generic name, lowercase, such as `oxycodone`.
  public var name: String
  /// Other generic names, shown as the person typed them (`paracetamol` for acetaminophen).
  public var names: [String]
  /// Brand names as they are written (`OxyContin`), shown with the generic name.
  public var brands: [String]
  /// Where it is defined.
  public var location: SourceLocation

  /// Creates a medicine.
  public init(name: String, names: [String] = [], brands: [String] = [], location: SourceLocation) {
    self.name = name
    self.names = names
    self.brands = brands
    self.location = location
  }
}

/// A score band of the symptom check.
public struct CheckBand: Sendable, Equatable, Identifiable {
  /// Stable id.
  public var id: String
  /// Lowest score in the band.
  public var min: Int
  /// Highest score, or nil for the last band.
  public var max: Int?
  /// Plain label, such as "some signs that fit OIH".
  public var label: String
  /// What the band means.
  public var text: String
  /// Where it is defined.
  public var location: SourceLocation
}

/// The symptom check: items, bands and the PEG scale.
public struct Checklist: Sendable, Equatable, Identifiable {
  /// Stable id.
  public var id: String
  /// Title.
  public var title: String
  /// Shown before the first item.
  public var intro: String
  /// States that weights and bands are expert judgement.
  public var note: String
  /// The items, in order.
  public var items: [CheckItem]
  /// The bands, lowest first.
  public var bands: [CheckBand]
  /// Ids of the three PEG items.
  public var pegItems: [String]
  /// Explains the PEG score.
  public var pegText: String
  /// Shown after the result.
  public var closing: String
  /// Field locations.
  public var locations: [String: SourceLocation]
}

/// The whole knowledge base, loaded and validated.
public struct Knowledge: Sendable {
  /// Where it was loaded from.
  public var directory: String
  /// Sources by id order of the file.
  public var sources: [Source]
  /// Topic groups.
  public var groups: [TopicGroup]
  /// Topics, sorted by group order then file name.
  public var topics: [Topic]
  /// Glossary terms.
  public var glossary: [GlossaryTerm]
  /// Lay-term synonyms.
  public var synonyms: [Synonym]
  /// Doctor question themes.
  public var doctorQuestions: [DoctorQuestionTheme]
  /// Regions with their numbers.
  public var regions: [Region]
  /// The default region id.
  public var defaultRegion: String
  /// What redflags.yaml holds. With validated files it is parsed when first needed (by the
  /// thread that builds the red-flag matcher, after the welcome shows): see `Lazy`.
  var redFlagSection: Lazy<RedFlagSection>
  /// Red-flag kinds.
  public var redFlagKinds: [RedFlagKind] {
    get { redFlagSection.value.kinds }
    set { changeRedFlags { $0.kinds = newValue } }
  }
  /// Phrases masked before any red-flag matching.
  public var redFlagIgnore: [String] {
    get { redFlagSection.value.ignore }
    set { changeRedFlags { $0.ignore = newValue } }
  }
  /// Named word groups usable as `@name` in red-flag patterns.
  public var redFlagGroups: [String: [String]] {
    get { redFlagSection.value.groups }
    set { changeRedFlags { $0.groups = newValue } }
  }
  /// Red flags.
  public var redFlags: [RedFlag] {
    get { redFlagSection.value.flags }
    set { changeRedFlags { $0.flags = newValue } }
  }

  /// Changes this value's red flags only: copies of the knowledge keep theirs.
  private mutating func changeRedFlags(_ change: (inout RedFlagSection) -> Void) {
    var section = redFlagSection.value
    change(&section)
    redFlagSection = Lazy(ready: section)
  }
  /// Symptom checks by id.
  public var checklists: [Checklist]
  /// Patterns that mark a question as asking for a dose, amount or schedule.
  public var doseQuestionPatterns: [String]
  /// Words that mean a question is not a dose question, whatever else it asks ("narcan": a
  /// bystander's naloxone question is answered, never sent to the prescriber).
  public var doseQuestionExceptions: [String] = []
  /// Patterns that, in a line that names an amount ("is 60mg a day high"), ask to judge it: the
  /// line asks for a dose, not only mentions one (`with-amount:` in dose-questions.yaml).
  public var doseJudgingPatterns: [String] = []
  /// Patterns that, right after a dose refusal, ask for the amount anyway ("just a ballpark",
  /// "why not", "per week?"): the refusal again (`after-refusal:` in dose-questions.yaml).
  public var doseAfterRefusalPatterns: [String] = []
  /// Small talk and its replies (Knowledge/smalltalk.yaml; empty when the file is absent).
  public var smallTalk: [SmallTalkIntent] = []
  /// Words dropped before a line is compared with small talk ("so", "very", "much").
  public var smallTalkFillers: [String] = []
  /// How follow-ups, definitions and requests for lists are phrased (phrasings.yaml; empty
  /// when the file is absent).
  public var phrasings = Phrasings()
  /// The red-flag net file (redflag-net.tsv, optional): the matcher parses it (`RedFlagNet`)
  /// while it compiles, off the start-up path.
  public var redFlagNetFile: NetFile?
  /// The topic classifier of the search (topic-net.tsv), if the folder has one: parsed by the
  /// search index (`LinearTextModel`); the validator checks it.
  public var topicNetFile: NetFile?
  /// The class of the topic classifier for lines no topic answers (off-subject, or a subject
  /// the topics do not cover); every other class is a topic id.
  public static let noAnswerClass = "none"
  /// The class of the topic classifier for small talk (feelings, reactions to an answer) that
  /// no `says` line or pattern of smalltalk.yaml matches; such a line gets the reply of the
  /// intent `classifiedSmallTalkIntent`.
  public static let smallTalkClass = "smalltalk"
  /// The small-talk intent whose reply a line gets when the topic classifier reads it as small talk.
  public static let classifiedSmallTalkIntent = "heard"
  /// Crisis slang spelled out before red flags are matched (slang.yaml).
  public var slang: Slang = .none
  /// Where each slang entry is written, by its key.
  public var slangLocations: [String: SourceLocation] = [:]
  /// Interface texts by id.
  public var messages: [String: String]
  /// Where each message is defined.
  public var messageLocations: [String: SourceLocation] = [:]
  /// Accepted answer words, by canonical answer ("yes" -> ["y", "yeah", ...]).
  public var answerWords: [String: [String]]
  /// Pain medicine names (medicines.yaml, optional): what `filter: medicine-names` keeps.
  public var medicines: [Medicine] = []
  /// Guides in guides/, parsed and checked.
  public var guides: [Guide] = []
  /// Guide files found in guides/, as (path, text).
  public var guideFiles: [(path: String, text: String)]
  /// Guides left out because they have errors (the program runs the others; `oih knowledge
  /// validate` reports them as errors).
  public var skippedGuides: [SkippedGuide] = []
  /// A fingerprint of every file read (names and bytes): equal fingerprints mean equal files.
  public var fingerprint = ""
  /// The knowledge base's version from about.yaml: the date this set of files was released.
  public var version = ""
  /// Where `version` is written in about.yaml.
  public var versionLocation: SourceLocation?

  /// The newest `reviewed` date of any topic (YYYY-MM-DD), or nil when there are no topics.
  public var lastReviewed: String? { topics.map(\.reviewed).max() }

  /// The knowledge base's version and last review, as `oih --version` shows them:
  /// "knowledge 2026-12-02 (last reviewed 2026-11-27)".
  public var versionSummary: String {
    let name = "knowledge " + (version.isEmpty ? "of unknown version" : version)
    return lastReviewed.map { "\(name) (last reviewed \($0))" } ?? name
  }

  /// The source with this id.
  public func source(_ id: String) -> Source? { sources.first { $0.id == id } }
  /// The topic with this id.
  public func topic(_ id: String) -> Topic? { topics.first { $0.id == id } }
  /// The region with this id (case-insensitive).
  public func region(_ id: String) -> Region? { regions.first { $0.id.lowercased() == id.lowercased() } }

  /// The region with id `id`, or, when there is none (nobody chose one yet), a stand-in that
  /// lists the numbers of every region (`Region.unknown`), worded by the `region.all.*` messages.
  ///
  /// - Parameter id: A region id, or `nil` or `""` when none was chosen.
  /// - Returns: The region to fill texts with.
  public func regionOrAll(_ id: String?) -> Region {
    if let id, let found = region(id) { return found }
    let keys: [(String, MessageKey)] = [
      ("region", .regionAllName), ("emergency", .regionAllEmergency), ("crisis", .regionAllCrisis),
      ("crisis_name", .regionAllCrisisName), ("urgent", .regionAllUrgent), ("poison", .regionAllPoison),
      ("helpline", .regionAllHelpline),
    ]
    return Region.unknown(regions, templates: Dictionary(uniqueKeysWithValues: keys.map { ($0.0, text($0.1)) }))
  }
  /// The doctor question with this id.
  public func doctorQuestion(_ id: String) -> DoctorQuestion? {
    for theme in doctorQuestions { if let q = theme.questions.first(where: { $0.id == id }) { return q } }
    return nil
  }
  /// The interface text with this id, or a visible marker when it is missing.
  public func message(_ id: String) -> String { messages[id] ?? "[missing message \(id)]" }
  /// The interface text for `key`.
  public func text(_ key: MessageKey) -> String { message(key.rawValue) }
  /// The guide with this id.
  public func guide(_ id: String) -> Guide? { guides.first { $0.id == id } }
  /// The symptom check with this id.
  public func checklist(_ id: String) -> Checklist? { checklists.first { $0.id == id } }
  /// The red-flag kind with this id.
  public func redFlagKind(_ id: String) -> RedFlagKind? { redFlagKinds.first { $0.id == id } }
  /// Short citation forms for source ids, skipping unknown ids.
  public func shortSources(_ ids: [String]) -> [String] { ids.compactMap { source($0)?.short } }
}

/// A guide file left out because it has errors: one broken guide stops only itself.
public struct SkippedGuide: Sendable, Equatable {
  /// The guide file.
  public var file: String
  /// Its errors (and warnings), with file:line:column.
  public var diagnostics: [Diagnostic]

  /// Creates the record of a skipped guide.
  public init(file: String, diagnostics: [Diagnostic]) {
    self.file = file
    self.diagnostics = diagnostics
  }
}

/// A classifier's file (redflag-net.tsv or topic-net.tsv) as read: its bytes, parsed where the
/// classifier is built, off the start-up path. At start the file is mapped into memory, not
/// copied: the fingerprint reads its pages straight from the page cache, and nothing makes its
/// 3.6 MB into a `String` (the validator checks that it is UTF-8).
public struct NetFile: Sendable {
  /// The file's path.
  public var path: String
  private let storage: Storage

  private enum Storage: Sendable {
    case array([UInt8])
    case mapped(MappedBytes)
  }

  /// A file read or made in memory (tests, benchmarks).
  public init(path: String, bytes: [UInt8]) {
    self.path = path
    storage = .array(bytes)
  }

  /// A file made in memory from text.
  public init(path: String, text: String) {
    self.init(path: path, bytes: Array(text.utf8))
  }

  init(path: String, mapped: MappedBytes) {
    self.path = path
    storage = .mapped(mapped)
  }

  /// Calls `body` with the file's bytes, valid only during the call.
  public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    switch storage {
    case .array(let bytes): return try bytes.withUnsafeBufferPointer(body)
    case .mapped(let mapped): return try body(mapped.buffer)
    }
  }
}

/// What redflags.yaml holds: the kinds, the file-wide ignore phrases, the word groups and the
/// flags.
public struct RedFlagSection: Sendable {
  /// Red-flag kinds.
  public var kinds: [RedFlagKind] = []
  /// Phrases masked before any red-flag matching.
  public var ignore: [String] = []
  /// Named word groups usable as `@name` in red-flag patterns.
  public var groups: [String: [String]] = [:]
  /// Red flags.
  public var flags: [RedFlag] = []
}
