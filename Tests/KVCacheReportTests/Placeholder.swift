import Testing

@Test func placeholder_KVCacheReportTests() {}
