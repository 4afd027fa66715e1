#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// A linear text classifier stored as a tab-separated file: the red-flag second net
/// (`RedFlagNet`, Knowledge/redflag-net.tsv) and the topic classifier of the search
/// (Knowledge/topic-net.tsv) are both this, trained by a script in scripts/.
///
/// Features, from a line's tokens (normalized, slang spelled out, not spell-corrected): each
/// token (`w:word`), each pair of neighbouring tokens (`b:one two`), and the 3 to 5 letter pieces
/// of each token with `<` and `>` at its ends (`c:<pai`). Each present feature weighs
/// `(1 + ln count) * idf`, the vector is scaled to length 1, and each class scores its intercept
/// plus the weighted sum; a softmax turns the scores into chances. The training scripts compute
/// the same features from the same tokens (`oih-bench safety-tokens`), so both agree.
///
/// The file: `classes` and `intercepts` rows (one entry per class), header rows the owner names
/// (such as `threshold`), and one row per feature: the feature, its idf, and `class:weight`
/// pairs (a feature with no weight still counts in the vector's length).
public struct LinearTextModel: Sendable {
  /// A problem with the file, with its line.
  public struct Problem: Error, Sendable, Equatable {
    /// The 1-based line of the file.
    public var line: Int
    /// What is wrong and what to do.
    public var message: String
  }

  /// A row the file's owner reads itself (its name is in `headers`), with its line.
  public struct HeaderRow: Sendable {
    /// The 1-based line of the file.
    public var line: Int
    /// The fields after the row's name.
    public var fields: [String]
  }

  /// Class ids, in the order of the weights.
  public let classes: [String]
  /// The header rows, by name.
  public let headers: [String: HeaderRow]
  let intercepts: [Double]
  let features: FeatureTable
  let idf: [Float]
  let weightStart: [Int32]
  let weightClass: [UInt8]
  let weightValue: [Float]

  /// Parses the file text.
  ///
  /// - Parameters:
  ///   - text: The contents of the file.
  ///   - headers: Names of the other rows the owner reads (each is kept in `headers`).
  ///   - script: The script that writes the file, named in messages.
  /// - Throws: `Problem` with the line of the first thing wrong.
  public init(parsing text: String, headers: Set<String> = [], script: String) throws(Problem) {
    try self.init(parsing: Array(text.utf8), headers: headers, script: script)
  }

  /// Parses a model file from its bytes (UTF-8), as `init(parsing:headers:script:)` does.
  public init(parsing bytes: [UInt8], headers: Set<String> = [], script: String) throws(Problem) {
    try self.init(parsing: NetFile(path: "", bytes: bytes), headers: headers, script: script)
  }

  /// Parses a classifier's file, as `init(parsing:headers:script:)` does.
  public init(parsing file: NetFile, headers: Set<String> = [], script: String) throws(Problem) {
    let parsed = file.withBytes { Parsed.read($0, headers: headers, script: script) }
    var p = try parsed.get()
    guard !p.classes.isEmpty else { throw Problem(line: 1, message: "the file needs a classes row") }
    guard p.intercepts.count == p.classes.count else {
      throw Problem(line: p.interceptsLine, message: "classes and intercepts need one entry per class")
    }
    self.classes = p.classes
    self.headers = p.headers
    self.intercepts = p.intercepts
    p.starts.append(Int32(p.weightClass.count))
    var table = FeatureTable(capacity: p.keys.count)
    for (number, key) in p.keys.enumerated() { table.insert(key, Int32(number)) }
    self.features = table
    self.idf = p.idf
    self.weightStart = p.starts
    self.weightClass = p.weightClass
    self.weightValue = p.weightValue
  }

  /// The rows of the file as read, before the checks that need all of them.
  private struct Parsed {
    var classes: [String] = []
    var intercepts: [Double] = []
    var interceptsLine = 1
    var names: Set<String> = []
    var script = ""
    var headers: [String: HeaderRow] = [:]
    var keys: [UInt64] = []
    var idf: [Float] = []
    var starts: [Int32] = []
    var weightClass: [UInt8] = []
    var weightValue: [Float] = []

