/// Numbers the distinct tokens of a long text in order of first appearance.
///
/// A pasted page repeats its words, so the costly work per token (spelling correction, pattern
/// lookups) is done once per distinct token. Swift's `Dictionary` hashes each key with SipHash,
/// which costs more than the rest of the safety check on a 1 MB line (measured with perf:
/// about a fifth of the time); this table hashes the bytes with FNV-1a instead. Keys are
/// attacker-controlled, so a long chain only costs comparisons, never correctness.
public struct TokenNumbering: Sendable {
  /// The distinct tokens, by number.
  public private(set) var distinct: [String] = []
  private var slots: [Int32]
  private var mask: Int

  /// An empty numbering sized for about `expected` distinct tokens.
  public init(expected: Int = 1024) {
    var size = 64
    while size < expected * 2 { size <<= 1 }
    slots = [Int32](repeating: -1, count: size)
    mask = size - 1
  }

  /// The number of `token`, given a new number when it was not seen before.
  public mutating func number(_ token: String) -> Int32 {
    var slot = Self.hash(token) & mask
    while true {
      let found = slots[slot]
      if found < 0 { break }
      if distinct[Int(found)] == token { return found }
      slot = (slot + 1) & mask
    }
    let number = Int32(distinct.count)
    slots[slot] = number
    distinct.append(token)
    if distinct.count * 2 > slots.count { grow() }
    return number
  }

  /// The number of `token`, or `nil` when it was never numbered.
  public func lookup(_ token: String) -> Int32? {
    var slot = Self.hash(token) & mask
    while true {
      let found = slots[slot]
      if found < 0 { return nil }
      if distinct[Int(found)] == token { return found }
      slot = (slot + 1) & mask
    }
  }

  /// FNV-1a of the token's UTF-8 bytes, folded.
  private static func hash(_ token: String) -> Int {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in token.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return Int(truncatingIfNeeded: hash ^ (hash >> 29))
  }

  private mutating func grow() {
    slots = [Int32](repeating: -1, count: slots.count * 2)
    mask = slots.count - 1
    for (number, token) in distinct.enumerated() {
      var slot = Self.hash(token) & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(number)
    }
  }
}
