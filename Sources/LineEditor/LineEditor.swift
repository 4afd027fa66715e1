import CLibedit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An interactive line editor for a terminal, built on libedit.
///
/// Emacs-style editing: arrows, Home/End, Ctrl-A/E (start/end), Ctrl-K (kill to end), Ctrl-U
/// (kill to start), Ctrl-W (delete the previous word), Up/Down through this session's lines
/// (kept in memory only; no history file, no `~/.editrc`), Tab completion from
/// ``completions``. Multibyte characters edit as one character each.
///
/// Keys that would send signals are plain keys while editing (the terminal's ISIG is off):
/// - Ctrl-C discards the line and returns ``ReadResult/interrupt``.
/// - Ctrl-D on an empty line returns ``ReadResult/endOfInput``; elsewhere it deletes the
///   character under the cursor.
/// - Ctrl-Z suspends the process (job control) and redraws the line when resumed; in kiosk mode
///   it only beeps, and SIGTSTP is ignored for the whole process.
/// - Ctrl-\ only beeps; in kiosk mode SIGQUIT is also ignored for the whole process, so it
///   cannot quit while output is printing either.
/// - Ctrl-S and Ctrl-Q do not freeze output (IXON is off while editing).
///
/// SIGTERM or SIGHUP while waiting returns ``ReadResult/terminated``; an external SIGINT returns
/// ``ReadResult/interrupt``; a window resize redraws the line. libedit is not thread-safe: use
/// one instance from one thread.
public final class LineEditor: LineReading {
  /// The words Tab completes (for example `/help`, `/quit`, the current menu's choices).
  public var completions: [String] = []

  /// How long a read may wait without a key press; change it between reads (kiosk countdown).
  public var idleTimeout: Duration?
  private let kiosk: Bool
  private let editLine: OpaquePointer?
  private let history: OpaquePointer?
  /// Serves reads when libedit could not be initialised.
  private let fallback: PlainLineReader?
  /// The prompt as a C string for libedit's prompt callback; owned, freed on change.
  private var promptText: UnsafeMutablePointer<CChar>?
  /// The width of the prompt in columns (prompts are ASCII).
  private var promptWidth = 0
  /// Bytes read and not yet taken (type-ahead stays here for the next read).
  var decoder = UTF8InputDecoder()
  /// Set when the current read must end with this result instead of a line.
  private var outcome: ReadResult?
  /// How many newlines were fed to libedit to finish the line after `outcome` was set.
  private var finishingReads = 0
  private var idleDeadline: ContinuousClock.Instant?
  /// The terminal settings libedit chose for editing, captured on the first key of a read.
  private var editingMode: termios?
  /// The terminal settings before the read began.
  private var normalMode: termios?

  /// Creates a line editor on standard input and output.
  ///
  /// Selects a UTF-8 `LC_CTYPE` (the environment's, else `C.UTF-8`) and installs ``Signals``.
  ///
  /// - Parameters:
  ///   - idleTimeout: How long a read may wait without a key press before it returns
  ///     ``ReadResult/idleTimeout``; `nil` waits indefinitely.
  ///   - kiosk: When `true`, Ctrl-Z and Ctrl-\ do nothing but beep, and SIGTSTP and SIGQUIT
  ///     are ignored for the life of the process.
  public init(idleTimeout: Duration? = nil, kiosk: Bool = false) {
    self.idleTimeout = idleTimeout
    self.kiosk = kiosk
    Signals.install()
    Self.selectUTF8Locale()
    if kiosk {
      _ = signal(SIGTSTP, SIG_IGN)
      _ = signal(SIGQUIT, SIG_IGN)
    }
    let editLine = oih_el_init("oih")
    let history = history_init()
    if let editLine, let history {
      self.editLine = editLine
      self.history = history
      fallback = nil
    } else {
      if let editLine { el_end(editLine) }
      if let history { history_end(history) }
      self.editLine = nil
      self.history = nil
      fallback = PlainLineReader()
    }
    promptText = strdup("")
    if let editLine, let history {
      configure(editLine, history: history)
    }
  }

