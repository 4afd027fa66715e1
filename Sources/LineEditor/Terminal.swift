import CLibedit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Facts about, and unbuffered output to, the terminal.
public enum Terminal {
  /// Whether `fd` is a terminal (so a line editor, not a plain reader, should serve it).
  ///
  /// Use ``LineEditor`` only when both standard input and standard output are terminals.
  ///
  /// - Parameter fd: A file descriptor, such as 0 for standard input.
  /// - Returns: `true` if `fd` refers to a terminal device.
  public static func isInteractive(fd: Int32) -> Bool {
    isatty(fd) == 1
  }

  /// The terminal's width in columns (`TIOCGWINSZ`).
  ///
  /// - Parameter fd: A descriptor open on the terminal, such as 1.
  /// - Returns: The column count, or `nil` if `fd` is not a terminal or reports no size.
  public static func width(fd: Int32) -> Int? {
    let columns = oih_terminal_columns(fd)
    return columns > 0 ? Int(columns) : nil
  }

  /// The terminal's height in rows (`TIOCGWINSZ`).
  ///
  /// - Parameter fd: A descriptor open on the terminal, such as 1.
  /// - Returns: The row count, or `nil` if `fd` is not a terminal or reports no size.
  public static func height(fd: Int32) -> Int? {
    let rows = oih_terminal_rows(fd)
    return rows > 0 ? Int(rows) : nil
  }

  /// Writes `text` as UTF-8 straight to `fd`, retrying short writes and interruptions.
  ///
  /// C stdio buffers are flushed first, so this output stays in order with anything written
  /// through them. Errors (a closed terminal, a broken pipe) are ignored.
  ///
  /// - Parameters:
  ///   - text: The text to write; no newline is added.
  ///   - fd: The descriptor, 1 for standard output or 2 for standard error.
  public static func write(_ text: String, fd: Int32) {
    fflush(nil)
    var text = text
    text.withUTF8 { buffer in
      guard var address = buffer.baseAddress else { return }
      var remaining = buffer.count
      while remaining > 0 {
        let written = systemWrite(fd, address, remaining)
        if written < 0 {
          if errno == EINTR {
            continue
          }
          if errno == EAGAIN {
            var descriptor = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            _ = poll(&descriptor, 1, 100)
            continue
          }
          return
        }
        address += written
        remaining -= written
      }
    }
  }

  /// Waits `seconds` (a signal such as SIGTERM ends the wait early), then discards whatever was
  /// typed meanwhile, so keys pressed while a message shows do not become the next line.
  ///
  /// - Parameter seconds: How long to wait.
  public static func pause(seconds: Int) {
    var request = timespec(tv_sec: seconds, tv_nsec: 0)
    var remaining = timespec()
    _ = nanosleep(&request, &remaining)
    _ = tcflush(0, TCIFLUSH)
  }

  /// `write(2)`, named apart from ``write(_:fd:)``.
  private static func systemWrite(_ fd: Int32, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
    #if canImport(Glibc)
      Glibc.write(fd, bytes, count)
    #else
      Darwin.write(fd, bytes, count)
    #endif
  }
}