    /// Reads the file's bytes. Feature rows (tens of thousands, plain ASCII) are read straight
    /// from the bytes; any other row, or a feature row that does not read that way, goes through
    /// `readRow`, which also says what is wrong with it.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, headers names: Set<String>, script: String) -> Result<
      Parsed, Problem
    > {
      var parsed = Parsed()
      parsed.names = names
      parsed.script = script
      var rows = 1
      for byte in bytes where byte == 10 { rows += 1 }
      parsed.keys.reserveCapacity(rows)
      parsed.idf.reserveCapacity(rows)
      parsed.starts.reserveCapacity(rows + 1)
      parsed.weightClass.reserveCapacity(rows * 5)
      parsed.weightValue.reserveCapacity(rows * 5)
      var number = 0
      var start = 0
      while start <= bytes.count {
        var end = start
        while end < bytes.count && bytes[end] != 10 { end += 1 }
        number += 1
        let row = UnsafeBufferPointer(rebasing: bytes[start..<end])
        start = end + 1
        if row.isEmpty || row[0] == UInt8(ascii: "#") { continue }
        if parsed.readFeature(row) { continue }
        do throws(Problem) {
          try parsed.readRow(String(decoding: row, as: UTF8.self), number)
        } catch {
          return .failure(error)
        }
      }
      return .success(parsed)
    }

    /// Reads a feature row (`c:<pai<TAB>8.221<TAB>1:.201 6:-.3`) of plain ASCII; false, with
    /// nothing kept, when the row is anything else.
    mutating func readFeature(_ row: UnsafeBufferPointer<UInt8>) -> Bool {
      guard row.count > 3, row[1] == UInt8(ascii: ":"), row[0] == 119 || row[0] == 98 || row[0] == 99 else {
        return false
      }
      var tabs = (first: 0, second: 0, count: 0)
      for (index, byte) in row.enumerated() {
        if byte >= 0x80 { return false }
        if byte == 9 {
          tabs.count += 1
          if tabs.count == 1 { tabs.first = index } else { tabs.second = index }
        }
      }
      guard tabs.count == 2, tabs.first > 2, let weight = Self.number(row, 1 + tabs.first, tabs.second) else {
        return false
      }
      let mark = weightClass.count
      var at = tabs.second + 1
      while at < row.count {
        var next = at
        while next < row.count && row[next] != UInt8(ascii: " ") { next += 1 }
        var colon = at
        while colon < next && row[colon] != UInt8(ascii: ":") { colon += 1 }
        guard colon > at, colon - at <= 3, colon < next, let index = Self.number(row, at, colon),
          index == index.rounded(), index >= 0, Int(index) < classes.count,
          let value = Self.number(row, colon + 1, next)
        else {
          weightClass.removeSubrange(mark...)
          weightValue.removeSubrange(mark...)
          return false
        }
        weightClass.append(UInt8(index))
        weightValue.append(Float(value))
        at = next + 1
      }
      var hash = LinearTextModel.start(UInt32(row[0]))
      for byte in row[2..<tabs.first] { LinearTextModel.mix(&hash, UInt32(byte)) }
      keys.append(hash)
      idf.append(Float(weight))
      starts.append(Int32(mark))
      return true
    }

    /// Reads any row through Swift strings (header rows, and feature rows `readFeature` left).
    mutating func readRow(_ line: String, _ number: Int) throws(Problem) {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      switch fields[0] {
      case "classes":
        classes = fields.dropFirst().map(String.init)
      case "intercepts":
        intercepts = fields.dropFirst().compactMap { Double($0) }
        interceptsLine = number
        guard intercepts.count == fields.count - 1 else {
          throw Problem(line: number, message: "intercepts must be numbers, one per class")
        }
      case let name where names.contains(String(name)):
        headers[String(name)] = HeaderRow(line: number, fields: fields.dropFirst().map(String.init))
      default:
        guard fields.count == 3, fields[0].count > 2, let weight = Double(fields[1]) else {
          throw Problem(
            line: number,
            message: "a feature row is: feature, idf, class:weight list, separated by tabs (regenerate the file with "
              + "\(script))")
        }
        let mark = weightClass.count
        for pair in fields[2].split(separator: " ") {
          let parts = pair.split(separator: ":")
          guard parts.count == 2, let index = UInt8(parts[0]), Int(index) < classes.count, let value = Double(parts[1])
          else { throw Problem(line: number, message: "class weight '\(pair)' is not class:weight") }
          weightClass.append(index)
          weightValue.append(Float(value))
        }
        keys.append(LinearTextModel.key(fields[0]))
        idf.append(Float(weight))
        starts.append(Int32(mark))
      }
    }

