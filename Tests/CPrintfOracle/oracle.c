#include "CPrintfOracle.h"

#include <stdio.h>

#if !(defined(__x86_64__) || defined(__aarch64__)) || defined(__APPLE__)
#error "The printf oracle relies on 8-byte variadic slots (x86_64 or AArch64 Linux)."
#endif

int ste_oracle_snprintf(char *output, size_t capacity, const char *format, const uint64_t *arguments, int count) {
    if (count < 0 || count > STE_ORACLE_MAX_ARGUMENTS) return -1;
    uint64_t a[STE_ORACLE_MAX_ARGUMENTS] = { 0 };
    for (int i = 0; i < count; i++) a[i] = arguments[i];
    /* Surplus arguments are evaluated and ignored, as C allows. */
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wformat-nonliteral"
    return snprintf(output, capacity, format, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10],
                    a[11], a[12], a[13], a[14], a[15]);
#pragma clang diagnostic pop
}

int ste_oracle_snprintf_mixed(char *output, size_t capacity, const char *format, const uint64_t *integers,
                              int integer_count, const double *doubles, int double_count) {
    if (integer_count < 0 || integer_count > STE_ORACLE_MAX_ARGUMENTS) return -1;
    if (double_count < 0 || double_count > STE_ORACLE_MAX_DOUBLES) return -1;
    uint64_t a[STE_ORACLE_MAX_ARGUMENTS] = { 0 };
    double d[STE_ORACLE_MAX_DOUBLES] = { 0 };
    for (int i = 0; i < integer_count; i++) a[i] = integers[i];
    for (int i = 0; i < double_count; i++) d[i] = doubles[i];
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wformat-nonliteral"
    return snprintf(output, capacity, format, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10],
                    a[11], a[12], a[13], a[14], a[15], d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]);
#pragma clang diagnostic pop
}
