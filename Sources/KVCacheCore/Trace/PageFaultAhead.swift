#if os(Linux)
import Glibc
#endif

/// Faults in the pages of a few arrays' reserved room on a thread of its own, a window ahead of
/// where they are being filled, so that the thread filling them finds their pages present.
///
/// A fresh page costs a fault and a clear (on this project's VMs about 1-2 GB/s, as much as the
/// parse of an `ids` file); the other core can pay it while the reading thread parses. The pages
/// are populated with `madvise(MADV_POPULATE_WRITE)` (Linux 5.14), which never changes a byte,
/// so it is safe whatever the filling thread writes meanwhile, and harmless on a range that
/// has been freed since (it then fails, and is skipped). Elsewhere, or on an older kernel, it
/// does nothing. Memory: at most `window` bytes per region populated and never used.
///
/// The filling thread reports each region's buffer and how far it is filled (`update`); the
/// helper keeps every region populated up to `used + window` (within its reserved room), in
/// steps of `step` bytes, and sleeps when it is ahead. `stop` ends and joins the helper.
final class PageFaultAhead: @unchecked Sendable {
    private struct Region {
        var base = 0, capacity = 0, used = 0, faulted = 0
    }

    private let window: Int
    private let step = 1 << 20
    #if os(Linux)
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let cond = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var thread = pthread_t()
    #endif
    private var regions: [Region]
    private var stopped = false
    private var running = false
    /// The helper sleeps: it is woken only once a region has a whole step to do, so that
    /// the filling thread rarely pays a wake-up.
    private var waiting = false

    /// Starts the helper for `regions` regions (numbered from 0), `window` bytes ahead.
    init(regions: Int, window: Int) {
        self.window = window
        self.regions = Array(repeating: Region(), count: regions)
        #if os(Linux)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(cond, nil)
        let me = Unmanaged.passRetained(self).toOpaque()
        running = pthread_create(&thread, nil, { arg in
            Unmanaged<PageFaultAhead>.fromOpaque(arg!).takeRetainedValue().run()
            return nil
        }, me) == 0
        if !running { Unmanaged<PageFaultAhead>.fromOpaque(me).release() }
        #endif
    }

    deinit {
        #if os(Linux)
        pthread_cond_destroy(cond)
        pthread_mutex_destroy(mutex)
        cond.deallocate()
        mutex.deallocate()
        #endif
    }

    /// Region `k` is the `capacity` bytes at `base`, of which the first `used` are filled.
    func update(_ k: Int, base: UnsafeRawPointer?, capacity: Int, used: Int) {
        #if os(Linux)
        let address = base.map { Int(bitPattern: $0) } ?? 0
        pthread_mutex_lock(mutex)
        if regions[k].base != address {  // a new buffer (the array grew): nothing of it populated
            regions[k] = Region(base: address, capacity: capacity, used: used, faulted: used)
        } else {
            regions[k].capacity = capacity
            regions[k].used = used
        }
        let r = regions[k]
        if waiting, min(r.capacity, r.used + window) - max(r.faulted, r.used) >= step { pthread_cond_signal(cond) }
        pthread_mutex_unlock(mutex)
        #endif
    }

    /// Ends the helper (after the step it is in) and waits for it.
    func stop() {
        #if os(Linux)
        guard running else { return }
        pthread_mutex_lock(mutex)
        stopped = true
        pthread_cond_signal(cond)
        pthread_mutex_unlock(mutex)
        pthread_join(thread, nil)
        running = false
        #endif
    }

    #if os(Linux)
    private func run() {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        pthread_mutex_lock(mutex)
        while !stopped {
            // The region furthest behind its target, relative to its window.
            var pick = -1, from = 0, to = 0
            for k in regions.indices where regions[k].base != 0 {
                let r = regions[k]
                let target = min(r.capacity, r.used + window)
                let start = max(r.faulted, r.used)
                if target - start >= page, pick < 0 || start - r.used < from - regions[pick].used {
                    pick = k
                    from = start
                    to = min(target, start + step)
                }
            }
            guard pick >= 0 else {
                waiting = true
                pthread_cond_wait(cond, mutex)
                waiting = false
                continue
            }
            let base = regions[pick].base
            pthread_mutex_unlock(mutex)
            // Whole pages only: the first one may be partly filled (populating it changes nothing).
            let first = (base + from) / page * page, last = (base + to) / page * page
            if last > first, let p = UnsafeMutableRawPointer(bitPattern: first) {
                if madvise(p, last - first, 23 /* MADV_POPULATE_WRITE */) != 0, errno == EINVAL {
                    pthread_mutex_lock(mutex)
                    stopped = true  // an older kernel: nothing to do
                    break
                }
            }
            pthread_mutex_lock(mutex)
            if regions[pick].base == base { regions[pick].faulted = max(regions[pick].faulted, to) }
        }
        pthread_mutex_unlock(mutex)
    }
    #endif
}
