import Foundation

/// Turns raw user text into lowercase word tokens that matching and search can compare.
///
/// Apostrophes are dropped ("can't" -> "cant"), other punctuation becomes a space, and common
/// contractions and chat spellings are expanded ("cant" -> "can not", "wanna" -> "want to").
/// Digits are kept so "7/10" and "10%" stay visible to callers that care.
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
    "kms": ["kill", "myself"], "unalive": ["kill"], "ods": ["overdoses"],
    "od": ["overdose"], "oded": ["overdosed"], "odeed": ["overdosed"],
  ]

  /// Splits `text` into normalized tokens.
  ///
  /// - Parameter text: Any user or content text; invalid or control characters are ignored.
  /// - Returns: Lowercase tokens made of letters and digits, with contractions expanded.
  public static func tokens(_ text: String) -> [String] {
    var raw: [String] = []
    var current = ""
    var lowered = text.lowercased()
    // "OD'd", "o.d.", "od'ed" mean overdosed; handled before apostrophes are dropped.
    for variant in ["od'd", "od\u{2019}d", "od'ed", "o.d.'d", "o.d.", "o.d'd"] where lowered.contains(variant) {
      lowered = lowered.replacingOccurrences(of: variant, with: " overdosed ")
    }
    for scalar in lowered.unicodeScalars {
      if scalar == "'" || scalar == "\u{2019}" || scalar == "`" { continue }
      if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
        current.unicodeScalars.append(foldDiacritic(scalar))
      } else {
        if !current.isEmpty { raw.append(current) }
        current = ""
      }
    }
    if !current.isEmpty { raw.append(current) }
    var out: [String] = []
    out.reserveCapacity(raw.count)
    var index = 0
    while index < raw.count {
      let token = raw[index]
      // "my self" -> "myself", "him self" -> "himself"
      if ["my", "him", "her", "them", "your"].contains(token), index + 1 < raw.count,
        raw[index + 1] == "self" || raw[index + 1] == "selves"
      {
        out.append(token + "self")
        index += 2
        continue
      }
      if let expansion = expansions[token] {
        out.append(contentsOf: expansion)
      } else {
        out.append(token)
      }
      index += 1
    }
    return out
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
