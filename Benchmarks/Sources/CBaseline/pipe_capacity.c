/* F_SETPIPE_SZ is behind _GNU_SOURCE, which Swift's Glibc module does not define. */
#define _GNU_SOURCE
#include <fcntl.h>

#include "CBaseline.h"

int ste_bench_set_pipe_capacity(int fd, int bytes) { return fcntl(fd, F_SETPIPE_SZ, bytes); }
