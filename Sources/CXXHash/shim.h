// xxHash from the system (Debian's libxxhash-dev): XXH3, plus on x86-64 the library's run-time dispatch to the
// widest vector unit the CPU has (AVX-512, AVX2 or SSE2), about three times the plain entry points' speed here.
#include <xxhash.h>
#if defined(__x86_64__)
#include <xxh_x86dispatch.h>
#endif
