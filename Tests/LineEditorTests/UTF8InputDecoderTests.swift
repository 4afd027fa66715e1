import Testing

@testable import LineEditor

@Suite struct UTF8InputDecoderTests {
  /// Decodes `bytes`, flushing at the end.
  private func decode(_ bytes: [UInt8]) -> [UInt32] {
    var decoder = UTF8InputDecoder()
    decoder.append(bytes)
    var scalars: [UInt32] = []
    while case .scalar(let value) = decoder.next(flush: true) {
      scalars.append(value)
    }
    return scalars
  }

  @Test(
    arguments: [
      ([0x61], [0x61]),
      ([0xC3, 0xA9], [0xE9]),
      ([0xF0, 0x9F, 0x98, 0x80], [0x1F600]),
      ([0xFF, 0x61], [0xFFFD, 0x61]),
      ([0xC3, 0x28], [0xFFFD, 0x28]),
      ([0xE0, 0x80, 0x80], [0xFFFD, 0xFFFD, 0xFFFD]),
      ([0xED, 0xA0, 0x80], [0xFFFD, 0xFFFD, 0xFFFD]),
      ([0xF0, 0x9F, 0x98], [0xFFFD]),
    ] as [([UInt8], [UInt32])])
  func decodes(bytes: [UInt8], scalars: [UInt32]) {
    #expect(decode(bytes) == scalars)
  }

  @Test func waitsForTheRestOfASequence() {
    var decoder = UTF8InputDecoder()
    decoder.append([0xF0, 0x9F])
    #expect(decoder.next() == .needMore)
    decoder.append([0x98, 0x80, 0x21])
    #expect(decoder.next() == .scalar(0x1F600))
    #expect(decoder.next() == .scalar(0x21))
    #expect(decoder.next() == .needMore)
    #expect(!decoder.hasPendingBytes)
  }
}
