internal import CLibYAML
import TextAnalysis

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads one YAML mapping with typed accessors, recording where each field was and reporting
/// missing, mistyped and unknown keys with their line and column.
final class MappingReader {
  let file: String
  let location: SourceLocation
  private let pairs: [(key: String, keyLocation: SourceLocation, value: YAMLNode)]
  /// Which pairs were read, by position.
  private var used: [Bool]
  private let sink: DiagnosticSink
  var sinkRef: DiagnosticSink { sink }
  /// A short name for messages, such as "topic" or "red flag".
  let what: String

  /// Returns a reader when `node` is a mapping; otherwise reports an error and returns nil.
  static func make(_ node: YAMLNode, file: String, what: String, sink: DiagnosticSink) -> MappingReader? {
    guard case .mapping(let mapping) = node else {
      sink.error("expected a mapping (key: value lines) for \(what)", at: location(of: node, in: file))
      return nil
    }
    return MappingReader(mapping, file: file, what: what, sink: sink, at: location(of: node, in: file))
  }

  private init(_ mapping: YAMLMapping, file: String, what: String, sink: DiagnosticSink, at location: SourceLocation) {
    self.file = file
    self.what = what
    self.sink = sink
    self.location = location
    pairs = mapping.map { pair in
      (pair.key.string ?? "", MappingReader.location(of: pair.key, in: file), pair.value)
    }
    used = [Bool](repeating: false, count: pairs.count)
  }

  static func location(of node: YAMLNode, in file: String) -> SourceLocation {
    SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
  }

  /// The raw node for `key`, marking it as used.
  func node(_ key: String) -> YAMLNode? {
    guard let index = pairs.firstIndex(where: { $0.key == key }) else { return nil }
    used[index] = true
    return pairs[index].value
  }

  /// Where the value of `key` is, or the mapping itself when the key is absent.
  func locationOf(_ key: String) -> SourceLocation {
    if let value = pairs.first(where: { $0.key == key })?.value { return Self.location(of: value, in: file) }
    return location
  }

  func has(_ key: String) -> Bool { pairs.contains { $0.key == key } }

  /// A string field. Reports a missing required field or a non-string value.
  func string(_ key: String, required: Bool = true) -> String? {
    guard let value = node(key) else {
      if required { sink.error("\(what) is missing required field '\(key)'", at: location) }
      return nil
    }
    guard case .scalar(let scalar) = value else {
      sink.error("field '\(key)' must be text", at: Self.location(of: value, in: file))
      return nil
    }
    if scalar.isPlain && (scalar.string == "~" || scalar.string == "null") {
      if required { sink.error("field '\(key)' is empty", at: Self.location(of: value, in: file)) }
      return nil
    }
    return scalar.string
  }

  /// An integer field.
  func int(_ key: String, required: Bool = true) -> Int? {
    guard let text = string(key, required: required) else { return nil }
    guard let value = Int(text) else {
      sink.error("field '\(key)' must be a whole number, found '\(text)'", at: locationOf(key))
      return nil
    }
    return value
  }

  /// A list of strings (a single string is accepted as a one-item list).
  func strings(_ key: String, required: Bool = true) -> [(String, SourceLocation)] {
    guard let value = node(key) else {
      if required { sink.error("\(what) is missing required field '\(key)'", at: location) }
      return []
    }
    switch value {
    case .scalar(let scalar):
      return [(scalar.string, Self.location(of: value, in: file))]
    case .sequence(let sequence):
      var out: [(String, SourceLocation)] = []
      for item in sequence {
        if case .scalar(let scalar) = item {
          out.append((scalar.string, Self.location(of: item, in: file)))
        } else {
          sink.error("each item of '\(key)' must be text", at: Self.location(of: item, in: file))
        }
      }
      return out
    case .mapping:
      sink.error("field '\(key)' must be a list", at: Self.location(of: value, in: file))
      return []
    }
  }

