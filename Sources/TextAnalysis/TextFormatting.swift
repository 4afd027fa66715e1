#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// Small text helpers so the program needs only FoundationEssentials, not all of Foundation
// (which, with ICU, adds about 11 MB of memory and milliseconds to every start).

extension StringProtocol {
  /// The text without leading and trailing white space (spaces, tabs, newlines).
  public func trimmingWhitespace() -> String {
    guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else {
      return ""
    }
    return String(self[first...last])
  }

  /// Whether the text is empty or only white space.
  public var isBlank: Bool { allSatisfy(\.isWhitespace) }

  /// The text split at every `separator`, empty pieces kept (like Foundation's
  /// `components(separatedBy:)`).
  public func pieces(separatedBy separator: Character) -> [String] {
    split(separator: separator, maxSplits: Int.max, omittingEmptySubsequences: false).map { String($0) }
  }
}

/// `value` with exactly `places` decimals, rounded as C's printf rounds ("%.1f").
///
/// - Parameters:
///   - value: The number.
///   - places: Digits after the decimal point (0 to 9).
/// - Returns: For example "35.1" for 35.14 and one place.
public func decimalText(_ value: Double, places: Int) -> String {
  let format = "%.\(max(0, min(9, places)))f"
  var buffer = [CChar](repeating: 0, count: 64)
  let count = withVaList([value]) { arguments in
    buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, $0.count, format, arguments) }
  }
  guard count > 0 else { return String(value) }
  return String(decoding: buffer.prefix(min(Int(count), buffer.count - 1)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// Text helpers for showing part of an answer.
public enum TextFormatting {
  /// The first sentence of `text`: up to and including the first ".", "!" or "?" that is followed
  /// by a space or the end (so "e.g." inside a word group and "2.5" are not cut).
  ///
  /// - Parameter text: A paragraph.
  /// - Returns: Its first sentence, or the whole text when it has one sentence.
  public static func firstSentence(of text: String) -> String {
    let trimmed = text.trimmingWhitespace()
    var index = trimmed.startIndex
    while index < trimmed.endIndex {
      let next = trimmed.index(after: index)
      if ".!?".contains(trimmed[index]), next == trimmed.endIndex || trimmed[next] == " " || trimmed[next] == "\n" {
        let before = trimmed[..<index].split(separator: " ").last ?? ""
        // Short forms such as "Dr." or "e.g." do not end a sentence.
        if !["Dr", "e.g", "i.e", "vs", "Mr", "Mrs", "Ms", "St", "etc"].contains(String(before)) {
          return String(trimmed[...index])
        }
      }
      index = next
    }
    return trimmed
  }
}
