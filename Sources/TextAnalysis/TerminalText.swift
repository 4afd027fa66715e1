/// The one filter between text the program did not write itself and the terminal.
///
/// Every string from the knowledge base (topics, guides, messages, red flags) and every echo of
/// what a person typed passes ``filter(_:keepNewlines:controlsBecomeSpaces:)`` before it is
/// shown; the program's own styling (bold, color, clearing the screen) is added after it. It
/// removes terminal escape sequences (CSI `ESC [`, OSC `ESC ]`, DCS `ESC P`, SOS, PM and APC
/// strings, two- and three-byte `ESC` sequences, and their 8-bit forms such as CSI U+009B) and
/// every C0 and C1 control character, so content can never clear or spoof the screen, set the
/// window title, write the clipboard or ring the bell.
public enum TerminalText {
  /// `text` with escape sequences and control characters removed.
  ///
  /// - Parameters:
  ///   - text: Any text.
  ///   - keepNewlines: Keep line feeds (content); when false they are treated like other
  ///     controls (a typed line).
  ///   - controlsBecomeSpaces: Put a space where a C0 control other than NUL was, so words
  ///     do not run together (a typed line); otherwise controls are simply dropped. Tabs always
  ///     become spaces.
  /// - Returns: Text with no ESC, no C0 control but (when kept) the line feed, no DEL and no C1
  ///   control.
  public static func filter(_ text: String, keepNewlines: Bool = true, controlsBecomeSpaces: Bool = false) -> String {
    filterReporting(text, keepNewlines: keepNewlines, controlsBecomeSpaces: controlsBecomeSpaces).text
  }

