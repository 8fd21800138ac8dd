// The one door to libzstd. Only KVCacheInput's Input/DecompressZstd.swift imports this module;
// nothing else sees C.
#ifndef KVCACHE_CZSTD_SHIM_H
#define KVCACHE_CZSTD_SHIM_H

#include <zstd.h>

#endif
