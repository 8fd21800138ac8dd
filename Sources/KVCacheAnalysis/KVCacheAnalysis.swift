/// Stack distances, one-pass miss-ratio curves (LRU and OPT), per-size sweeps, reuse analysis.