  /// A list of mappings, each read by `body`.
  func list<T>(_ key: String, what itemName: String, required: Bool = true, _ body: (MappingReader) -> T?) -> [T] {
    guard let value = node(key) else {
      if required { sink.error("\(what) is missing required field '\(key)'", at: location) }
      return []
    }
    guard case .sequence(let sequence) = value else {
      sink.error("field '\(key)' must be a list", at: Self.location(of: value, in: file))
      return []
    }
    var out: [T] = []
    for item in sequence {
      guard let reader = MappingReader.make(item, file: file, what: itemName, sink: sink) else { continue }
      if let value = body(reader) { out.append(value) }
      reader.finish()
    }
    return out
  }

  /// A nested mapping read by `body`.
  func mapping<T>(_ key: String, what itemName: String, required: Bool = true, _ body: (MappingReader) -> T?) -> T? {
    guard let value = node(key) else {
      if required { sink.error("\(what) is missing required field '\(key)'", at: location) }
      return nil
    }
    guard let reader = MappingReader.make(value, file: file, what: itemName, sink: sink) else { return nil }
    defer { reader.finish() }
    return body(reader)
  }

  /// The keys and raw values of this mapping, in order, marking all as used.
  func entries() -> [(key: String, location: SourceLocation, value: YAMLNode)] {
    used = [Bool](repeating: true, count: pairs.count)
    return pairs.map { ($0.key, $0.keyLocation, $0.value) }
  }

  /// Reports keys that were never read: typos must not vanish.
  func finish() {
    for (index, pair) in pairs.enumerated() where !used[index] {
      sink.error("unknown key '\(pair.key)' in \(what)", at: pair.keyLocation)
    }
  }
}

/// A position in a YAML file (1-based line and column, columns counted in characters).
struct YAMLMark: Sendable, Equatable {
  var line: Int
  var column: Int
}

/// A YAML scalar: its text, whether it was written plain (unquoted), and where.
struct YAMLScalar: Sendable {
  let string: String
  let isPlain: Bool
  let mark: YAMLMark
}

/// A YAML sequence: its items and where it starts.
struct YAMLSequence: Sendable, RandomAccessCollection {
  let items: [YAMLNode]
  let mark: YAMLMark
  var startIndex: Int { items.startIndex }
  var endIndex: Int { items.endIndex }
  subscript(position: Int) -> YAMLNode { items[position] }
}

/// A YAML mapping: its key/value pairs in file order and where it starts.
struct YAMLMapping: Sendable, RandomAccessCollection {
  let pairs: [(key: YAMLNode, value: YAMLNode)]
  let mark: YAMLMark
  var startIndex: Int { pairs.startIndex }
  var endIndex: Int { pairs.endIndex }
  subscript(position: Int) -> (key: YAMLNode, value: YAMLNode) { pairs[position] }
}

/// A node of a YAML document: only what the knowledge base needs (text, lists, mappings and
/// positions), without tag resolution, so a whole knowledge base parses in a few milliseconds.
enum YAMLNode: Sendable {
  case scalar(YAMLScalar)
  case sequence(YAMLSequence)
  case mapping(YAMLMapping)

  /// Where the node starts.
  var mark: YAMLMark? {
    switch self {
    case .scalar(let s): return s.mark
    case .sequence(let s): return s.mark
    case .mapping(let m): return m.mark
    }
  }

  /// The text of a scalar; `nil` for lists and mappings.
  var string: String? {
    if case .scalar(let scalar) = self { return scalar.string }
    return nil
  }
}

/// A YAML syntax problem with its position.
struct YAMLSyntaxError: Error {
  let message: String
  let mark: YAMLMark
}

/// Limits that keep a hostile or broken YAML file from crashing or stalling the program.
public enum YAMLLimits {
  /// The largest file read, in bytes (2 MB: the whole shipped knowledge base is smaller).
  public static let maximumBytes = 2 * 1024 * 1024
  /// The deepest nesting of lists and mappings.
  public static let maximumDepth = 64
  /// The most aliases (`*name`) in one file.
  public static let maximumAliases = 1_000
  /// The most nodes a file may stand for once every alias is counted as a copy of its anchor.
  public static let maximumExpandedNodes = 1_000_000
}

