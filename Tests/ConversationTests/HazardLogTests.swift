import Foundation
import Testing

/// The hazard log (docs/safety/hazard-log.md) names the tests that prove each control: every one
/// of them must exist, so the log cannot drift from the suite.
@Suite struct HazardLogTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// Every `Suite/testName` written in backticks in the log.
  static func namedTests() throws -> [(suite: String, test: String)] {
    let log = try String(contentsOf: root.appendingPathComponent("docs/safety/hazard-log.md"), encoding: .utf8)
    var out: [(String, String)] = []
    for piece in log.split(separator: "`").enumerated() where piece.offset % 2 == 1 {
      let parts = piece.element.split(separator: "/")
      guard parts.count == 2, parts[0].hasSuffix("Tests"), parts[1].first?.isLowercase == true else { continue }
      out.append((String(parts[0]), String(parts[1])))
    }
    return out
  }

  /// The Swift sources of every test target.
  static func testSources() throws -> String {
    let tests = root.appendingPathComponent("Tests")
    let files = FileManager.default.enumerator(atPath: tests.path)?.compactMap { $0 as? String } ?? []
    return try files.filter { $0.hasSuffix(".swift") }
      .map { try String(contentsOf: tests.appendingPathComponent($0), encoding: .utf8) }
      .joined(separator: "\n")
  }

  @Test func everyTestTheLogNamesExists() throws {
    let named = try Self.namedTests()
    #expect(named.count >= 30)
    let sources = try Self.testSources()
    for (suite, test) in named {
      #expect(sources.contains("struct \(suite)"), "no suite \(suite)")
      #expect(sources.contains("func \(test)("), "no test \(suite)/\(test)")
    }
  }
}
