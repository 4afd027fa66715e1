import Yams

/// Reads one YAML mapping with typed accessors, recording where each field was and reporting
/// missing, mistyped and unknown keys with their line and column.
final class MappingReader {
  let file: String
  let location: SourceLocation
  private let pairs: [(key: String, keyLocation: SourceLocation, value: Node)]
  private var used: Set<String> = []
  private let sink: DiagnosticSink
  var sinkRef: DiagnosticSink { sink }
  /// A short name for messages, such as "topic" or "red flag".
  let what: String

  /// Returns a reader when `node` is a mapping; otherwise reports an error and returns nil.
  static func make(_ node: Node, file: String, what: String, sink: DiagnosticSink) -> MappingReader? {
    guard case .mapping(let mapping) = node else {
      sink.error("expected a mapping (key: value lines) for \(what)", at: location(of: node, in: file))
      return nil
    }
    return MappingReader(mapping, file: file, what: what, sink: sink, at: location(of: node, in: file))
  }

  private init(_ mapping: Node.Mapping, file: String, what: String, sink: DiagnosticSink, at location: SourceLocation) {
    self.file = file
    self.what = what
    self.sink = sink
    self.location = location
    pairs = mapping.map { pair in
      (pair.key.string ?? "", MappingReader.location(of: pair.key, in: file), pair.value)
    }
  }

  static func location(of node: Node, in file: String) -> SourceLocation {
    SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
  }

  /// The raw node for `key`, marking it as used.
  func node(_ key: String) -> Node? {
    used.insert(key)
    return pairs.first { $0.key == key }?.value
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
    if scalar.style == .plain && (scalar.string == "~" || scalar.string == "null") {
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
    case .mapping, .alias:
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
  func entries() -> [(key: String, location: SourceLocation, value: Node)] {
    for pair in pairs { used.insert(pair.key) }
    return pairs.map { ($0.key, $0.keyLocation, $0.value) }
  }

  /// Reports keys that were never read: typos must not vanish.
  func finish() {
    for pair in pairs where !used.contains(pair.key) {
      sink.error("unknown key '\(pair.key)' in \(what)", at: pair.keyLocation)
    }
  }
}

enum YAMLFile {
  /// Parses `text`, reporting a syntax error with its position.
  static func parse(_ text: String, file: String, sink: DiagnosticSink) -> Node? {
    do {
      guard let node = try Yams.compose(yaml: text) else {
        sink.error("file is empty", at: SourceLocation(file: file, line: 1, column: 1))
        return nil
      }
      return node
    } catch let error as YamlError {
      switch error {
      case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
        .composer(let context, let problem, let mark, _):
        let prefix = context.map { "\($0.text) " } ?? ""
        sink.error("YAML syntax: \(prefix)\(problem)", at: SourceLocation(file: file, line: mark.line, column: mark.column))
      case .reader(let problem, _, _, _):
        sink.error("cannot read file: \(problem)", at: SourceLocation(file: file, line: 1, column: 1))
      case .duplicatedKeysInMapping(let duplicates, let context):
        sink.error(
          "duplicate key '\(duplicates.joined(separator: "', '"))': each key may appear once",
          at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column))
      case .no, .memory, .writer, .emitter, .representer, .dataCouldNotBeDecoded:
        sink.error("YAML error: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
      }
      return nil
    } catch {
      sink.error("YAML error: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
      return nil
    }
  }
}
