import Search

/// Lines that two or three topics answer about equally well, for the tests of choices.
///
/// Which of them gets choices rather than a direct answer moves a little each time the topic
/// classifier is retrained (choices are under 1% of lines), so the tests take the first one that
/// does and then check what a person sees, instead of naming one line that may stop being close.
/// None of these raises a red flag or asks for a dose.
public enum ChoicesFixture {
  /// The candidates, most natural first.
  public static let candidates = [
    "is it withdrawal or the flu i cant tell",
    "does methadone cause hyperalgesia or help it",
    "can withdrawal feel like my pain is getting worse",
    "rebound pain after tapering, is that oih or withdrawal",
    "is there a pain management programme i can get referred to",
    "can you help me describe my pain in words for the doctor",
    "how do i not get defensive when my doctor brings up tapering",
    "can oih get worse over time",
    "is neuropathy the same thing",
    "is surgery an option instead",
    "can methadone cause hyperalgesia",
    "can stress make my pain worse",
    "why do people judge you for taking pain killers",
    "im scared to lower my dose",
    "people treat me like a junkie at the pharmacy, how do i deal with it",
    "how do i dispose of used fentanyl patches safely",
    "can meth a done make your pain worse",
    "can withdrawal make your whole body sore",
    "my dr wants me to go down on my morphine but im scared the pain will be unbearable",
  ]

  /// The first candidate that `index` answers with choices, before any topic was shown.
  ///
  /// - Parameter index: The search index (the shipped knowledge base's, in the tests).
  /// - Returns: The line, or nil when every candidate gets a direct answer.
  public static func line(_ index: SearchIndex) -> String? {
    candidates.first { line in
      if case .choices = index.resolve(line, context: nil) { return true }
      return false
    }
  }
}