    /// A decimal number of at most 15 digits (`-.249`, `9.097`, `12`) in `row[from..<to]`,
    /// the same value `Double("...")` gives (the digits and the power of ten are both exact,
    /// and one division rounds correctly); `nil` for anything else.
    static func number(_ row: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Double? {
      var at = from
      let negative = at < to && row[at] == UInt8(ascii: "-")
      if negative { at += 1 }
      var digits: UInt64 = 0
      var count = 0
      var decimals = 0
      var point = false
      while at < to {
        let byte = row[at]
        if byte >= 48 && byte <= 57 {
          digits = digits * 10 + UInt64(byte - 48)
          count += 1
          if point { decimals += 1 }
        } else if byte == UInt8(ascii: "."), !point {
          point = true
        } else {
          return nil
        }
        at += 1
      }
      guard count > 0, count <= 15 else { return nil }
      let value = Double(digits) / powersOfTen[decimals]
      return negative ? -value : value
    }

    static let powersOfTen: [Double] = (0...15).map { exponent in
      (0..<exponent).reduce(1.0) { power, _ in power * 10 }
    }
  }

  /// The chance of each class for `tokens`, read as one text.
  public func probabilities(_ tokens: [String]) -> [Double] {
    var present: [Int32] = []
    present.reserveCapacity(tokens.count * 16)
    var letters: [UInt32] = []
    for (position, token) in tokens.enumerated() {
      appendFeatures(of: token, to: &present, letters: &letters)
      if position + 1 < tokens.count {
        let pair = features[Self.key(tag: 98, token, tokens[position + 1])]
        if pair >= 0 { present.append(pair) }
      }
    }
    // Counted in a small open-addressed table: a sort of every feature cost more than the rest.
    var size = 16
    while size < present.count * 2 { size *= 2 }
    var slots = [Int32](repeating: -1, count: size)
    var counts = [Int32](repeating: 0, count: size)
    for feature in present {
      var slot = Int(UInt32(bitPattern: feature) &* 0x9E37_79B1) & (size - 1)
      while slots[slot] >= 0 && slots[slot] != feature { slot = (slot + 1) & (size - 1) }
      slots[slot] = feature
      counts[slot] += 1
    }
    var sums = [Double](repeating: 0, count: intercepts.count)
    var squares = 0.0
    for slot in slots.indices where slots[slot] >= 0 { add(slots[slot], Int(counts[slot]), to: &sums, &squares) }
    return finish(sums, squares)
  }

  /// Adds one feature, present `count` times, to the classes' sums and the squared length.
  @inline(__always)
  func add(_ feature: Int32, _ count: Int, to sums: inout [Double], _ squares: inout Double) {
    let tf = count < Self.logCounts.count ? Self.logCounts[count] : 1 + log(Double(count))
    let value = tf * Double(idf[Int(feature)])
    squares += value * value
    for weight in Int(weightStart[Int(feature)])..<Int(weightStart[Int(feature) + 1]) {
      sums[Int(weightClass[weight])] += value * Double(weightValue[weight])
    }
  }

  /// The softmax of the classes' scores: each intercept plus its sum over the vector scaled to
  /// length 1.
  func finish(_ sums: [Double], _ squares: Double) -> [Double] {
    var out = intercepts
    if squares > 0 {
      let scale = 1 / squares.squareRoot()
      for index in out.indices { out[index] += sums[index] * scale }
    }
    let top = out.max() ?? 0
    var total = 0.0
    for index in out.indices {
      out[index] = exp(out[index] - top)
      total += out[index]
    }
    return out.map { $0 / total }
  }

