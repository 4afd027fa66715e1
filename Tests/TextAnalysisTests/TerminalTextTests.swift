import Testing
import TextAnalysis

/// The one output filter (issue 17): escape sequences and control characters never pass.
@Suite struct TerminalTextTests {
  @Test(arguments: [
    ("plain text stays", "Hello, world. ¿Qué? 😟", "Hello, world. ¿Qué? 😟"),
    ("newlines stay in content", "one\ntwo", "one\ntwo"),
    ("tab becomes a space", "a\tb", "a b"),
    ("clear screen", "Hello \u{1B}[2J\u{1B}[Hworld", "Hello world"),
    ("color", "\u{1B}[1;31mRED\u{1B}[0m", "RED"),
    ("OSC 0 title ended by BEL", "a\u{1B}]0;PWNED\u{07}b", "ab"),
    ("OSC 52 clipboard ended by ST", "a\u{1B}]52;c;aGVsbG8=\u{1B}\\b", "ab"),
    ("OSC 8 link", "\u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\", "link"),
    ("DCS", "a\u{1B}P1$r\u{1B}\\b", "ab"),
    ("bell", "bell\u{07}\u{07}\u{07}", "bell"),
    ("8-bit CSI", "a\u{9B}2Jb", "ab"),
    ("8-bit OSC", "a\u{9D}0;x\u{9C}b", "ab"),
    ("C1 NEL and DEL", "a\u{85}b\u{7F}c", "abc"),
    ("reset ESC c", "a\u{1B}cb", "ab"),
    ("charset ESC ( B", "a\u{1B}(Bb", "ab"),
    ("lone ESC at the end", "a\u{1B}", "a"),
    ("unended CSI", "a\u{1B}[", "a"),
    ("NUL and backspace", "a\u{0}b\u{08}c", "abc"),
    ("carriage return", "a\rb", "ab"),
  ])
  func filterRemoves(name: String, input: String, expected: String) {
    #expect(TerminalText.filter(input) == expected, "\(name)")
  }

  @Test func typedLinesKeepWordsApart() {
    #expect(
      TerminalText.filter("one\ntwo\u{0C}three\u{0}four", keepNewlines: false, controlsBecomeSpaces: true)
        == "one two threefour")
  }

  @Test func reportsWhetherAnythingWasRemoved() {
    #expect(TerminalText.filterReporting("clean text\n").removed == false)
    #expect(TerminalText.filterReporting("a\u{1B}[2Jb").removed == true)
  }

  @Test func firstControlAndItsName() {
    #expect(TerminalText.firstControl(in: "fine\ntext") == nil)
    #expect(TerminalText.firstControl(in: "a\u{1B}[2J").map(TerminalText.name(of:)) == "U+001B (ESC)")
    #expect(TerminalText.firstControl(in: "a\u{9B}2J").map(TerminalText.name(of:)) == "U+009B (CSI)")
    #expect(TerminalText.name(of: "\u{01}") == "U+0001")
  }

  @Test func nothingUnsafeSurvivesAnyMix() {
    // Every pair of characters from a hostile alphabet, in every order.
    let alphabet: [Unicode.Scalar] = [
      "\u{1B}", "[", "]", "P", "\\", "\u{07}", "\u{9B}", "\u{9C}", "\u{9D}", "0", ";", "m", "a", "\u{0}", "\n",
    ]
    for a in alphabet {
      for b in alphabet {
        for c in alphabet {
          let out = TerminalText.filter(String(String.UnicodeScalarView([a, b, c])))
          #expect(!out.unicodeScalars.contains { TerminalText.isControl($0) }, "\(out.debugDescription)")
        }
      }
    }
  }
}
