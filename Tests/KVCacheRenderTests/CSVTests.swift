import Testing
import KVCacheRender

@Suite struct CSVTests {
    @Test(arguments: [
        ("plain", "plain"), ("", ""), (" spaced ", " spaced "), ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""), ("line\nbreak", "\"line\nbreak\""), ("cr\r", "\"cr\r\""),
        ("crlf\r\nend", "\"crlf\r\nend\""), ("\"", "\"\"\"\""), ("ünïcode", "ünïcode"),
    ])
    func field_quotesOnlyWhenNeeded(_ raw: String, _ expected: String) {
        #expect(CSV.field(raw) == expected)
    }

    @Test func row_joinsQuotedFields() {
        #expect(CSV.row(["policy", "LRU, tuned", "0.36"]) == "policy,\"LRU, tuned\",0.36")
        #expect(CSV.row([]) == "")
        #expect(CSV.row(["", ""]) == ",")
    }

    @Test func document_endsEveryRecord() {
        let text = CSV.document(header: ["a", "b"], rows: [["1", "x,y"], ["2", ""]])
        #expect(text == "a,b\n1,\"x,y\"\n2,\n")
        let crlf = CSV.document(header: ["a"], rows: [["1"]], lineEnding: .crlf)
        #expect(crlf == "a\r\n1\r\n")
    }
}
