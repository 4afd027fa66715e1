/// Crisis slang from `Knowledge/slang.yaml` ("kms", "unalive", "od ing", "od'd"), spelled out
/// before red flags are matched, so the flags' patterns only need the plain words.
///
/// A key made of plain words ("kms", "od ing") is matched on normalized tokens; a key written with
/// an apostrophe or dots ("od'd", "o.d.") is matched in the typed text before punctuation is
/// dropped (after that, "od'd" would read as "odd").
public struct Slang: Sendable, Equatable {
  /// One entry: what people type, and the plain words it means.
  public struct Entry: Sendable, Equatable {
    /// What people type, lowercase.
    public var written: String
    /// The plain words it stands for.
    public var means: String

    /// Creates an entry.
    public init(written: String, means: String) {
      self.written = written
      self.means = means
    }

    /// Whether `written` is matched in the typed text (it has characters other than words).
    public var isSpelling: Bool { Normalizer.tokens(written).joined(separator: " ") != written.lowercased() }
  }

  /// The entries, in file order.
  public let entries: [Entry]
  /// Spellings matched in the text, as (lowercase text, replacement).
  private let spellings: [(String, String)]
  /// The spellings' bytes by their first byte.
  private let spellingBytes: [UInt8: [[UInt8]]]
  /// Token phrases by their first token, longest first, with the tokens they mean.
  private let phrases: [String: [([String], [String])]]
  /// For each first byte and length (32 and over as 31) of a token, whether some phrase starts
  /// with such a token: most tokens need no dictionary lookup.
  private let phraseStarts: [Bool]

  /// No slang.
  public static let none = Slang([])

  /// Two slang lists are equal when their entries are.
  public static func == (lhs: Slang, rhs: Slang) -> Bool { lhs.entries == rhs.entries }

  /// Prepares `entries` for matching.
  public init(_ entries: [Entry]) {
    self.entries = entries
    var spellings: [(String, String)] = []
    var phrases: [String: [([String], [String])]] = [:]
    for entry in entries {
      let means = Normalizer.tokens(entry.means)
      if entry.isSpelling {
        spellings.append((entry.written.lowercased(), " " + means.joined(separator: " ") + " "))
      } else {
        let words = Normalizer.tokens(entry.written)
        guard let first = words.first else { continue }
        phrases[first, default: []].append((words, means))
      }
    }
    for key in phrases.keys { phrases[key]?.sort { $0.0.count > $1.0.count } }
    var starts = [Bool](repeating: false, count: 256 * 32)
    for key in phrases.keys { starts[Self.startIndex(key)] = true }
    phraseStarts = starts
    self.spellings = spellings
    spellingBytes = Dictionary(grouping: spellings.map { Array($0.0.utf8) }.filter { !$0.isEmpty }, by: { $0[0] })
    self.phrases = phrases
  }

  /// Normalized tokens of `text` with the slang spelled out.
  ///
  /// - Parameter text: What the person typed.
  /// - Returns: The same tokens as `Normalizer.tokens`, slang replaced by its plain words.
  public func tokens(_ text: String) -> [String] {
    var text = text
    // Spellings all have an apostrophe, a dot or a typographic quote; most lines have none.
    if !spellings.isEmpty, text.utf8.contains(where: { $0 == 39 || $0 == 46 || $0 == 0xE2 }),
      Self.bytes(of: &text, containAnyOf: spellingBytes)
    {
      // Lowercasing a pasted page is costly, so only when some spelling is there in any case.
      var lowered = text.lowercased()
      for (written, means) in spellings where Self.bytes(of: &lowered, contain: written) {
        lowered = lowered.replacing(written, with: means)
      }
      text = lowered
    }
    return spellOut(Normalizer.tokens(text))
  }

  /// Whether the UTF-8 bytes of `text`, ASCII letters taken as lowercase, contain one of the
  /// lowercase `needles` (given by their first byte), in one pass over the text.
  static func bytes(of text: inout String, containAnyOf needles: [UInt8: [[UInt8]]]) -> Bool {
    var first = [Bool](repeating: false, count: 256)
    for byte in needles.keys { first[Int(byte)] = true }
    text.makeContiguousUTF8()
    return text.utf8.withContiguousStorageIfAvailable { haystack in
      func fold(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte | 0x20 : byte }
      for start in haystack.indices where first[Int(fold(haystack[start]))] {
        for needle in needles[fold(haystack[start])] ?? [] where start + needle.count <= haystack.count {
          if haystack[start..<(start + needle.count)].elementsEqual(needle, by: { fold($0) == $1 }) { return true }
        }
      }
      return false
    } ?? false
  }

  /// Whether the UTF-8 bytes of `text` contain those of `needle`.
  static func bytes(of text: inout String, contain needle: String) -> Bool {
    text.makeContiguousUTF8()
    var needle = needle
    needle.makeContiguousUTF8()
    return text.utf8.withContiguousStorageIfAvailable { haystack in
      needle.utf8.withContiguousStorageIfAvailable { wanted in
        guard let first = wanted.first, wanted.count <= haystack.count else { return wanted.isEmpty }
        var start = 0
        let last = haystack.count - wanted.count
        while start <= last {
          guard let found = haystack[start...last].firstIndex(of: first) else { return false }
          if haystack[found..<(found + wanted.count)].elementsEqual(wanted) { return true }
          start = found + 1
        }
        return false
      } ?? false
    } ?? false
  }

  /// Where `token` falls in `phraseStarts`.
  private static func startIndex(_ token: String) -> Int {
    Int(token.utf8.first ?? 0) << 5 | min(token.utf8.count, 31)
  }

  /// `tokens` with every slang phrase replaced by its plain words.
  public func spellOut(_ tokens: [String]) -> [String] {
    guard !phrases.isEmpty else { return tokens }
    var out: [String] = []
    out.reserveCapacity(tokens.count)
    var index = 0
    tokens: while index < tokens.count {
      guard phraseStarts[Self.startIndex(tokens[index])] else {
        out.append(tokens[index])
        index += 1
        continue
      }
      for (words, means) in phrases[tokens[index]] ?? []
      where index + words.count <= tokens.count && tokens[index..<(index + words.count)].elementsEqual(words) {
        out += means
        index += words.count
        continue tokens
      }
      out.append(tokens[index])
      index += 1
    }
    return out
  }
}
