// libFuzzer harness: bytes as a topic YAML file, read and checked as the knowledge loader does
// (syntax and limits, schema, dose, reading level, references), then indexed and searched.
// Every diagnostic must be free of raw control characters; any trap is a crash.

import Search

@testable import KnowledgeBase

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKnowledge(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  // The loader refuses files that are not UTF-8 before parsing (YAMLFile.read).
  guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
  let file = Shipped.directory + "/topics/fuzz.yaml"
  let sink = DiagnosticSink()
  if let root = YAMLFile.parse(text, file: file, sink: sink),
    let reader = MappingReader.make(root, file: file, what: "topic", sink: sink)
  {
    if let topic = KnowledgeLoader.readTopic(reader) {
      var knowledge = Shipped.knowledge
      knowledge.topics = [topic]
      knowledge.glossary = []
      Validator(knowledge: knowledge, sink: sink).topics()
      let index = SearchIndex(knowledge: knowledge)
      _ = index.outcome(for: topic.title)
      for ask in topic.asks.prefix(3) { _ = index.search(ask, limit: 3) }
    }
    reader.finish()
  }
  for diagnostic in sink.diagnostics { requireClean(diagnostic.description, "a diagnostic") }
  return 0
}
