#define _GNU_SOURCE
#include "CTraceEventsSimpleTrace.h"
#include "CTraceEvents.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The format, from QEMU's trace/simple.c and scripts/simpletrace.py (native endian, packed). */
enum {
    RECORD_TYPE_MAPPING = 0,
    RECORD_TYPE_EVENT = 1,
    /* type u64, id u64, timestamp u64, length u32, pid u32 */
    EVENT_HEADER_SIZE = 32,
    /* what the length field counts besides the payload: everything after the type */
    EVENT_LENGTH_BASE = 24,
    DROPPED_RECORD_SIZE = EVENT_HEADER_SIZE + 8,
};
static const uint64_t header_words[3] = { 0xffffffffffffffffull, 0xf2b177cb0aa429b4ull, 4 };
static const uint64_t dropped_event_id = 0xfffffffffffffffeull;

/* How long a partly filled buffer waits before the writer writes it anyway. */
static const int idle_write_delay_ms = 100;

/* The writer's map from an event to its id in the file. `in_file` is set once a mapping record for the id is
 * in the file for good; `emitted_chunk` stops a second mapping record for the same id within one chunk. */
typedef struct id_entry {
    const ste_event *event;
    uint64_t id;
    uint64_t emitted_chunk;
    bool in_file;
} id_entry;

struct ste_simple_trace {
    pthread_mutex_t lock;
    /* The writer waits on it for records; callers signal it. */
    pthread_cond_t wake;
    /* Flushers wait on it for the writer to finish a chunk. */
    pthread_cond_t written;

    /* Under `lock`: */
    uint8_t *buffers[2];
    size_t capacity;
    size_t used;
    int active;
    uint64_t pending_drops; /* records dropped since the last appended record */
    uint64_t appended_bytes; /* ever appended, to tell flushers when their records are out */
    uint64_t written_bytes;
    int flush_waiters;
    bool writer_sleeping;
    bool stopping;

    /* Writer thread only: */
    int fd;
    uint64_t file_size;
    id_entry *ids;
    size_t id_capacity;
    size_t id_count;
    uint64_t chunk_number;
    uint64_t lost_in_writes; /* events lost to failed writes, reported at the start of the next chunk */
    uint8_t *out;
    size_t out_capacity;
    size_t out_used;

    /* Atomics: */
    uint64_t dropped_total;
    int last_error;
    uint64_t committed_size;

    uint32_t pid;
    pthread_t thread;
    struct ste_simple_trace *next_open;
};

/* Every open trace, so that exit flushes them all (as QEMU's st_flush_trace_buffer at exit). */
static pthread_mutex_t open_traces_lock = PTHREAD_MUTEX_INITIALIZER;
static ste_simple_trace *open_traces = NULL;
static pthread_once_t exit_handler_once = PTHREAD_ONCE_INIT;

static uint64_t monotonic_ns(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000000000ull + (uint64_t)now.tv_nsec;
}

static uint8_t *put_u64(uint8_t *at, uint64_t value) {
    memcpy(at, &value, 8);
    return at + 8;
}

static uint8_t *put_u32(uint8_t *at, uint32_t value) {
    memcpy(at, &value, 4);
    return at + 4;
}

static uint8_t *put_event_header(uint8_t *at, uint64_t id, uint64_t timestamp, uint32_t payload, uint32_t pid) {
    at = put_u64(at, RECORD_TYPE_EVENT);
    at = put_u64(at, id);
    at = put_u64(at, timestamp);
    at = put_u32(at, EVENT_LENGTH_BASE + payload);
    return put_u32(at, pid);
}

static uint8_t *put_dropped(uint8_t *at, uint64_t count, uint32_t pid) {
    at = put_event_header(at, dropped_event_id, monotonic_ns(), 8, pid);
    return put_u64(at, count);
}

static void add_timeout(struct timespec *deadline, int milliseconds) {
    clock_gettime(CLOCK_MONOTONIC, deadline);
    deadline->tv_sec += milliseconds / 1000;
    deadline->tv_nsec += (long)(milliseconds % 1000) * 1000000L;
    if (deadline->tv_nsec >= 1000000000L) {
        deadline->tv_sec += 1;
        deadline->tv_nsec -= 1000000000L;
    }
}

/* MARK: Callers */

