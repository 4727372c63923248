/*
 * The registry ABI between generated tracepoint providers and the TraceEvents runtime.
 *
 * Every generated provider (one per trace-events file) defines one `ste_group` and registers it from a
 * constructor, so the runtime finds every event linked into the program without the program naming them,
 * as QEMU's trace_event_register_group does. The layout is shared by generated C and by Swift: change it
 * only together with the generator's C writer.
 */
#ifndef CTRACE_EVENTS_H
#define CTRACE_EVENTS_H

#include <stdint.h>
#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The event carries QEMU's `disable` property: it is compiled out and can never be turned on. */
#define STE_EVENT_DISABLED 1u

/** One event of a generated provider. */
typedef struct ste_event {
    /** The event's name, as in the trace-events file. */
    const char *name;
    /** The format as C printf sees it (string pieces joined, PRI macros expanded), or "" when absent. */
    const char *format;
    /** The format as written in the file, macros and quotes included, or "" when absent. */
    const char *format_source;
    /** C spellings of the argument types, e.g. "const char *", "uint64_t". */
    const char *const *argument_types;
    /** Argument names as written in the file. */
    const char *const *argument_names;
    uint32_t argument_count;
    /** 1-based line of the event in its trace-events file. */
    uint32_t line;
    /** STE_EVENT_* bits. */
    uint32_t flags;
    /** The `# file.c` comment the event stands under, or "" when none. */
    const char *source_file;
    /**
     * Dynamic state for the Swift backends: non-zero means on. Generated code reads it with one relaxed
     * load before doing anything else; the runtime writes it. Never NULL.
     */
    uint16_t *state;
} ste_event;

/** All events of one trace-events file. */
typedef struct ste_group {
    /** The group's name (derived from the target or set in the file), e.g. "vfio_migration". */
    const char *name;
    /** The provider name that tracers which take one record the events under (`provider=` in the file). */
    const char *provider;
    /** Path of the trace-events file the group was generated from. */
    const char *file;
    const ste_event *const *events;
    uint32_t event_count;
    /**
     * The generator backends compiled into the provider, each preceded by a space (e.g. " runtime lttng"), or
     * NULL: a backend whose package trait was off when the provider was compiled is missing.
     */
    const char *compiled_backends;
    /** Registry link; owned by the registry, leave NULL. */
    struct ste_group *next;
} ste_group;

/** Adds a group to the registry. Thread-safe; a group registered twice is kept once. */
void ste_register_group(ste_group *group);

/** The most recently registered group, or NULL; follow `next` for the others. */
const ste_group *ste_first_group(void);

/** Reads an event's dynamic state the way generated code does. */
static inline bool ste_state_is_on(const uint16_t *state) {
    return __atomic_load_n(state, __ATOMIC_RELAXED) != 0;
}

/**
 * Loads an event's dynamic state as a generated trace function's combined check does: a volatile load, as
 * LTTng-UST's CMM_LOAD_SHARED reads a tracepoint's state. Unlike an atomic load, the compiler folds it into the
 * `or` that joins the other backends' states, so the check costs one instruction per state.
 */
static inline uint32_t ste_state_load(const uint16_t *state) {
    return *(const volatile uint16_t *)state;
}

/** Sets an event's dynamic state. */
static inline void ste_state_set(uint16_t *state, uint16_t value) {
    __atomic_store_n(state, value, __ATOMIC_RELAXED);
}

#ifdef __cplusplus
}
#endif

/* The runtime's own OS helpers share the module so that Swift sees one C module. Generated providers,
 * which include this header too, need none of them (nor the system headers they pull in). */
#if defined(__swift__)
#include "CTraceEventsRuntime.h"
#include "CTraceEventsSimpleTrace.h"
#endif

#endif /* CTRACE_EVENTS_H */
