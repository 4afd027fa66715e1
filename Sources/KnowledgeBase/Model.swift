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
  /// Where it is defined.
  public var location: SourceLocation
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

/// A question a person may bring to their prescriber.
public struct DoctorQuestion: Sendable, Equatable, Identifiable {
  /// Stable id.
  public var id: String
  /// The question.
  public var text: String
  /// Cited source ids.
  public var sources: [String]
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

/// Emergency and crisis numbers for one region.
public struct Region: Sendable, Equatable, Identifiable {
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
  /// An urgent non-emergency line, if any.
  public var urgent: String
  /// Cited source ids.
  public var sources: [String]
  /// Where it is defined.
  public var location: SourceLocation

  /// Creates a region.
  public init(id: String, name: String, emergency: String, crisis: String, crisisName: String, urgent: String, sources: [String], location: SourceLocation) {
    self.id = id
    self.name = name
    self.emergency = emergency
    self.crisis = crisis
    self.crisisName = crisisName
    self.urgent = urgent
    self.sources = sources
    self.location = location
  }

  /// Replaces `{emergency}`, `{crisis}`, `{crisis_name}`, `{urgent}` and `{region}` in `text`.
  /// Other text in braces is left as it is.
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

  /// The value of a placeholder name such as `crisis`, or `nil` for an unknown name.
  func placeholder(_ name: Substring) -> String? {
    switch name {
    case "emergency": return emergency
    case "crisis_name": return crisisName
    case "crisis": return crisis
    case "urgent": return urgent.isEmpty ? emergency : urgent
    case "region": return self.name
    default: return nil
    }
  }
}

/// A kind of red flag, with the heading its alerts carry.
public struct RedFlagKind: Sendable, Equatable, Identifiable {
  /// Stable id such as `overdose`.
  public var id: String
  /// Heading shown on the alert, such as "POSSIBLE OVERDOSE".
  public var label: String
  /// Where it is defined.
  public var location: SourceLocation
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
  /// Points per answer (sign items).
  public var points: [String: Int]
  /// Answers that make the finding apply (elsewhere and context items).
  public var when: [String]
  /// The line shown in the result when it counts or applies.
  public var finding: String
  /// Why this item and weight.
  public var rationale: String
  /// Cited source ids.
  public var sources: [String]
  /// Field locations.
  public var locations: [String: SourceLocation]
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
  /// Red-flag kinds.
  public var redFlagKinds: [RedFlagKind]
  /// Phrases masked before any red-flag matching.
  public var redFlagIgnore: [String]
  /// Named word groups usable as `@name` in red-flag patterns.
  public var redFlagGroups: [String: [String]] = [:]
  /// Red flags.
  public var redFlags: [RedFlag]
  /// Symptom checks by id.
  public var checklists: [Checklist]
  /// Patterns that mark a question as asking for a dose, amount or schedule.
  public var doseQuestionPatterns: [String]
  /// Interface texts by id.
  public var messages: [String: String]
  /// Where each message is defined.
  public var messageLocations: [String: SourceLocation] = [:]
  /// Accepted answer words, by canonical answer ("yes" -> ["y", "yeah", ...]).
  public var answerWords: [String: [String]]
  /// Guides in guides/, parsed and checked.
  public var guides: [Guide] = []
  /// Guide files found in guides/, as (path, text).
  public var guideFiles: [(path: String, text: String)]
  /// Guides left out because they have errors (the program runs the others; `oih knowledge
  /// validate` reports them as errors).
  public var skippedGuides: [SkippedGuide] = []
  /// A fingerprint of every file read (names and bytes): equal fingerprints mean equal files.
  public var fingerprint = ""

  /// The source with this id.
  public func source(_ id: String) -> Source? { sources.first { $0.id == id } }
  /// The topic with this id.
  public func topic(_ id: String) -> Topic? { topics.first { $0.id == id } }
  /// The region with this id (case-insensitive).
  public func region(_ id: String) -> Region? { regions.first { $0.id.lowercased() == id.lowercased() } }
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
