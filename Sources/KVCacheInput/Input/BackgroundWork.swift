import Dispatch

/// A piece of work started on a global queue as soon as it is made; `wait` blocks until it is
/// done and returns its result (any number of times). The work must not touch the caller's
/// state: it hands over a result whole (`ParallelLines`, `IdsReader`), so nothing is shared
/// while it changes.
final class BackgroundWork<Result: Sendable>: @unchecked Sendable {
    private var result: Result?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Result) {
        DispatchQueue.global().async {
            self.result = work()
            self.done.signal()
        }
    }

    func wait() -> Result {
        done.wait()
        done.signal()  // a later wait returns at once
        guard let result else { preconditionFailure("finished work without a result") }
        return result
    }
}
