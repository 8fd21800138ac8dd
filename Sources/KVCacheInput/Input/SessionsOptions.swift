import KVCacheCore

/// How `SessionsReader` replays agentic sessions (`--format sessions`): the order in which the
/// requests of several sessions reach the cache, and their timestamps.
public struct SessionsOptions: Sendable, Equatable {
    public enum ReplayOrder: String, Sendable, Equatable, CaseIterable, Codable {
        /// Sessions one after another, in input order; each continues where the previous ended.
        case concatenate
        /// Sessions overlapping as on a real server: seeded Poisson session arrivals, requests
        /// merged by time.
        case interleave
    }

    public var order: ReplayOrder
    /// `interleave`: session arrivals per second (Poisson).
    public var sessionRatePerSecond: Double?
    /// `interleave`: the mean number of sessions in progress; converted to a rate by Little's
    /// law, `rate = concurrentSessions / mean session duration`.
    public var concurrentSessions: Double?
    /// `interleave`: seed of the arrival draws (the same seed gives the same trace).
    public var seed: UInt64

    public init(order: ReplayOrder = .concatenate, sessionRatePerSecond: Double? = nil,
                concurrentSessions: Double? = nil, seed: UInt64 = 0) {
        self.order = order
        self.sessionRatePerSecond = sessionRatePerSecond
        self.concurrentSessions = concurrentSessions
        self.seed = seed
    }

    /// Checks the options: `interleave` needs exactly one of `sessionRatePerSecond` and
    /// `concurrentSessions`, positive and finite; `concatenate` takes neither. Errors name the
    /// config key (`workload.session_rate_per_s`, `workload.concurrent_sessions`).
    public func validate() throws {
        switch order {
        case .concatenate:
            if sessionRatePerSecond != nil || concurrentSessions != nil {
                throw InputError(field: sessionRatePerSecond != nil ? "workload.session_rate_per_s" : "workload.concurrent_sessions",
                                 "applies only to replay: interleave")
            }
        case .interleave:
            switch (sessionRatePerSecond, concurrentSessions) {
            case (nil, nil):
                throw InputError(field: "workload.replay",
                                 "interleave needs session_rate_per_s or concurrent_sessions")
            case (.some, .some):
                throw InputError(field: "workload.concurrent_sessions",
                                 "give either session_rate_per_s or concurrent_sessions, not both")
            case (let rate?, nil):
                guard rate.isFinite, rate > 0 else {
                    throw InputError(field: "workload.session_rate_per_s", "must be a positive number (got \(rate))")
                }
            case (nil, let n?):
                guard n.isFinite, n > 0 else {
                    throw InputError(field: "workload.concurrent_sessions", "must be a positive number (got \(n))")
                }
            }
        }
    }
}
