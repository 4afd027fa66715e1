// libFuzzer harness: the engine's line path, through the program's one run loop. The first byte
// picks the settings (kiosk, region, guide, width, color, a screen height for paging, a person
// at a terminal); the rest is split into lines, each one event through a `SessionRunner` on a
// scripted terminal with the shipped knowledge base: a line, or (alone on a line) \u{1} idle
// timeout, \u{2} Ctrl-C, \u{4} end of input, \u{5} SIGTERM. All terminal output must be free of
// raw control characters; any trap (or hang) is a crash.

import Conversation
import KnowledgeBase
import Summary

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEngine(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  guard let settings = bytes.first else { return 0 }
  let knowledge = Shipped.knowledge
  let region = knowledge.regions[Int(settings >> 1) % knowledge.regions.count].id
  let guides = knowledge.guides.sorted { $0.id < $1.id }
  let guide = guides[Int(settings >> 3) % guides.count].id
  let kiosk = settings & 1 != 0
  let options = Conversation.Options(
    region: region, date: "2026-01-15", guide: guide, kiosk: kiosk, printer: "front-desk",
    interactive: !kiosk && settings & 0x20 != 0)
  let lines = bytes.dropFirst().split(separator: 0x0A, omittingEmptySubsequences: false).map(scriptLine)
  let height = settings & 0x40 != 0 ? 4 + Int(settings >> 4) % 21 : nil
  let engine = runSession(
    knowledge: knowledge, options: options, lines: lines, width: 20 + Int(settings) % 100, height: height,
    color: settings & 4 != 0, choice: settings)
  // The summary in every format renders without trapping.
  for format in SummaryFormat.allCases {
    _ = SummaryRenderer.render(engine.record, knowledge: knowledge, format: format)
  }
  return 0
}
