/// A JSON value and its text: keys sorted, `/` escaped, formatted like Foundation's
/// `JSONSerialization` (compact, or pretty with two-space indents), without needing Foundation.
public enum JSON: Equatable, Sendable {
  /// Text.
  case string(String)
  /// A number (whole numbers print without a decimal point).
  case number(Double)
  /// true or false.
  case bool(Bool)
  /// null.
  case null
  /// A list.
  case array([JSON])
  /// An object; keys print sorted.
  case object([String: JSON])

  /// Converts strings, numbers, booleans, `nil`, arrays and string-keyed dictionaries.
  public init(_ value: Any?) {
    switch value.flatMap(Self.unwrapped) {
    case nil: self = .null
    case let json as JSON: self = json
    case let text as String: self = .string(text)
    case let flag as Bool: self = .bool(flag)
    case let number as Int: self = .number(Double(number))
    case let number as Double: self = .number(number)
    case let list as [Any]: self = .array(list.map { JSON($0) })
    case let list as [any Sendable]: self = .array(list.map { JSON($0) })
    case let object as [String: Any]: self = .object(object.mapValues { JSON($0) })
    case let object as [String: any Sendable]: self = .object(object.mapValues { JSON($0) })
    case let some?: self = .string(String(describing: some))
    }
  }

  /// `value` without any layers of `Optional` (`nil` when one of them is empty).
  static func unwrapped(_ value: Any) -> Any? {
    let mirror = Mirror(reflecting: value)
    guard mirror.displayStyle == .optional else { return value }
    return mirror.children.first.flatMap { unwrapped($0.value) }
  }

  /// The value on one line.
  public var compact: String {
    var out = ""
    write(to: &out, indent: nil)
    return out
  }

  /// The value over several lines, two spaces per level.
  public var pretty: String {
    var out = ""
    write(to: &out, indent: "")
    return out
  }

  private func write(to out: inout String, indent: String?) {
    switch self {
    case .string(let text): Self.quote(text, into: &out)
    case .number(let value): out += Self.number(value)
    case .bool(let flag): out += flag ? "true" : "false"
    case .null: out += "null"
    case .array(let items):
      guard let indent else {
        out += "["
        for (index, item) in items.enumerated() {
          if index > 0 { out += "," }
          item.write(to: &out, indent: nil)
        }
        out += "]"
        return
      }
      let inner = indent + "  "
      out += "[\n"
      if items.isEmpty { out += "\n" }
      for (index, item) in items.enumerated() {
        out += inner
        item.write(to: &out, indent: inner)
        out += index < items.count - 1 ? ",\n" : "\n"
      }
      out += indent + "]"
    case .object(let members):
      let keys = members.keys.sorted()
      guard let indent else {
        out += "{"
        for (index, key) in keys.enumerated() {
          if index > 0 { out += "," }
          Self.quote(key, into: &out)
          out += ":"
          members[key]?.write(to: &out, indent: nil)
        }
        out += "}"
        return
      }
      let inner = indent + "  "
      out += "{\n"
      if keys.isEmpty { out += "\n" }
      for (index, key) in keys.enumerated() {
        out += inner
        Self.quote(key, into: &out)
        out += " : "
        members[key]?.write(to: &out, indent: inner)
        out += index < keys.count - 1 ? ",\n" : "\n"
      }
      out += indent + "}"
    }
  }

  /// Whole numbers without a decimal point, others in their shortest exact form.
  static func number(_ value: Double) -> String {
    if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return value.isFinite ? String(value) : "null"
  }

  static func quote(_ text: String, into out: inout String) {
    out += "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "/": out += "\\/"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }
}
