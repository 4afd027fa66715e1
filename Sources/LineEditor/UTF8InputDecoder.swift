/// Turns terminal input bytes into Unicode scalars one at a time, replacing invalid bytes with
/// U+FFFD.
///
/// Bytes read ahead of the current key (a paste, a second line) stay buffered for later calls.
struct UTF8InputDecoder {
  /// One decoding step.
  enum Step: Equatable {
    /// A complete scalar value (U+FFFD for an invalid sequence).
    case scalar(UInt32)
    /// The buffer is empty or ends inside a sequence: read more bytes first.
    case needMore
  }

  /// The replacement character.
  static let replacement: UInt32 = 0xFFFD

  private var bytes: [UInt8] = []
  private var start = 0

  /// Whether bytes are buffered (possibly an incomplete sequence).
  var hasPendingBytes: Bool { start < bytes.count }

  /// Adds bytes read from the terminal.
  ///
  /// - Parameter newBytes: The bytes, in arrival order.
  mutating func append<Bytes: Sequence>(_ newBytes: Bytes) where Bytes.Element == UInt8 {
    if start > 0, start == bytes.count {
      bytes.removeAll(keepingCapacity: true)
      start = 0
    } else if start > 4096 {
      bytes.removeFirst(start)
      start = 0
    }
    bytes.append(contentsOf: newBytes)
  }

  /// The next scalar, without taking it.
  func peek() -> Step {
    var copy = self
    return copy.next()
  }

  /// Drops every buffered byte.
  mutating func reset() {
    bytes.removeAll(keepingCapacity: true)
    start = 0
  }

  /// Decodes the next scalar.
  ///
  /// - Parameter flush: `true` when no further byte is coming soon, so an incomplete trailing
  ///   sequence becomes U+FFFD instead of ``Step/needMore``.
  /// - Returns: The next scalar, or ``Step/needMore``.
  mutating func next(flush: Bool = false) -> Step {
    guard start < bytes.count else { return .needMore }
    let lead = bytes[start]
    let length: Int
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch lead {
    case 0x00...0x7F:
      start += 1
      return .scalar(UInt32(lead))
    case 0xC2...0xDF: length = 2
    case 0xE0:
      length = 3
      low = 0xA0
    case 0xED:
      length = 3
      high = 0x9F
    case 0xE1...0xEF: length = 3
    case 0xF0:
      length = 4
      low = 0x90
    case 0xF4:
      length = 4
      high = 0x8F
    case 0xF1...0xF3: length = 4
    default:
      start += 1
      return .scalar(Self.replacement)
    }
    var value = UInt32(lead) & (0xFF >> (length + 1))
    for offset in 1..<length {
      guard start + offset < bytes.count else {
        if flush {
          start += offset
          return .scalar(Self.replacement)
        }
        return .needMore
      }
      let byte = bytes[start + offset]
      let range = offset == 1 ? low...high : 0x80...0xBF
      guard range.contains(byte) else {
        start += offset
        return .scalar(Self.replacement)
      }
      value = value << 6 | UInt32(byte & 0x3F)
    }
    start += length
    return .scalar(value)
  }
}
