import Conversation
import FoundationEssentials
import Summary
import TextAnalysis

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Prints a summary through CUPS with `lp`, and says in plain words whether it worked.
public enum SummaryPrinter {
  /// The job title CUPS records. Titles stay in the print history, so it says nothing personal.
  public static let jobTitle = "oih summary"

  /// Longest wait for `lp` to hand the job to the print service, in seconds.
  static let timeout: Double = 60

  /// Sends `text` to a printer: `lp -d PRINTER -t "oih summary"`, the text on standard input.
  ///
  /// The text is laid out at 11 characters and 6 lines per inch with 30-point margins, so 80
  /// columns fit on Letter and A4, and a page has room for one line more than
  /// `Paper.linesPerPage` (CUPS' text filter adds a blank page when a form feed follows a
  /// completely full page).
  ///
  /// - Parameters:
  ///   - text: The summary, usually plain text from `SummaryRenderer.paginate`.
  ///   - printer: A CUPS printer name, or nil for the default printer.
  ///   - paper: The paper the text was paginated for (asked of the printer), or nil to leave the
  ///     printer's own setting.
  /// - Returns: `.printed(printer:)` with the name (or "default"), or `.printFailed(reason:)`.
  public static func print(_ text: String, printer: String?, paper: Paper? = nil) -> Outcome {
    send(text, printer: printer, paper: paper, searchPath: ProcessInfo.processInfo.environment["PATH"])
  }

  /// `print(_:printer:paper:)` with the folders to look for `lp` and `lpstat` in.
  static func send(_ text: String, printer: String?, paper: Paper?, searchPath path: String?) -> Outcome {
    guard let lp = findProgram("lp", path: path) else {
      return .printFailed(reason: "printing is not set up on this computer")
    }
    if let printer, !isValidName(printer) {
      return .printFailed(reason: "\"\(printer)\" is not a printer name that can be used")
    }
    let run = runProgram(lp, arguments: arguments(printer: printer, paper: paper), input: Array(text.utf8))
    switch run {
    case .failedToStart:
      return .printFailed(reason: "printing is not set up on this computer")
    case .timedOut:
      return .printFailed(reason: "the print service did not answer in time")
    case .finished(let status, let output):
      if status == 0 { return .printed(printer: printer ?? "default") }
      let serviceDown = findProgram("lpstat", path: path).map { lpstat in
        if case .finished(_, let answer) = runProgram(lpstat, arguments: ["-r"], input: []) {
          return answer.contains("not running")
        }
        return false
      }
      return .printFailed(reason: explain(output, printer: printer, serviceDown: serviceDown ?? false))
    }
  }

  /// The arguments of `lp`.
  static func arguments(printer: String?, paper: Paper?) -> [String] {
    var arguments: [String] = []
    if let printer { arguments += ["-d", printer] }
    arguments += ["-t", jobTitle]
    if let media = paper?.cupsMedia { arguments += ["-o", "media=\(media)"] }
    for option in ["cpi=11", "lpi=6", "page-top=30", "page-bottom=30", "page-left=30", "page-right=30"] {
      arguments += ["-o", option]
    }
    return arguments
  }

  /// Plain words for what `lp` reported.
  static func explain(_ output: String, printer: String?, serviceDown: Bool) -> String {
    if serviceDown { return "the print service (CUPS) is not running on this computer" }
    let lower = output.lowercased()
    if lower.contains("no default destination") {
      return "no printer is chosen as the default on this computer"
    }
    if lower.contains("does not exist") || lower.contains("unknown destination") {
      return "there is no printer called \(printer ?? "default") on this computer"
    }
    if lower.contains("not accepting jobs") {
      return "the printer \(printer ?? "default") is not taking print jobs right now"
    }
    if lower.contains("forbidden") || lower.contains("not authorized") || lower.contains("permission") {
      return "this account is not allowed to print"
    }
    let first = output.split(separator: "\n").first.map(String.init) ?? ""
    var detail = first.trimmingWhitespace()
    for prefix in ["lp: Error - ", "lp: "] where detail.hasPrefix(prefix) { detail.removeFirst(prefix.count) }
    if detail.hasSuffix(".") { detail.removeLast() }
    return detail.isEmpty ? "the printing program reported an error" : "the printing program said: \(detail)"
  }

