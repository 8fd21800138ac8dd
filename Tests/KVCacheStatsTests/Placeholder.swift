import Testing

@Test func placeholder_KVCacheStatsTests() {}
