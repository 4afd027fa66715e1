/// Common words that carry no meaning for ranking.
enum StopWords {
  static let all: Set<String> = [
    "a", "about", "after", "again", "all", "am", "an", "and", "any", "are", "as", "at", "be", "been",
    "being", "but", "by", "can", "could", "did", "do", "does", "doing", "for", "from", "had", "has",
    "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is",
    "it", "its", "just", "me", "my", "myself", "of", "on", "or", "our", "she", "so", "some", "such",
    "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to",
    "too", "us", "was", "we", "were", "what", "where", "which", "while", "whom",
    "will", "with", "would", "you", "your", "yours", "im", "ive", "really", "tell", "know", "please", "thing", "things",
    "anyone", "someone", "also", "very", "much", "like",
    "should", "shall", "may", "might", "must", "ok", "okay", "hi", "hello", "hey", "thanks", "thank",
    "mean", "means", "wondering", "question", "im", "u", "ur", "lot", "lots", "kind", "sort",
    "something", "anything", "else", "only", "even", "still", "stuff",
  ]
}
