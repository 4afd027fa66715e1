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