enum YAMLFile {
  /// Parses `text`, reporting a syntax error, a broken limit or a control character with its
  /// position.
  static func parse(_ text: String, file: String, sink: DiagnosticSink) -> YAMLNode? {
    if text.utf8.count > YAMLLimits.maximumBytes {
      sink.error(tooLarge(text.utf8.count), at: SourceLocation(file: file, line: 1, column: 1))
      return nil
    }
    do {
      guard let (node, controls) = try YAMLComposer.composeReportingControls(text) else {
        sink.error("file is empty", at: SourceLocation(file: file, line: 1, column: 1))
        return nil
      }
      for control in controls {
        sink.error(
          "text contains the control character \(TerminalText.name(of: control.scalar)): remove it (terminal codes are not allowed in content)",
          at: SourceLocation(file: file, line: control.mark.line, column: control.mark.column))
      }
      return node
    } catch {
      sink.error(error.message, at: SourceLocation(file: file, line: error.mark.line, column: error.mark.column))
      return nil
    }
  }

  /// The message for a file over `YAMLLimits.maximumBytes`.
  static func tooLarge(_ bytes: Int) -> String {
    "file is too large (\(bytes) bytes): the limit is \(YAMLLimits.maximumBytes / (1024 * 1024)) MB"
  }

  /// Reads a YAML file: at most `YAMLLimits.maximumBytes` (plus one, to tell), as UTF-8.
  ///
  /// - Parameters:
  ///   - path: The file.
  ///   - regularOnly: Refuse anything but a regular file (devices, pipes, folders).
  /// - Returns: The text, or a message saying what is wrong (without the path).
  static func read(_ path: String, regularOnly: Bool = false) -> Result<String, YAMLReadError> {
    readBytes(path, regularOnly: regularOnly).flatMap { bytes in
      guard let text = String(validating: bytes, as: UTF8.self) else {
        return .failure(YAMLReadError(message: "file is not valid UTF-8"))
      }
      return .success(text)
    }
  }

  /// Maps a classifier's file into memory with the checks of `read(_:regularOnly:)`: its pages
  /// come straight from the page cache, with no copy and no zeroed buffer (reading the two files
  /// took about 6 ms of CPU at every start). A file that cannot be mapped is read instead.
  ///
  /// - Parameter path: The file.
  /// - Returns: The file, or a message saying what is wrong (without the path).
  static func map(_ path: String) -> Result<NetFile, YAMLReadError> {
    withCheckedFile(path, regularOnly: true) { descriptor, info in
      if let mapped = MappedBytes(descriptor: descriptor, count: Int(info.st_size)) {
        return .success(NetFile(path: path, mapped: mapped))
      }
      return readOpened(descriptor, info).map { NetFile(path: path, bytes: $0) }
    }
  }

  /// Opens `path`, checks what it is and its size, and calls `body` with the open descriptor
  /// and its `stat` (closed afterwards).
  private static func withCheckedFile<T>(
    _ path: String, regularOnly: Bool, _ body: (Int32, stat) -> Result<T, YAMLReadError>
  ) -> Result<T, YAMLReadError> {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard descriptor >= 0 else {
      return .failure(
        YAMLReadError(message: errno == ENOENT || errno == ENOTDIR ? "file not found" : "file cannot be read"))
    }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { return .failure(YAMLReadError(message: "file cannot be read")) }
    let kind = info.st_mode & S_IFMT
    if kind == S_IFDIR { return .failure(YAMLReadError(message: "this is a folder, not a file")) }
    if regularOnly && kind != S_IFREG { return .failure(YAMLReadError(message: "this is not an ordinary file")) }
    if kind == S_IFREG && Int(info.st_size) > YAMLLimits.maximumBytes {
      return .failure(YAMLReadError(message: tooLarge(Int(info.st_size))))
    }
    return body(descriptor, info)
  }

  /// Reads a file's bytes with the checks of `read(_:regularOnly:)`, without making them a
  /// `String` (the classifiers' files, 3.6 MB, are parsed from bytes).
  ///
  /// - Parameters:
  ///   - path: The file.
  ///   - regularOnly: Refuse anything but a regular file (devices, pipes, folders).
  /// - Returns: The bytes, or a message saying what is wrong (without the path).
  static func readBytes(_ path: String, regularOnly: Bool = false) -> Result<[UInt8], YAMLReadError> {
    withCheckedFile(path, regularOnly: regularOnly) { readOpened($0, $1) }
  }