  /// Whether `name` can be a CUPS printer name: printable, no spaces, `/`, `#` or `\`, not
  /// starting with `-`, at most 127 bytes.
  static func isValidName(_ name: String) -> Bool {
    guard !name.isEmpty, name.utf8.count <= 127, !name.hasPrefix("-") else { return false }
    return name.unicodeScalars.allSatisfy { scalar in
      scalar.value > 0x20 && scalar.value != 0x7F && !"/#\\'\"".unicodeScalars.contains(scalar)
    }
  }

  /// The full path of `program` in the folders of `path`, if it is there and can be run.
  static func findProgram(_ program: String, path: String?) -> String? {
    let folders = (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":", omittingEmptySubsequences: true)
    for folder in folders {
      let candidate = folder.hasSuffix("/") ? "\(folder)\(program)" : "\(folder)/\(program)"
      var info = stat()
      if stat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFREG, access(candidate, X_OK) == 0 {
        return candidate
      }
    }
    return nil
  }

  enum Run {
    case failedToStart
    case timedOut
    case finished(status: Int32, output: String)
  }

  /// Runs `program` with `input` on standard input, and collects standard output and error.
  ///
  /// Input and output go through unlinked temporary files, never pipes: a program that exits
  /// early cannot stop us with SIGPIPE, and a chatty one cannot block.
  static func runProgram(_ program: String, arguments: [String], input: [UInt8]) -> Run {
    guard let inputFile = anonymousFile() else { return .failedToStart }
    defer { close(inputFile) }
    guard let outputFile = anonymousFile() else { return .failedToStart }
    defer { close(outputFile) }
    var written = 0
    while written < input.count {
      let result = input[written...].withUnsafeBytes { write(inputFile, $0.baseAddress, $0.count) }
      if result < 0 && errno == EINTR { continue }
      if result <= 0 { return .failedToStart }
      written += result
    }
    lseek(inputFile, 0, SEEK_SET)

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, inputFile, 0)
    posix_spawn_file_actions_adddup2(&actions, outputFile, 1)
    posix_spawn_file_actions_adddup2(&actions, outputFile, 2)
    var environment = ProcessInfo.processInfo.environment
    environment["LC_ALL"] = "C"
    environment["LANG"] = "C"
    let argv = ([program] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for pointer in argv + envp { free(pointer) } }
    var pid = pid_t()
    // ETXTBSY: the program file is still open for writing somewhere, for example while a
    // package update replaces it, or because another thread's child inherited the writer's
    // descriptor for a moment. It clears quickly, so wait a little and try again.
    var attempt = 0
    while true {
      let error = posix_spawn(&pid, program, &actions, nil, argv, envp)
      if error == 0 { break }
      attempt += 1
      guard error == ETXTBSY, attempt < 50 else { return .failedToStart }
      usleep(10_000)
    }

    var status: Int32 = 0
    var waited = 0.0
    while true {
      let result = waitpid(pid, &status, WNOHANG)
      if result == pid { break }
      if result < 0 && errno != EINTR { return .failedToStart }
      if waited >= timeout {
        kill(pid, SIGTERM)
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return .timedOut
      }
      usleep(20_000)
      waited += 0.02
    }
    lseek(outputFile, 0, SEEK_SET)
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(outputFile, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { break }
      output += chunk[..<count]
    }
    // Exit status when the program exited, else the number of the signal that ended it.
    let signal = status & 0x7F
    return .finished(
      status: signal == 0 ? (status >> 8) & 0xFF : signal, output: String(decoding: output, as: UTF8.self))
  }

  /// A private temporary file that has no name in any folder (a file descriptor), or `nil`.
  static func anonymousFile() -> Int32? {
    let folder = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    var template = Array((folder.hasSuffix("/") ? folder : folder + "/").utf8CString.dropLast())
    template += Array("oih-print-XXXXXX".utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
      guard let base = buffer.baseAddress else { return -1 }
      return mkstemp(base)
    }
    guard descriptor >= 0 else { return nil }
    // Not inherited by other children started meanwhile; dup2 in our own child's file actions
    // clears the flag on the copy it uses.
    _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
    let name = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    unlink(name)
    return descriptor
  }
}
