import KnowledgeBase
import OrderedCollections

/// A red flag raised during the session, kept until the session ends.
public struct AlertRecord: Sendable, Equatable {
  /// The red flag's id.
  public var flagID: String
  /// Its kind.
  public var kind: String
  /// The heading shown.
  public var label: String
  /// The action advised, with numbers filled in.
  public var action: String
}

/// Everything the summary is made from. It lives in memory only.
public struct SessionRecord: Sendable, Equatable {
  /// The date of the session (YYYY-MM-DD), given to the engine.
  public var date: String
  /// The region id in use.
  public var region: String
  /// Topic ids read, in order, without repeats.
  public var topicsRead: OrderedSet<String> = []
  /// Red flags raised.
  public var alerts: [AlertRecord] = []
  /// Symptom-check answers by item id ("yes", "sometimes", "7").
  public var answers: [String: String] = [:]
  /// Symptom-check items skipped.
  public var skipped: Set<String> = []
  /// The symptom check's id, once started.
  public var checkID: String?
  /// Whether the check was finished.
  public var checkDone = false
  /// Doctor question ids picked, in order, without repeats.
  public var pickedQuestions: OrderedSet<String> = []
  /// The person's own questions for the doctor.
  public var ownQuestions: [String] = []
  /// The person's notes (and lines a guide adds).
  public var notes: [String] = []

  /// Creates an empty record.
  public init(date: String, region: String) {
    self.date = date
    self.region = region
  }

  /// Whether the person did anything the summary would show.
  public var isEmpty: Bool {
    topicsRead.isEmpty && alerts.isEmpty && answers.isEmpty && skipped.isEmpty && pickedQuestions.isEmpty
      && ownQuestions.isEmpty && notes.isEmpty
  }
}
