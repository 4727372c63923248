/* Out of line on purpose: across a C call the Swift optimizer cannot constant-fold benchmark inputs. */
#include "CBaseline.h"

uint64_t ste_bench_opaque_u64(uint64_t value) { return value; }

const char *ste_bench_opaque_string(const char *value) { return value; }
