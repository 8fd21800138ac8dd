/// The service times of the last few distinct requests (input length, prefix-hit tokens,
/// lower-tier tokens), in 16 direct-mapped slots: a trace of equal-length requests has a handful
/// of such triples, and a hit in the memo skips the time model's divisions. The time is the
/// model's own (`TimeModel.serviceTime`), so a memo changes no number. O(1) per request.
struct ServiceTimeMemo {
    private var lengths = [Int](repeating: -1, count: 16)
    private var hits = [Int](repeating: -1, count: 16)
    private var lowers = [Int](repeating: -1, count: 16)
    private var times = [Double](repeating: 0, count: 16)

    @inline(__always)
    mutating func serviceTime(_ model: TimeModel, inputLength: Int, prefixHitTokens: Int, lowerTierTokens: Int) -> Double {
        let slot = Int(truncatingIfNeeded: (UInt(bitPattern: inputLength &* 0x9E37_79B9 ^ prefixHitTokens &* 0x85EB_CA6B
                                                  ^ lowerTierTokens) >> 7) & 15)
        if lengths[slot] == inputLength && hits[slot] == prefixHitTokens && lowers[slot] == lowerTierTokens { return times[slot] }
        let v = model.serviceTime(inputLength: inputLength, prefixHitTokens: prefixHitTokens, lowerTierTokens: lowerTierTokens)
        lengths[slot] = inputLength
        hits[slot] = prefixHitTokens
        lowers[slot] = lowerTierTokens
        times[slot] = v
        return v
    }
}
