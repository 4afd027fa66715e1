import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A 64-bit FNV-1a-style hash (over 8-byte words) of the files a load read: their names (relative to the knowledge
/// folder) and bytes, in reading order.
struct Fingerprint: Sendable {
  /// The knowledge folder; file names are hashed relative to it.
  var base = ""
  private var hash: UInt64 = 0xcbf2_9ce4_8422_2325

  mutating func add<Bytes: Collection>(_ file: String, _ bytes: Bytes) where Bytes.Element == UInt8 {
    let name = file.hasPrefix(base) ? file.dropFirst(base.count) : file[...]
    mix(name.utf8)
    mix(CollectionOfOne(0))
    mix(bytes)
    mix(CollectionOfOne(0))
  }

  private mutating func mix<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    if let done: Void = bytes.withContiguousStorageIfAvailable({ mix(buffer: $0) }) { return done }
    Array(bytes).withUnsafeBufferPointer { mix(buffer: $0) }
  }

  /// FNV-1a over 8-byte words, then over the last bytes one by one.
  private mutating func mix(buffer: UnsafeBufferPointer<UInt8>) {
    var hash = self.hash
    let raw = UnsafeRawBufferPointer(buffer)
    let words = raw.count / 8
    for index in 0..<words {
      hash ^= raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
      hash &*= 0x100_0000_01b3
    }
    for byte in raw[(words * 8)...] {
      hash ^= UInt64(byte)
      hash &*= 0x100_0000_01b3
    }
    self.hash = hash
  }

  /// Mixes in another fingerprint (of files read elsewhere), as if its files came next.
  mutating func combine(_ other: Fingerprint) {
    withUnsafeBytes(of: other.hash.littleEndian) { mix(buffer: $0.bindMemory(to: UInt8.self)) }
  }

  /// The hash as 16 hexadecimal digits.
  var text: String {
    let digits = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}

/// A note in the knowledge folder (`.oih-validated`) that this build of the program validated
/// these exact files with no errors, written by `oih knowledge validate`.
///
/// While the note is current, starting the program reads and checks the files' syntax, schema
/// and guides as always, but does not repeat the content checks (reading level, doses, red-flag
/// examples, references), which are most of the start-up time. Any change to any file, or a
/// different build of the program, makes the note stale, and then everything is checked again.
/// The note holds no personal data: a format line, the program's identity and a hash.
public enum ValidationStamp {
  /// The file name, inside the knowledge folder.
  public static let fileName = ".oih-validated"

  static func contents(program: String, fingerprint: String) -> String {
    "oih validation stamp 1\nprogram: \(program)\nfiles: \(fingerprint)\n"
  }

  /// Whether the note in `directory` says this program already validated these files.
  ///
  /// - Parameters:
  ///   - directory: The knowledge folder.
  ///   - program: This build's identity (see `ValidationStamp.programIdentity(version:)`).
  ///   - fingerprint: `Knowledge.fingerprint` of the files just read.
  /// - Returns: True only for an exact match.
  public static func isCurrent(in directory: String, program: String, fingerprint: String) -> Bool {
    guard !fingerprint.isEmpty,
      let data = FileManager.default.contents(atPath: KnowledgeLoader.path(directory, fileName))
    else {
      return false
    }
    return String(decoding: data, as: UTF8.self) == contents(program: program, fingerprint: fingerprint)
  }

  /// Writes the note after a validation with no errors. Failing to write (a read-only folder)
  /// changes nothing but the start-up time.
  ///
  /// - Parameters:
  ///   - directory: The knowledge folder.
  ///   - program: This build's identity.
  ///   - fingerprint: `Knowledge.fingerprint` of the files validated.
  /// - Returns: Whether the note was written.
  @discardableResult
  public static func write(in directory: String, program: String, fingerprint: String) -> Bool {
    guard !fingerprint.isEmpty else { return false }
    let path = KnowledgeLoader.path(directory, fileName)
    let temporary = path + ".\(getpid()).tmp"
    do {
      try Data(contents(program: program, fingerprint: fingerprint).utf8).write(to: URL(fileURLWithPath: temporary))
      guard rename(temporary, path) == 0 else {
        unlink(temporary)
        return false
      }
      return true
    } catch {
      unlink(temporary)
      return false
    }
  }

  /// Removes the note, so the next start checks everything.
  public static func remove(in directory: String) {
    unlink(KnowledgeLoader.path(directory, fileName))
  }

  /// The identity of the running build: its version and the size and change time of its
  /// executable file, so a rebuilt program never trusts a note written by an older one.
  ///
  /// - Parameter version: The program's version.
  /// - Returns: For example "0.1.0 3456789 1790000000.123456789", or `nil` when the executable
  ///   cannot be examined (then no note is trusted).
  public static func programIdentity(version: String) -> String? {
    var info = stat()
    guard stat("/proc/self/exe", &info) == 0 else { return nil }
    return "\(version) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
  }
}
