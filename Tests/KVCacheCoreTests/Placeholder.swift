import Testing

@Test func placeholder_KVCacheCoreTests() {}