  /// Like ``filter(_:keepNewlines:controlsBecomeSpaces:)``, also telling whether anything was
  /// removed.
  public static func filterReporting(
    _ text: String, keepNewlines: Bool = true, controlsBecomeSpaces: Bool = false
  ) -> (text: String, removed: Bool) {
    guard needsFiltering(text, keepNewlines: keepNewlines) else { return (text, false) }
    var out = String.UnicodeScalarView()
    var removed = false
    let scalars = Array(text.unicodeScalars)
    var i = 0
    while i < scalars.count {
      let s = scalars[i]
      let v = s.value
      if v == 0x1B {
        removed = true
        i = skipEscape(scalars, from: i + 1)
        continue
      }
      if v == 0x9B {  // 8-bit CSI
        removed = true
        i = skipControlSequence(scalars, from: i + 1)
        continue
      }
      if v == 0x90 || v == 0x98 || v == 0x9D || v == 0x9E || v == 0x9F {  // 8-bit DCS, SOS, OSC, PM, APC
        removed = true
        i = skipString(scalars, from: i + 1)
        continue
      }
      if v == 0x0A && keepNewlines {
        out.append(s)
      } else if v == 0x09 {
        out.append(" ")
      } else if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) {
        removed = true
        if controlsBecomeSpaces && v < 0x20 && v != 0 { out.append(" ") }
      } else {
        out.append(s)
      }
      i += 1
    }
    return (String(out), removed)
  }

  /// Whether `scalar` is a character the filter removes (tab and, when kept, line feed are not).
  public static func isControl(_ scalar: Unicode.Scalar, keepNewlines: Bool = true) -> Bool {
    let v = scalar.value
    if v == 0x09 || (v == 0x0A && keepNewlines) { return false }
    return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v)
  }

  /// The first control character in `text` that the filter would remove, if any.
  public static func firstControl(in text: String) -> Unicode.Scalar? {
    guard needsFiltering(text, keepNewlines: true) else { return nil }
    return text.unicodeScalars.first { isControl($0) }
  }

  /// A readable name for a control character, such as `U+001B (ESC)`.
  public static func name(of scalar: Unicode.Scalar) -> String {
    let names: [UInt32: String] = [
      0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0A: "LF", 0x0B: "VT", 0x0C: "FF", 0x0D: "CR", 0x1B: "ESC",
      0x7F: "DEL", 0x85: "NEL", 0x9B: "CSI", 0x9C: "ST", 0x9D: "OSC", 0x90: "DCS",
    ]
    var hex = String(scalar.value, radix: 16, uppercase: true)
    while hex.count < 4 { hex = "0" + hex }
    return names[scalar.value].map { "U+\(hex) (\($0))" } ?? "U+\(hex)"
  }

  /// A quick byte pass: most text has no control character at all. Eight bytes are tested at
  /// once (every text of the knowledge base passes here while it loads); only a word that may
  /// hold a control byte is looked at byte by byte.
  static func needsFiltering(_ text: String, keepNewlines: Bool) -> Bool {
    if let found = text.utf8.withContiguousStorageIfAvailable({ needsFiltering(bytes: $0, keepNewlines: keepNewlines) })
    {
      return found
    }
    let bytes = Array(text.utf8)
    return needsFiltering(bytes: bytes, in: 0..<bytes.count, keepNewlines: keepNewlines)
  }

  static func needsFiltering(bytes: UnsafeBufferPointer<UInt8>, keepNewlines: Bool) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let raw = UnsafeRawBufferPointer(bytes)
    var index = 0
    while index + 8 <= bytes.count {
      let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      // Some byte below 0x20, or equal to 0x7F or 0xC2 (the lead byte of a C1 control): each
      // test is exact about whether any byte of the word matches.
      let below = (word &- ones &* 0x20) & ~word & highs
      let delete = word ^ (ones &* 0x7F)
      let lead = word ^ (ones &* 0xC2)
      let suspect = below | ((delete &- ones) & ~delete & highs) | ((lead &- ones) & ~lead & highs)
      if suspect != 0 {
        // Bytes up to the end of this word, and the one after it (a C1 control's second byte).
        let end = Swift.min(index + 9, bytes.count)
        if needsFiltering(bytes: bytes, in: index..<end, keepNewlines: keepNewlines) { return true }
      }
      index += 8
    }
    return needsFiltering(bytes: bytes, in: index..<bytes.count, keepNewlines: keepNewlines)
  }

  /// The byte-by-byte test on `range` of `bytes`.
  static func needsFiltering<Bytes: RandomAccessCollection<UInt8>>(
    bytes: Bytes, in range: Range<Int>, keepNewlines: Bool
  ) -> Bool where Bytes.Index == Int {
    var previous: UInt8 = range.lowerBound > bytes.startIndex ? bytes[range.lowerBound - 1] : 0
    for index in range {
      let byte = bytes[index]
      if byte < 0x20 && !(byte == 0x0A && keepNewlines) { return true }
      if byte == 0x7F { return true }
      // C1 controls U+0080...U+009F are 0xC2 0x80...0x9F in UTF-8.
      if previous == 0xC2 && (0x80...0x9F).contains(byte) { return true }
      previous = byte
    }
    return false
  }

  /// Skips what follows an ESC; returns the index after the sequence.
  static func skipEscape(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
    guard start < scalars.count else { return start }
    switch scalars[start].value {
    case 0x5B:  // [  CSI
      return skipControlSequence(scalars, from: start + 1)
    case 0x5D, 0x50, 0x58, 0x5E, 0x5F:  // ] OSC, P DCS, X SOS, ^ PM, _ APC
      return skipString(scalars, from: start + 1)
    default:
      // ESC, intermediates (0x20...0x2F), then one final byte (0x30...0x7E): ESC c, ESC ( B.
      var i = start
      while i < scalars.count, (0x20...0x2F).contains(scalars[i].value) { i += 1 }
      if i < scalars.count, (0x30...0x7E).contains(scalars[i].value) { return i + 1 }
      return i
    }
  }

  /// Skips a control sequence's parameters and intermediates and its final byte.
  static func skipControlSequence(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
    var i = start
    while i < scalars.count, (0x20...0x3F).contains(scalars[i].value) { i += 1 }
    if i < scalars.count, (0x40...0x7E).contains(scalars[i].value) { return i + 1 }
    return i
  }

  /// Skips a string (OSC, DCS, ...) up to and including its end: BEL, ST (`ESC \` or U+009C).
  /// An unended string runs to the end of the text, as a terminal would take it.
  static func skipString(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
    var i = start
    while i < scalars.count {
      switch scalars[i].value {
      case 0x07, 0x9C:
        return i + 1
      case 0x1B:
        return i + 1 < scalars.count && scalars[i + 1] == "\\" ? i + 2 : i + 1
      default:
        i += 1
      }
    }
    return i
  }
}
