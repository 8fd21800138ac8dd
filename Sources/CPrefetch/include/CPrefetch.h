// Software prefetch for the hot loops: the simulator's and the policies' per-block arrays
// (KVCacheCore, through FlatArray.prefetch) and the one-pass curves (KVCacheAnalysis).
// Swift has no prefetch of its own; these header-only functions are inlined into Swift code.
// A prefetch is only a hint: it never faults and never changes a result.
#ifndef CPREFETCH_H
#define CPREFETCH_H

/// Starts loading the cache line holding `address` for reading, into every cache level.
static inline __attribute__((always_inline)) void cprefetch_read(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