int ste_simple_trace_record(
    ste_simple_trace *trace, const ste_event *event, const uint8_t *payload, uint32_t payload_length) {
    size_t size = EVENT_HEADER_SIZE + (size_t)payload_length;
    pthread_mutex_lock(&trace->lock);
    size_t needed = size + (trace->pending_drops ? DROPPED_RECORD_SIZE : 0);
    if (trace->used + needed > trace->capacity) {
        trace->pending_drops += 1;
        __atomic_add_fetch(&trace->dropped_total, 1, __ATOMIC_RELAXED);
        pthread_mutex_unlock(&trace->lock);
        return 0;
    }
    bool was_empty = trace->used == 0;
    uint8_t *at = trace->buffers[trace->active] + trace->used;
    if (trace->pending_drops) {
        at = put_dropped(at, trace->pending_drops, trace->pid);
        trace->pending_drops = 0;
    }
    /* The event's address stands in for its id until the writer assigns one. */
    at = put_event_header(at, (uint64_t)(uintptr_t)event, monotonic_ns(), payload_length, trace->pid);
    if (payload_length) memcpy(at, payload, payload_length);
    size_t before = trace->used;
    trace->used += needed;
    trace->appended_bytes += needed;
    size_t threshold = trace->capacity / 4;
    if (trace->writer_sleeping && (was_empty || (before < threshold && trace->used >= threshold))) {
        pthread_cond_signal(&trace->wake);
    }
    pthread_mutex_unlock(&trace->lock);
    return 1;
}

int ste_simple_trace_flush(ste_simple_trace *trace, int timeout_ms) {
    if ((uint32_t)getpid() != trace->pid) return 0; /* a forked child has no writer thread */
    struct timespec deadline;
    add_timeout(&deadline, timeout_ms);
    int result = 0;
    pthread_mutex_lock(&trace->lock);
    uint64_t wanted = trace->appended_bytes;
    trace->flush_waiters += 1;
    pthread_cond_signal(&trace->wake);
    while (trace->written_bytes < wanted && result == 0) {
        result = pthread_cond_timedwait(&trace->written, &trace->lock, &deadline);
    }
    trace->flush_waiters -= 1;
    pthread_mutex_unlock(&trace->lock);
    return result == 0 ? 0 : ETIMEDOUT;
}

uint64_t ste_simple_trace_dropped_count(const ste_simple_trace *trace) {
    return __atomic_load_n(&trace->dropped_total, __ATOMIC_RELAXED);
}

int ste_simple_trace_last_error(const ste_simple_trace *trace) {
    return __atomic_load_n(&trace->last_error, __ATOMIC_RELAXED);
}

uint64_t ste_simple_trace_file_size(const ste_simple_trace *trace) {
    return __atomic_load_n(&trace->committed_size, __ATOMIC_RELAXED);
}

/* MARK: Writer thread */

static bool reserve_out(ste_simple_trace *trace, size_t more) {
    if (trace->out_used + more <= trace->out_capacity) return true;
    size_t capacity = trace->out_capacity ? trace->out_capacity : 4096;
    while (capacity < trace->out_used + more) capacity *= 2;
    uint8_t *grown = realloc(trace->out, capacity);
    if (!grown) return false;
    trace->out = grown;
    trace->out_capacity = capacity;
    return true;
}

static id_entry *find_id(ste_simple_trace *trace, const ste_event *event) {
    size_t mask = trace->id_capacity - 1;
    size_t slot = ((uintptr_t)event >> 4) * 0x9E3779B97F4A7C15ull & mask;
    while (trace->ids[slot].event && trace->ids[slot].event != event) slot = (slot + 1) & mask;
    return &trace->ids[slot];
}

/* The event's entry, adding it with the next id when it is new; NULL when out of memory. */
static id_entry *id_for(ste_simple_trace *trace, const ste_event *event) {
    if ((trace->id_count + 1) * 2 > trace->id_capacity) {
        size_t capacity = trace->id_capacity ? trace->id_capacity * 2 : 256;
        id_entry *old = trace->ids;
        size_t old_capacity = trace->id_capacity;
        id_entry *grown = calloc(capacity, sizeof(id_entry));
        if (!grown) return NULL;
        trace->ids = grown;
        trace->id_capacity = capacity;
        for (size_t index = 0; index < old_capacity; index++) {
            if (old[index].event) *find_id(trace, old[index].event) = old[index];
        }
        free(old);
    }
    id_entry *entry = find_id(trace, event);
    if (!entry->event) {
        entry->event = event;
        entry->id = trace->id_count++;
        entry->emitted_chunk = 0;
        entry->in_file = false;
    }
    return entry;
}

static bool put_mapping(ste_simple_trace *trace, id_entry *entry) {
    const char *name = entry->event->name ? entry->event->name : "";
    size_t length = strlen(name);
    if (!reserve_out(trace, 20 + length)) return false;
    uint8_t *at = trace->out + trace->out_used;
    at = put_u64(at, RECORD_TYPE_MAPPING);
    at = put_u64(at, entry->id);
    at = put_u32(at, (uint32_t)length);
    memcpy(at, name, length);
    trace->out_used += 20 + length;
    entry->emitted_chunk = trace->chunk_number;
    return true;
}

