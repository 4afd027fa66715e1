import ArgumentParser
import Foundation
import KnowledgeBase
import Search

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
      let (knowledge, _, safety) = try KnowledgeLoader.loadWithMatcher(from: dir)
      return Loaded(knowledge: knowledge, index: SearchIndex(knowledge: knowledge), safety: safety)
    } catch {
      let errors = error.diagnostics.filter { $0.severity == .error }
      Console.error(errors.map(\.description).joined(separator: "\n"))
      Console.error("oih cannot start: the knowledge base in \(dir) has errors. Run `oih knowledge validate \(dir)` after fixing them.")
      throw ExitCode(1)
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
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  static func error(_ text: String) {
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
  }
}
