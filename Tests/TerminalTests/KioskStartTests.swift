import Foundation
import Testing

/// `oih kiosk` refuses to start on a bad configuration, with file:line:column and exit status 1
/// (issue 17), and the systemd unit does not bring it straight back after a staff exit.
@Suite struct KioskStartTests {
  static func kiosk(_ arguments: [String], config: String? = nil) throws -> (Int32, String) {
    let binary = try #require(InteractiveSessionTests.binary, "oih is not built")
    var arguments = ["kiosk"] + arguments
    var file: URL?
    if let config {
      let url = FileManager.default.temporaryDirectory.appendingPathComponent("oih-kiosk-\(UUID().uuidString).yaml")
      try config.write(to: url, atomically: true, encoding: .utf8)
      file = url
      arguments += ["--config", url.path]
    }
    defer { if let file { try? FileManager.default.removeItem(at: file) } }
    let (status, text) = try StartupPathTests.run(binary, arguments)
    return (status, file.map { text.replacingOccurrences(of: $0.path, with: "kiosk.yaml") } ?? text)
  }

  static let refused = "oih kiosk did not start: fix the configuration and start it again.\n"

  @Test func aMissingConfigFileIsAnError() throws {
    let (status, text) = try Self.kiosk(["--config", "/no/such/kiosk.yaml"])
    #expect(status == 1)
    #expect(text == "/no/such/kiosk.yaml:1:1: error: file not found\n" + Self.refused)
  }

  @Test(arguments: [
    (
      "idle-timeout: -5\n",
      "kiosk.yaml:1:15: error: 'idle-timeout' must be a whole number of seconds, at least 10 (found '-5')"
    ),
    ("countdown: 1\n", "kiosk.yaml:1:12: error: 'countdown' must be a whole number of seconds, at least 5 (found '1')"),
    (
      "idle-timout: 120\n",
      "kiosk.yaml:1:1: error: unknown key 'idle-timout' (use countdown, idle-timeout, knowledge, large, pickup, printer, region, staff-exit)"
    ),
    ("region: XX\n", "kiosk.yaml:1:9: error: unknown region 'XX' (use US, CA, UK, IE, AU, NZ, EU)"),
    (
      "staff-exit: \"1\"\n",
      "kiosk.yaml:1:13: error: the staff exit phrase '1' is a number people type as an answer: choose a phrase of several words that only staff know"
    ),
    (
      "staff-exit: learn\n",
      "kiosk.yaml:1:13: error: the staff exit phrase 'learn' is a menu choice ('Learn what OIH is'): choose a phrase of several words that only staff know"
    ),
  ])
  func aBadSettingStopsItWithItsPlace(config: String, expected: String) throws {
    let (status, text) = try Self.kiosk([], config: config)
    #expect(status == 1)
    #expect(text == expected + "\n" + Self.refused)
  }

  @Test func aStaffExitOnTheCommandLineIsCheckedToo() throws {
    let (status, text) = try Self.kiosk(["--config", "/dev/null", "--staff-exit", "/done"])
    #expect(status == 1)
    #expect(text.hasPrefix("error: --staff-exit: the staff exit phrase '/done' is a command people type"))
  }

  @Test func tooShortTimesOnTheCommandLineAreRefused() throws {
    let (idle, idleText) = try Self.kiosk(["--config", "/dev/null", "--idle-timeout", "5"])
    #expect(idle != 0)
    #expect(idleText.contains("--idle-timeout must be a whole number of seconds, at least 10 (found '5')"))
    let (countdown, countdownText) = try Self.kiosk(["--config", "/dev/null", "--countdown", "0"])
    #expect(countdown != 0)
    #expect(countdownText.contains("--countdown must be a whole number of seconds, at least 5 (found '0')"))
  }

  @Test func theUnitRestartsOnlyAfterAFailure() throws {
    let unit = try String(
      contentsOf: StartupPathTests.root.appendingPathComponent("docs/kiosk/oih-kiosk.service"), encoding: .utf8)
    let settings = unit.split(separator: "\n").filter { !$0.hasPrefix("#") }
    #expect(settings.contains("Restart=on-failure"))
    #expect(!settings.contains("Restart=always"), "a staff exit (status 0) would bring the kiosk straight back")
    #expect(settings.contains("RestartPreventExitStatus=1 64"), "a configuration error would restart in a loop")
  }
}
