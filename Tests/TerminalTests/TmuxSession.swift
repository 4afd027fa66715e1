import Foundation

/// Runs one command in a detached tmux server of its own and drives it like a person at a
/// real terminal: keys in, screen text out.
///
/// Each session uses a private socket (`tmux -L oihtest-<random>`) and no configuration file,
/// so it neither sees nor disturbs other tmux servers. Call ``stop()`` when done (use `defer`).
struct TmuxSession {
  /// The private server's socket name.
  let socket: String
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
  /// When the program exits, the pane prints `[exited STATUS]` and stays open, so tests can see
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
    let command = "\(program); echo \"[exited $?]\"; sleep 600"
    var tmuxArguments = [
      "new-session", "-d", "-x", String(width), "-y", String(height), "-s", Self.target,
    ]
    for (name, value) in variables.sorted(by: { $0.key < $1.key }) {
      tmuxArguments += ["-e", "\(name)=\(value)"]
    }
    tmuxArguments.append(command)
    try run(tmuxArguments)
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

  /// Kills the private tmux server and everything running in it.
  func stop() {
    _ = try? run(["kill-server"])
  }

  /// Runs tmux on this session's socket and returns its standard output.
  @discardableResult
  private func run(_ arguments: [String]) throws -> String {
    guard let executable = Self.executable else { throw TmuxError.notInstalled }
    let process = Process()
    process.executableURL = executable
    process.arguments = ["-L", socket, "-f", "/dev/null", "-u"] + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["TMUX"] = nil
    environment["LANG"] = "C.UTF-8"
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw TmuxError.failed(arguments: arguments, status: process.terminationStatus)
    }
    return String(decoding: data, as: UTF8.self)
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
