/// Turns raw user text into lowercase word tokens that matching and search can compare.
///
/// Apostrophes are dropped ("can't" -> "cant"), other punctuation becomes a space, and common
/// contractions and chat spellings are expanded ("cant" -> "can not", "cant he" -> "can he not",
/// "wanna" -> "want to",
/// "rn" -> "right now", "w/" -> "with"). Digits are kept so "7/10" and "10%" stay visible to
/// callers that care. Crisis slang ("kms", "od'd") is clinical vocabulary, not English: it lives
/// in Knowledge/slang.yaml and `Slang` spells it out for the red-flag matcher.
public enum Normalizer {
  /// Expansions applied to single tokens after punctuation is removed.
  static let expansions: [String: [String]] = [
    "cant": ["can", "not"], "cannot": ["can", "not"], "wont": ["will", "not"],
    "dont": ["do", "not"], "doesnt": ["does", "not"], "didnt": ["did", "not"],
    "isnt": ["is", "not"], "wasnt": ["was", "not"], "arent": ["are", "not"],
    "werent": ["were", "not"], "havent": ["have", "not"], "hasnt": ["has", "not"],
    "hadnt": ["had", "not"], "couldnt": ["could", "not"], "wouldnt": ["would", "not"],
    "shouldnt": ["should", "not"], "aint": ["is", "not"], "nt": ["not"],
    "im": ["i", "am"], "ive": ["i", "have"],
    "hes": ["he", "is"], "shes": ["she", "is"], "theyre": ["they", "are"],
    "youre": ["you", "are"], "thats": ["that", "is"],
    "whats": ["what", "is"], "its": ["it", "is"], "theres": ["there", "is"],
    "wanna": ["want", "to"], "gonna": ["going", "to"], "gotta": ["got", "to"],
    "u": ["you"], "ur": ["your"], "r": ["are"], "pls": ["please"], "plz": ["please"],
    "b4": ["before"], "2day": ["today"], "2nite": ["tonight"], "tmrw": ["tomorrow"],
    "gona": ["going", "to"], "gunna": ["going", "to"], "finna": ["going", "to"],
    "wana": ["want", "to"], "tryna": ["trying", "to"], "imma": ["i", "am", "going", "to"],
    "ima": ["i", "am", "going", "to"], "idk": ["i", "do", "not", "know"],
    "cnt": ["can", "not"], "dnt": ["do", "not"],
    "whos": ["who", "is"], "rn": ["right", "now"], "w": ["with"],
    "tmr": ["tomorrow"], "tmw": ["tomorrow"], "2moro": ["tomorrow"], "2morrow": ["tomorrow"],
    "tonite": ["tonight"], "2night": ["tonight"], "ppl": ["people"],
    "wat": ["what"], "wot": ["what"], "wut": ["what"], "wht": ["what"], "abt": ["about"], "cuz": ["because"],
    "coz": ["because"], "bc": ["because"], "bcos": ["because"], "thru": ["through"], "tho": ["though"],
    "yrs": ["years"], "yr": ["year"], "hrs": ["hours"], "hr": ["hour"], "mins": ["minutes"], "wks": ["weeks"],
    "wk": ["week"], "mths": ["months"], "mnths": ["months"],
  ]

  /// The length of the longest word in `expansions`: longer words need no lookup.
  static let longestExpansion = expansions.keys.map(\.utf8.count).max() ?? 0

  /// For each pair of first two bytes (one byte: second is 0), whether some word of
  /// `expansions` starts with it: most words need no dictionary lookup at all.
  static let expansionStarts: [Bool] = {
    var starts = [Bool](repeating: false, count: 65_536)
    for key in expansions.keys { starts[startIndex(key)] = true }
    return starts
  }()

  static func startIndex(_ word: String) -> Int {
    var bytes = word.utf8.makeIterator()
    let first = Int(bytes.next() ?? 0)
    let second = Int(bytes.next() ?? 0)
    return first << 8 | second
  }

