/// The knowledge base as plain entries with stable field names, for `oih knowledge export --json`.
///
/// Every entry has: id, kind, title, answer, detail, asks, related, sources.
public enum KnowledgeExport {
  /// One entry; fields that do not apply are empty.
  public struct Entry: Sendable, Equatable, Codable {
    /// The entry's id.
    public var id: String
    /// topic, glossary, red-flag, doctor-question, check-item or source.
    public var kind: String
    /// Title, term, label or theme.
    public var title: String
    /// The main text.
    public var answer: String
    /// The longer text, action, rationale or address.
    public var detail: String = ""
    /// Example questions, aliases or examples.
    public var asks: [String] = []
    /// Related topic ids.
    public var related: [String] = []
    /// Source ids.
    public var sources: [String] = []
  }

  /// All entries: topics, glossary terms, red flags, doctor questions, check items, sources.
  public static func entries(_ k: Knowledge) -> [Entry] {
    var out: [Entry] = []
    for t in k.topics {
      out.append(
        Entry(
          id: t.id, kind: "topic", title: t.title, answer: t.answer, detail: t.detail ?? "", asks: t.asks,
          related: t.related, sources: t.sources))
    }
    for g in k.glossary {
      out.append(
        Entry(
          id: g.id, kind: "glossary", title: g.term, answer: g.definition, asks: g.aliases,
          related: g.topic.map { [$0] } ?? [], sources: g.sources))
    }
    for f in k.redFlags {
      out.append(
        Entry(
          id: f.id, kind: "red-flag", title: k.redFlagKind(f.kind)?.label ?? f.kind, answer: f.message,
          detail: f.action,
          asks: f.examples, sources: f.sources))
    }
    for theme in k.doctorQuestions {
      for q in theme.questions {
        out.append(Entry(id: q.id, kind: "doctor-question", title: theme.title, answer: q.text, sources: q.sources))
      }
    }
    for c in k.checklists {
      for i in c.items {
        out.append(
          Entry(id: i.id, kind: "check-item", title: c.title, answer: i.text, detail: i.rationale, sources: i.sources))
      }
    }
    for s in k.sources { out.append(Entry(id: s.id, kind: "source", title: s.title, answer: s.short, detail: s.url)) }
    return out
  }
}