/* Writes the whole output at the end of the file; on failure cuts the file back to its last whole record. */
static bool commit_out(ste_simple_trace *trace) {
    size_t done = 0;
    while (done < trace->out_used) {
        ssize_t count = pwrite(trace->fd, trace->out + done, trace->out_used - done, (off_t)(trace->file_size + done));
        if (count < 0 && errno == EINTR) continue;
        if (count <= 0) {
            __atomic_store_n(&trace->last_error, count < 0 ? errno : ENOSPC, __ATOMIC_RELAXED);
            if (done > 0) {
                while (ftruncate(trace->fd, (off_t)trace->file_size) != 0 && errno == EINTR) {}
            }
            return false;
        }
        done += (size_t)count;
    }
    trace->file_size += trace->out_used;
    __atomic_store_n(&trace->committed_size, trace->file_size, __ATOMIC_RELAXED);
    return true;
}

/* Writes one buffer of records: ids assigned, mapping records before each event's first record, a dropped record
 * first when the previous chunk was lost. */
static void write_chunk(ste_simple_trace *trace, const uint8_t *_Nullable records, size_t length, uint64_t trailing_drops) {
    trace->chunk_number += 1;
    trace->out_used = 0;
    uint64_t lost = trace->lost_in_writes;
    uint64_t events = 0;
    bool complete = true;
    if (lost) {
        if (reserve_out(trace, DROPPED_RECORD_SIZE)) {
            put_dropped(trace->out, lost, trace->pid);
            trace->out_used = DROPPED_RECORD_SIZE;
        }
    }
    for (size_t offset = 0; offset + EVENT_HEADER_SIZE <= length && complete;) {
        uint64_t id;
        uint32_t record_length;
        memcpy(&id, records + offset + 8, 8);
        memcpy(&record_length, records + offset + 24, 4);
        size_t size = 8 + (size_t)record_length;
        if (id == dropped_event_id) {
            uint64_t count;
            memcpy(&count, records + offset + EVENT_HEADER_SIZE, 8);
            lost += count;
        } else {
            events += 1;
            id_entry *entry = id_for(trace, (const ste_event *)(uintptr_t)id);
            if (!entry) { complete = false; break; }
            if (!entry->in_file && entry->emitted_chunk != trace->chunk_number && !put_mapping(trace, entry)) {
                complete = false;
                break;
            }
            id = entry->id;
        }
        if (!reserve_out(trace, size)) { complete = false; break; }
        memcpy(trace->out + trace->out_used, records + offset, size);
        memcpy(trace->out + trace->out_used + 8, &id, 8);
        trace->out_used += size;
        offset += size;
    }
    /* Drops after the chunk's last record, which no later record of the chunk reports. */
    if (complete && trailing_drops) {
        if (reserve_out(trace, DROPPED_RECORD_SIZE)) {
            put_dropped(trace->out + trace->out_used, trailing_drops, trace->pid);
            trace->out_used += DROPPED_RECORD_SIZE;
        } else {
            complete = false;
        }
    }
    lost += trailing_drops;
    if (complete && commit_out(trace)) {
        trace->lost_in_writes = 0;
        for (size_t index = 0; index < trace->id_capacity; index++) {
            if (trace->ids[index].emitted_chunk == trace->chunk_number) trace->ids[index].in_file = true;
        }
        return;
    }
    if (!complete) __atomic_store_n(&trace->last_error, ENOMEM, __ATOMIC_RELAXED);
    /* Lost: the chunk's events, and the drops it would have reported. Its mapping records are not in the file,
     * so the next chunk writes them again. */
    trace->lost_in_writes = lost + events;
    __atomic_add_fetch(&trace->dropped_total, events, __ATOMIC_RELAXED);
}

