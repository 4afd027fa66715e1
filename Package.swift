// swift-tools-version: 6.0
import PackageDescription

// Linux only. The program links FoundationEssentials (not a module of Apple's SDKs), reads
// /proc/self/exe and Glibc's `stat` layout, so there is no `platforms:` line claiming macOS.
let package = Package(
  name: "oih",
  products: [
    .executable(name: "oih", targets: ["oih"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CLibedit", pkgConfig: "libedit",
      providers: [.apt(["libedit-dev"])]),
    .systemLibrary(
      name: "CLibYAML", pkgConfig: "yaml-0.1",
      providers: [.apt(["libyaml-dev"])]),
    .target(name: "LineEditor", dependencies: ["CLibedit"]),
    .target(name: "TextAnalysis"),
    .target(name: "KnowledgeBase", dependencies: ["TextAnalysis", "CLibYAML"]),
    .target(name: "Search", dependencies: ["KnowledgeBase", "TextAnalysis"]),
    .target(
      name: "Conversation",
      dependencies: [
        "KnowledgeBase", "Search", "TextAnalysis", .product(name: "OrderedCollections", package: "swift-collections"),
      ]),
    .target(name: "Summary", dependencies: ["Conversation", "KnowledgeBase", "TextAnalysis"]),
    .target(name: "Output", dependencies: ["Summary", "Conversation"]),
    .target(name: "Rendering", dependencies: ["Conversation", "KnowledgeBase", "TextAnalysis"]),
    // The run loop and the one effect runner (terminal, clock, files and printer passed in),
    // shared by chat, kiosk, replay and `oih ask`; kiosk options; knowledge-folder discovery.
    .target(
      name: "App",
      dependencies: [
        "LineEditor", "KnowledgeBase", "Search", "Conversation", "Summary", "Rendering", "Output", "TextAnalysis",
        .product(name: "OrderedCollections", package: "swift-collections"),
      ]),
    // Declares the commands and calls App.
    .executableTarget(
      name: "oih",
      dependencies: [
        "App", "LineEditor", "KnowledgeBase", "Conversation", "TextAnalysis",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // Scoring question splits (one judge for oih-bench and the search tests); never shipped.
    .target(name: "QuestionEvaluation", dependencies: ["Conversation", "KnowledgeBase", "Search"]),
    .executableTarget(
      name: "oih-bench",
      dependencies: ["KnowledgeBase", "Search", "Conversation", "TextAnalysis", "QuestionEvaluation"]),
    .testTarget(name: "TextAnalysisTests", dependencies: ["TextAnalysis"]),
    .testTarget(name: "KnowledgeBaseTests", dependencies: ["KnowledgeBase", "TextAnalysis"]),
    .testTarget(name: "SearchTests", dependencies: ["Search", "KnowledgeBase", "Conversation", "QuestionEvaluation"]),
    .testTarget(
      name: "ConversationTests",
      dependencies: ["Conversation", "KnowledgeBase", "Search", "QuestionEvaluation", "TextAnalysis"]),
    .testTarget(name: "SummaryTests", dependencies: ["Summary", "Conversation", "KnowledgeBase", "Output"]),
    .testTarget(
      name: "TranscriptTests", dependencies: ["App", "Conversation", "KnowledgeBase", "Rendering", "Search", "Summary"]),
    .testTarget(
      name: "AppTests",
      dependencies: ["App", "Conversation", "KnowledgeBase", "Search", "Summary", "LineEditor", "QuestionEvaluation"]),
    .testTarget(name: "TerminalTests", dependencies: []),
    .testTarget(name: "LineEditorTests", dependencies: ["LineEditor"]),
  ],
  swiftLanguageModes: [.v6]
)
