import ArgumentParser
import FoundationEssentials
import KnowledgeBase
import Search
import TextAnalysis

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Options shared by commands that read the knowledge base.
struct KnowledgeOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("The knowledge folder to use instead of the bundled one.", valueName: "DIR"))
  var knowledge: String?

  /// The folders searched for the bundled knowledge base, in order.
  static func candidates() -> [String] {
    var out: [String] = []
    if let env = ProcessInfo.processInfo.environment["OIH_KNOWLEDGE"], !env.isEmpty { out.append(env) }
    let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    let exeDir = (try? executablePath()).map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
      ?? executable.deletingLastPathComponent()
    // Installed: PREFIX/bin/oih -> PREFIX/share/oih/Knowledge
    out.append(exeDir.deletingLastPathComponent().appendingPathComponent("share/oih/Knowledge").path)
    // Built in a checkout: .build/<config>/oih -> <repo>/Knowledge
    var dir = exeDir
    for _ in 0..<5 {
      out.append(dir.appendingPathComponent("Knowledge").path)
      dir = dir.deletingLastPathComponent()
    }
    // The checkout this binary was built from.
    let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    out.append(source.appendingPathComponent("Knowledge").path)
    var seen = Set<String>()
    return out.filter { seen.insert($0).inserted }
  }

  static func executablePath() throws -> String {
    try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
  }

  /// The knowledge folder to use.
  func directory() throws -> String { try Self.find(knowledge) }

  /// The folder given, or the first bundled one found.
  static func find(_ explicit: String?) throws -> String {
    if let explicit { return explicit }
    let candidates = Self.candidates()
    for path in candidates where FileManager.default.fileExists(atPath: path + "/sources.yaml") { return path }
    throw CleanExit.message("""
      error: no knowledge base found. Looked in:
      \(candidates.map { "  " + $0 }.joined(separator: "\n"))
      Use --knowledge DIR or set OIH_KNOWLEDGE.
      """)
  }

  /// Loads and validates; on errors prints every diagnostic to stderr and exits 1.
  func load() throws -> Loaded {
    let dir = try directory()
    do {
      // The search index (and, when the files are already validated, the red-flag matcher) is
      // built in the background while the welcome is shown; its first use waits for it.
      let (knowledge, _, safety, index) = try KnowledgeLoader.loadWithMatcher(
        from: dir, program: ValidationStamp.programIdentity(version: OIH.version)
      ) { SearchIndex.inBackground(knowledge: $0, queue: BackgroundQueues.startup) }
      Self.warnAboutSkippedGuides(knowledge)
      return Loaded(knowledge: knowledge, index: index, safety: safety)
    } catch {
      let errors = error.diagnostics.filter { $0.severity == .error }
      Console.error(errors.map(\.description).joined(separator: "\n"))
      Console.error("oih cannot start: the knowledge base in \(dir) has errors. Run `oih knowledge validate \(dir)` after fixing them.")
      throw ExitCode(1)
    }
  }
}

extension KnowledgeOptions {
  /// A broken guide stops only itself: says on stderr which guides were left out, and why.
  static func warnAboutSkippedGuides(_ knowledge: Knowledge) {
    for skipped in knowledge.skippedGuides {
      let errors = skipped.diagnostics.filter { $0.severity == .error }
      var lines = ["warning: the guide \(skipped.file) has \(errors.count) error(s) and is left out; the other guides work."]
      lines += errors.prefix(3).map { "  " + $0.description }
      if errors.count > 3 { lines.append("  ... and \(errors.count - 3) more: run `oih guide validate \(skipped.file)`.") }
      Console.error(TerminalText.filter(lines.joined(separator: "\n")))
    }
  }
}

/// A loaded knowledge base with its search index and red-flag matcher, built once at start.
struct Loaded {
  var knowledge: Knowledge
  var index: SearchIndex
  var safety: RedFlagMatcher
}

/// Writes to standard output and error without buffering surprises.
enum Console {
  static func out(_ text: String) {
    writeAll(1, text)
  }

  static func error(_ text: String) {
    writeAll(2, text.hasSuffix("\n") ? text : text + "\n")
  }

  /// Every byte of the file at `path` (any kind of file, such as /dev/null), or `nil` when it
  /// cannot be read.
  static func readFile(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 16_384)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      if count < 0 { return nil }
      if count == 0 { return bytes }
      bytes += chunk[..<count]
    }
  }

  /// Writes every byte of `text` to file descriptor `fd`, retrying after interruptions.
  static func writeAll(_ fd: Int32, _ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let count = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { return }
      bytes = bytes.dropFirst(count)
    }
  }
}
