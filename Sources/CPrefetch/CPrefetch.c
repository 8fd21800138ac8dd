// CPrefetch is header-only (include/CPrefetch.h); this file gives SwiftPM a source to build.
#include "CPrefetch.h"
