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
      Self.container("[", "]", items.map { (nil, $0) }, into: &out, indent: indent)
    case .object(let members):
      Self.container("{", "}", members.keys.sorted().map { ($0, members[$0] ?? .null) }, into: &out, indent: indent)
    }
  }

  /// Writes a list or an object: its members (with keys for an object) between `open` and
  /// `close`, on one line when `indent` is nil, else one per line, two spaces deeper.
  private static func container(
    _ open: String, _ close: String, _ members: [(key: String?, value: JSON)], into out: inout String, indent: String?
  ) {
    let inner = indent.map { $0 + "  " }
    out += open
    if indent != nil { out += members.isEmpty ? "\n\n" : "\n" }
    for (index, member) in members.enumerated() {
      if indent == nil && index > 0 { out += "," }
      out += inner ?? ""
      if let key = member.key {
        quote(key, into: &out)
        out += indent == nil ? ":" : " : "
      }
      member.value.write(to: &out, indent: inner)
      if indent != nil { out += index < members.count - 1 ? ",\n" : "\n" }
    }
    out += (indent ?? "") + close
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