  /// The bytes of an open file checked by `withCheckedFile`.
  private static func readOpened(_ descriptor: Int32, _ info: stat) -> Result<[UInt8], YAMLReadError> {
    let kind = info.st_mode & S_IFMT
    // Blocking reads again: a pipe waits for its writer as `cat` would.
    _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
    // An ordinary file is read straight into a buffer of its size (one more byte tells whether
    // it grew), with no zeroing and no copy; anything else in chunks.
    var bytes: [UInt8] = []
    if kind == S_IFREG {
      let capacity = min(Int(info.st_size), YAMLLimits.maximumBytes) + 1
      var failed = false
      bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
        count = 0
        while count < capacity {
          let got = readFromDescriptor(descriptor, buffer.baseAddress! + count, capacity - count)
          if got < 0 && errno == EINTR { continue }
          if got < 0 { failed = true }
          if got <= 0 { break }
          count += got
        }
      }
      if failed { return .failure(YAMLReadError(message: "file cannot be read")) }
    }
    // A file that grew while it was read, or is not ordinary, is read on in chunks.
    if kind != S_IFREG || bytes.count == min(Int(info.st_size), YAMLLimits.maximumBytes) + 1 {
      var chunk = [UInt8](repeating: 0, count: 65_536)
      while bytes.count <= YAMLLimits.maximumBytes {
        let count = chunk.withUnsafeMutableBytes { readFromDescriptor(descriptor, $0.baseAddress, $0.count) }
        if count < 0 && errno == EINTR { continue }
        if count < 0 { return .failure(YAMLReadError(message: "file cannot be read")) }
        if count == 0 { break }
        bytes += chunk[..<count]
      }
    }
    if bytes.count > YAMLLimits.maximumBytes {
      return .failure(
        YAMLReadError(message: "file is too large: the limit is \(YAMLLimits.maximumBytes / (1024 * 1024)) MB"))
    }
    return .success(bytes)
  }
}

/// `read(2)`, named so that `YAMLFile.read` does not hide it.
private func readFromDescriptor(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
  read(descriptor, buffer, count)
}

/// Why a YAML file could not be read, in plain words.
struct YAMLReadError: Error {
  let message: String
}

/// A control character found in a scalar, with the scalar's position.
struct YAMLControl: Sendable {
  let mark: YAMLMark
  let scalar: Unicode.Scalar
}

/// Builds `YAMLNode` trees from libyaml's events (Debian's libyaml, the parser Yams wraps).
///
/// Yams' own composer resolves a tag for every scalar and hashes every mapping's keys as nodes,
/// which made reading the knowledge base take most of the start-up time (and Yams imports all
/// of Foundation); this reads the same events into plain values and checks duplicate keys with
/// a set of strings.
enum YAMLComposer {
  /// The first document of `text`, or `nil` when there is none.
  static func compose(_ text: String) throws(YAMLSyntaxError) -> YAMLNode? {
    try composeReportingControls(text)?.0
  }

  /// The first document of `text` and the control characters found in its scalars, or `nil`
  /// when there is no document.
  ///
  /// Throws for a syntax error, and for nesting deeper than `YAMLLimits.maximumDepth`, more
  /// aliases than `YAMLLimits.maximumAliases` or aliases standing for more than
  /// `YAMLLimits.maximumExpandedNodes` nodes; reading stops there, so neither the stack nor the
  /// work grows with a hostile file.
  static func composeReportingControls(_ text: String) throws(YAMLSyntaxError) -> (YAMLNode, [YAMLControl])? {
    var text = text
    text.makeContiguousUTF8()
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else {
      throw YAMLSyntaxError(message: "YAML error: out of memory", mark: YAMLMark(line: 1, column: 1))
    }
    defer { yaml_parser_delete(&parser) }
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
    let result: Result<(YAMLNode, [YAMLControl])?, YAMLSyntaxError> =
      text.utf8.withContiguousStorageIfAvailable { bytes in
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
        var composer = EventReader(parser: &parser)
        do throws(YAMLSyntaxError) {
          guard let root = try composer.document() else { return .success(nil) }
          return .success((root, composer.controls))
        } catch {
          return .failure(error)
        }
      } ?? .failure(YAMLSyntaxError(message: "YAML error: text is not contiguous", mark: YAMLMark(line: 1, column: 1)))
    return try result.get()
  }

