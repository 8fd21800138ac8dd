/// The release of kvcache-sim, printed by `kvcache-sim --version`. The one place it is written.
public enum KVCacheSimVersion {
    public static let current = "0.13.0"
}