static void *writer_main(void *argument) {
    ste_simple_trace *trace = argument;
    pthread_mutex_lock(&trace->lock);
    for (;;) {
        while (trace->used == 0 && !trace->stopping) {
            trace->writer_sleeping = true;
            pthread_cond_wait(&trace->wake, &trace->lock);
            trace->writer_sleeping = false;
        }
        if (trace->used == 0 && trace->stopping) {
            /* Events lost to the last failed write still get their dropped record, if the disk takes it now. */
            if (trace->lost_in_writes) {
                pthread_mutex_unlock(&trace->lock);
                write_chunk(trace, NULL, 0, 0);
                pthread_mutex_lock(&trace->lock);
            }
            break;
        }
        if (trace->used < trace->capacity / 4 && !trace->stopping && !trace->flush_waiters) {
            struct timespec deadline;
            add_timeout(&deadline, idle_write_delay_ms);
            trace->writer_sleeping = true;
            pthread_cond_timedwait(&trace->wake, &trace->lock, &deadline);
            trace->writer_sleeping = false;
        }
        uint8_t *records = trace->buffers[trace->active];
        size_t length = trace->used;
        uint64_t appended = trace->appended_bytes;
        uint64_t trailing_drops = trace->pending_drops;
        trace->pending_drops = 0;
        trace->active ^= 1;
        trace->used = 0;
        pthread_mutex_unlock(&trace->lock);
        write_chunk(trace, records, length, trailing_drops);
        pthread_mutex_lock(&trace->lock);
        trace->written_bytes = appended;
        pthread_cond_broadcast(&trace->written);
    }
    pthread_mutex_unlock(&trace->lock);
    return NULL;
}

/* MARK: Open and close */

static void flush_all_at_exit(void) {
    pthread_mutex_lock(&open_traces_lock);
    for (ste_simple_trace *trace = open_traces; trace; trace = trace->next_open) {
        ste_simple_trace_flush(trace, 10000);
    }
    pthread_mutex_unlock(&open_traces_lock);
}

static void install_exit_handler(void) {
    atexit(flush_all_at_exit);
}

static bool write_header(int fd) {
    const uint8_t *bytes = (const uint8_t *)header_words;
    size_t done = 0;
    while (done < sizeof header_words) {
        ssize_t count = write(fd, bytes + done, sizeof header_words - done);
        if (count < 0 && errno == EINTR) continue;
        if (count <= 0) return false;
        done += (size_t)count;
    }
    return true;
}

static void free_trace(ste_simple_trace *trace) {
    free(trace->buffers[0]);
    free(trace->buffers[1]);
    free(trace->ids);
    free(trace->out);
    free(trace);
}

ste_simple_trace *ste_simple_trace_open(const char *path, size_t buffer_size, int *error) {
    if (buffer_size < 4096) buffer_size = 4096;
    ste_simple_trace *trace = calloc(1, sizeof *trace);
    if (!trace) { *error = ENOMEM; return NULL; }
    trace->capacity = buffer_size;
    trace->buffers[0] = malloc(buffer_size);
    trace->buffers[1] = malloc(buffer_size);
    if (!trace->buffers[0] || !trace->buffers[1]) {
        free_trace(trace);
        *error = ENOMEM;
        return NULL;
    }
    trace->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (trace->fd < 0) {
        *error = errno;
        free_trace(trace);
        return NULL;
    }
    if (!write_header(trace->fd)) {
        *error = errno ? errno : ENOSPC;
        close(trace->fd);
        free_trace(trace);
        return NULL;
    }
    trace->file_size = sizeof header_words;
    trace->committed_size = trace->file_size;
    trace->pid = (uint32_t)getpid();
    pthread_mutex_init(&trace->lock, NULL);
    pthread_condattr_t attributes;
    pthread_condattr_init(&attributes);
    pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC);
    pthread_cond_init(&trace->wake, &attributes);
    pthread_cond_init(&trace->written, &attributes);
    pthread_condattr_destroy(&attributes);
    int started = pthread_create(&trace->thread, NULL, writer_main, trace);
    if (started != 0) {
        *error = started;
        close(trace->fd);
        free_trace(trace);
        return NULL;
    }
    pthread_once(&exit_handler_once, install_exit_handler);
    pthread_mutex_lock(&open_traces_lock);
    trace->next_open = open_traces;
    open_traces = trace;
    pthread_mutex_unlock(&open_traces_lock);
    return trace;
}

void ste_simple_trace_close(ste_simple_trace *trace) {
    pthread_mutex_lock(&open_traces_lock);
    for (ste_simple_trace **link = &open_traces; *link; link = &(*link)->next_open) {
        if (*link == trace) {
            *link = trace->next_open;
            break;
        }
    }
    pthread_mutex_unlock(&open_traces_lock);
    pthread_mutex_lock(&trace->lock);
    trace->stopping = true;
    pthread_cond_signal(&trace->wake);
    pthread_mutex_unlock(&trace->lock);
    if ((uint32_t)getpid() == trace->pid) pthread_join(trace->thread, NULL);
    close(trace->fd);
    pthread_cond_destroy(&trace->wake);
    pthread_cond_destroy(&trace->written);
    pthread_mutex_destroy(&trace->lock);
    free_trace(trace);
}
