import Foundation
import KnowledgeBase
import Testing
import TextAnalysis

/// What the summary's clinician block and the visit steps read from the knowledge base: medicine
/// names, short labels of the check's items, and doctor questions in themes that fit a screen.
@Suite struct VisitKnowledgeTests {
  static let names = MedicineNames([
    Medicine(name: "oxycodone", brands: ["OxyContin"], location: SourceLocation(file: "m", line: 1, column: 1)),
    Medicine(
      name: "acetaminophen", names: ["paracetamol"], brands: ["Tylenol", "Tylenol with Codeine"],
      location: SourceLocation(file: "m", line: 2, column: 1)),
    Medicine(
      name: "codeine and paracetamol", names: ["co-codamol"], location: SourceLocation(file: "m", line: 3, column: 1)),
    Medicine(name: "gabapentin", location: SourceLocation(file: "m", line: 4, column: 1)),
  ])

  @Test(
    arguments: [
      ("oxycodone", ["oxycodone"], false, []),
      ("OxyContin 20mg twice a day, gabapentin", ["OxyContin (oxycodone)", "gabapentin"], true, []),
      ("oxycodon and gabapenten", ["oxycodone", "gabapentin"], false, []),
      ("paracetamol 500 mg", ["paracetamol"], true, []),
      ("tylenol with codeine at night", ["Tylenol with Codeine (acetaminophen)"], true, []),
      ("co-codamol, cocodamol", ["co-codamol"], false, []),
      ("two tylenols every 4 hours", ["Tylenol (acetaminophen)"], true, []),
      ("I take my blue pills and oxycodone", ["oxycodone"], false, ["blue"]),
      ("gabapentin as needed", ["gabapentin"], true, []),
      ("cocaine", [], false, ["cocaine"]),
      ("the white ones", [], false, ["white ones"]),
      ("10 mg", [], true, []),
    ] as [(String, [String], Bool, [String])])
  func readsNamesOnly(line: String, names: [String], removedDoses: Bool, unknown: [String]) {
    let reading = Self.names.read(line)
    #expect(reading.names == names)
    #expect(reading.removedDoses == removedDoses)
    #expect(reading.unknown == unknown)
  }

  @Test func theShippedNamesKeepNoDoseFromAnyLine() throws {
    let knowledge = try KnowledgeLoader.load(from: KnowledgeFixtures.shipped).0
    #expect(knowledge.medicines.count >= 40)
    let names = MedicineNames(knowledge.medicines)
    let lines = [
      "OxyContin 20 mg twice daily", "morphine 15mg every 4 hours as needed", "fentanyl patch 25 mcg every 72 hours",
      "Norcos 10/325 three times a day", "percocet 5/325, ibuprofen 600", "Butrans 10 mcg/hr", "lyrica 75mg bid",
      "methadone 40", "tramadol 50 x2 at bedtime", "suboxone 8/2 mg daily", "Tylenol 3 at night", "panadol 1g",
    ]
    for line in lines {
      let reading = names.read(line)
      #expect(!reading.names.isEmpty, "\(line): no name kept")
      #expect(reading.removedDoses, "\(line): the dose was not noticed")
      for name in reading.names {
        #expect(!name.contains { $0.isNumber }, "\(line): kept \(name)")
        #expect(DoseDetector.firstDose(in: name) == nil, "\(line): kept \(name)")
      }
    }
  }

  @Test func brokenMedicineNamesAreReported() throws {
    let result = try KnowledgeFixtures.diagnostics(writing: [
      "medicines.yaml": """
      medicines:
        - name: oxycodone
          brands: [OxyContin, Oxy 80]
        - name: Morphine
        - name: tapentadol
          brands: [oxycontin]

      """
    ])
    #expect(
      result.errors == [
        "medicines.yaml:2:5: error: medicine name 'Oxy 80' may only hold letters, spaces, hyphens and apostrophes",
        "medicines.yaml:4:5: error: generic name 'Morphine' must be lowercase (brands keep their capitals)",
        "medicines.yaml:5:5: error: medicine name 'oxycontin' is listed twice (first at medicines.yaml:2:5)",
      ])
  }

  @Test func aThemeHoldsAtMostEightQuestions() throws {
    let questions = (1...9).map { number in
      """
            - id: question-\(number)
              text: Is this question number \(number) for my doctor?
              sources: [r1]
      """
    }.joined(separator: "\n")
    let result = try KnowledgeFixtures.diagnostics(writing: [
      "doctor-questions.yaml": "themes:\n  - id: many\n    title: Many questions\n    questions:\n\(questions)\n"
    ])
    #expect(
      result.errors.contains(
        "doctor-questions.yaml:2:5: error: theme 'many' has 9 questions: use at most 8, so a theme fits on one screen; split it"
      ))
  }

  @Test func theShippedQuestionsAreInThemesThatFitAScreen() throws {
    let knowledge = try KnowledgeLoader.load(from: KnowledgeFixtures.shipped).0
    #expect(knowledge.doctorQuestions.count <= 7)
    #expect(knowledge.doctorQuestions.allSatisfy { (1...8).contains($0.questions.count) })
    #expect(
      Array(knowledge.doctorQuestions.map(\.id).prefix(5)) == [
        "understanding", "my-dose", "tapering", "other-treatments", "safety",
      ])
  }

  @Test func everyCheckItemHasAShortLabelThatFitsTheTable() throws {
    let knowledge = try KnowledgeLoader.load(from: KnowledgeFixtures.shipped).0
    let check = try #require(knowledge.checklist("oih-signs"))
    for item in check.items {
      let short = try #require(item.short, "\(item.id) has no short label")
      #expect(short.count <= CheckItem.shortLimit, "\(item.id): \(short)")
    }
  }

  @Test func aShortLabelThatIsTooLongIsReported() throws {
    let text = try String(contentsOfFile: KnowledgeFixtures.valid + "/checks/oih-signs.yaml", encoding: .utf8)
    let long = text.replacingOccurrences(
      of: "    answer: yesno\n", with: "    answer: yesno\n    short: A label far too long for the table of answers\n")
    let result = try KnowledgeFixtures.diagnostics(writing: ["checks/oih-signs.yaml": long])
    #expect(
      result.errors.contains {
        $0.hasSuffix("error: field 'short' has 45 characters: use at most 26, so the summary's table of answers fits")
      })
  }
}
