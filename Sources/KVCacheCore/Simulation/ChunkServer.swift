/// One policy and its cache, fed a stream chunk by chunk (MODEL 3.7): the type-erased face of
/// `PolicyChunkServer`, so that `StreamingSimulation` can hold any growable policy.
protocol ChunkServer: AnyObject {
    /// Serves every request of `chunk` (see `Simulator.serve`), growing the policy and the
    /// cache first when the chunk brings new distinct blocks.
    func serve(_ chunk: Trace, measuredFrom: Int, outputs: inout PerRequestOutputs) throws(InvariantViolation)
    /// The totals so far, written into `result`.
    func store(in result: inout SimulationResult)
    var tierCapacities: [Int] { get }
    var capacity: Int { get }
}
