import Testing

@Test func placeholder_KVCacheAnalysisTests() {}
