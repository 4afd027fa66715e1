import Testing

@testable import LineEditor

@Suite struct CompletionTests {
  let vocabulary = ["/help", "/history", "/hint", "/quit", "yes", "no"]

  @Test func uniqueMatchCompletesWithASpace() {
    #expect(
      Completion.complete("/he", from: vocabulary)
        == Completion(replacement: "/help ", candidates: []))
    #expect(
      Completion.complete("Y", from: vocabulary) == Completion(replacement: "yes ", candidates: []))
  }

  @Test func severalMatchesExtendToTheCommonPrefixAndList() {
    #expect(
      Completion.complete("/h", from: ["/history", "/hint", "/quit"])
        == Completion(replacement: "/hi", candidates: ["/history", "/hint"]))
    #expect(
      Completion.complete("/", from: vocabulary)
        == Completion(replacement: nil, candidates: ["/help", "/history", "/hint", "/quit"]))
  }

  @Test func emptyWordListsEverything() {
    #expect(Completion.complete("", from: ["yes", "no", "yes"])?.candidates == ["yes", "no"])
  }

  @Test func noMatchIsNil() {
    #expect(Completion.complete("/x", from: vocabulary) == nil)
  }

  @Test func layoutFitsTheWidth() {
    #expect(
      Completion.layout(["/help", "/history", "/hint"], width: 20)
        == ["/help     /history", "/hint"])
    #expect(Completion.layout(["a", "b"], width: 80) == ["a  b"])
  }
}
