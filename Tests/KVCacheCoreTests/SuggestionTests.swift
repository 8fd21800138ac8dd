import KVCacheCore
import Testing

/// "Did you mean" suggestions (issue 13): transpositions count as one edit.
@Suite struct SuggestionTests {
    @Test(arguments: [("lur", "lru", 1), ("lur", "lfu", 2), ("abcd", "acbd", 1), ("ca", "abc", 3), ("", "abc", 3),
                      ("kitten", "sitting", 3), ("same", "same", 0)])
    func editDistance_isOptimalStringAlignment(_ a: String, _ b: String, _ expected: Int) {
        #expect(Suggestion.editDistance(a, b) == expected)
        #expect(Suggestion.editDistance(b, a) == expected)
    }

    @Test func transposedPolicyName_suggestsTheIntendedOne() {
        #expect(Suggestion.nearest("lur", in: ["lru", "prefix_lru", "lfu", "fifo"]) == "lru")
        #expect(Suggestion.nearest("fofi", in: ["lru", "lfu", "fifo"]) == "fifo")
        #expect(Suggestion.notOneOf("lur", ["lfu", "lru"]).hasSuffix("did you mean 'lru'?"))
    }
}
