#define _GNU_SOURCE
#include "CTraceEventsRuntime.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/syscall.h>
#endif

/* gettid(2) is a system call on every use; the id is cached per thread, and a fork (after which the child's only
 * thread has a new id) bumps a generation that invalidates every cache. */
static unsigned fork_generation = 1;
static pthread_once_t fork_handler_once = PTHREAD_ONCE_INIT;
static __thread int32_t cached_thread_id;
static __thread unsigned cached_generation;

static void note_fork_in_child(void) {
    __atomic_add_fetch(&fork_generation, 1, __ATOMIC_RELAXED);
}

static void install_fork_handler(void) {
    pthread_atfork(NULL, NULL, note_fork_in_child);
}

int32_t ste_thread_id(void) {
    unsigned generation = __atomic_load_n(&fork_generation, __ATOMIC_RELAXED);
    if (cached_generation != generation) {
        pthread_once(&fork_handler_once, install_fork_handler);
#if defined(__linux__)
        cached_thread_id = (int32_t)syscall(SYS_gettid);
#else
        cached_thread_id = (int32_t)getpid();
#endif
        cached_generation = __atomic_load_n(&fork_generation, __ATOMIC_RELAXED);
    }
    return cached_thread_id;
}

void ste_realtime_now(int64_t *seconds, int32_t *nanoseconds) {
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    *seconds = (int64_t)now.tv_sec;
    *nanoseconds = (int32_t)now.tv_nsec;
}

/* Whether SIGPIPE is ignored, after ignoring it if its disposition was still the default, as QEMU does at start-up
 * (os_setup_early_signal_handling). With SIGPIPE ignored a write to a pipe without a reader fails with EPIPE and
 * nothing more, so each line costs one write(2); masking the signal around each write instead costs two more
 * system calls per line. A handler the program installed is kept: its writes are then masked one by one. */
static int ignore_default_sigpipe(void) {
    struct sigaction current;
    if (sigaction(SIGPIPE, NULL, &current) != 0 || (current.sa_flags & SA_SIGINFO)) return 0;
    if (current.sa_handler == SIG_IGN) return 1;
    if (current.sa_handler != SIG_DFL) return 0;
    struct sigaction ignore;
    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    return sigaction(SIGPIPE, &ignore, NULL) == 0;
}

ste_output ste_output_open(int fd) {
    ste_output output = { .fd = fd, .owns_fd = 0, .is_socket = 0, .is_pipe = 0, .sigpipe_ignored = 0 };
    struct stat info;
    if (fstat(fd, &info) != 0) return output;
    if (S_ISSOCK(info.st_mode)) {
        output.is_socket = 1;
    } else if (S_ISFIFO(info.st_mode)) {
        output.is_pipe = 1;
        output.sigpipe_ignored = ignore_default_sigpipe();
#if defined(__linux__)
        /* Opening a pipe through /proc yields a new open file description, so O_NONBLOCK stays private to us. */
        char path[64];
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
        int private_fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (private_fd >= 0) {
            output.fd = private_fd;
            output.owns_fd = 1;
        }
#endif
    }
    return output;
}

void ste_output_close(ste_output *output) {
    if (output->owns_fd) {
        close(output->fd);
        output->owns_fd = 0;
        output->fd = -1;
    }
}