  /// Whether libedit is running (not the plain fallback).
  var canEdit: Bool { editLine != nil && history != nil }

  deinit {
    if let editLine { el_end(editLine) }
    if let history { history_end(history) }
    free(promptText)
  }

  /// Shows `prompt` and reads one edited line.
  ///
  /// - Parameter prompt: ASCII text shown before the cursor, such as `"> "`.
  /// - Returns: The line without its newline, or why there is none. Non-empty lines are added
  ///   to the in-memory history.
  public func readLine(prompt: String) -> ReadResult {
    guard let editLine, let history else {
      Terminal.write(prompt, fd: 1)
      return fallback?.readLine(prompt: prompt) ?? .endOfInput
    }
    if let signal = Signals.take() {
      return signal.readResult
    }
    // libedit measures the window when a read starts; an old resize needs no redraw.
    _ = Signals.takeBit(SignalBit.resize | SignalBit.resume)
    setPrompt(prompt)
    outcome = nil
    finishingReads = 0
    idleDeadline = idleTimeout.map { .now + $0 }
    editingMode = nil
    var saved = termios()
    normalMode = tcgetattr(0, &saved) == 0 ? saved : nil

    var count: Int32 = 0
    let characters = el_wgets(editLine, &count)
    if let outcome {
      return outcome
    }
    guard let characters, count > 0 else {
      return .endOfInput
    }
    var scalars = String.UnicodeScalarView()
    for index in 0..<Int(count) {
      let value = UInt32(bitPattern: Int32(characters[index]))
      scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
    }
    var line = String(scalars)
    if line.hasSuffix("\n") {
      line.removeLast()
    }
    if line.contains(where: { !$0.isWhitespace }) {
      _ = oih_history_enter(history, line)
    }
    return .line(line)
  }

  /// Forgets every line kept for Up/Down recall.
  public func clearHistory() {
    if let history {
      _ = oih_history_clear(history)
    }
  }

  // MARK: - Setup

