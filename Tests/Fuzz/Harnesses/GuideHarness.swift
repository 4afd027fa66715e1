// libFuzzer harness: bytes as a guide file in the shipped guides folder (so includes of
// parts/ resolve), loaded and checked as `oih guide validate` does; a guide without errors is
// then run through the program's run loop for a few typical answers. Diagnostics and terminal
// output must be free of raw control characters; any trap or endless loop is a crash.

import Conversation
import KnowledgeBase

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGuide(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
  let knowledge = Shipped.knowledge
  let (loaded, diagnostics) = GuideLoader.load(
    path: Shipped.directory + "/guides/fuzz.yaml", text: text, knowledge: knowledge)
  for diagnostic in diagnostics { requireClean(diagnostic.description, "a diagnostic") }
  guard let guide = loaded, !diagnostics.contains(where: { $0.severity == .error }) else { return 0 }
  for diagnostic in Conversation.checkExamples(
    guide, knowledge: knowledge, index: Shipped.index, safety: Shipped.safety)
  {
    requireClean(diagnostic.description, "a diagnostic")
  }
  var withGuide = knowledge
  withGuide.guides.append(guide)
  runSession(
    knowledge: withGuide, options: Conversation.Options(region: "US", date: "2026-01-15", guide: guide.id),
    guide: guide,
    lines: ["1", "yes", "7", "Sam", "2", "/back", "no", "3", "/menu", "1", "/summary"], width: 60, height: nil,
    color: false,
    choice: UInt8(truncatingIfNeeded: size))
  return 0
}
