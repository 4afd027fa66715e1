import Synchronization
import Testing

@testable import TextAnalysis

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

/// The eight-bytes-at-a-time control test agrees with the byte-by-byte one everywhere.
@Suite struct ControlScanTests {
  @Test func theWordTestFindsEveryControlByteAtEveryPlace() {
    let controls: [[UInt8]] = [[0x1B], [0x00], [0x07], [0x0D], [0x7F], [0xC2, 0x9B], [0xC2, 0x85], [0x0A], [0x09]]
    let harmless: [[UInt8]] = [[0xC2, 0xA0], [0xC3, 0xA9], [0xE2, 0x80, 0x99], [0x20], [0x7E]]
    for length in 0..<20 {
      for position in 0...length {
        for control in controls + harmless {
          var bytes = [UInt8](repeating: 0x61, count: length)
          bytes.insert(contentsOf: control, at: position)
          let text = String(decoding: bytes, as: UTF8.self)
          for keepNewlines in [true, false] {
            let slow = TerminalText.needsFiltering(
              bytes: Array(text.utf8), in: 0..<text.utf8.count, keepNewlines: keepNewlines)
            #expect(
              TerminalText.needsFiltering(text, keepNewlines: keepNewlines) == slow,
              "\(bytes) keepNewlines \(keepNewlines)")
          }
        }
      }
    }
  }

  @Test func aLeadByteAtTheEndOfAWordStillCountsWithTheNext() {
    // 0xC2 as the eighth byte, its C1 continuation as the ninth.
    let bytes: [UInt8] = [0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0xC2, 0x9B, 0x61]
    #expect(TerminalText.needsFiltering(String(decoding: bytes, as: UTF8.self), keepNewlines: true))
    #expect(!TerminalText.needsFiltering("plain words, nothing more: café", keepNewlines: true))
  }
}

/// `Lazy` runs its work once, on the first reader, and every reader gets the same value.
@Suite struct LazyTests {
  @Test func theWorkRunsOnceWhateverTheNumberOfReaders() async {
    let runs = Mutex(0)
    let lazy = Lazy<Int> {
      runs.withLock { $0 += 1 }
      return 42
    }
    await withTaskGroup(of: Int.self) { group in
      for _ in 0..<16 { group.addTask { lazy.value } }
      for await value in group { #expect(value == 42) }
    }
    #expect(runs.withLock { $0 } == 1)
    #expect(Lazy(ready: 7).value == 7)
  }
}
