import Conversation
import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a summary to a file: whole or not at all, readable by its owner only, never replacing a
/// file unless asked.
public enum SummaryFile {
  /// Saves `text` at `path`.
  ///
  /// The text goes to a new temporary file in the same folder (created with `O_EXCL` and
  /// permissions 0600), is flushed to disk, then takes the final name in one step, so the file
  /// appears whole or not at all. Without `overwrite`, an existing file is left alone, even one
  /// that appears while saving. Only ordinary files are written: a link (never followed, never
  /// replaced), device, pipe, socket or folder at `path` is refused with the reason before
  /// `.exists` could ask "replace it?", and a replace goes ahead only if the file is still the
  /// one that was checked.
  ///
  /// - Parameters:
  ///   - text: The summary.
  ///   - path: Where to write it; a leading `~/` means the home folder; a relative path is taken
  ///     from the working directory.
  ///   - overwrite: Whether an existing file may be replaced (the person said yes).
  /// - Returns: `.saved(path:)` with the full path written; `.exists(path:)` when the file is
  ///   there and `overwrite` is false; `.saveFailed(path:reason:)` with the reason in plain words.
  ///   `path` in the last two is as given.
  public static func save(_ text: String, to path: String, overwrite: Bool) -> Outcome {
    func failed(_ reason: String) -> Outcome { .saveFailed(path: path, reason: reason) }
    let target = expand(path)
    if target.isEmpty { return failed("no file name was given") }
    if target.hasSuffix("/") || target.hasSuffix("/.") || target.hasSuffix("/..") || target == "." || target == ".." {
      return failed("that is a folder name, not a file name")
    }
    let folder = folderOf(target)
    let name = target.lastIndex(of: "/").map { String(target[target.index(after: $0)...]) } ?? target
    if name.utf8.count > 200 { return failed("the file name is too long") }

    // The folder must exist and be a folder.
    var folderInfo = stat()
    if stat(folder, &folderInfo) != 0 {
      return failed(folderProblem(errno, folder: folder))
    }
    if folderInfo.st_mode & S_IFMT != S_IFDIR { return failed("\(folder) is not a folder") }

    // What is at the path already: only an ordinary file may be there, and it is said before
    // anyone is asked "replace it?".
    var info = stat()
    var existing: (device: dev_t, inode: ino_t)?
    if lstat(target, &info) == 0 {
      if let problem = kindProblem(info.st_mode) { return failed(problem) }
      if !overwrite { return .exists(path: path) }
      // Open it without following links (O_NOFOLLOW) and without waiting (O_NONBLOCK), to know
      // exactly which file the person agreed to replace.
      let descriptor = open(target, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
      if descriptor < 0 {
        let error = errno
        if error == ELOOP { return failed(kindProblem(S_IFLNK) ?? "that is a link") }
        if error != EACCES && error != EPERM { return failed(writeProblem(error, folder: folder)) }
      } else {
        var opened = stat()
        let status = fstat(descriptor, &opened)
        close(descriptor)
        if status != 0 { return failed(writeProblem(errno, folder: folder)) }
        if let problem = kindProblem(opened.st_mode) { return failed(problem) }
        existing = (opened.st_dev, opened.st_ino)
      }
      if existing == nil { existing = (info.st_dev, info.st_ino) }
    }

    // Write a temporary file next to it.
    var temporary = ""
    var descriptor: Int32 = -1
    for attempt in 0..<20 {
      temporary = joined(
        folder, ".\(name.prefix(40)).oih-\(getpid())-\(attempt)-\(UInt32.random(in: 0...UInt32.max)).tmp")
      descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
      if descriptor >= 0 || errno != EEXIST { break }
    }
    if descriptor < 0 { return failed(writeProblem(errno, folder: folder)) }
    func abandon(_ error: Int32) -> Outcome {
      close(descriptor)
      unlink(temporary)
      return failed(writeProblem(error, folder: folder))
    }
    if fchmod(descriptor, 0o600) != 0 { return abandon(errno) }
    let bytes = Array(text.utf8)
    var written = 0
    while written < bytes.count {
      let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      if result < 0 {
        if errno == EINTR { continue }
        return abandon(errno)
      }
      if result == 0 { return abandon(EIO) }
      written += result
    }
    if fsync(descriptor) != 0 && errno != EINVAL && errno != EROFS { return abandon(errno) }
    if close(descriptor) != 0 {
      let error = errno
      unlink(temporary)
      return failed(writeProblem(error, folder: folder))
    }

    // Give it its name. The rename replaces whatever entry is there, so check once more that it
    // is still the ordinary file checked above (or still nothing): a link or device put there
    // meanwhile is never replaced.
    if overwrite {
      var now = stat()
      if lstat(target, &now) == 0 {
        let same = existing.map { $0.device == now.st_dev && $0.inode == now.st_ino } ?? false
        if !same || kindProblem(now.st_mode) != nil {
          unlink(temporary)
          return failed("the file changed while it was being saved, so it was not replaced")
        }
      }
      if rename(temporary, target) != 0 {
        let error = errno
        unlink(temporary)
        return failed(error == EISDIR ? "that is a folder, not a file" : writeProblem(error, folder: folder))
      }
    } else if link(temporary, target) != 0 {
      let error = errno
      if error == EEXIST {
        unlink(temporary)
        return .exists(path: path)
      }
      // Some file systems have no hard links: check, then rename.
      if lstat(target, &info) == 0 {
        unlink(temporary)
        return .exists(path: path)
      }
      if rename(temporary, target) != 0 {
        let error = errno
        unlink(temporary)
        return failed(writeProblem(error, folder: folder))
      }
    } else {
      unlink(temporary)
    }
    syncFolder(folder)
    return .saved(path: absolute(target))
  }

  /// Plain words for why something that is not an ordinary file cannot be written, or nil for
  /// an ordinary file.
  static func kindProblem(_ mode: mode_t) -> String? {
    switch mode & S_IFMT {
    case S_IFREG: return nil
    case S_IFDIR: return "that is a folder, not a file"
    case S_IFLNK: return "that is a link to another file; choose another file name"
    case S_IFCHR, S_IFBLK: return "that is a device, not an ordinary file"
    case S_IFIFO: return "that is a pipe, not an ordinary file"
    case S_IFSOCK: return "that is a socket, not an ordinary file"
    default: return "that is not an ordinary file"
    }
  }

  /// Checks, before a session starts, that `path` can be written later: its folder exists and
  /// may be written in, and nothing but (with `overwrite`) an ordinary file is there.
  ///
  /// - Parameters:
  ///   - path: The file, as given; `~/` means the home folder.
  ///   - overwrite: Whether an existing ordinary file may be replaced.
  /// - Returns: nil when it can be written, else the reason in plain words.
  public static func problemWriting(to path: String, overwrite: Bool) -> String? {
    let target = expand(path)
    if target.isEmpty { return "no file name was given" }
    if target.hasSuffix("/") || target.hasSuffix("/.") || target.hasSuffix("/..") || target == "." || target == ".." {
      return "that is a folder name, not a file name"
    }
    let folder = folderOf(target)
    var folderInfo = stat()
    if stat(folder, &folderInfo) != 0 { return folderProblem(errno, folder: folder) }
    if folderInfo.st_mode & S_IFMT != S_IFDIR { return "\(folder) is not a folder" }
    if access(folder, W_OK | X_OK) != 0 { return writeProblem(errno, folder: folder) }
    var info = stat()
    if lstat(target, &info) == 0 {
      if let problem = kindProblem(info.st_mode) { return problem }
      if !overwrite { return "the file already exists" }
    }
    return nil
  }

  /// `path` with a leading `~` or `~/` replaced by the home folder.
  static func expand(_ path: String) -> String {
    guard path == "~" || path.hasPrefix("~/") else { return path }
    guard let home = homeFolder() else { return path }
    return (home.hasSuffix("/") ? String(home.dropLast()) : home) + path.dropFirst()
  }

  static func homeFolder() -> String? {
    if let home = getenv("HOME"), home.pointee != 0 { return String(cString: home) }
    guard let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir else { return nil }
    return String(cString: directory)
  }

  /// The folder part of `path`: "." for a bare file name.
  static func folderOf(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    if slash == path.startIndex { return "/" }
    return String(path[..<slash])
  }

  static func joined(_ folder: String, _ name: String) -> String {
    folder.hasSuffix("/") ? folder + name : folder + "/" + name
  }

  static func absolute(_ path: String) -> String {
    if path.hasPrefix("/") { return path }
    let current = FileManager.default.currentDirectoryPath
    let relative = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
    return joined(current, relative)
  }

  /// Flushes the folder entry, so the new name survives a power cut.
  static func syncFolder(_ folder: String) {
    let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    _ = fsync(descriptor)
    close(descriptor)
  }

  /// Plain words for why the folder could not be looked at.
  static func folderProblem(_ error: Int32, folder: String) -> String {
    switch error {
    case ENOENT: return "the folder \(folder) does not exist"
    case ENOTDIR: return "part of \(folder) is not a folder"
    case EACCES, EPERM: return "you do not have permission to use the folder \(folder)"
    case ENAMETOOLONG: return "the file name is too long"
    case ELOOP: return "the folder \(folder) loops back on itself (too many links)"
    default: return systemMessage(error)
    }
  }

  /// Plain words for why writing failed.
  static func writeProblem(_ error: Int32, folder: String) -> String {
    switch error {
    case EACCES, EPERM: return "you do not have permission to write in the folder \(folder)"
    case EROFS: return "the folder \(folder) is on a disk that cannot be written to"
    case ENOSPC, EDQUOT: return "the disk is full"
    case ENOENT: return "the folder \(folder) does not exist"
    case ENOTDIR: return "part of \(folder) is not a folder"
    case EISDIR: return "that is a folder, not a file"
    case ENAMETOOLONG: return "the file name is too long"
    case EIO: return "the disk reported an error"
    case EMLINK, EMFILE, ENFILE: return "too many files are open; try again"
    default: return systemMessage(error)
    }
  }

  static func systemMessage(_ error: Int32) -> String {
    guard let message = strerror(error) else { return "error \(error)" }
    return String(cString: message).lowercased()
  }
}
