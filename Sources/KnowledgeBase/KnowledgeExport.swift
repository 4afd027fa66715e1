/// The knowledge base as plain entries with stable field names, for `oih knowledge export --json`.
///
/// Every entry has: id, kind, title, answer, detail, asks, related, sources.
public enum KnowledgeExport {
  /// All entries: topics, glossary terms, red flags, doctor questions, check items, sources.
  public static func entries(_ k: Knowledge) -> [[String: any Sendable]] {
    func entry(_ id: String, _ kind: String, _ title: String, _ answer: String, _ detail: String = "", asks: [String] = [], related: [String] = [], sources: [String] = []) -> [String: any Sendable] {
      ["id": id, "kind": kind, "title": title, "answer": answer, "detail": detail, "asks": asks, "related": related, "sources": sources]
    }
    var out: [[String: any Sendable]] = []
    for t in k.topics { out.append(entry(t.id, "topic", t.title, t.answer, t.detail ?? "", asks: t.asks, related: t.related, sources: t.sources)) }
    for g in k.glossary { out.append(entry(g.id, "glossary", g.term, g.definition, asks: g.aliases, related: g.topic.map { [$0] } ?? [], sources: g.sources)) }
    for f in k.redFlags { out.append(entry(f.id, "red-flag", k.redFlagKind(f.kind)?.label ?? f.kind, f.message, f.action, asks: f.examples, sources: f.sources)) }
    for theme in k.doctorQuestions {
      for q in theme.questions { out.append(entry(q.id, "doctor-question", theme.title, q.text, sources: q.sources)) }
    }
    for c in k.checklists {
      for i in c.items { out.append(entry(i.id, "check-item", c.title, i.text, i.rationale, sources: i.sources)) }
    }
    for s in k.sources { out.append(entry(s.id, "source", s.title, s.short, s.url)) }
    return out
  }
}