  private struct EventReader: ~Copyable {
    let parser: UnsafeMutablePointer<yaml_parser_t>
    var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    /// Lists and mappings open around the node being read.
    var depth = 0
    /// Aliases read so far.
    var aliases = 0
    /// Nodes read so far, each alias counted as a copy of what it names.
    var expanded = 0
    /// Control characters in scalars, in file order.
    var controls: [YAMLControl] = []

    init(parser: UnsafeMutablePointer<yaml_parser_t>) { self.parser = parser }

    mutating func document() throws(YAMLSyntaxError) -> YAMLNode? {
      var event = try next()
      defer { yaml_event_delete(&event) }
      // Stream start, then a document start (or the stream end of an empty file).
      while event.type == YAML_STREAM_START_EVENT || event.type == YAML_DOCUMENT_START_EVENT {
        yaml_event_delete(&event)
        event = try next()
      }
      if event.type == YAML_STREAM_END_EVENT { return nil }
      let root = try node(&event)
      return root
    }

    func next() throws(YAMLSyntaxError) -> yaml_event_t {
      var event = yaml_event_t()
      guard yaml_parser_parse(parser, &event) == 1 else { throw syntaxError() }
      return event
    }

    func syntaxError() -> YAMLSyntaxError {
      let p = parser.pointee
      let problem = p.problem.map { String(cString: $0) } ?? "unknown problem"
      switch p.error {
      case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
        let context = p.context.map { String(cString: $0) + " " } ?? ""
        return YAMLSyntaxError(
          message: "YAML syntax: \(context)\(problem)",
          mark: YAMLMark(line: p.problem_mark.line + 1, column: p.problem_mark.column + 1))
      case YAML_READER_ERROR:
        return YAMLSyntaxError(message: "cannot read file: \(problem)", mark: YAMLMark(line: 1, column: 1))
      default:
        return YAMLSyntaxError(message: "YAML error: \(problem)", mark: YAMLMark(line: 1, column: 1))
      }
    }

    static func mark(_ event: yaml_event_t) -> YAMLMark {
      YAMLMark(line: event.start_mark.line + 1, column: event.start_mark.column + 1)
    }

    static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?, _ length: Int) -> String {
      guard let pointer else { return "" }
      // libyaml has checked the UTF-8 already; copying the bytes is all that is left.
      return String(unsafeUninitializedCapacity: length) { buffer in
        _ = buffer.initialize(from: UnsafeBufferPointer(start: pointer, count: length))
        return length
      }
    }

    static func anchor(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
      guard let pointer else { return nil }
      return String(cString: pointer)
    }

    /// Counts one more node (or `size` for an alias) against the expansion limit.
    mutating func count(_ size: Int, at mark: YAMLMark) throws(YAMLSyntaxError) {
      expanded += size
      if expanded > YAMLLimits.maximumExpandedNodes {
        throw YAMLSyntaxError(
          message:
            "aliases expand to too much (more than \(YAMLLimits.maximumExpandedNodes) values): write the values out or use fewer aliases",
          mark: mark)
      }
    }

    /// Opens a list or mapping, refusing nesting deeper than the limit.
    mutating func enter(at mark: YAMLMark) throws(YAMLSyntaxError) {
      depth += 1
      if depth > YAMLLimits.maximumDepth {
        throw YAMLSyntaxError(
          message: "nesting too deep (more than \(YAMLLimits.maximumDepth) levels of lists and mappings)", mark: mark)
      }
      try count(1, at: mark)
    }

