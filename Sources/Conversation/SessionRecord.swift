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

/// A question for the prescriber: one picked from the list, or the person's own words.
public enum QuestionChoice: Sendable, Hashable {
  /// A question from Knowledge/doctor-questions.yaml, by id.
  case listed(String)
  /// The person's own question, as typed.
  case own(String)
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
  /// Questions for the prescriber, picked or their own, in the order chosen, without repeats.
  /// The first `topQuestionCount` are the ones that matter most to the person.
  public var questions: OrderedSet<QuestionChoice> = []
  /// The person's notes (and lines a guide adds).
  public var notes: [String] = []
  /// The pain medicines the person named, as the summary shows them (names only: see
  /// `MedicineNames`).
  public var medicines: [String] = []
  /// What matters most to the person at this visit, in their words.
  public var visitGoal: String?

  /// How many of the chosen questions the summary lists first, as most important.
  public static let topQuestionCount = 5

  /// The ids of the questions picked from the list, in order.
  public var pickedQuestions: [String] {
    questions.compactMap { choice in
      if case .listed(let id) = choice { return id }
      return nil
    }
  }

  /// The person's own questions, in order.
  public var ownQuestions: [String] {
    questions.compactMap { choice in
      if case .own(let text) = choice { return text }
      return nil
    }
  }

  /// Creates an empty record.
  public init(date: String, region: String) {
    self.date = date
    self.region = region
  }

  /// Whether the person did anything the summary would show.
  public var isEmpty: Bool {
    topicsRead.isEmpty && alerts.isEmpty && answers.isEmpty && skipped.isEmpty && questions.isEmpty && notes.isEmpty
      && medicines.isEmpty && visitGoal == nil
  }
}
