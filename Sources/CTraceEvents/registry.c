#include "CTraceEvents.h"

#include <stddef.h>

/* Groups register from constructors, possibly while another thread already walks the list (dlopen):
 * a lock-free push keeps both sides safe, and groups are never removed. */
static ste_group *registry_head = NULL;

static const ste_group *registered_head(void) {
    return __atomic_load_n(&registry_head, __ATOMIC_ACQUIRE);
}

void ste_register_group(ste_group *group) {
    for (const ste_group *g = registered_head(); g; g = g->next) {
        if (g == group) return;
    }
    ste_group *head = __atomic_load_n(&registry_head, __ATOMIC_ACQUIRE);
    do {
        group->next = head;
    } while (!__atomic_compare_exchange_n(&registry_head, &head, group, false, __ATOMIC_RELEASE, __ATOMIC_ACQUIRE));
}

const ste_group *ste_first_group(void) {
    return __atomic_load_n(&registry_head, __ATOMIC_ACQUIRE);
}
