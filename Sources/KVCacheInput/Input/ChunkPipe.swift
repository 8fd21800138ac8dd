import Foundation
import KVCacheCore

/// Hands the chunks of a streamed trace (MODEL 3.7) from the thread that reads and interns
/// them to the thread that consumes them (or a served chunk from the simulating thread to the
/// one that digests it), at most `depth` chunks ahead, so the stages overlap on two cores while
/// memory stays bounded (`depth` + 2 chunks). Chunks come out in order; the producer's error
/// comes out after every chunk put before it. When the consumer stops early (its own error),
/// `cancel` makes the producer's next `put` throw, and the producer stops.
final class ChunkPipe<Chunk>: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [Chunk] = []
    private let depth: Int
    private var ended = false
    private var failure: (any Error)?
    private var cancelled = false
    /// Requests the reader read, set when it ends.
    private(set) var requests = 0

    struct Cancelled: Error {}

    init(depth: Int) { self.depth = max(1, depth) }

    /// The reader: queues a chunk, waiting while `depth` are queued. Throws once cancelled.
    func put(_ chunk: Chunk) throws {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= depth && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        queue.append(chunk)
        condition.broadcast()
    }

    /// The reader is done, after `requests` requests or with `error`.
    func end(requests: Int, error: (any Error)?) {
        condition.lock()
        self.requests = requests
        if let error, !(error is Cancelled) { failure = error }
        ended = true
        condition.broadcast()
        condition.unlock()
    }

    /// The consumer: the next chunk, waiting for it; nil at the end; the reader's error once
    /// every chunk before it was taken.
    func take() throws -> Chunk? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !ended { condition.wait() }
        if !queue.isEmpty {
            condition.broadcast()
            return queue.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// The consumer stops: the reader's next `put` throws; waits until the reader has ended.
    func cancel() {
        condition.lock()
        cancelled = true
        queue.removeAll()
        condition.broadcast()
        while !ended { condition.wait() }
        condition.unlock()
    }
}