  /// `1 + ln count` for the counts a window holds.
  private static let logCounts: [Double] = (0..<256).map { $0 == 0 ? 0 : 1 + log(Double($0)) }

  /// Appends the feature numbers of one token: the word itself and its letter pieces. A
  /// piece's hash is the hash of the one before it with one more letter mixed in (FNV-1a reads
  /// in order), so the pieces starting at one letter cost five steps, not twelve. `letters` is
  /// scratch space, kept between tokens.
  func appendFeatures(of token: String, to found: inout [Int32], letters: inout [UInt32]) {
    let word = features[Self.key(tag: 119, token)]
    if word >= 0 { found.append(word) }
    letters.removeAll(keepingCapacity: true)
    letters.append(60)
    for scalar in token.unicodeScalars { letters.append(scalar.value) }
    letters.append(62)
    for first in letters.indices {
      var hash = Self.pieceStart
      for length in 1...min(5, letters.count - first) {
        Self.mix(&hash, letters[first + length - 1])
        if length >= 3 {
          let piece = features[hash]
          if piece >= 0 { found.append(piece) }
        }
      }
    }
  }

  private static let pieceStart = start(99)

  /// The hash of a feature as the file writes it (`w:word`, `b:one two`, `c:<pai`).
  static func key(_ written: Substring) -> UInt64 {
    // `b:one two` hashes as `one`, a space, `two`: the same as its text after the colon.
    let scalars = Array(written.unicodeScalars)
    var hash = start(scalars[0].value)
    for scalar in scalars.dropFirst(2) { mix(&hash, scalar.value) }
    return hash
  }

  static func key(tag: UInt32, _ word: String) -> UInt64 {
    var hash = start(tag)
    for scalar in word.unicodeScalars { mix(&hash, scalar.value) }
    return hash
  }

  static func key(tag: UInt32, _ first: String, _ second: String) -> UInt64 {
    var hash = start(tag)
    for scalar in first.unicodeScalars { mix(&hash, scalar.value) }
    mix(&hash, 32)
    for scalar in second.unicodeScalars { mix(&hash, scalar.value) }
    return hash
  }

  static func start(_ tag: UInt32) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    mix(&hash, tag)
    return hash
  }

  /// FNV-1a over the four bytes of a scalar value.
  @inline(__always)
  static func mix(_ hash: inout UInt64, _ value: UInt32) {
    for shift in stride(from: 0, to: 32, by: 8) {
      hash ^= UInt64((value >> UInt32(shift)) & 0xff)
      hash &*= 0x100_0000_01b3
    }
  }
}

/// Feature hashes to feature numbers, in one open-addressed table: the net looks up every word,
/// pair and letter piece of a line, and the hashes are already well mixed, so there is no need
/// to hash them again as `Dictionary` would.
struct FeatureTable: Sendable {
  private var keys: [UInt64]
  private var values: [Int32]
  private let mask: Int
  private let missing: Int32

  /// A table for `capacity` features, at most half full; a key not in the table reads as
  /// `missing`.
  init(capacity: Int, missing: Int32 = -1) {
    self.missing = missing
    var size = 16
    while size < capacity * 2 { size *= 2 }
    keys = [UInt64](repeating: 0, count: size)
    values = [Int32](repeating: -1, count: size)
    mask = size - 1
  }

  /// The feature number of `key`, or `missing`.
  subscript(key: UInt64) -> Int32 {
    let key = key == 0 ? 1 : key
    var slot = Self.slot(key, mask)
    while true {
      let found = keys[slot]
      if found == key { return values[slot] }
      if found == 0 { return missing }
      slot = (slot + 1) & mask
    }
  }

  /// Sets the feature number of `key` (a later row with the same feature wins).
  mutating func insert(_ key: UInt64, _ value: Int32) {
    let key = key == 0 ? 1 : key
    var slot = Self.slot(key, mask)
    while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
    keys[slot] = key
    values[slot] = value
  }

  private static func slot(_ key: UInt64, _ mask: Int) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
  }
}
