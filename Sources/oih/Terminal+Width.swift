import LineEditor

extension Terminal {
  /// The width of standard output, or 80 when it is not a terminal.
  static func widthOr80() -> Int { width(fd: 1) ?? 80 }
}
