import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs one command in a detached tmux server of its own and drives it like a person at a
/// real terminal: keys in, screen text out.
///
/// Each session uses a private socket (`tmux -L oihtest-<random>`) and no configuration file,
/// so it neither sees nor disturbs other tmux servers. Call ``stop()`` when done (use `defer`).
struct TmuxSession {
  /// The private server's socket name.
  let socket: String
  /// The tmux server's process id and the pane's process group, for cleaning up.
  private var serverID: pid_t = 0
  private var paneGroup: pid_t = 0
  private static let target = "oihtest"

  /// The tmux executable on `PATH`, if any.
  static let executable: URL? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
      let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("tmux")
      if FileManager.default.isExecutableFile(atPath: candidate.path) {
        return candidate
      }
    }
    return nil
  }()

  /// Whether tmux is installed.
  static var isAvailable: Bool { executable != nil }

  /// Starts `arguments` (program first) in a new window of `width` x `height`.
  ///
  /// When the program exits, the pane prints `[exited STATUS]`, then `[tty cooked]` (or
  /// `[tty raw]` if the program left the terminal in raw mode), and stays open, so tests can see
  /// how it ended.
  ///
  /// - Parameters:
  ///   - arguments: The program and its arguments.
  ///   - width: The window width in columns.
  ///   - height: The window height in rows.
  ///   - environment: Extra variables for the program (UTF-8 locale and NO_COLOR are set).
  init(
    _ arguments: [String], width: Int = 80, height: Int = 24, environment: [String: String] = [:]
  ) throws {
    socket = "oihtest-\(UInt32.random(in: 0...UInt32.max))"
    var variables = ["LANG": "C.UTF-8", "NO_COLOR": "1"]
    variables.merge(environment) { _, new in new }
    let program = arguments.map(Self.shellQuoted).joined(separator: " ")
    let command =
      "\(program); echo \"[exited $?]\"; "
      + "if stty -a | grep -q -e -icanon; then echo '[tty raw]'; else echo '[tty cooked]'; fi; "
      + "sleep 600"
    var tmuxArguments = [
      "new-session", "-d", "-x", String(width), "-y", String(height), "-s", Self.target,
    ]
    for (name, value) in variables.sorted(by: { $0.key < $1.key }) {
      tmuxArguments += ["-e", "\(name)=\(value)"]
    }
    tmuxArguments.append(command)
    try run(tmuxArguments)
    let ids = try run(["display-message", "-p", "-t", Self.target, "#{pid} #{pane_pid}"])
      .split(separator: " ").compactMap {
        pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines))
      }
    if ids.count == 2 {
      serverID = ids[0]
      paneGroup = ids[1]
    }
  }

  /// Types keys: tmux key names such as `"Enter"`, `"Tab"`, `"C-c"`, `"Left"`, `"Home"`,
  /// `"BSpace"`, `"Up"`.
  ///
  /// - Parameter keys: The key names, in order.
  func press(_ keys: String...) throws {
    try run(["send-keys", "-t", Self.target] + keys)
  }

  /// Types `text` literally (UTF-8 allowed), without pressing Enter.
  ///
  /// - Parameter text: The characters to type.
  func type(_ text: String) throws {
    try run(["send-keys", "-t", Self.target, "-l", text])
  }

  /// Resizes the window, which sends SIGWINCH to the program.
  ///
  /// - Parameters:
  ///   - width: The new width in columns.
  ///   - height: The new height in rows.
  func resize(width: Int, height: Int) throws {
    try run(["resize-window", "-t", Self.target, "-x", String(width), "-y", String(height)])
  }

  /// The screen and up to 500 lines of scrollback, wrapped lines joined, trailing spaces and
  /// trailing blank lines removed.
  ///
  /// - Returns: The text, or an empty string if the pane is gone.
  func screen() -> String {
    let output = (try? run(["capture-pane", "-p", "-J", "-S", "-500", "-t", Self.target])) ?? ""
    var lines = output.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      String(line.reversed().drop(while: { $0 == " " }).reversed())
    }
    while lines.last?.isEmpty == true {
      lines.removeLast()
    }
    return lines.joined(separator: "\n")
  }

  /// Only the rows visible now (no scrollback), one string per row, trailing spaces removed;
  /// a window of `height` rows gives `height` strings.
  ///
  /// - Returns: The rows, or an empty list if the pane is gone.
  func visibleRows() -> [String] {
    let output = (try? run(["capture-pane", "-p", "-t", Self.target])) ?? ""
    var rows = output.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      String(line.reversed().drop(while: { $0 == " " }).reversed())
    }
    if rows.last == "" && output.hasSuffix("\n") { rows.removeLast() }
    return rows
  }

  /// The pane's whole history (`capture-pane -S -`): every scrollback line tmux still holds plus
  /// the visible screen, wrapped lines joined.
  ///
  /// - Returns: The text, or an empty string if the pane is gone.
  func history() -> String {
    (try? run(["capture-pane", "-p", "-J", "-S", "-", "-t", Self.target])) ?? ""
  }

  /// The last non-blank line of the screen: the line being edited while a prompt waits.
  ///
  /// - Returns: The line without trailing spaces (an empty prompt `"> "` reads `">"`).
  func lastLine() -> String {
    String(screen().split(separator: "\n").last ?? "")
  }

  /// Polls the screen every 50 ms until `condition` holds or `timeout` passes.
  ///
  /// - Parameters:
  ///   - timeout: How long to wait.
  ///   - condition: A test of the whole screen text.
  /// - Returns: The screen that satisfied `condition`, or `nil` on timeout.
  func waitFor(timeout: Duration = .seconds(10), _ condition: (String) -> Bool) -> String? {
    let deadline = ContinuousClock.now + timeout
    while true {
      let text = screen()
      if condition(text) {
        return text
      }
      if ContinuousClock.now >= deadline {
        return nil
      }
      Thread.sleep(forTimeInterval: 0.05)
    }
  }

  /// Waits until the screen contains `text`.
  ///
  /// - Parameters:
  ///   - text: The text to find.
  ///   - timeout: How long to wait.
  /// - Returns: Whether it appeared in time.
  func waitFor(_ text: String, timeout: Duration = .seconds(10)) -> Bool {
    waitFor(timeout: timeout) { $0.contains(text) } != nil
  }

  /// Waits until the last screen line is exactly `line` (trailing spaces ignored).
  ///
  /// - Parameters:
  ///   - line: The expected line, such as `"> /help"`.
  ///   - timeout: How long to wait.
  /// - Returns: Whether it appeared in time.
  func waitForLastLine(_ line: String, timeout: Duration = .seconds(10)) -> Bool {
    let expected = String(line.reversed().drop(while: { $0 == " " }).reversed())
    return waitFor(timeout: timeout) { String($0.split(separator: "\n").last ?? "") == expected }
      != nil
  }

  /// The process id of the program (the pane shell's child), read from `/proc`.
  ///
  /// - Returns: The id, or `nil` if the program has exited or `/proc` is unavailable.
  func programID() -> pid_t? {
    let path = "/proc/\(paneGroup)/task/\(paneGroup)/children"
    guard paneGroup > 0, let children = try? String(contentsOfFile: path, encoding: .utf8) else {
      return nil
    }
    return children.split(separator: " ").first.flatMap { pid_t($0) }
  }

  /// Sends `signal` to the program.
  ///
  /// - Parameter signal: The signal number, such as `SIGTERM`.
  /// - Returns: Whether the program was found and signalled.
  func send(signal: Int32) -> Bool {
    guard let program = programID() else { return false }
    return kill(program, signal) == 0
  }

  /// Kills the private tmux server and everything running in it.
  func stop() {
    _ = try? run(["kill-server"])
    // The pane's shell leads its own process group: make sure nothing in it outlives the test.
    if paneGroup > 0 {
      _ = kill(-paneGroup, SIGKILL)
    }
    if serverID > 0 {
      let deadline = ContinuousClock.now + .seconds(2)
      while Self.isRunning(serverID), ContinuousClock.now < deadline {
        Thread.sleep(forTimeInterval: 0.02)
      }
      if Self.isRunning(serverID) {
        _ = kill(serverID, SIGKILL)
      }
    }
  }

  /// Whether `process` exists and has not exited (an exited server waits as a zombie until
  /// init reaps it).
  private static func isRunning(_ process: pid_t) -> Bool {
    guard kill(process, 0) == 0 else { return false }
    guard let stat = try? String(contentsOfFile: "/proc/\(process)/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    else { return true }
    return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first != "Z"
  }

  /// Runs tmux on this session's socket and returns its standard output.
  ///
  /// Spawns tmux directly (not with Foundation's `Process`): the first call forks the tmux
  /// server, which would inherit and hold open the descriptor `Process` watches for the
  /// child's exit, so `waitUntilExit` would never return.
  @discardableResult
  private func run(_ arguments: [String]) throws -> String {
    guard let executable = Self.executable else { throw TmuxError.notInstalled }
    let capture = arguments.first == "capture-pane" || arguments.first == "display-message"
    // Start from an empty signal mask and default dispositions: the test runner's threads block
    // signals, and a server or program inheriting that mask would ignore SIGHUP, SIGWINCH, ...
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var mask = sigset_t()
    sigemptyset(&mask)
    posix_spawnattr_setsigmask(&attributes, &mask)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for number in [SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTERM, SIGCHLD, SIGTSTP, SIGWINCH] {
      sigaddset(&defaults, number)
    }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    var ends: [Int32] = [-1, -1]
    if capture {
      guard pipe(&ends) == 0 else { throw TmuxError.failed(arguments: arguments, status: -1) }
      posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
      posix_spawn_file_actions_addclose(&actions, ends[0])
      posix_spawn_file_actions_addclose(&actions, ends[1])
    } else {
      posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)

    var environment = ProcessInfo.processInfo.environment
    environment["TMUX"] = nil
    environment["LANG"] = "C.UTF-8"
    let argv =
      ([executable.path, "-L", socket, "-f", "/dev/null", "-u"] + arguments).map { strdup($0) } + [
        nil
      ]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv + envp {
        free(pointer)
      }
    }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable.path, &actions, &attributes, argv, envp)
    var output: [UInt8] = []
    if capture {
      close(ends[1])
      var buffer = [UInt8](repeating: 0, count: 16 * 1024)
      while true {
        let count = read(ends[0], &buffer, buffer.count)
        if count > 0 {
          output += buffer[0..<count]
        } else if count < 0, errno == EINTR {
          continue
        } else {
          break
        }
      }
      close(ends[0])
    }
    guard spawned == 0 else { throw TmuxError.failed(arguments: arguments, status: -1) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    guard status == 0 else {
      throw TmuxError.failed(arguments: arguments, status: status)
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// `text` quoted for `sh`.
  private static func shellQuoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}

/// Why a tmux command failed.
enum TmuxError: Error, CustomStringConvertible {
  case notInstalled
  case failed(arguments: [String], status: Int32)

  var description: String {
    switch self {
    case .notInstalled: "tmux is not installed"
    case .failed(let arguments, let status):
      "tmux \(arguments.joined(separator: " ")) exited with status \(status)"
    }
  }
}
