/// A paper size for the printed summary.
///
/// The text is printed at 6 lines per inch. Half an inch of the page height is left for margins,
/// and `SummaryPrinter` (in the Output module) asks CUPS for slightly smaller margins, so a full
/// page always fits with a line to spare.
public enum Paper: String, Sendable, Equatable, CaseIterable {
  /// US Letter, 8.5 by 11 inches: 66 lines at 6 lines per inch, 60 inside the margins.
  case letter
  /// A4, 210 by 297 mm: 70 lines at 6 lines per inch, 64 inside the margins.
  case a4
  /// Not known (no region chosen): laid out to fit both Letter and A4 (the shorter page and the
  /// narrower one), and the printer's own paper is used.
  case either

  /// Lines of text that fit on one page inside the margins.
  public var linesPerPage: Int {
    switch self {
    case .letter: return 60
    case .a4: return 64
    case .either: return 60
    }
  }

  /// The paper's name, as the print log shows it.
  public var mediaName: String {
    switch self {
    case .letter: return "Letter"
    case .a4: return "A4"
    case .either: return "Letter or A4"
    }
  }

  /// The media name to ask CUPS for (`lp -o media=...`), or nil to use the printer's own paper.
  public var cupsMedia: String? {
    switch self {
    case .letter, .a4: return mediaName
    case .either: return nil
    }
  }

  /// The page size the HTML summary asks the browser for (CSS `@page { size: ... }`), or nil to
  /// leave the browser's (and printer's) own paper.
  public var cssSize: String? {
    switch self {
    case .letter: return "letter"
    case .a4: return "A4"
    case .either: return nil
    }
  }

  /// The usual paper of a region: Letter in the United States and Canada, A4 elsewhere, and
  /// either when no region is chosen (a page laid out for both prints whole on the printer's
  /// own paper, where asking for the wrong size can hold the job until someone loads paper).
  ///
  /// - Parameter region: A region id such as `US` or `UK` (any case), or "" when none is chosen.
  /// - Returns: The paper size.
  public static func forRegion(_ region: String) -> Paper {
    switch region.uppercased() {
    case "": return .either
    case "US", "CA", "MX", "PH": return .letter
    default: return .a4
    }
  }
}
