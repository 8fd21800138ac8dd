import Foundation
import KVCacheCore

/// The three stages of a run over a trace read in chunks (MODEL 3.7): `read` reads and interns
/// (on a thread of its own, `TraceLoader.stream`) and hands each chunk to the closure it is
/// given, which serves it on the calling thread (`serve`: the policy's loop) and queues the
/// served chunk for a third thread that folds the served chunks in order (`fold`: the digest), a
/// couple of chunks behind. So the policy's loop has a core to itself while the reading and the
/// digesting share the other. `serve` runs on one thread and `fold` on another: they must touch
/// disjoint state (`OverlappedSimulation`, `StreamingSimulation`).
public enum ServeAndFold {
    /// Returns once every served chunk is folded; a failure of `read` or `serve` stops the
    /// folding (the chunks queued, at most two, are folded first) and is rethrown.
    public static func run<Served>(serve: @escaping (Trace) throws -> Served, fold: @escaping @Sendable (Served) -> Void,
                                   read: (@escaping (Trace) throws -> Void) throws -> Void) throws {
        let served = ChunkPipe<Served>(depth: 2)
        let folded = DispatchSemaphore(value: 0)
        let folder = Thread {
            // `take` throws only a failure given to `end`, and none is: the serving side throws its own.
            while let chunk = try? served.take() { fold(chunk) }
            folded.signal()
        }
        folder.stackSize = 1 << 20
        folder.start()
        do {
            try read { chunk in try served.put(serve(chunk)) }
        } catch {
            served.end(requests: 0, error: nil)
            folded.wait()
            throw error
        }
        served.end(requests: 0, error: nil)
        folded.wait()
    }
}
