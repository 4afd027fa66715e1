import Foundation

/// Runs the outside programs the tests check with (chromium, poppler, CUPS).
enum Tool {
  /// The result of a run.
  struct Result {
    var status: Int32
    var output: Data
    var error: String
    var text: String { String(decoding: output, as: UTF8.self) }
  }

  /// The full path of `name` in PATH, or nil.
  static func find(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") {
      let candidate = "\(folder)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// Whether all of `names` are in PATH.
  static func available(_ names: String...) -> Bool { names.allSatisfy { find($0) != nil } }

  /// Runs `name` with `arguments`; nil when it is missing, cannot start or takes longer than
  /// `timeout` seconds. Output goes through files, so nothing blocks.
  static func run(_ name: String, _ arguments: [String], timeout: Double = 120) -> Result? {
    guard let program = find(name) else { return nil }
    let folder = Fixtures.temporaryFolder()
    defer { Fixtures.remove(folder) }
    let outPath = folder + "/out"
    let errPath = folder + "/err"
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    guard let out = FileHandle(forWritingAtPath: outPath), let err = FileHandle(forWritingAtPath: errPath) else {
      return nil
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = out
    process.standardError = err
    do { try process.run() } catch { return nil }
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { usleep(50_000) }
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
      return nil
    }
    process.waitUntilExit()
    try? out.close()
    try? err.close()
    let output = FileManager.default.contents(atPath: outPath) ?? Data()
    let error = String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self)
    return Result(status: process.terminationStatus, output: output, error: error)
  }

  /// The page count `pdfinfo` reports for `pdf`.
  static func pageCount(_ pdf: String) -> Int? {
    guard let result = run("pdfinfo", [pdf]), result.status == 0 else { return nil }
    for line in result.text.split(separator: "\n") where line.hasPrefix("Pages:") {
      return Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces))
    }
    return nil
  }

  /// A word on a PDF page and where it is, in points from the top.
  struct Word {
    var text: String
    var top: Double
    var bottom: Double
  }

  /// The words of `page` of `pdf` in reading order, and the page's height in points, as
  /// `pdftotext -bbox` reads them.
  static func words(_ pdf: String, page: Int) -> (words: [Word], height: Double)? {
    guard let result = run("pdftotext", ["-bbox", "-f", String(page), "-l", String(page), pdf, "-"]), result.status == 0
    else { return nil }
    func attribute(_ name: String, in line: Substring) -> Double? {
      guard let start = line.range(of: name + "=\"") else { return nil }
      return Double(line[start.upperBound...].prefix { $0 != "\"" })
    }
    var height: Double?
    var words: [Word] = []
    for line in result.text.split(separator: "\n") {
      if line.contains("<page ") { height = attribute("height", in: line) }
      guard line.contains("<word "), let top = attribute("yMin", in: line), let bottom = attribute("yMax", in: line),
        let open = line.firstIndex(of: ">"), let close = line.range(of: "</word>")
      else { continue }
      words.append(Word(text: String(line[line.index(after: open)..<close.lowerBound]), top: top, bottom: bottom))
    }
    return height.map { (words, $0) }
  }

  /// The text of `pdf` as `pdftotext -layout` reads it.
  static func pdfText(_ pdf: String, page: Int? = nil) -> String? {
    var arguments = ["-layout"]
    if let page { arguments += ["-f", String(page), "-l", String(page)] }
    guard let result = run("pdftotext", arguments + [pdf, "-"]), result.status == 0 else { return nil }
    return result.text
  }
}

/// A grey-scale picture of a page, from `pdftoppm -gray` (a binary PGM).
struct GreyImage {
  var width: Int
  var height: Int
  /// Row by row, 0 black to 255 white.
  var pixels: [UInt8]

  /// Renders `page` of `pdf` at `resolution` dots per inch.
  static func render(_ pdf: String, page: Int, resolution: Int) -> GreyImage? {
    let arguments = ["-gray", "-r", String(resolution), "-f", String(page), "-l", String(page), pdf]
    guard let result = Tool.run("pdftoppm", arguments), result.status == 0 else { return nil }
    return GreyImage(pgm: [UInt8](result.output))
  }

  /// Reads a binary PGM (P5, 8 bits).
  init?(pgm data: [UInt8]) {
    var fields: [Int] = []
    var index = 0
    guard data.count > 2, data[0] == UInt8(ascii: "P"), data[1] == UInt8(ascii: "5") else { return nil }
    index = 2
    while fields.count < 3 && index < data.count {
      let byte = data[index]
      if byte == UInt8(ascii: "#") {
        while index < data.count && data[index] != 10 { index += 1 }
      } else if (48...57).contains(byte) {
        var value = 0
        while index < data.count, (48...57).contains(data[index]) {
          value = value * 10 + Int(data[index] - 48)
          index += 1
        }
        fields.append(value)
        continue
      }
      index += 1
    }
    // One white-space byte ends the header.
    index += 1
    guard fields.count == 3, fields[2] == 255, index <= data.count else { return nil }
    width = fields[0]
    height = fields[1]
    pixels = Array(data[index...])
    guard pixels.count >= width * height else { return nil }
  }

  /// The share of pixels darker than mid-grey.
  var darkShare: Double {
    Double(pixels.prefix(width * height).filter { $0 < 128 }.count) / Double(max(1, width * height))
  }

  /// Bands of rows that hold dark pixels, top to bottom, each with the leftmost and rightmost
  /// dark column: the printed lines of a text page.
  func textBands() -> [(top: Int, bottom: Int, left: Int, right: Int)] {
    var bands: [(top: Int, bottom: Int, left: Int, right: Int)] = []
    var current: (top: Int, bottom: Int, left: Int, right: Int)?
    for row in 0..<height {
      var left = -1
      var right = -1
      for column in 0..<width where pixels[row * width + column] < 128 {
        if left < 0 { left = column }
        right = column
      }
      if left >= 0 {
        if var band = current {
          band.bottom = row
          band.left = min(band.left, left)
          band.right = max(band.right, right)
          current = band
        } else {
          current = (row, row, left, right)
        }
      } else if let band = current {
        bands.append(band)
        current = nil
      }
    }
    if let band = current { bands.append(band) }
    return bands
  }
}
