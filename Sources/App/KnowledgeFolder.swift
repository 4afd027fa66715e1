import FoundationEssentials
import KnowledgeBase
import OrderedCollections
import Search
import TextAnalysis

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a command could not do its work. The executable writes `message` to standard error.
public enum AppError: Error, Equatable, CustomStringConvertible {
  /// A command-line value is wrong (an unknown region): the executable reports it as a usage
  /// error, with ArgumentParser's exit code.
  case usage(String)
  /// The work failed (no or broken knowledge base, unreadable file): exit status 1.
  case failure(String)

  /// The message, in words a person can act on.
  public var description: String {
    switch self {
    case .usage(let message), .failure(let message): return message
    }
  }
}

/// The program's version, shown by `oih --version` and part of the validation stamp.
public enum Version {
  /// The version string.
  public static let current = "0.1.0"
}

/// A loaded knowledge base with its search index and red-flag matcher, built once at start.
public struct Loaded: Sendable {
  /// The knowledge base.
  public var knowledge: Knowledge
  /// Its search index.
  public var index: SearchIndex
  /// Its red-flag matcher.
  public var safety: RedFlagMatcher

  /// Bundles the three.
  public init(knowledge: Knowledge, index: SearchIndex, safety: RedFlagMatcher) {
    self.knowledge = knowledge
    self.index = index
    self.safety = safety
  }

  /// The region id for `code`, or nil when none was given: the session then asks the person and
  /// shows every region's numbers until one is chosen.
  ///
  /// - Parameter code: A region code such as `uk`, or nil.
  /// - Returns: The region's id, or nil.
  /// - Throws: `AppError.usage` for a region the knowledge base does not have.
  public func regionID(_ code: String?) throws(AppError) -> String? {
    guard let code else { return nil }
    guard let found = knowledge.region(code) else {
      throw .usage("unknown region '\(code)'. Use one of: \(knowledge.regions.map(\.id).joined(separator: ", ")).")
    }
    return found.id
  }
}

/// Finds and loads the knowledge folder.
public enum KnowledgeFolder {
  /// The folders searched for the bundled knowledge base, in order: `$OIH_KNOWLEDGE`,
  /// PREFIX/share/oih/Knowledge beside an installed binary, a `Knowledge/` folder above the
  /// binary, and (debug builds only) the checkout the binary was built from.
  ///
  /// - Parameters:
  ///   - environment: The value of `OIH_KNOWLEDGE`, if set.
  ///   - executable: The path of the running binary.
  /// - Returns: Candidate folders, without repeats.
  public static func candidates(environment: String?, executable: String) -> [String] {
    var out: [String] = []
    if let environment, !environment.isEmpty { out.append(environment) }
    let exeDir = URL(fileURLWithPath: executable).deletingLastPathComponent()
    // Installed: PREFIX/bin/oih -> PREFIX/share/oih/Knowledge
    out.append(exeDir.deletingLastPathComponent().appendingPathComponent("share/oih/Knowledge").path)
    // Built in a checkout: .build/<config>/oih -> <repo>/Knowledge
    var dir = exeDir
    for _ in 0..<5 {
      out.append(dir.appendingPathComponent("Knowledge").path)
      dir = dir.deletingLastPathComponent()
    }
    #if DEBUG
      // The checkout this binary was built from (never in release builds, which are installed
      // elsewhere).
      let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
      out.append(source.appendingPathComponent("Knowledge").path)
    #endif
    return Array(OrderedSet(out))
  }

  /// The running binary's path (`/proc/self/exe`, else the first argument).
  static func executablePath() -> String {
    if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
    return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
  }

  /// The folder given, or the first bundled one found.
  ///
  /// - Parameter explicit: `--knowledge DIR`, if given.
  /// - Returns: The folder.
  /// - Throws: `AppError.failure` listing every place looked in when none has a knowledge base.
  public static func find(_ explicit: String?) throws(AppError) -> String {
    if let explicit { return explicit }
    let candidates = candidates(
      environment: ProcessInfo.processInfo.environment["OIH_KNOWLEDGE"], executable: executablePath())
    for path in candidates where FileManager.default.fileExists(atPath: path + "/sources.yaml") { return path }
    throw .failure(
      """
      error: no knowledge base found. Looked in:
      \(candidates.map { "  " + $0 }.joined(separator: "\n"))
      Use --knowledge DIR or set OIH_KNOWLEDGE.
      """)
  }

  /// Finds, loads and validates the knowledge base.
  ///
  /// - Parameter explicit: `--knowledge DIR`, if given.
  /// - Returns: The knowledge base with its index and matcher.
  /// - Throws: `AppError.failure` with every error found, when there is none or it is broken.
  public static func load(_ explicit: String?) throws(AppError) -> Loaded {
    let dir = try find(explicit)
    do {
      // The search index (and, when the files are already validated, the red-flag matcher) is
      // built in the background while the welcome is shown; its first use waits for it.
      let (knowledge, _, safety, index) = try KnowledgeLoader.loadWithMatcher(
        from: dir, program: ValidationStamp.programIdentity(version: Version.current)
      ) { knowledge in
        // The index never reads the red-flag net's text: it need not keep it while it builds.
        var forIndex = knowledge
        forIndex.redFlagNetFile = nil
        return SearchIndex.inBackground(knowledge: forIndex, queue: BackgroundQueues.startup)
      }
      warnAboutSkippedGuides(knowledge)
      // The classifiers' files are parsed by the index and the matcher, which hold their own
      // copies until built; the session does not keep 3.7 MB of text it never reads again.
      var kept = knowledge
      kept.topicNetFile = nil
      kept.redFlagNetFile = nil
      return Loaded(knowledge: kept, index: index, safety: safety)
    } catch {
      let errors = error.diagnostics.filter { $0.severity == .error }
      throw .failure(
        (errors.map(\.description)
          + [
            "oih cannot start: the knowledge base in \(dir) has errors. Run `oih knowledge validate \(dir)` after fixing them."
          ]).joined(separator: "\n"))
    }
  }

  /// A broken guide stops only itself: says on standard error which guides were left out, and
  /// why (the first three errors of each, then how to see the rest).
  ///
  /// - Parameter knowledge: The loaded knowledge base.
  static func warnAboutSkippedGuides(_ knowledge: Knowledge) {
    for skipped in knowledge.skippedGuides {
      let errors = skipped.diagnostics.filter { $0.severity == .error }
      var lines = [
        "warning: the guide \(skipped.file) has \(errors.count) error(s) and is left out; the other guides work."
      ]
      lines += errors.prefix(3).map { "  " + $0.description }
      if errors.count > 3 {
        lines.append("  ... and \(errors.count - 3) more: run `oih guide validate \(skipped.file)`.")
      }
      Console.error(TerminalText.filter(lines.joined(separator: "\n")))
    }
  }
}