int ste_rwlock_init(pthread_rwlock_t *lock) {
    pthread_rwlockattr_t attributes;
    pthread_rwlockattr_init(&attributes);
#if defined(__GLIBC__)
    pthread_rwlockattr_setkind_np(&attributes, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
#endif
    int result = pthread_rwlock_init(lock, &attributes);
    pthread_rwlockattr_destroy(&attributes);
    return result;
}

static int64_t monotonic_ms(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* One write(2)/send(2); SIGPIPE on a broken pipe is blocked and discarded so that EPIPE is all the caller sees. */
static ssize_t write_once(const ste_output *output, const uint8_t *bytes, size_t length) {
    if (output->is_socket) {
        ssize_t n = send(output->fd, bytes, length, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n >= 0 || errno != ENOTSOCK) return n;
    }
    if (!output->is_pipe || output->sigpipe_ignored) return write(output->fd, bytes, length);

    sigset_t pipe_signal, previous;
    sigemptyset(&pipe_signal);
    sigaddset(&pipe_signal, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_signal, &previous);
    ssize_t n = write(output->fd, bytes, length);
    int saved = errno;
    if (n < 0 && saved == EPIPE && !sigismember(&previous, SIGPIPE)) {
        /* Our write queued a SIGPIPE for this thread; take it before unblocking. A SIGPIPE that was already
         * pending could be merged with it, which is why this runs only when SIGPIPE was not blocked before. */
        struct timespec no_wait = { 0, 0 };
        while (sigtimedwait(&pipe_signal, NULL, &no_wait) < 0 && errno == EINTR) {}
    }
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    errno = saved;
    return n;
}

int ste_output_write(const ste_output *output, const uint8_t *bytes, size_t length, int timeout_ms) {
    if (output->fd < 0) return EBADF;
    int64_t deadline = -1;
    /* A pipe we could not reopen non-blocking: wait for room with poll(2) first, so that a full pipe costs at most
     * the timeout. POLLOUT on a pipe means a free buffer slot, room for any write of up to PIPE_BUF bytes. */
    int must_poll_first = output->is_pipe && !output->owns_fd;
    while (length > 0) {
        if (must_poll_first) {
            int64_t now = monotonic_ms();
            if (deadline < 0) deadline = now + (timeout_ms > 0 ? timeout_ms : 0);
            struct pollfd wait_for = { .fd = output->fd, .events = POLLOUT, .revents = 0 };
            int ready = poll(&wait_for, 1, now >= deadline ? 0 : (int)(deadline - now));
            if (ready == 0) return EAGAIN;
            if (ready < 0) {
                if (errno == EINTR) continue;
                return errno;
            }
            if (wait_for.revents & POLLNVAL) return EBADF;
            /* POLLERR (no reader left) falls through to the write, which reports EPIPE without a signal. */
        }
        ssize_t n = write_once(output, bytes, length);
        if (n > 0) {
            bytes += n;
            length -= (size_t)n;
            continue;
        }
        if (n == 0) return EIO;
        if (errno == EINTR) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) return errno;
        /* Full: wait for room, but never longer than the caller allows in total. */
        int64_t now = monotonic_ms();
        if (deadline < 0) deadline = now + (timeout_ms > 0 ? timeout_ms : 0);
        if (now >= deadline) return EAGAIN;
        struct pollfd wait_for = { .fd = output->fd, .events = POLLOUT, .revents = 0 };
        int ready = poll(&wait_for, 1, (int)(deadline - now));
        if (ready == 0) return EAGAIN;
        if (ready < 0 && errno != EINTR) return errno;
    }
    return 0;
}

/* One reusable message storage per thread (a retained Swift object), so that rendering a line allocates nothing.
 * A plain __thread slot is a few instructions to read; a pthread key exists only so that the storage of a thread
 * that exits is released. */
static __thread void *thread_scratch;
static __thread int thread_scratch_registered;
static pthread_key_t thread_scratch_key;
static pthread_once_t thread_scratch_once = PTHREAD_ONCE_INIT;
static void (*thread_scratch_release)(void *);

static void release_thread_scratch(void *marker) {
    (void)marker;
    void *storage = thread_scratch;
    thread_scratch = NULL;
    if (storage && thread_scratch_release) thread_scratch_release(storage);
}

static void create_thread_scratch_key(void) {
    pthread_key_create(&thread_scratch_key, release_thread_scratch);
}

void *ste_thread_scratch_take(void) {
    void *storage = thread_scratch;
    thread_scratch = NULL;
    return storage;
}

void *ste_thread_scratch_put(void *storage, void (*release)(void *)) {
    if (thread_scratch) return storage;
    if (!thread_scratch_registered) {
        pthread_once(&thread_scratch_once, create_thread_scratch_key);
        __atomic_store_n(&thread_scratch_release, release, __ATOMIC_RELAXED);
        /* Any non-NULL value makes the destructor run at thread exit; the slot itself holds the storage. */
        if (pthread_setspecific(thread_scratch_key, &thread_scratch_registered) != 0) return storage;
        thread_scratch_registered = 1;
    }
    thread_scratch = storage;
    return NULL;
}
