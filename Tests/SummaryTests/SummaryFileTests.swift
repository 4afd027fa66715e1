import Conversation
import Foundation
import Testing

@testable import Output

@Suite struct SummaryFileTests {
  static func contents(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
  }

  static func mode(_ path: String) -> mode_t? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return info.st_mode & 0o7777
  }

  static func names(_ folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
  }

  @Test func writesTheFileReadableByItsOwnerOnly() {
    let folder = Fixtures.temporaryFolder()
    defer { Fixtures.remove(folder) }
    let path = folder + "/summary.txt"
    let text = "My summary\nwith ünïcödé\n"
    #expect(SummaryFile.save(text, to: path, overwrite: false) == .saved(path: path))
    #expect(Self.contents(path) == text)
    #expect(Self.mode(path) == 0o600)
    #expect(Self.names(folder) == ["summary.txt"])
  }

  @Test func refusesToReplaceAnExistingFile() {
    let folder = Fixtures.temporaryFolder()
    defer { Fixtures.remove(folder) }
    let path = folder + "/summary.txt"
    _ = FileManager.default.createFile(atPath: path, contents: Data("old\n".utf8))
    #expect(SummaryFile.save("new\n", to: path, overwrite: false) == .exists(path: path))
    #expect(Self.contents(path) == "old\n")
    #expect(Self.names(folder) == ["summary.txt"], "no temporary file is left behind")
  }

  @Test func replacesWhenAllowedAndMakesItPrivate() {
    let folder = Fixtures.temporaryFolder()
    defer { Fixtures.remove(folder) }
    let path = folder + "/summary.txt"
    _ = FileManager.default.createFile(
      atPath: path, contents: Data("old\n".utf8), attributes: [.posixPermissions: 0o644])
    #expect(SummaryFile.save("new\n", to: path, overwrite: true) == .saved(path: path))
    #expect(Self.contents(path) == "new\n")
    #expect(Self.mode(path) == 0o600)
    #expect(Self.names(folder) == ["summary.txt"])
  }

  @Test func overwriteOfANewFileJustWritesIt() {
    let folder = Fixtures.temporaryFolder()
    defer { Fixtures.remove(folder) }
    let path = folder + "/new.html"
    #expect(SummaryFile.save("<p>\n", to: path, overwrite: true) == .saved(path: path))
    #expect(Self.contents(path) == "<p>\n")
  }

  @Test func aMissingFolderIsNamed() {
    let folder = Fixtures.temporaryFolder()
    defer { Fixtures.remove(folder) }
    let path = folder + "/no-such-folder/summary.txt"
    #expect(
      SummaryFile.save("x", to: path, overwrite: false)
        == .saveFailed(path: path, reason: "the folder \(folder)/no-such-folder does not exist"))
  }

  @Test func aFolderIsNotAFile() {
    let folder = Fixtures.temporaryFolder()
    defer { Fixtures.remove(folder) }
    #expect(
      SummaryFile.save("x", to: folder, overwrite: false)
        == .saveFailed(path: folder, reason: "that is a folder, not a file"))
    #expect(
      SummaryFile.save("x", to: folder, overwrite: true)
        == .saveFailed(path: folder, reason: "that is a folder, not a file"))
    #expect(
      SummaryFile.save("x", to: folder + "/", overwrite: false)
        == .saveFailed(path: folder + "/", reason: "that is a folder name, not a file name"))
    #expect(SummaryFile.save("x", to: "", overwrite: false) == .saveFailed(path: "", reason: "no file name was given"))
  }

  @Test func aFileInThePathIsNotAFolder() {
    let folder = Fixtures.temporaryFolder()
    defer { Fixtures.remove(folder) }
    _ = FileManager.default.createFile(atPath: folder + "/plain", contents: Data())
    let path = folder + "/plain/summary.txt"
    #expect(
      SummaryFile.save("x", to: path, overwrite: false)
        == .saveFailed(path: path, reason: "\(folder)/plain is not a folder"))
  }

  /// Whether this machine can make a folder we may not write in: as another user, mode 0500;
  /// as root (who ignores modes), only an immutable folder (`chattr +i`) stops writing.
  static let permissionCanBeDenied: Bool = {
    if getuid() != 0 { return true }
    let probe = Fixtures.temporaryFolder()
    defer {
      _ = Tool.run("chattr", ["-i", probe])
      Fixtures.remove(probe)
    }
    guard let result = Tool.run("chattr", ["+i", probe]), result.status == 0 else { return false }
    return !FileManager.default.createFile(atPath: probe + "/x", contents: Data())
  }()

  @Test(
    .enabled(
      if: permissionCanBeDenied,
      "running as root without chattr +i support here: no folder can refuse root, so this case cannot run"))
  func noPermissionIsSaidPlainly() throws {
    let folder = Fixtures.temporaryFolder()
    defer {
      if getuid() == 0 { _ = Tool.run("chattr", ["-i", folder]) }
      chmod(folder, 0o700)
      Fixtures.remove(folder)
    }
    if getuid() == 0 {
      let result = try #require(Tool.run("chattr", ["+i", folder]))
      try #require(result.status == 0)
    } else {
      chmod(folder, 0o500)
    }
    let path = folder + "/summary.txt"
    #expect(
      SummaryFile.save("x", to: path, overwrite: false)
        == .saveFailed(path: path, reason: "you do not have permission to write in the folder \(folder)"))
    #expect(Self.names(folder).isEmpty)
  }

  @Test func aReadOnlySystemFolderIsRefused() {
    // /proc/self is never writable for new files, root or not.
    let outcome = SummaryFile.save("x", to: "/proc/self/oih-summary.txt", overwrite: false)
    guard case .saveFailed(let path, let reason) = outcome else {
      Issue.record("expected a failure, got \(outcome)")
      return
    }
    #expect(path == "/proc/self/oih-summary.txt")
    #expect(!reason.isEmpty)
  }

  @Test func aRelativePathIsReportedInFull() {
    // Only the path arithmetic: the working folder is shared by parallel tests.
    #expect(SummaryFile.absolute("/a/b.txt") == "/a/b.txt")
    #expect(SummaryFile.absolute("b.txt") == FileManager.default.currentDirectoryPath + "/b.txt")
    #expect(SummaryFile.absolute("./b.txt") == FileManager.default.currentDirectoryPath + "/b.txt")
    #expect(SummaryFile.folderOf("b.txt") == ".")
    #expect(SummaryFile.folderOf("/b.txt") == "/")
    #expect(SummaryFile.folderOf("a/b.txt") == "a")
  }

  @Test func expandsTheHomeFolder() throws {
    let home = try #require(SummaryFile.homeFolder())
    #expect(
      SummaryFile.expand("~/summary.txt") == (home.hasSuffix("/") ? String(home.dropLast()) : home) + "/summary.txt")
    #expect(SummaryFile.expand("~") == (home.hasSuffix("/") ? String(home.dropLast()) : home))
    #expect(SummaryFile.expand("~other/summary.txt") == "~other/summary.txt")
    #expect(SummaryFile.expand("a/~/b") == "a/~/b")
  }

  @Test(arguments: [
    (ENOSPC, "the disk is full"),
    (EDQUOT, "the disk is full"),
    (EROFS, "the folder /f is on a disk that cannot be written to"),
    (EACCES, "you do not have permission to write in the folder /f"),
    (EPERM, "you do not have permission to write in the folder /f"),
    (ENAMETOOLONG, "the file name is too long"),
    (EIO, "the disk reported an error"),
  ])
  func writeProblemsAreInPlainWords(error: Int32, reason: String) {
    #expect(SummaryFile.writeProblem(error, folder: "/f") == reason)
  }

  /// A device is refused before anyone is asked "replace it?" (issue 17).
  @Test func aDeviceIsRefusedBeforeAskingToReplaceIt() {
    guard FileManager.default.fileExists(atPath: "/dev/null") else { return }
    for overwrite in [false, true] {
      #expect(
        SummaryFile.save("x", to: "/dev/null", overwrite: overwrite)
          == .saveFailed(path: "/dev/null", reason: "that is a device, not an ordinary file"))
    }
  }

  /// `/save /dev/stdout` as root once replaced the system's link with a regular file.
  @Test func theStandardOutputLinkIsNeverReplaced() throws {
    var before = stat()
    guard lstat("/dev/stdout", &before) == 0, before.st_mode & S_IFMT == S_IFLNK else { return }
    let target = try FileManager.default.destinationOfSymbolicLink(atPath: "/dev/stdout")
    for overwrite in [false, true] {
      #expect(
        SummaryFile.save("x", to: "/dev/stdout", overwrite: overwrite)
          == .saveFailed(path: "/dev/stdout", reason: "that is a link to another file; choose another file name"))
    }
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "/dev/stdout") == target)
  }

  @Test func aLinkIsRefusedAndLeftAsItWas() throws {
    let folder = Fixtures.temporaryFolder()
    defer { Fixtures.remove(folder) }
    _ = FileManager.default.createFile(atPath: folder + "/target.txt", contents: Data("target\n".utf8))
    try FileManager.default.createSymbolicLink(atPath: folder + "/link.txt", withDestinationPath: "target.txt")
    try FileManager.default.createSymbolicLink(atPath: folder + "/dangling.txt", withDestinationPath: "nowhere.txt")
    for name in ["link.txt", "dangling.txt"] {
      for overwrite in [false, true] {
        #expect(
          SummaryFile.save("new\n", to: folder + "/" + name, overwrite: overwrite)
            == .saveFailed(
              path: folder + "/" + name, reason: "that is a link to another file; choose another file name"))
      }
    }
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/link.txt") == "target.txt")
    #expect(Self.contents(folder + "/target.txt") == "target\n")
    #expect(Self.names(folder) == ["dangling.txt", "link.txt", "target.txt"], "no temporary file is left behind")
  }

  @Test func aPipeIsRefusedWithoutWaitingForAReader() throws {
    let folder = Fixtures.temporaryFolder()
    defer { Fixtures.remove(folder) }
    let path = folder + "/pipe"
    try #require(mkfifo(path, 0o600) == 0)
    for overwrite in [false, true] {
      #expect(
        SummaryFile.save("x", to: path, overwrite: overwrite)
          == .saveFailed(path: path, reason: "that is a pipe, not an ordinary file"))
    }
  }

  @Test func aRecordingTargetIsCheckedBeforeTheSession() throws {
    let folder = Fixtures.temporaryFolder()
    defer { Fixtures.remove(folder) }
    _ = FileManager.default.createFile(atPath: folder + "/old.transcript", contents: Data("keep\n".utf8))
    try FileManager.default.createSymbolicLink(
      atPath: folder + "/link.transcript", withDestinationPath: "old.transcript")
    #expect(SummaryFile.problemWriting(to: folder + "/new.transcript", overwrite: false) == nil)
    #expect(SummaryFile.problemWriting(to: folder + "/old.transcript", overwrite: false) == "the file already exists")
    #expect(SummaryFile.problemWriting(to: folder + "/old.transcript", overwrite: true) == nil)
    #expect(
      SummaryFile.problemWriting(to: folder + "/link.transcript", overwrite: true)
        == "that is a link to another file; choose another file name")
    #expect(
      SummaryFile.problemWriting(to: folder + "/nodir/x.transcript", overwrite: false)
        == "the folder \(folder)/nodir does not exist")
    #expect(SummaryFile.problemWriting(to: folder, overwrite: true) == "that is a folder, not a file")
    #expect(Self.contents(folder + "/old.transcript") == "keep\n")
  }

  /// Whether a tiny tmpfs can be mounted here (root with CAP_SYS_ADMIN), to fill a disk for real.
  static let canMountTinyDisk: Bool = {
    guard getuid() == 0, Tool.available("mount", "umount") else { return false }
    let probe = Fixtures.temporaryFolder()
    defer { Fixtures.remove(probe) }
    guard let result = Tool.run("mount", ["-t", "tmpfs", "-o", "size=16k", "tmpfs", probe]), result.status == 0 else {
      return false
    }
    _ = Tool.run("umount", [probe])
    return true
  }()

  @Test(.enabled(if: canMountTinyDisk, "needs root and 'mount -t tmpfs' to make a full disk"))
  func aFullDiskIsSaidPlainlyAndLeavesNothing() throws {
    let folder = Fixtures.temporaryFolder()
    defer {
      _ = Tool.run("umount", [folder])
      Fixtures.remove(folder)
    }
    let mounted = try #require(Tool.run("mount", ["-t", "tmpfs", "-o", "size=16k", "tmpfs", folder]))
    try #require(mounted.status == 0)
    let path = folder + "/summary.txt"
    let big = String(repeating: "0123456789abcdef\n", count: 8192)
    #expect(SummaryFile.save(big, to: path, overwrite: false) == .saveFailed(path: path, reason: "the disk is full"))
    #expect(Self.names(folder).isEmpty, "the partial temporary file is removed")
    #expect(SummaryFile.save("small\n", to: path, overwrite: false) == .saved(path: path))
  }

  @Test func manySavesLeaveNoTemporaryFiles() {
    let folder = Fixtures.temporaryFolder()
    defer { Fixtures.remove(folder) }
    for index in 0..<20 {
      _ = SummaryFile.save(
        String(repeating: "line \(index)\n", count: 1000), to: folder + "/s.txt", overwrite: index % 2 == 0)
    }
    #expect(Self.names(folder) == ["s.txt"])
  }
}
