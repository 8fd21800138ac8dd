// The one door to zlib. Only KVCacheInput's Input/DecompressGzip.swift imports this module;
// nothing else sees C. zlib's init functions are macros (they pass the library version and the
// struct size), which Swift cannot call: they are wrapped here as inline functions.
#ifndef KVCACHE_CZLIB_SHIM_H
#define KVCACHE_CZLIB_SHIM_H

#include <zlib.h>

/// inflateInit2 for gzip streams only (window 15, +16 = expect a gzip header and trailer).
static inline int kvcache_inflate_init_gzip(z_streamp stream) { return inflateInit2(stream, 15 + 16); }

/// deflateInit2 writing a gzip member (window 15, +16 = gzip header and trailer).
static inline int kvcache_deflate_init_gzip(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}

#endif