  /// Sets `LC_CTYPE` from the environment, falling back to a UTF-8 locale when the
  /// environment's is not UTF-8, so libedit edits multibyte characters as characters.
  private static func selectUTF8Locale() {
    _ = setlocale(LC_CTYPE, "")
    if isUTF8Locale() {
      return
    }
    for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, name) != nil {
      return
    }
  }

  /// Whether the current `LC_CTYPE` codeset is UTF-8.
  private static func isUTF8Locale() -> Bool {
    guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
    let name = String(cString: codeset).uppercased().filter { $0.isLetter || $0.isNumber }
    return name == "UTF8"
  }

  /// Applies the settings, bindings and callbacks.
  private func configure(_ editLine: OpaquePointer, history: OpaquePointer) {
    _ = oih_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
    _ = oih_el_set_editor(editLine, "emacs")
    // Our own handlers (Signals) serve SIGWINCH, SIGCONT, SIGINT, SIGTERM and SIGHUP; libedit's
    // would re-send each signal to the whole process group.
    _ = oih_el_set_signal(editLine, 0)
    _ = oih_el_setty(editLine, "-d", "-isig")
    _ = oih_el_setty(editLine, "-d", "-ixon")

    _ = oih_history_setsize(history, 200)
    _ = oih_history_setunique(history, 1)
    _ = oih_el_set_hist(editLine, history)

    _ = oih_el_set_prompt(editLine) { editLine in
      guard let editLine, let editor = LineEditor.editor(of: editLine), let text = editor.promptText
      else {
        return UnsafeMutableRawPointer(mutating: ("" as StaticString).utf8Start)
          .assumingMemoryBound(to: CChar.self)
      }
      return text
    }
    _ = oih_el_set_getcfn(editLine) { editLine, character in
      guard let editLine, let character, let editor = LineEditor.editor(of: editLine) else {
        return -1
      }
      return editor.readCharacter(into: character, editLine: editLine)
    }
    bindKeys(editLine)
  }

  /// Installs the key bindings on top of libedit's emacs map.
  private func bindKeys(_ editLine: OpaquePointer) {
    // One libedit command serves all our keys; libedit passes the key that invoked it.
    _ = oih_el_addfn(editLine, "oih-key", "Ctrl-C, Ctrl-D, Tab, Ctrl-W, Ctrl-Z") { editLine, key in
      guard let editLine, let editor = LineEditor.editor(of: editLine) else {
        return UInt8(CC_ERROR)
      }
      return editor.perform(key: key, editLine)
    }

    let escape = "\u{1B}"
    let bindings: [(key: String, command: String)] = [
      ("\u{03}", "oih-key"),  // Ctrl-C
      ("\u{04}", "oih-key"),  // Ctrl-D
      ("\t", "oih-key"),
      ("\u{17}", "oih-key"),  // Ctrl-W
      ("\u{01}", "ed-move-to-beg"),  // Ctrl-A
      ("\u{05}", "ed-move-to-end"),  // Ctrl-E
      ("\u{0B}", "ed-kill-line"),  // Ctrl-K
      ("\u{15}", "vi-kill-line-prev"),  // Ctrl-U: kill from the start to the cursor
      ("\u{1C}", "ed-unassigned"),  // Ctrl-\: beep
      ("\u{1A}", kiosk ? "ed-unassigned" : "oih-key"),  // Ctrl-Z
      (escape + "[H", "ed-move-to-beg"),
      (escape + "[F", "ed-move-to-end"),
      (escape + "[1~", "ed-move-to-beg"),
      (escape + "[4~", "ed-move-to-end"),
      (escape + "[7~", "ed-move-to-beg"),
      (escape + "[8~", "ed-move-to-end"),
      (escape + "OH", "ed-move-to-beg"),
      (escape + "OF", "ed-move-to-end"),
      (escape + "[3~", "ed-delete-next-char"),
      (escape + "[1;5D", "ed-prev-word"),
      (escape + "[1;5C", "em-next-word"),
    ]
    for binding in bindings {
      _ = oih_el_bind(editLine, binding.key, binding.command)
    }
  }

  /// Replaces the C string the prompt callback returns.
  private func setPrompt(_ prompt: String) {
    free(promptText)
    promptText = strdup(prompt)
    promptWidth = prompt.unicodeScalars.count
  }

  /// The editor whose pointer was stored as libedit's client data.
  fileprivate static func editor(of editLine: OpaquePointer) -> LineEditor? {
    guard let data = oih_el_get_clientdata(editLine) else { return nil }
    return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
  }
}

// MARK: - Reading keys

extension LineEditor {
  /// Newline, which libedit's emacs map binds to "end the line".
  private static let newline: wchar_t = 0x0A

