// libFuzzer harness: bytes as a guide file in the shipped guides folder (so includes of
// parts/ resolve), loaded and checked as `oih guide validate` does; a guide without errors is
// then run for a few typical answers and rendered. Diagnostics and output must be free of raw
// control characters; any trap or endless loop is a crash.

import Conversation
import KnowledgeBase
import Rendering

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGuide(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
  let knowledge = Shipped.knowledge
  let (loaded, diagnostics) = GuideLoader.load(path: Shipped.directory + "/guides/fuzz.yaml", text: text, knowledge: knowledge)
  for diagnostic in diagnostics { requireClean(diagnostic.description, "a diagnostic") }
  guard let guide = loaded, !diagnostics.contains(where: { $0.severity == .error }) else { return 0 }
  for diagnostic in Conversation.checkExamples(guide, knowledge: knowledge, index: Shipped.index, safety: Shipped.safety) {
    requireClean(diagnostic.description, "a diagnostic")
  }
  var withGuide = knowledge
  withGuide.guides.append(guide)
  var engine = Conversation(
    knowledge: withGuide, index: Shipped.index, safety: Shipped.safety,
    options: Conversation.Options(region: "US", date: "2026-01-15", guide: guide.id), guide: guide)
  let renderer = Renderer(width: 60, color: false, knowledge: withGuide) { _ in "" }
  var choice: UInt8 = UInt8(truncatingIfNeeded: size)
  guard perform(engine.start(), engine: &engine, renderer: renderer, choice: &choice) else { return 0 }
  for line in ["1", "yes", "7", "Sam", "2", "/back", "no", "3", "/menu", "1", "/summary"] {
    guard perform(engine.handle(.line(line)), engine: &engine, renderer: renderer, choice: &choice) else { break }
  }
  return 0
}