  /// For each length, first and last byte (folded to 16 bits), whether some word of
  /// `expansions` has that shape: "is", "it", "have" and "the" pass the first-bytes check but
  /// not this one, so a pasted page is spared a dictionary lookup for most of its words.
  static let expansionShapes: [Bool] = {
    var shapes = [Bool](repeating: false, count: 65_536)
    for key in expansions.keys { shapes[shapeIndex(key)] = true }
    return shapes
  }()

  static func shapeIndex(_ word: String) -> Int {
    let bytes = word.utf8
    return min(bytes.count, 15) << 12 | Int((bytes.first ?? 0) & 0x3f) << 6 | Int((bytes.last ?? 0) & 0x3f)
  }

  /// Whether `token` may be a word of `expansions`.
  static func mayExpand(_ token: String) -> Bool {
    expansionStarts[startIndex(token)] && expansionShapes[shapeIndex(token)]
  }

  /// Pronouns that move before "not" when they follow a negative contraction ("cant he").
  static let subjectPronouns: Set<String> = ["i", "you", "we", "they", "he", "she", "it"]

  /// Splits `text` into normalized tokens.
  ///
  /// - Parameter text: Any user or content text; invalid or control characters are ignored.
  /// - Returns: Lowercase tokens made of letters and digits, with contractions expanded.
  public static func tokens(_ text: String) -> [String] {
    // One plain lowercase word (group word lists are long): only the expansions apply.
    if !text.isEmpty, text.utf8.count <= 32, text.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) })
    {
      return expansion(of: text)
    }
    var text = text
    text.makeContiguousUTF8()
    if let words = text.utf8.withContiguousStorageIfAvailable({ asciiWords($0) }), let words {
      return expand(words)
    }
    if text.utf8.count > 4096, let words = text.utf8.withContiguousStorageIfAvailable({ segmentedWords($0) }) {
      return expand(words)
    }
    return expand(unicodeWords(text))
  }

  /// The raw words of a long text with some non-ASCII characters, read in pieces that end at a
  /// space: each ASCII piece takes the fast path, so one typographic dash does not send a pasted
  /// page down the slow one. A space always ends a word, so the words are the same.
  static func segmentedWords(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
    var raw: [String] = []
    var start = 0
    while start < bytes.count {
      var end = min(bytes.count, start + 2048)
      while end < bytes.count && bytes[end] != 32 { end += 1 }
      let piece = UnsafeBufferPointer(rebasing: bytes[start..<end])
      raw += asciiWords(piece) ?? unicodeWords(String(decoding: piece, as: UTF8.self))
      start = end
    }
    return raw
  }

  /// The raw words of an ASCII text, or `nil` when the text has other characters (handled by
  /// `unicodeWords`). Same result as `unicodeWords`, without building a lowercased copy or
  /// walking Unicode scalars.
  static func asciiWords(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
    var raw: [String] = []
    var word: [UInt8] = []
    word.reserveCapacity(32)
    let count = bytes.count
    var index = 0
    while index < count {
      var byte = bytes[index]
      if byte >= 0x80 { return nil }
      if byte >= 65 && byte <= 90 { byte += 32 }
      if (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) {
        word.append(byte)
      } else if byte != 39 && byte != 96 {  // apostrophes and backticks are dropped inside words
        if !word.isEmpty {
          raw.append(String(decoding: word, as: UTF8.self))
          word.removeAll(keepingCapacity: true)
        }
      }
      index += 1
    }
    if !word.isEmpty { raw.append(String(decoding: word, as: UTF8.self)) }
    return raw
  }

  /// The raw words of any text: lowercased, accents folded.
  static func unicodeWords(_ text: String) -> [String] {
    var raw: [String] = []
    var current = ""
    for scalar in TextFolding.fold(text).lowercased().unicodeScalars {
      if scalar == "'" || scalar == "\u{2019}" || scalar == "`" { continue }
      let isWordScalar =
        scalar.isASCII
        ? (scalar.value >= 97 && scalar.value <= 122) || (scalar.value >= 48 && scalar.value <= 57)
          || (scalar.value >= 65 && scalar.value <= 90)
        : scalar.properties.isAlphabetic
      if isWordScalar {
        current.unicodeScalars.append(foldDiacritic(scalar))
      } else {
        if !current.isEmpty { raw.append(current) }
        current = ""
      }
    }
    if !current.isEmpty { raw.append(current) }
    return raw
  }

  /// Joins split words and expands contractions and chat spellings.
  static func expand(_ raw: [String]) -> [String] {
    var out: [String] = []
    out.reserveCapacity(raw.count)
    var index = 0
    while index < raw.count {
      let token = raw[index]
      // "my self" -> "myself", "him self" -> "himself"
      if token.utf8.count <= 4,
        token == "my" || token == "him" || token == "her" || token == "them" || token == "your", index + 1 < raw.count,
        raw[index + 1] == "self" || raw[index + 1] == "selves"
      {
        out.append(token + "self")
        index += 2
        continue
      }
      // "4yo" -> "4 yo", "2yrs" -> "2 years": a number run into its unit of age or time.
      if let first = token.utf8.first, first >= 48 && first <= 57 {
        out += expansion(of: token)
        index += 1
        continue
      }
      // "shouldnt you" -> "should you not", as in "should you not stop"
      guard token.utf8.count <= longestExpansion, mayExpand(token), let expansion = expansions[token] else {
        out.append(token)
        index += 1
        continue
      }
      if expansion.count == 2, expansion[1] == "not", index + 1 < raw.count, subjectPronouns.contains(raw[index + 1]) {
        out += [expansion[0], raw[index + 1], "not"]
        index += 2
        continue
      }
      out.append(contentsOf: expansion)
      index += 1
    }
    return out
  }

  /// Units of age and time that people run into the number before them ("my 4yo", "18mths").
  static let timeUnits: Set<String> = [
    "yo", "yos", "yr", "yrs", "year", "years", "mo", "mos", "mth", "mths", "mnth", "mnths", "month", "months",
    "wk", "wks", "week", "weeks", "day", "days",
  ]

  /// What one raw word becomes on its own: its expansion ("cant" -> "can not"), its number and
  /// unit ("4yo" -> "4 yo"), or itself. `expand` applies the same rules to a run of words.
  ///
  /// - Parameter word: One raw word: lowercase letters and digits.
  /// - Returns: Its tokens.
  public static func expansion(of word: String) -> [String] {
    if word.utf8.count <= longestExpansion, mayExpand(word), let expansion = expansions[word] { return expansion }
    if let first = word.utf8.first, first >= 48 && first <= 57, let (number, unit) = splitUnit(word) {
      return [number] + (expansions[unit] ?? [unit])
    }
    return [word]
  }

  /// The number and the unit of a token such as "4yo" or "18mths", or nil for any other token.
  static func splitUnit(_ token: String) -> (String, String)? {
    let bytes = Array(token.utf8)
    guard let split = bytes.firstIndex(where: { $0 < 48 || $0 > 57 }), split > 0 else { return nil }
    let unit = String(decoding: bytes[split...], as: UTF8.self)
    guard timeUnits.contains(unit) else { return nil }
    return (String(decoding: bytes[..<split], as: UTF8.self), unit)
  }

  /// Maps common accented Latin letters to their plain form so "café" matches "cafe".
  static func foldDiacritic(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    switch scalar {
    case "à", "á", "â", "ã", "ä", "å": return "a"
    case "è", "é", "ê", "ë": return "e"
    case "ì", "í", "î", "ï": return "i"
    case "ò", "ó", "ô", "õ", "ö": return "o"
    case "ù", "ú", "û", "ü": return "u"
    case "ñ": return "n"
    case "ç": return "c"
    default: return scalar
    }
  }
}
