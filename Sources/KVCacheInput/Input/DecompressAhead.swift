import Foundation
import KVCacheCore

/// Runs a decompressor on its own thread, a few 1 MiB buffers ahead of the reader, so that
/// reading a compressed trace takes about as long as the slower of decompression and parsing
/// rather than their sum. Memory stays bounded (`bufferCount` buffers). Bytes come out in order;
/// an error of the decompressor comes out after every byte decoded before it. When the reader
/// stops early (an error in the trace), the thread stops at its next buffer.
final class DecompressAhead: ByteDecoder {
    private let shared: Shared
    private var started = false
    private var current: (index: Int, count: Int)?
    private var offset = 0
    private var finished = false

    init(_ inner: any ByteDecoder, bufferSize: Int = 1 << 20, bufferCount: Int = 4) {
        shared = Shared(inner, bufferSize: bufferSize, bufferCount: bufferCount)
    }

    deinit { shared.cancel() }

    func decode(into dst: UnsafeMutableRawPointer, capacity: Int) throws -> Int {
        if !started {
            started = true
            let shared = self.shared
            let thread = Thread { shared.produce() }
            thread.name = "kvcache-decompress"
            thread.start()
        }
        while true {
            if let c = current {
                if offset < c.count {
                    let n = min(capacity, c.count - offset)
                    dst.copyMemory(from: shared.buffers[c.index] + offset, byteCount: n)
                    offset += n
                    return n
                }
                shared.release(c.index)
                current = nil
            }
            if finished { return 0 }
            switch try shared.next() {
            case .some(let next):
                current = next
                offset = 0
            case .none:
                finished = true
                return 0
            }
        }
    }

    /// The state both threads see, under one lock.
    private final class Shared: @unchecked Sendable {
        let buffers: [UnsafeMutableRawPointer]
        let bufferSize: Int
        private let inner: any ByteDecoder
        private let condition = NSCondition()
        private var free: [Int]
        private var ready: [(index: Int, count: Int)] = []
        private var failure: (any Error)?
        private var ended = false
        private var cancelled = false

        init(_ inner: any ByteDecoder, bufferSize: Int, bufferCount: Int) {
            self.inner = inner
            self.bufferSize = bufferSize
            buffers = (0 ..< bufferCount).map { _ in .allocate(byteCount: bufferSize, alignment: 16) }
            free = Array(0 ..< bufferCount)
        }

        deinit { for b in buffers { b.deallocate() } }

        /// The decompressing thread: fills free buffers until the end, an error or a cancel.
        func produce() {
            while true {
                condition.lock()
                while free.isEmpty && !cancelled { condition.wait() }
                if cancelled {
                    condition.unlock()
                    return
                }
                let index = free.removeFirst()
                condition.unlock()
                var filled = 0
                var error: (any Error)?
                var end = false
                do {
                    while filled < bufferSize {
                        let n = try inner.decode(into: buffers[index] + filled, capacity: bufferSize - filled)
                        if n == 0 { end = true; break }
                        filled += n
                    }
                } catch let e {
                    error = e
                }
                condition.lock()
                if filled > 0 { ready.append((index, filled)) } else { free.append(index) }
                if let error { failure = error }
                if end { ended = true }
                condition.broadcast()
                condition.unlock()
                if error != nil || end { return }
            }
        }

        /// The next filled buffer, waiting for it; nil at the end; the decompressor's error
        /// once every buffer before it was taken.
        func next() throws -> (index: Int, count: Int)? {
            condition.lock()
            defer { condition.unlock() }
            while ready.isEmpty && failure == nil && !ended { condition.wait() }
            if !ready.isEmpty { return ready.removeFirst() }
            if let failure { throw failure }
            return nil
        }

        func release(_ index: Int) {
            condition.lock()
            free.append(index)
            condition.signal()
            condition.unlock()
        }

        func cancel() {
            condition.lock()
            cancelled = true
            condition.broadcast()
            condition.unlock()
        }
    }
}
