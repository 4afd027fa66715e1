/// A paper size for the plain-text summary.
///
/// The text is printed at 6 lines per inch. Half an inch of the page height is left for margins,
/// and `SummaryPrinter` (in the Output module) asks CUPS for slightly smaller margins, so a full
/// page always fits with a line to spare.
public enum Paper: String, Sendable, Equatable, CaseIterable {
  /// US Letter, 8.5 by 11 inches: 66 lines at 6 lines per inch, 60 inside the margins.
  case letter
  /// A4, 210 by 297 mm: 70 lines at 6 lines per inch, 64 inside the margins.
  case a4

  /// Lines of text that fit on one page inside the margins.
  public var linesPerPage: Int {
    switch self {
    case .letter: return 60
    case .a4: return 64
    }
  }

  /// The media name CUPS knows the size by (for `lp -o media=...`).
  public var mediaName: String {
    switch self {
    case .letter: return "Letter"
    case .a4: return "A4"
    }
  }

  /// The usual paper of a region: Letter in the United States and Canada, A4 elsewhere.
  ///
  /// - Parameter region: A region id such as `US` or `UK` (any case).
  /// - Returns: The paper size.
  public static func forRegion(_ region: String) -> Paper {
    switch region.uppercased() {
    case "US", "CA", "MX", "PH": return .letter
    default: return .a4
    }
  }
}
