/// A phrase pattern from the knowledge base, such as `not|barely breath*`.
///
/// Words separated by spaces are slots; a slot lists alternatives with `|`; a trailing `*` makes an
/// alternative match any word that starts with it; `#` matches any number ("10", "30mg", "2x") and
/// `#5` a plain number of at least 5 ("10", not "2" or "10mg"); `@name` stands for every word of a
/// named group. Slots must appear in order with at most `maximumGap` other words between two
/// slots.
///
/// This type is the parsed pattern only. Matching has one implementation, `IndexedPhrase` (compile
/// patterns with a `PatternIndex`, or a `PhraseList` for a few), so the safety matcher and every
/// other use of patterns follow exactly the same rules.
public struct PhrasePattern: Sendable, Equatable, CustomStringConvertible {
  /// One alternative inside a slot.
  public enum Alternative: Sendable, Equatable {
    /// The word itself.
    case word(String)
    /// Any word starting with this prefix.
    case prefix(String)
    /// Any token that starts with a digit (`#` in a pattern).
    case number
    /// A token of digits only whose value is at least this (`#5` in a pattern).
    case numberAtLeast(Int)

    /// Parses one lowercase alternative: `#`, `#5`, `word` or `word*`; `nil` when invalid.
    init?(parsing raw: ArraySlice<UInt8>) {
      if raw.first == 35 {  // "#" or "#5"
        if raw.count == 1 {
          self = .number
          return
        }
        guard let minimum = Self.value(of: String(decoding: raw.dropFirst(), as: UTF8.self)) else { return nil }
        self = .numberAtLeast(minimum)
        return
      }
      let isPrefix = raw.last == 42  // "*"
      let body = isPrefix ? raw.dropLast() : raw
      let parts: [String]
      if !body.isEmpty, body.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) }) {
        // Fast path for plain lowercase words, the common case (group word lists are long).
        let text = String(decoding: body, as: UTF8.self)
        parts = Normalizer.expansion(of: text)
      } else {
        let text = String(decoding: body, as: UTF8.self)
        // Only letters, digits and apostrophes: "?" or "(" would silently mean something else.
        guard text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "'" }) else { return nil }
        // Normalize the alternative like input text, so "can't" in a pattern works.
        parts = Normalizer.tokens(text)
      }
      guard parts.count == 1, let word = parts.first else { return nil }
      self = isPrefix ? .prefix(word) : .word(word)
    }

    /// The value of a token made only of ASCII digits (at most 9 of them), else `nil`.
    static func value(of token: String) -> Int? {
      guard !token.isEmpty, token.utf8.count <= 9, token.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
      return Int(token)
    }
  }

  /// The slots, each a list of alternatives.
  public let slots: [[Alternative]]
  /// The source text of the pattern.
  public let description: String
  /// How many unrelated words may stand between two slots.
  public static let maximumGap = 3

  /// Parses a pattern.
  ///
  /// - Parameters:
  ///   - source: The pattern text.
  ///   - groups: Named word lists; `@name` in a slot stands for all of that group's words.
  /// - Returns: `nil` when the pattern is empty, names an unknown group, or a slot has an empty
  ///   or invalid alternative.
  public init?(_ source: String, groups: [String: [String]] = [:]) {
    self.init(source, groups: PatternGroups(groups))
  }

  /// Parses a pattern against groups parsed once (faster when many patterns share groups).
  ///
  /// - Parameters:
  ///   - source: The pattern text.
  ///   - groups: The parsed word groups.
  /// - Returns: `nil` when the pattern is not valid (see `init(_:groups:)`).
  public init?(_ source: String, groups: PatternGroups) {
    var slots: [[Alternative]] = []
    let bytes = Array(source.lowercased().utf8)
    var alternatives: [Alternative] = []
    var start = 0
    // Walks the bytes once: a space ends a slot, "|" ends an alternative.
    for end in 0...bytes.count {
      let byte: UInt8 = end < bytes.count ? bytes[end] : 32
      guard byte == 32 || byte == 124 else { continue }
      let raw = bytes[start..<end]
      start = end + 1
      if raw.isEmpty && byte == 32 && alternatives.isEmpty { continue }  // repeated spaces
      if raw.first == 64 {  // "@group"
        guard let words = groups.alternatives(named: String(decoding: raw.dropFirst(), as: UTF8.self)) else {
          return nil
        }
        alternatives += words
      } else {
        guard let alternative = Alternative(parsing: raw) else { return nil }
        alternatives.append(alternative)
      }
      if byte == 32 {
        guard !alternatives.isEmpty else { return nil }
        slots.append(alternatives)
        alternatives = []
      }
    }
    guard !slots.isEmpty else { return nil }
    self.slots = slots
    self.description = source
  }

  /// The plain words the pattern mentions (prefixes included), for a spelling vocabulary.
  public var words: [String] {
    slots.flatMap { $0 }.compactMap {
      switch $0 {
      case .word(let w): return w
      case .prefix(let p): return p
      case .number, .numberAtLeast: return nil
      }
    }
  }
}

