import Foundation
import Testing

@testable import LineEditor

/// Reads `bytes` through a ``PlainLineReader`` until the end of input.
private func readAll(_ bytes: [UInt8]) throws -> [ReadResult] {
  let path = FileManager.default.temporaryDirectory
    .appendingPathComponent("oih-plain-\(UInt32.random(in: 0...UInt32.max))").path
  try Data(bytes).write(to: URL(fileURLWithPath: path))
  defer { try? FileManager.default.removeItem(atPath: path) }
  let fd = open(path, O_RDONLY)
  try #require(fd >= 0)
  defer { close(fd) }
  let reader = PlainLineReader(fileDescriptor: fd)
  var results: [ReadResult] = []
  while true {
    let result = reader.readLine(prompt: "> ")
    results.append(result)
    if result == .endOfInput || results.count > 10 {
      return results
    }
  }
}

@Suite struct PlainLineReaderTests {
  @Test(arguments: [
    ("a\nb\n", ["a", "b"]),
    ("a\r\nb\r\n", ["a", "b"]),
    ("x\ny", ["x", "y"]),
    ("\n\n", ["", ""]),
    ("", []),
    ("only", ["only"]),
    ("a\rb\n", ["a\rb"]),
  ])
  func splitsLines(input: String, lines: [String]) throws {
    let results = try readAll(Array(input.utf8))
    #expect(results == lines.map(ReadResult.line) + [.endOfInput])
  }

  @Test func keepsNulBytes() throws {
    #expect(try readAll([0x62, 0x00, 0x63, 0x0A]) == [.line("b\u{0}c"), .endOfInput])
  }

  @Test func replacesInvalidUTF8() throws {
    #expect(
      try readAll([0xFF, 0xC3, 0x28, 0x0A, 0xC3, 0xA9, 0x0A])
        == [.line("\u{FFFD}\u{FFFD}("), .line("é"), .endOfInput])
  }

  @Test func readsAMegabyteLine() throws {
    let long = [UInt8](repeating: 0x78, count: 1 << 20)
    let results = try readAll(long + [0x0A] + Array("next".utf8))
    #expect(results.count == 3)
    #expect(results.first == .line(String(repeating: "x", count: 1 << 20)))
    #expect(results.dropFirst().first == .line("next"))
  }

  @Test func staysAtEndOfInput() throws {
    let fd = open("/dev/null", O_RDONLY)
    defer { close(fd) }
    let reader = PlainLineReader(fileDescriptor: fd)
    #expect(reader.readLine(prompt: "") == .endOfInput)
    #expect(reader.readLine(prompt: "") == .endOfInput)
  }
}