  /// libedit's character source (EL_GETCFN): waits for input with `poll`, so that a signal or
  /// the idle deadline can end the read, and decodes UTF-8.
  ///
  /// Once ``outcome`` is set it feeds newlines, so libedit finishes the line the normal way
  /// (cursor below the input, terminal restored) and `readLine` reports the outcome.
  ///
  /// - Returns: 1 with a character, 0 at end of input, -1 on error.
  fileprivate func readCharacter(
    into character: UnsafeMutablePointer<wchar_t>, editLine: OpaquePointer
  )
    -> Int32
  {
    if outcome != nil {
      finishingReads += 1
      guard finishingReads <= 8 else { return -1 }
      character.pointee = Self.newline
      return 1
    }
    if editingMode == nil {
      var current = termios()
      if tcgetattr(0, &current) == 0 {
        editingMode = current
      }
    }
    while true {
      if case .scalar(let value) = decoder.next() {
        character.pointee = wchar_t(bitPattern: value)
        return 1
      }
      // The rest of a multibyte sequence arrives with its first byte; do not wait long for it.
      let deadline = decoder.hasPendingBytes ? .now + .milliseconds(100) : idleDeadline
      switch InputWait.wait(fd: 0, until: deadline, signals: SignalBit.all) {
      case .signal:
        if let signal = Signals.take() {
          return finish(with: signal.readResult, character)
        }
        if Signals.takeBit(SignalBit.resume), var mode = editingMode {
          _ = tcsetattr(0, TCSADRAIN, &mode)
        }
        _ = Signals.takeBit(SignalBit.resize)
        el_resize(editLine)
        redraw(editLine)
      case .timedOut:
        if decoder.hasPendingBytes, case .scalar(let value) = decoder.next(flush: true) {
          character.pointee = wchar_t(bitPattern: value)
          return 1
        }
        return finish(with: .idleTimeout, character)
      case .readable:
        var bytes = [UInt8](repeating: 0, count: 256)
        let count = read(0, &bytes, bytes.count)
        if count > 0 {
          decoder.append(bytes[0..<count])
          if let idleTimeout {
            idleDeadline = .now + idleTimeout
          }
        } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
          outcome = .endOfInput
          return count == 0 ? 0 : -1
        }
      case .failed:
        outcome = .endOfInput
        return -1
      }
    }
  }

  /// Redraws the prompt and line after a resize or a resume, from the row where the prompt
  /// starts now.
  ///
  /// Assumes the terminal re-wraps a long line to the new width (tmux, VTE, kitty, iTerm2 and
  /// Windows Terminal do); a line that fits on one row redraws correctly everywhere.
  private func redraw(_ editLine: OpaquePointer) {
    let width = Terminal.width(fd: 1) ?? 80
    let (before, _) = lineContents(editLine)
    let row = (promptWidth + Self.displayWidth(before)) / max(width, 1)
    Terminal.write("\r" + (row > 0 ? "\u{1B}[\(row)A" : "") + "\u{1B}[J", fd: 1)
    _ = oih_el_refresh(editLine)
  }

  /// Records why the read ends and feeds the first finishing newline.
  private func finish(with result: ReadResult, _ character: UnsafeMutablePointer<wchar_t>) -> Int32 {
    outcome = result
    finishingReads = 1
    character.pointee = Self.newline
    return 1
  }
}

// MARK: - Editor commands

extension LineEditor {
  /// The line's wide characters before and after the cursor.
  private func lineContents(_ editLine: OpaquePointer) -> (before: [wchar_t], after: [wchar_t]) {
    guard let info = el_wline(editLine) else { return ([], []) }
    let line = info.pointee
    guard let buffer = line.buffer, let cursor = line.cursor, let end = line.lastchar else {
      return ([], [])
    }
    let before = Array(UnsafeBufferPointer(start: buffer, count: buffer.distance(to: cursor)))
    let after = Array(UnsafeBufferPointer(start: cursor, count: cursor.distance(to: end)))
    return (before, after)
  }

  /// Runs the command bound to `key` (the `oih-key` libedit command).
  fileprivate func perform(key: Int32, _ editLine: OpaquePointer) -> UInt8 {
    switch key {
    case 0x03: interrupt(editLine)
    case 0x04: endOfInputOrDelete(editLine)
    case 0x09: complete(editLine)
    case 0x17: deletePreviousWord(editLine)
    case 0x1A: suspend(editLine)
    default: UInt8(CC_ERROR)
    }
  }

  /// Ctrl-C: shows `^C` after the line, then ends the read with ``ReadResult/interrupt``.
  private func interrupt(_ editLine: OpaquePointer) -> UInt8 {
    let (_, after) = lineContents(editLine)
    _ = el_cursor(editLine, Int32(after.count))
    _ = el_insertstr(editLine, "^C")
    outcome = .interrupt
    finishingReads = 0
    return UInt8(CC_REFRESH)
  }

  /// Ctrl-D: ends input on an empty line, deletes the character under the cursor otherwise.
  private func endOfInputOrDelete(_ editLine: OpaquePointer) -> UInt8 {
    let (before, after) = lineContents(editLine)
    if before.isEmpty, after.isEmpty {
      outcome = .endOfInput
      finishingReads = 0
      return UInt8(CC_NORM)
    }
    guard !after.isEmpty else { return UInt8(CC_ERROR) }
    _ = el_cursor(editLine, 1)
    el_deletestr(editLine, 1)
    return UInt8(CC_REFRESH)
  }

