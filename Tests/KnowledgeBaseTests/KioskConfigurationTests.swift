import Foundation
import KnowledgeBase
import Testing

/// The kiosk configuration is checked strictly: every mistake is an error with
/// file:line:column, and the kiosk does not start (issue 17).
@Suite struct KioskConfigurationTests {
  static func errors(_ text: String) -> [String] {
    let (config, diagnostics) = KioskConfiguration.parse(text, file: "kiosk.yaml")
    if config != nil && !diagnostics.isEmpty { return ["settings returned despite errors"] }
    return diagnostics.map(\.description)
  }

  @Test func aFullFileIsRead() throws {
    let text = """
      # comment
      idle-timeout: 120
      countdown: 30
      region: UK
      printer: Front_Desk
      pickup: at the front desk
      large: true
      staff-exit: "staff exit 4417"
      knowledge: /usr/local/share/oih/Knowledge

      """
    let (config, diagnostics) = KioskConfiguration.parse(text, file: "kiosk.yaml")
    #expect(diagnostics.isEmpty)
    let c = try #require(config)
    #expect(c.idleTimeout == 120 && c.countdown == 30 && c.region == "UK" && c.printer == "Front_Desk")
    #expect(c.pickup == "at the front desk" && c.large == true && c.staffExit == "staff exit 4417")
    #expect(c.knowledge == "/usr/local/share/oih/Knowledge")
    #expect(c.locations["region"] == SourceLocation(file: "kiosk.yaml", line: 4, column: 9))
  }

  @Test(arguments: ["", "\n", "# only a comment\n"])
  func anEmptyFileMeansTheDefaults(text: String) {
    let (config, diagnostics) = KioskConfiguration.parse(text, file: "kiosk.yaml")
    #expect(config == KioskConfiguration())
    #expect(diagnostics.isEmpty)
  }

  @Test(arguments: [
    (
      "idle-timeout: -5\n",
      "kiosk.yaml:1:15: error: 'idle-timeout' must be a whole number of seconds, at least 10 (found '-5')"
    ),
    (
      "idle-timeout: 0\n",
      "kiosk.yaml:1:15: error: 'idle-timeout' must be a whole number of seconds, at least 10 (found '0')"
    ),
    (
      "idle-timeout: 9\n",
      "kiosk.yaml:1:15: error: 'idle-timeout' must be a whole number of seconds, at least 10 (found '9')"
    ),
    (
      "idle-timeout: two minutes\n",
      "kiosk.yaml:1:15: error: 'idle-timeout' must be a whole number of seconds, at least 10 (found 'two minutes')"
    ),
    ("countdown: 4\n", "kiosk.yaml:1:12: error: 'countdown' must be a whole number of seconds, at least 5 (found '4')"),
    ("large: maybe\n", "kiosk.yaml:1:8: error: 'large' must be true or false (found 'maybe')"),
    (
      "idle-timout: 120\n",
      "kiosk.yaml:1:1: error: unknown key 'idle-timout' (use countdown, idle-timeout, knowledge, large, pickup, printer, region, staff-exit)"
    ),
    ("region: [UK, US]\n", "kiosk.yaml:1:9: error: 'region' must be a single value, not a list or mapping"),
    ("printer:\n", "kiosk.yaml:1:9: error: 'printer' is empty: give a value or remove the line"),
    (
      "staff-exit: \"\"\n",
      "kiosk.yaml:1:13: error: 'staff-exit' is empty: choose a phrase that only staff know, or remove the line"
    ),
    (
      "staff-exit: CHANGE-THIS-PHRASE\n",
      "kiosk.yaml:1:13: error: 'staff-exit' is still the example phrase: choose a phrase that only staff know"
    ),
    (
      "idle-timeout: [\n",
      "kiosk.yaml:2:1: error: YAML syntax: while parsing a flow node did not find expected node content"
    ),
    ("- a\n- b\n", "kiosk.yaml:1:1: error: expected a mapping (key: value lines) for the kiosk configuration"),
  ])
  func aMistakeIsAnErrorWithItsPlace(text: String, expected: String) {
    #expect(Self.errors(text) == [expected])
  }

  @Test func everyMistakeIsReported() {
    #expect(Self.errors("idle-timeout: 1\ncountdown: 1\ncolour: red\n").count == 3)
  }

  /// The shipped /etc/oih/kiosk.yaml starts a kiosk as installed (the package test runs it);
  /// its staff exit line, once uncommented, is refused until staff put their own phrase there.
  @Test func theShippedExampleStartsAndItsExamplePhraseIsRefused() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let path = root.appendingPathComponent("docs/kiosk/kiosk.yaml").path
    let (config, diagnostics) = KioskConfiguration.load(path: path)
    #expect(diagnostics.isEmpty)
    #expect(config?.idleTimeout == 120)
    #expect(config?.staffExit == nil)

    let text = try String(contentsOfFile: path, encoding: .utf8)
    let uncommented = text.replacingOccurrences(of: "# staff-exit:", with: "staff-exit:")
    let (refused, problems) = KioskConfiguration.parse(uncommented, file: path)
    #expect(refused == nil)
    #expect(
      problems.map(\.message) == ["'staff-exit' is still the example phrase: choose a phrase that only staff know"])

    let changed = uncommented.replacingOccurrences(of: "choose your own phrase", with: "our own phrase 2291")
    let (accepted, none) = KioskConfiguration.parse(changed, file: path)
    #expect(none.isEmpty)
    #expect(accepted?.staffExit == "our own phrase 2291")
  }

  @Test func aMissingFileIsAnError() {
    let (config, diagnostics) = KioskConfiguration.load(path: "/no/such/kiosk.yaml")
    #expect(config == nil)
    #expect(diagnostics.map(\.description) == ["/no/such/kiosk.yaml:1:1: error: file not found"])
  }

  @Test func deepNestingIsAnErrorNotACrash() {
    let text = "region: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
    #expect(
      Self.errors(text) == ["kiosk.yaml:1:72: error: nesting too deep (more than 64 levels of lists and mappings)"])
  }
}
