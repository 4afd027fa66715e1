// libFuzzer harness: the engine's line path. The first byte picks the settings (kiosk, region,
// guide, width, color); the rest is split into lines, each one event through a Conversation on
// the shipped knowledge base: a line, or (alone on a line) \u{1} idle timeout, \u{2} Ctrl-C,
// \u{4} end of input. Every effect is rendered and must be free of raw control characters;
// any trap is a crash.

import Conversation
import KnowledgeBase
import Rendering
import Summary

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEngine(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  guard let settings = bytes.first else { return 0 }
  let knowledge = Shipped.knowledge
  let region = knowledge.regions[Int(settings >> 1) % knowledge.regions.count].id
  let guides = knowledge.guides.sorted { $0.id < $1.id }
  let guide = guides[Int(settings >> 3) % guides.count].id
  var engine = Conversation(
    knowledge: knowledge, index: Shipped.index, safety: Shipped.safety,
    options: Conversation.Options(region: region, date: "2026-01-15", guide: guide, kiosk: settings & 1 != 0, printer: "front-desk"))
  let width = 20 + Int(settings) % 100
  let renderer = Renderer(width: width, color: settings & 4 != 0, knowledge: knowledge) {
    SummaryRenderer.render($0, knowledge: knowledge, format: .text, width: width)
  }
  var choice = settings
  guard perform(engine.start(), engine: &engine, renderer: renderer, choice: &choice) else { return 0 }
  for line in bytes.dropFirst().split(separator: 0x0A, omittingEmptySubsequences: false) {
    let text = String(decoding: line, as: UTF8.self)
    let event: Conversation.Event
    switch text {
    case "\u{1}": event = .idleTimeout
    case "\u{2}": event = .interrupt
    case "\u{4}": event = .endOfInput
    default: event = .line(text)
    }
    guard perform(engine.handle(event), engine: &engine, renderer: renderer, choice: &choice) else { break }
  }
  // The summary in every format renders without trapping.
  for format in SummaryFormat.allCases { _ = SummaryRenderer.render(engine.record, knowledge: knowledge, format: format) }
  return 0
}
