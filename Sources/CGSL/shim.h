// The one door to GNU GSL (2.7). Only KVCacheStats imports this module; nothing above it sees C.
// GSL's global type pointers are wrapped in accessor functions so that Swift 6's strict
// concurrency checking does not see them as shared mutable state.
#ifndef KVCACHE_CGSL_SHIM_H
#define KVCACHE_CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_psi.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_log.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_vector.h>

static inline const gsl_rng_type *kvcache_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_multimin_fminimizer_type *kvcache_fminimizer_nmsimplex2(void) {
    return gsl_multimin_fminimizer_nmsimplex2;
}
static inline const gsl_root_fsolver_type *kvcache_root_brent(void) { return gsl_root_fsolver_brent; }
static inline void kvcache_gsl_quiet(void) { gsl_set_error_handler_off(); }

#endif
