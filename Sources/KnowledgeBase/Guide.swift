/// A line of text in a guide, with an id so tests and translations can refer to it.
public struct GuideLine: Sendable, Equatable {
  /// The line id, unique within the guide.
  public var id: String
  /// The text; `{variable}` is replaced by the variable's value.
  public var text: String
  /// Where it is.
  public var location: SourceLocation
}

/// A numbered choice in a guide menu or choice question.
public struct GuideOption: Sendable, Equatable {
  /// The label.
  public var line: GuideLine
  /// The node to go to (menus), if any.
  public var go: String?
  /// The value stored (choice questions); defaults to the option's text, normalized.
  public var value: String?
  /// Words that select it besides its number.
  public var words: [String]
}

/// What a guide step asks for.
public enum GuideAskKind: String, Sendable, Equatable, CaseIterable {
  /// Yes, no or not sure.
  case yesno
  /// One of numbered options.
  case choice
  /// A whole number from 0 to 10.
  case scale
  /// Any text.
  case text
}

/// How the answer of a text question is read before it is kept.
public enum GuideFilter: String, Sendable, Equatable, CaseIterable {
  /// Keep only medicine names from Knowledge/medicines.yaml; amounts, strengths and schedules
  /// are left out, with a note saying why.
  case medicineNames = "medicine-names"
}

/// A question a guide asks, whose answer is stored in a variable.
public struct GuideAsk: Sendable, Equatable {
  /// How it is answered.
  public var kind: GuideAskKind
  /// The question.
  public var line: GuideLine
  /// The variable that receives the answer.
  public var into: String
  /// Options of a choice question.
  public var options: [GuideOption]
  /// Example answers that must reach this step (free text), checked by the validator.
  public var examples: [(text: String, location: SourceLocation)]
  /// How a text answer is read before it is kept, if at all specially.
  public var filter: GuideFilter? = nil
  /// Whether the person may skip it ("skip"): the variable then holds `skipped`.
  public var optional = false

  /// Equality ignores example locations.
  public static func == (a: GuideAsk, b: GuideAsk) -> Bool {
    a.kind == b.kind && a.line == b.line && a.into == b.into && a.options == b.options
      && a.examples.map(\.text) == b.examples.map(\.text) && a.filter == b.filter && a.optional == b.optional
  }
}

/// The input a node waits for.
public enum GuideInput: Sendable, Equatable {
  /// A menu of options that go to nodes.
  case choose([GuideOption])
  /// A question stored in a variable.
  case ask(GuideAsk)
  /// Free questions answered from the knowledge base until the person moves on.
  case questions
  /// Browse topics (of one group, or all groups).
  case browse(String?)
}

/// A built-in activity a node runs before going on.
public enum GuideAction: Sendable, Equatable {
  /// Run a symptom check from Knowledge/checks/.
  case check(String)
  /// Let the person pick questions for their prescriber.
  case pick
  /// Show the discussion summary.
  case summary
}

/// Where to go next: the first branch whose condition holds (or has none).
public struct GuideBranch: Sendable, Equatable {
  /// The condition, or nil for "always".
  public var condition: Condition?
  /// The condition's source text.
  public var conditionText: String?
  /// The target node.
  public var target: String
  /// Where it is.
  public var location: SourceLocation
}

/// One node of a guide.
public struct GuideNode: Sendable, Equatable {
  /// Node id.
  public var id: String
  /// Lines to say on entry.
  public var say: [GuideLine]
  /// Topics to show on entry.
  public var show: [(id: String, location: SourceLocation)]
  /// Lines added to the person's summary notes on entry.
  public var note: [GuideLine]
  /// An activity to run.
  public var action: GuideAction?
  /// The input to wait for.
  public var input: GuideInput?
  /// Where to go after input or activity.
  public var next: [GuideBranch]
  /// Whether the session ends here.
  public var end: Bool
  /// Where it is.
  public var location: SourceLocation

  /// Equality ignores topic locations.
  public static func == (a: GuideNode, b: GuideNode) -> Bool {
    a.id == b.id && a.say == b.say && a.show.map(\.id) == b.show.map(\.id) && a.note == b.note
      && a.action == b.action && a.input == b.input && a.next == b.next && a.end == b.end
  }
}

/// A guided session: named nodes interpreted by the conversation engine.
public struct Guide: Sendable, Equatable, Identifiable {
  /// Guide id.
  public var id: String
  /// Title shown in lists.
  public var title: String
  /// The first node.
  public var start: String
  /// Nodes by id.
  public var nodes: [String: GuideNode]
  /// Node ids in file order.
  public var order: [String]
  /// The guide file.
  public var file: String
  /// Where `start` is.
  public var startLocation: SourceLocation

  /// Creates a guide.
  public init(
    id: String, title: String, start: String, nodes: [String: GuideNode], order: [String], file: String,
    startLocation: SourceLocation
  ) {
    self.id = id
    self.title = title
    self.start = start
    self.nodes = nodes
    self.order = order
    self.file = file
    self.startLocation = startLocation
  }

  /// Variables a guide can read without asking: set by the symptom check.
  public static let builtInVariables: Set<String> = ["check_band", "check_score", "peg_score", "check_done"]

  /// Variables whose answer also goes into the person's summary: the pain medicines they named
  /// (`medicines`, which needs `filter: medicine-names`) and what matters most to them at the
  /// visit (`visit_goal`). Both are text questions.
  public static let summaryVariables: Set<String> = ["medicines", "visit_goal"]

  /// The value an optional question stores when the person skips it.
  public static let skippedValue = "skipped"
}
