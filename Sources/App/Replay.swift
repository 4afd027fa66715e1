import Conversation
import FoundationEssentials
import KnowledgeBase
import Output
import TextAnalysis

/// Replays golden transcripts through the real run loop (`SessionRunner`): `/save` writes into a
/// temporary folder and `/print` goes to a printer that records the job.
public struct TranscriptReplayer: Sendable {
  let loaded: Loaded

  /// Creates a replayer over a loaded knowledge base.
  ///
  /// - Parameter loaded: The knowledge base, index and matcher.
  public init(loaded: Loaded) {
    self.loaded = loaded
  }

  /// Runs the inputs of `transcript` and returns the body lines produced now.
  ///
  /// - Parameters:
  ///   - transcript: The parsed transcript.
  ///   - directory: The transcript's folder, for a guide given as a path.
  /// - Returns: The body as the program produces it now.
  public func run(_ transcript: Transcript, directory: String) -> [String] {
    let header = transcript.header
    var knowledge = loaded.knowledge
    var guide: Guide?
    if header.guide.hasSuffix(".yaml") {
      let path = header.guide.hasPrefix("/") ? header.guide : directory + "/" + header.guide
      let (found, _) = GuideLoader.load(path: path, knowledge: knowledge)
      guide = found
      if let found { knowledge.guides.append(found) }
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oih-replay-\(UUID().uuidString)").path
    guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil else {
      return ["[cannot create a temporary folder for /save]"]
    }
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for name in header.existing {
      _ = FileManager.default.createFile(atPath: folder + "/" + name, contents: Data("an older file\n".utf8))
    }
    let printerName = header.kiosk ? "front-desk" : nil
    let options = Conversation.Options(
      region: header.region, date: header.date, guide: guide?.id ?? header.guide, kiosk: header.kiosk,
      printer: printerName, interactive: header.interactive)
    let engine = Conversation(
      knowledge: knowledge, index: loaded.index, safety: loaded.safety, options: options, guide: guide)
    var settings = RunnerSettings()
    settings.record = true
    settings.kiosk = header.kiosk
    settings.printer = printerName
    let printer = RecordingPrinter(failure: header.print == "ok" ? nil : "no printer is set up")
    var runner = SessionRunner(
      engine: engine, knowledge: knowledge, terminal: ScriptedTerminal(lines: transcript.inputs, width: header.width),
      store: FileStore(folder: folder), printer: printer, settings: settings)
    runner.run()
    var out = runner.transcript
    if header.show {
      let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
      for name in names where !header.existing.contains(name) {
        out.append("[file \(name)]")
        out += lines(of: (try? String(contentsOfFile: folder + "/" + name, encoding: .utf8)) ?? "")
      }
      for job in printer.jobs {
        out.append("[printed on \(job.printer ?? "default"), \(job.paper.mediaName)]")
        out += lines(of: job.text)
      }
    }
    return out
  }

  func lines(of text: String) -> [String] {
    var lines = text.components(separatedBy: "\n")
    if lines.last == "" { lines.removeLast() }
    return lines
  }
}

/// `oih replay`: replays transcript files and reports each mismatch as a unified diff.
public enum Replay {
  /// Finds transcript files under `paths` (files, or folders searched for `*.transcript`).
  ///
  /// - Throws: `AppError.failure` for a path that does not exist.
  public static func files(_ paths: [String]) throws(AppError) -> [String] {
    var out: [String] = []
    for path in paths {
      var isDirectory = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw .failure("error: no such file or folder: \(path)")
      }
      if isDirectory {
        let names = (try? FileManager.default.subpathsOfDirectory(atPath: path)) ?? []
        out += names.filter { $0.hasSuffix(".transcript") }.sorted().map { path + "/" + $0 }
      } else {
        out.append(path)
      }
    }
    return out
  }

  /// Replays every transcript in `paths`; with `update`, rewrites the ones that differ (and
  /// still shows what changed).
  ///
  /// - Parameters:
  ///   - paths: Transcript files or folders (none: `Transcripts`).
  ///   - update: Rewrite mismatching transcripts with the output produced now.
  ///   - loaded: The knowledge base.
  ///   - output: Receives the diffs and the closing count.
  /// - Returns: Whether every transcript matched (or was updated).
  /// - Throws: `AppError.failure` when a path is missing, no transcript is found or a file
  ///   cannot be read or written.
  public static func run(paths: [String], update: Bool, loaded: Loaded, output: (String) -> Void) throws(AppError)
    -> Bool
  {
    let roots = paths.isEmpty ? ["Transcripts"] : paths
    let files = try files(roots)
    if files.isEmpty { throw .failure("error: no .transcript files found in \(roots.joined(separator: " ")).") }
    let replayer = TranscriptReplayer(loaded: loaded)
    var passed = 0
    var failed = 0
    for file in files {
      guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
        throw .failure("error: cannot read \(file).")
      }
      let transcript = Transcript.parse(text)
      let actual = replayer.run(transcript, directory: URL(fileURLWithPath: file).deletingLastPathComponent().path)
      if actual == transcript.body {
        passed += 1
        continue
      }
      // A transcript may hold anything a person typed or a file held: the diff passes the one
      // output filter, as every echo does.
      output(TerminalText.filter(UnifiedDiff.diff(expected: transcript.body, actual: actual, name: file)))
      if update {
        do {
          try transcript.text(withBody: actual).write(toFile: file, atomically: true, encoding: .utf8)
        } catch {
          throw .failure("error: cannot write \(file).")
        }
        output(TerminalText.filter("updated \(file)\n"))
        passed += 1
      } else {
        failed += 1
      }
    }
    output("\(passed) passed, \(failed) failed\n")
    return failed == 0
  }
}
