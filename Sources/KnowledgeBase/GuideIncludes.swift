#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a guide's `include:` may read from: only `.yaml` files inside the knowledge folder's
/// guides folder or inside the including guide's own folder, after every link is followed.
///
/// A shared guide must not make `oih` read (and quote in its messages) files elsewhere, such as
/// `/etc/shadow` when someone validates it with privileges.
enum IncludePolicy {
  /// A refused include, in words for the guide's author.
  struct Problem: Error {
    let message: String
  }

  /// Finds and reads `include` as written in the guide at `guidePath`.
  ///
  /// - Returns: The path to report and the file's text, or why it is refused.
  static func resolve(_ include: String, from guidePath: String, knowledge: Knowledge) -> Result<
    (String, String), Problem
  > {
    let guideFolder = folder(of: guidePath)
    guard include.hasSuffix(".yaml") else {
      return .failure(
        Problem(message: "included file '\(include)' must be a .yaml file (a part such as parts/closing.yaml)"))
    }
    let path = include.hasPrefix("/") ? include : join(guideFolder, include)
    guard let real = realPath(path) else {
      return .failure(Problem(message: "included file '\(include)' not found"))
    }
    let guidesFolder = join(knowledge.directory, "guides")
    let allowed = [realPath(guidesFolder), realPath(guideFolder)].compactMap { $0 }
    guard allowed.contains(where: { real == $0 || real.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) else {
      return .failure(
        Problem(
          message:
            "included file '\(include)' is outside the guides folder: include only files in \(guidesFolder) or next to this guide"
        ))
    }
    switch YAMLFile.read(real, regularOnly: true) {
    case .success(let text):
      return .success((path, text))
    case .failure(let problem):
      return .failure(Problem(message: "included file '\(include)': \(problem.message)"))
    }
  }

  /// The folder part of `path` ("." for a bare name).
  static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  static func join(_ folder: String, _ name: String) -> String {
    folder.hasSuffix("/") ? folder + name : folder + "/" + name
  }

  /// `path` with every link and `..` resolved, or nil when it does not exist.
  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }
}