/// A trigger: one phrase, or several phrases joined by ` & ` that must all occur in the line, in
/// any order ("fever & back pain").
public struct TriggerPattern: Sendable, Equatable, CustomStringConvertible {
  /// The phrases that must all match.
  public let parts: [PhrasePattern]
  /// The source text.
  public let description: String

  /// Parses `source`; nil when any part is invalid.
  public init?(_ source: String, groups: [String: [String]] = [:]) {
    self.init(source, groups: PatternGroups(groups))
  }

  /// Parses `source` against groups parsed once; nil when any part is invalid.
  public init?(_ source: String, groups: PatternGroups) {
    var parts: [PhrasePattern] = []
    for piece in Self.pieces(of: source) {
      guard let part = PhrasePattern(piece, groups: groups) else { return nil }
      parts.append(part)
    }
    guard !parts.isEmpty else { return nil }
    self.parts = parts
    self.description = source
  }

  /// `source` split at every " & ", empty pieces kept.
  static func pieces(of source: String) -> [String] {
    let bytes = Array(source.utf8)
    var pieces: [String] = []
    var start = 0
    var index = 0
    while index + 2 < bytes.count {
      if bytes[index] == 32 && bytes[index + 1] == 38 && bytes[index + 2] == 32 {
        pieces.append(String(decoding: bytes[start..<index], as: UTF8.self))
        index += 3
        start = index
      } else {
        index += 1
      }
    }
    pieces.append(String(decoding: bytes[start...], as: UTF8.self))
    return pieces
  }

  /// The words mentioned, for a spelling vocabulary.
  public var words: [String] { parts.flatMap(\.words) }
}

/// Named word groups for patterns (`@name`), each parsed once into pattern alternatives.
public struct PatternGroups: Sendable {
  private let parsed: [String: [PhrasePattern.Alternative]]

  /// Parses the groups; a group with an invalid word cannot be used (patterns naming it are
  /// invalid).
  ///
  /// - Parameters:
  ///   - groups: Group names and their words.
  ///   - only: The names patterns use (see `names(in:)`); other groups are not parsed.
  public init(_ groups: [String: [String]], only: Set<String>? = nil) {
    var parsed: [String: [PhrasePattern.Alternative]] = [:]
    for (name, words) in groups where only?.contains(name) ?? true {
      var alternatives: [PhrasePattern.Alternative] = []
      var valid = true
      for word in words {
        guard let alternative = PhrasePattern.Alternative(parsing: ArraySlice(word.lowercased().utf8)) else {
          valid = false
          break
        }
        alternatives.append(alternative)
      }
      if valid { parsed[name] = alternatives }
    }
    self.parsed = parsed
  }

  /// The group names that `patterns` mention (`@name`), as patterns look them up (lowercase).
  public static func names(in patterns: [String]) -> Set<String> {
    var names = Set<String>()
    for pattern in patterns where pattern.utf8.contains(64) {
      for piece in pattern.lowercased().split(whereSeparator: { $0 == " " || $0 == "|" }) where piece.hasPrefix("@") {
        names.insert(String(piece.dropFirst()))
      }
    }
    return names
  }

  /// The alternatives of group `name`, or `nil` when there is no such (valid) group.
  func alternatives(named name: String) -> [PhrasePattern.Alternative]? { parsed[name] }
}
