import Conversation
import Testing

@Suite struct BadInputTests {
  @Test(arguments: ["", " ", "   \t  ", "\t", "\u{3000}\u{00A0}"])
  func emptyAndWhitespaceLinesOnlyPrompt(line: String) throws {
    var engine = try Shipped.atMenu()
    let effects = engine.handle(.line(line))
    #expect(effects.count == 1)
    #expect(effects.endsWithPrompt)
    #expect(engine.phase == .menu)
  }

  @Test func emptyLineInsideCheckKeepsTheItem() throws {
    var engine = try Shipped.inCheck()
    #expect(engine.handle(.line("")).lines == [])
    #expect(engine.handle(.line("yes")).lines.first == Say.item5)
  }

  @Test(arguments: ["a", "pain ", "what is oih "])
  func oneMegabyteLineIsCutAndTheSessionGoesOn(unit: String) throws {
    var engine = try Shipped.atMenu()
    let line = String(repeating: unit, count: 1_000_000 / unit.utf8.count)
    let effects = engine.handle(.line(line))
    #expect(effects.lines.first == Say.inputLong)
    #expect(effects.endsWithPrompt)
    #expect(!effects.ends)
    #expect(engine.handle(.line("/help")).lines.first == Say.helpFirst)
  }

  @Test func aMegabyteOfEscapeSequencesIsUnreadable() throws {
    var engine = try Shipped.atMenu()
    let effects = engine.handle(.line(String(repeating: "\u{1B}[31m", count: 200_000)))
    #expect(effects.lines.first == Say.inputUnreadable)
    #expect(effects.endsWithPrompt)
  }

  @Test func theSafetyCheckReadsEveryCharacterOfAMegabyteLine() throws {
    var engine = try Shipped.atMenu()
    let filler = String(
      repeating: "i take oxycodone every day and it is not helping the way it used to. ", count: 15_000)
    let effects = engine.handle(.line(filler + " my husband is not breathing and his lips are blue"))
    #expect(effects.alerts.map(\.kind).first == "overdose")
    #expect(effects.lines.contains(Say.inputLong) == false)
  }

  @Test func longLineInsideCheckIsCutAndReasked() throws {
    var engine = try Shipped.inCheck()
    let effects = engine.handle(.line(String(repeating: "x", count: 1_000_000)))
    #expect(effects.lines == [Say.inputLong, Say.reaskDose])
    #expect(engine.handle(.line("yes")).lines.first == Say.item5)
  }

  @Test(arguments: [[0xFF], [0xFF, 0xFE, 0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80]] as [[UInt8]])
  func invalidUTF8AloneIsUnreadable(bytes: [UInt8]) throws {
    var engine = try Shipped.atMenu()
    let effects = engine.handle(.line(String(decoding: bytes, as: UTF8.self)))
    #expect(effects.lines == [Say.inputUnreadable])
    #expect(effects.endsWithPrompt)
  }

  @Test func invalidUTF8InsideTextIsDroppedAndTheRestRead() throws {
    var engine = try Shipped.atMenu()
    let bytes = Array("what is oih".utf8) + [0xFF, 0xFF]
    let effects = engine.handle(.line(String(decoding: bytes, as: UTF8.self)))
    #expect(effects.lines.first == "What is opioid-induced hyperalgesia (OIH)?")
    #expect(!effects.lines.joined().contains("\u{FFFD}"))
  }

  @Test(arguments: ["\0", "\0\0\0", "\u{07}\u{08}", "\u{01}\u{02}\u{7F}", "\u{85}\u{9B}"])
  func controlCharactersAloneAreUnreadable(line: String) throws {
    var engine = try Shipped.atMenu()
    #expect(engine.handle(.line(line)).lines == [Say.inputUnreadable])
  }

  @Test(arguments: ["/he\0lp", "\0/help\0", "\u{07}/help", "/help\u{7F}"])
  func controlCharactersAroundACommandAreDropped(line: String) throws {
    var engine = try Shipped.atMenu()
    #expect(engine.handle(.line(line)).lines.first == Say.helpFirst)
  }

  @Test(arguments: [
    "\u{1B}[31mwhat is oih\u{1B}[0m", "\u{1B}]0;pwned\u{07}what is oih", "what is oih\u{1B}[2J\u{1B}[H",
    "\u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\", "\u{1B}[", "\u{1B}", "\u{1B}P1$r\u{1B}\\/frob",
    "/\u{1B}[31mfrob", "\u{9B}31mhello",
  ])
  func escapeSequencesNeverReachTheOutput(line: String) throws {
    for place in Place.allCases {
      var engine = try place.engine()
      let effects = engine.handle(.line(line))
      for text in effects.lines {
        #expect(!text.contains("\u{1B}"), "ESC in: \(text.debugDescription)")
        #expect(!text.unicodeScalars.contains("\u{9B}"), "CSI in: \(text.debugDescription)")
      }
      #expect(effects.endsWithPrompt)
    }
  }

  @Test func escapeSequenceAroundAQuestionIsStillAnswered() throws {
    var engine = try Shipped.atMenu()
    #expect(
      engine.handle(.line("\u{1B}[31mwhat is oih\u{1B}[0m")).lines.first == "What is opioid-induced hyperalgesia (OIH)?"
    )
  }

  @Test func escapeInNoteIsNotStored() throws {
    var engine = try Shipped.atMenu()
    _ = engine.handle(.line("/note \u{1B}[2Jmy \u{1B}]0;x\u{07}note"))
    #expect(engine.record.notes == ["my note"])
  }

  enum Where: String, CaseIterable, Sendable { case menu, check, pick, choices, topics, confirm }

  @Test(arguments: Where.allCases)
  func endOfInputEndsCleanlyInEveryPhase(place: Where) throws {
    var engine: Conversation
    switch place {
    case .menu: engine = try Shipped.atMenu()
    case .check: engine = try Shipped.inCheck()
    case .pick: engine = try Shipped.inPick()
    case .choices:
      engine = try Shipped.atMenu()
      _ = engine.handle(.line(try Shipped.choicesLine()))
    case .topics:
      engine = try Shipped.atMenu()
      _ = engine.handle(.line("/topics"))
    case .confirm:
      engine = try Shipped.atMenu()
      _ = engine.handle(.outcome(.exists(path: "a.txt")))
    }
    let effects = engine.handle(.endOfInput)
    #expect(effects == [.say([.text(Say.goodbye)]), .end])
    #expect(engine.phase == .goodbye)
    #expect(engine.handle(.endOfInput) == [])
    #expect(engine.handle(.line("yes")) == [])
  }

  @Test func endOfInputInKioskResetsInsteadOfEnding() throws {
    var engine = try Shipped.atMenu(kiosk: true)
    _ = engine.handle(.line("/note private"))
    let effects = engine.handle(.endOfInput)
    #expect(!effects.ends)
    #expect(effects.lines.first == "Clearing the screen for the next person.")
    #expect(engine.record.notes.isEmpty)
  }

  @Test(arguments: ["💊💊💊", "¿qué es oih?", "ｗｈａｔ　ｉｓ　ｏｉｈ", "\u{202E}hio si tahw", "e\u{301}\u{301}\u{301}\u{301}"])
  func unusualUnicodeDoesNotCrash(line: String) throws {
    var engine = try Shipped.atMenu()
    let effects = engine.handle(.line(line))
    #expect(effects.endsWithPrompt)
    #expect(!effects.lines.isEmpty)
  }
}
