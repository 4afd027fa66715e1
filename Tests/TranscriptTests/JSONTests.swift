import Rendering
import Testing

/// The JSON writer prints what Foundation's JSONSerialization printed, so tools reading
/// `oih ask --json` and `oih knowledge export --json` see no change.
@Suite struct JSONTests {
  @Test func compactSortsKeysAndEscapes() {
    let value = JSON(["b": "a/b \"q\" \\ \n\t\u{1}", "a": 2.5, "c": [1, 2], "d": true, "e": nil, "f": 0.0] as [String: Any?])
    #expect(value.compact == #"{"a":2.5,"b":"a\/b \"q\" \\ \n\t\u0001","c":[1,2],"d":true,"e":null,"f":0}"#)
  }

  @Test func prettyUsesTwoSpacesAndSpacedColons() {
    let value = JSON([["id": "x", "asks": [String](), "sources": ["r1"]]] as [[String: Any]])
    #expect(value.pretty == "[\n  {\n    \"asks\" : [\n\n    ],\n    \"id\" : \"x\",\n    \"sources\" : [\n      \"r1\"\n    ]\n  }\n]")
  }
}