  /// Ctrl-W: deletes back to the start of the previous whitespace-separated word.
  private func deletePreviousWord(_ editLine: OpaquePointer) -> UInt8 {
    let (before, _) = lineContents(editLine)
    var index = before.endIndex
    while index > 0, Self.isSpace(before[index - 1]) {
      index -= 1
    }
    while index > 0, !Self.isSpace(before[index - 1]) {
      index -= 1
    }
    let count = before.count - index
    guard count > 0 else { return UInt8(CC_ERROR) }
    el_deletestr(editLine, Int32(count))
    return UInt8(CC_REFRESH)
  }

  /// Tab: completes the word before the cursor from ``completions``; lists the candidates when
  /// several match.
  private func complete(_ editLine: OpaquePointer) -> UInt8 {
    let (before, after) = lineContents(editLine)
    var wordStart = before.endIndex
    while wordStart > 0, !Self.isSpace(before[wordStart - 1]) {
      wordStart -= 1
    }
    let word = Self.string(from: before[wordStart...])
    guard let completion = Completion.complete(word, from: completions) else {
      return UInt8(CC_ERROR)
    }
    if var replacement = completion.replacement {
      if replacement.hasSuffix(" "), let next = after.first, Self.isSpace(next) {
        replacement.removeLast()
      }
      el_deletestr(editLine, Int32(before.count - wordStart))
      _ = el_insertstr(editLine, replacement)
    }
    guard !completion.candidates.isEmpty else { return UInt8(CC_REFRESH) }

    // Move below the whole input (it may wrap), list, and let libedit redraw the line there.
    let width = Terminal.width(fd: 1) ?? 80
    let (newBefore, newAfter) = lineContents(editLine)
    let cursorColumn = promptWidth + Self.displayWidth(newBefore)
    let endColumn = cursorColumn + Self.displayWidth(newAfter)
    let rowsBelow = max(0, endColumn / width - cursorColumn / width)
    var text = String(repeating: "\r\n", count: rowsBelow + 1)
    for row in Completion.layout(completion.candidates, width: width) {
      text += row + "\r\n"
    }
    Terminal.write(text, fd: 1)
    _ = oih_el_refresh(editLine)
    return UInt8(CC_NORM)
  }

  /// Ctrl-Z outside kiosk mode: restores the terminal, stops the process group, and redraws
  /// the line when the process is continued.
  private func suspend(_ editLine: OpaquePointer) -> UInt8 {
    guard !kiosk, var normal = normalMode else { return UInt8(CC_ERROR) }
    var editing = termios()
    let haveEditing = tcgetattr(0, &editing) == 0
    Terminal.write("^Z\r\n", fd: 1)
    _ = tcsetattr(0, TCSADRAIN, &normal)
    _ = kill(0, SIGTSTP)
    _ = Signals.takeBit(SignalBit.resume)
    if haveEditing {
      _ = tcsetattr(0, TCSADRAIN, &editing)
    }
    el_resize(editLine)
    Terminal.write("\r", fd: 1)
    _ = oih_el_refresh(editLine)
    return UInt8(CC_NORM)
  }

  private static func isSpace(_ character: wchar_t) -> Bool {
    character == 0x20 || character == 0x09
  }

  private static func string(from characters: ArraySlice<wchar_t>) -> String {
    var scalars = String.UnicodeScalarView()
    for character in characters {
      scalars.append(Unicode.Scalar(UInt32(bitPattern: Int32(character))) ?? "\u{FFFD}")
    }
    return String(scalars)
  }

  /// Columns the characters occupy (control characters show as two, `^X`).
  private static func displayWidth(_ characters: [wchar_t]) -> Int {
    characters.reduce(0) { total, character in
      let width = oih_wcwidth(character)
      return total + (width < 0 ? 2 : Int(width))
    }
  }
}