    /// Reads the node that starts with `event` (which the caller deletes).
    ///
    /// Recursion is bounded by `YAMLLimits.maximumDepth`.
    mutating func node(_ event: inout yaml_event_t) throws(YAMLSyntaxError) -> YAMLNode {
      let mark = Self.mark(event)
      switch event.type {
      case YAML_SCALAR_EVENT:
        try count(1, at: mark)
        let data = event.data.scalar
        let string = Self.text(data.value, data.length)
        if let control = TerminalText.firstControl(in: string) {
          controls.append(YAMLControl(mark: mark, scalar: control))
        }
        let node = YAMLNode.scalar(
          YAMLScalar(string: string, isPlain: data.style == YAML_PLAIN_SCALAR_STYLE, mark: mark))
        if let name = Self.anchor(data.anchor) { anchors[name] = (node, 1) }
        return node
      case YAML_ALIAS_EVENT:
        let name = Self.anchor(event.data.alias.anchor) ?? ""
        guard let anchored = anchors[name] else {
          throw YAMLSyntaxError(message: "YAML syntax: found undefined alias '\(name)'", mark: mark)
        }
        aliases += 1
        if aliases > YAMLLimits.maximumAliases {
          throw YAMLSyntaxError(message: "too many aliases (more than \(YAMLLimits.maximumAliases))", mark: mark)
        }
        try count(anchored.size, at: mark)
        return anchored.node
      case YAML_SEQUENCE_START_EVENT:
        let anchor = Self.anchor(event.data.sequence_start.anchor)
        let before = expanded
        try enter(at: mark)
        defer { depth -= 1 }
        var items: [YAMLNode] = []
        while true {
          var item = try next()
          defer { yaml_event_delete(&item) }
          if item.type == YAML_SEQUENCE_END_EVENT { break }
          items.append(try node(&item))
        }
        let node = YAMLNode.sequence(YAMLSequence(items: items, mark: mark))
        if let anchor { anchors[anchor] = (node, expanded - before) }
        return node
      case YAML_MAPPING_START_EVENT:
        let anchor = Self.anchor(event.data.mapping_start.anchor)
        let before = expanded
        try enter(at: mark)
        defer { depth -= 1 }
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        var seen: Set<String> = []
        var duplicates: [(String, YAMLMark)] = []
        while true {
          var keyEvent = try next()
          defer { yaml_event_delete(&keyEvent) }
          if keyEvent.type == YAML_MAPPING_END_EVENT { break }
          let key = try node(&keyEvent)
          var valueEvent = try next()
          defer { yaml_event_delete(&valueEvent) }
          let value = try node(&valueEvent)
          if let name = key.string, !seen.insert(name).inserted, !duplicates.contains(where: { $0.0 == name }) {
            let first = pairs.first { $0.key.string == name }?.key.mark ?? mark
            duplicates.append((name, first))
          }
          pairs.append((key, value))
        }
        if !duplicates.isEmpty {
          duplicates.sort { $0.0 < $1.0 }
          throw YAMLSyntaxError(
            message: "duplicate key '\(duplicates.map(\.0).joined(separator: "', '"))': each key may appear once",
            mark: duplicates[0].1)
        }
        let node = YAMLNode.mapping(YAMLMapping(pairs: pairs, mark: mark))
        if let anchor { anchors[anchor] = (node, expanded - before) }
        return node
      default:
        throw YAMLSyntaxError(message: "YAML syntax: unexpected event", mark: mark)
      }
    }
  }
}

/// A file's bytes mapped read-only into memory, unmapped when the last reference goes.
final class MappedBytes: @unchecked Sendable {
  // Never written after `init`; the pages are read-only.
  let buffer: UnsafeBufferPointer<UInt8>

  /// Maps the open file `descriptor` of `count` bytes; nil when it cannot be mapped.
  init?(descriptor: Int32, count: Int) {
    guard count > 0 else { return nil }
    let address = mmap(nil, count, PROT_READ, MAP_PRIVATE, descriptor, 0)
    guard let address, address != MAP_FAILED else { return nil }
    buffer = UnsafeBufferPointer(start: address.assumingMemoryBound(to: UInt8.self), count: count)
  }

  deinit {
    munmap(UnsafeMutableRawPointer(mutating: buffer.baseAddress), buffer.count)
  }
}
