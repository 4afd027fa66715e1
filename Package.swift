// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "oih",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "oih", targets: ["oih"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
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
    .target(
      name: "KnowledgeBase",
      dependencies: ["TextAnalysis", "CLibYAML"]),
    .target(name: "Search", dependencies: ["KnowledgeBase", "TextAnalysis"]),
    .target(name: "Conversation", dependencies: ["KnowledgeBase", "Search", "TextAnalysis"]),
    .target(name: "Summary", dependencies: ["Conversation", "KnowledgeBase", "TextAnalysis"]),
    .target(name: "Output", dependencies: ["Summary", "Conversation"]),
    .target(name: "Rendering", dependencies: ["Conversation", "KnowledgeBase", "Search", "TextAnalysis"]),
    .executableTarget(
      name: "oih",
      dependencies: [
        "LineEditor", "KnowledgeBase", "Search", "Conversation", "Summary", "Rendering", "Output",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(
      name: "oih-bench",
      dependencies: ["KnowledgeBase", "Search", "Conversation", "TextAnalysis"]),
    .testTarget(name: "TextAnalysisTests", dependencies: ["TextAnalysis"]),
    .testTarget(name: "KnowledgeBaseTests", dependencies: ["KnowledgeBase", "TextAnalysis"]),
    .testTarget(name: "SearchTests", dependencies: ["Search", "KnowledgeBase"]),
    .testTarget(name: "ConversationTests", dependencies: ["Conversation", "KnowledgeBase", "Search"]),
    .testTarget(name: "SummaryTests", dependencies: ["Summary", "Conversation", "KnowledgeBase", "Output"]),
    .testTarget(name: "TranscriptTests", dependencies: ["Rendering", "KnowledgeBase", "Conversation", "Summary", "Search"]),
    .testTarget(name: "TerminalTests", dependencies: []),
    .testTarget(name: "LineEditorTests", dependencies: ["LineEditor"]),
  ],
  swiftLanguageModes: [.v6]
)
