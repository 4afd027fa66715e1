#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads lines from a pipe or file (standard input that is not a terminal).
///
/// It reads raw bytes with `read(2)` (no stdio buffering), splits on `\n`, drops one `\r`
/// before it, and decodes UTF-8 lossily (invalid bytes become U+FFFD). NUL bytes and very long
/// lines are kept. It never prints a prompt. A last line without a newline is returned before
/// ``ReadResult/endOfInput``.
///
/// After ``Signals/install()``, SIGTERM or SIGHUP ends a read with ``ReadResult/terminated`` and
/// SIGINT with ``ReadResult/interrupt``; without it those signals keep their default actions.
public final class PlainLineReader: LineReading {
  /// Accepted for ``LineReading``; a plain reader does not complete.
  public var completions: [String] = []

  private let fileDescriptor: Int32
  private var buffer: [UInt8] = []
  /// Where the unconsumed bytes in `buffer` begin.
  private var start = 0
  /// Where to resume the search for `\n` (everything before it, from `start`, has none).
  private var scanned = 0
  private var reachedEnd = false

  /// Creates a reader.
  ///
  /// - Parameter fileDescriptor: The descriptor to read; standard input by default.
  public init(fileDescriptor: Int32 = 0) {
    self.fileDescriptor = fileDescriptor
  }

  /// Reads the next line; `prompt` is ignored.
  ///
  /// - Parameter prompt: Ignored: output for a pipe needs no prompt.
  /// - Returns: The line, ``ReadResult/endOfInput`` after the last one, or the signal that
  ///   interrupted the read.
  public func readLine(prompt: String) -> ReadResult {
    if let signal = Signals.take() {
      return signal.readResult
    }
    while true {
      if let newline = buffer[scanned...].firstIndex(of: 0x0A) {
        let line = decode(buffer[start..<newline])
        consume(through: newline + 1)
        return .line(line)
      }
      scanned = buffer.count
      if reachedEnd {
        guard start < buffer.count else { return .endOfInput }
        let line = decode(buffer[start...])
        consume(through: buffer.count)
        return .line(line)
      }
      switch InputWait.wait(fd: fileDescriptor, until: nil, signals: SignalBit.request) {
      case .signal:
        if let signal = Signals.take() {
          return signal.readResult
        }
      case .readable, .timedOut:
        fill()
      case .failed:
        reachedEnd = true
      }
    }
  }

  /// Does nothing: a plain reader keeps no history.
  public func clearHistory() {}

  /// Reads what is available into `buffer`, or notes the end of input.
  private func fill() {
    let chunk = 64 * 1024
    let oldCount = buffer.count
    buffer.append(contentsOf: repeatElement(0, count: chunk))
    let count = buffer.withUnsafeMutableBytes { raw in
      read(fileDescriptor, raw.baseAddress.map { $0 + oldCount }, chunk)
    }
    buffer.removeLast(chunk - max(count, 0))
    if count == 0 || (count < 0 && errno != EINTR && errno != EAGAIN) {
      reachedEnd = true
    }
  }

  /// Drops the bytes before `end`, compacting the buffer when most of it is consumed.
  private func consume(through end: Int) {
    start = end
    scanned = end
    if start == buffer.count {
      buffer.removeAll(keepingCapacity: buffer.count <= 1 << 20)
      start = 0
      scanned = 0
    } else if start > 64 * 1024, start > buffer.count / 2 {
      buffer.removeFirst(start)
      scanned -= start
      start = 0
    }
  }

  /// Decodes one line's bytes, dropping a final `\r`.
  private func decode(_ bytes: ArraySlice<UInt8>) -> String {
    var bytes = bytes
    if bytes.last == 0x0D {
      bytes.removeLast()
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
