/// A small condition over guide variables: comparisons joined by `and`, `or`, `not` and
/// parentheses, such as `pain_changed == yes and not worried` or `peg >= 5`.
///
/// A bare variable is true when it is set and is not "no", "false", "0" or empty.
public indirect enum Condition: Sendable, Equatable {
  /// A comparison operator.
  public enum Operator: String, Sendable, Equatable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case lessOrEqual = "<="
    case greaterOrEqual = ">="
    case less = "<"
    case greater = ">"
  }

  /// A variable's truth.
  case variable(String)
  /// `variable op value`.
  case compare(String, Operator, String)
  /// Both.
  case and(Condition, Condition)
  /// Either.
  case or(Condition, Condition)
  /// Negation.
  case not(Condition)

  /// Parses `text`.
  ///
  /// - Parameter text: The condition source.
  /// - Returns: The condition.
  /// - Throws: `ConditionError` with the column of the problem.
  public static func parse(_ text: String) throws(ConditionError) -> Condition {
    let tokens = try tokenize(text)
    // Parsing, evaluating and comparing conditions recurse: a bound on their length keeps a
    // hostile guide from exhausting the stack.
    if tokens.count > maximumTokens {
      throw ConditionError(
        message:
          "condition is too long (more than \(maximumTokens) names, values and signs): split it over several steps",
        offset: tokens[maximumTokens].offset)
    }
    var parser = Parser(tokens: tokens)
    let condition = try parser.parseOr()
    if let extra = parser.peek { throw ConditionError(message: "unexpected '\(extra.text)'", offset: extra.offset) }
    return condition
  }

  /// The most names, values, operators and parentheses a condition may have.
  public static let maximumTokens = 200

  /// Every `variable op value` comparison in the condition, in order.
  public var comparisons: [(variable: String, op: Operator, value: String)] {
    switch self {
    case .variable: return []
    case .compare(let name, let op, let value): return [(name, op, value)]
    case .and(let a, let b), .or(let a, let b): return a.comparisons + b.comparisons
    case .not(let a): return a.comparisons
    }
  }

  /// The variables the condition reads.
  public var variables: [String] {
    switch self {
    case .variable(let name): return [name]
    case .compare(let name, _, _): return [name]
    case .and(let a, let b), .or(let a, let b): return a.variables + b.variables
    case .not(let a): return a.variables
    }
  }

  /// Evaluates against `values` (missing variables are unset).
  public func evaluate(_ values: [String: String]) -> Bool {
    switch self {
    case .variable(let name):
      guard let value = values[name]?.lowercased() else { return false }
      return !["", "no", "false", "0", "never"].contains(value)
    case .compare(let name, let op, let literal):
      let value = values[name] ?? ""
      if let a = Double(value), let b = Double(literal) {
        switch op {
        case .equal: return a == b
        case .notEqual: return a != b
        case .less: return a < b
        case .lessOrEqual: return a <= b
        case .greater: return a > b
        case .greaterOrEqual: return a >= b
        }
      }
      let a = value.lowercased()
      let b = literal.lowercased()
      switch op {
      case .equal: return a == b
      case .notEqual: return a != b
      case .less: return a < b
      case .lessOrEqual: return a <= b
      case .greater: return a > b
      case .greaterOrEqual: return a >= b
      }
    case .and(let a, let b): return a.evaluate(values) && b.evaluate(values)
    case .or(let a, let b): return a.evaluate(values) || b.evaluate(values)
    case .not(let a): return !a.evaluate(values)
    }
  }

  struct Token: Equatable {
    var text: String
    var offset: Int
    var quoted = false
  }

  static func tokenize(_ text: String) throws(ConditionError) -> [Token] {
    var tokens: [Token] = []
    let chars = Array(text)
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c.isWhitespace {
        i += 1
      } else if c == "(" || c == ")" {
        tokens.append(Token(text: String(c), offset: i))
        i += 1
      } else if "=!<>".contains(c) {
        var op = String(c)
        if i + 1 < chars.count, chars[i + 1] == "=" { op.append("=") }
        guard Operator(rawValue: op) != nil else {
          throw ConditionError(message: "unknown operator '\(op)' (use ==, !=, <, <=, >, >=)", offset: i)
        }
        tokens.append(Token(text: op, offset: i))
        i += op.count
      } else if c == "\"" || c == "'" {
        var j = i + 1
        while j < chars.count && chars[j] != c { j += 1 }
        guard j < chars.count else { throw ConditionError(message: "unclosed quote", offset: i) }
        tokens.append(Token(text: String(chars[(i + 1)..<j]), offset: i, quoted: true))
        i = j + 1
      } else if c.isLetter || c.isNumber || c == "_" || c == "-" || c == "." {
        var j = i
        while j < chars.count
          && (chars[j].isLetter || chars[j].isNumber || chars[j] == "_" || chars[j] == "-" || chars[j] == ".")
        { j += 1 }
        tokens.append(Token(text: String(chars[i..<j]), offset: i))
        i = j
      } else {
        throw ConditionError(message: "unexpected character '\(c)'", offset: i)
      }
    }
    if tokens.isEmpty { throw ConditionError(message: "empty condition", offset: 0) }
    return tokens
  }

  struct Parser {
    var tokens: [Token]
    var index = 0
    var peek: Token? { index < tokens.count ? tokens[index] : nil }

    mutating func next() -> Token? {
      defer { index += 1 }
      return peek
    }

    func isKeyword(_ token: Token?, _ word: String) -> Bool { token.map { !$0.quoted && $0.text == word } ?? false }

    mutating func parseOr() throws(ConditionError) -> Condition {
      var left = try parseAnd()
      while isKeyword(peek, "or") {
        _ = next()
        left = .or(left, try parseAnd())
      }
      return left
    }

    mutating func parseAnd() throws(ConditionError) -> Condition {
      var left = try parseNot()
      while isKeyword(peek, "and") {
        _ = next()
        left = .and(left, try parseNot())
      }
      return left
    }

    mutating func parseNot() throws(ConditionError) -> Condition {
      if isKeyword(peek, "not") {
        _ = next()
        return .not(try parseNot())
      }
      return try parseAtom()
    }

    mutating func parseAtom() throws(ConditionError) -> Condition {
      guard let token = next() else {
        throw ConditionError(
          message: "condition ends too early", offset: tokens.last.map { $0.offset + $0.text.count } ?? 0)
      }
      if token.text == "(" && !token.quoted {
        let inner = try parseOr()
        guard let close = next(), close.text == ")" else {
          throw ConditionError(message: "missing ')'", offset: token.offset)
        }
        return inner
      }
      guard !token.quoted, token.text.first.map({ $0.isLetter || $0 == "_" }) == true,
        !["and", "or", "not"].contains(token.text)
      else { throw ConditionError(message: "expected a variable name, found '\(token.text)'", offset: token.offset) }
      if let op = peek.flatMap({ Operator(rawValue: $0.text) }) {
        _ = next()
        guard let value = next(), value.quoted || !["and", "or", "not", "(", ")"].contains(value.text) else {
          throw ConditionError(message: "expected a value after '\(op.rawValue)'", offset: token.offset)
        }
        return .compare(token.text, op, value.text)
      }
      return .variable(token.text)
    }
  }
}

/// A condition that could not be parsed.
public struct ConditionError: Error, Sendable, Equatable {
  /// What is wrong.
  public var message: String
  /// Character offset in the condition text, from 0.
  public var offset: Int
}
