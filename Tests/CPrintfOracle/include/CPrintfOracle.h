/*
 * The C library's own printf, for differential tests of the Swift PrintfBuffer.
 *
 * Every argument travels as one 64-bit slot. On the 64-bit Linux ABIs (x86_64 SysV, AArch64 AAPCS64) each
 * variadic integer or pointer argument occupies a full 8-byte register or stack slot, and va_arg(ap, int)
 * reads the low 32 bits of it, so one call shape serves every format, whatever its conversions.
 * Floating-point arguments travel separately (ste_oracle_snprintf_mixed).
 */
#ifndef CPRINTF_ORACLE_H
#define CPRINTF_ORACLE_H

#include <stddef.h>
#include <stdint.h>

/** The most arguments (including `*` widths and precisions) one format may consume. */
#define STE_ORACLE_MAX_ARGUMENTS 16

/**
 * snprintf(output, capacity, format, arguments[0], ...). Strings and pointers are passed as their address.
 * Returns snprintf's result, or -1 when `count` exceeds STE_ORACLE_MAX_ARGUMENTS.
 */
int ste_oracle_snprintf(char *output, size_t capacity, const char *format, const uint64_t *arguments, int count);

/** The most `double` arguments ste_oracle_snprintf_mixed passes: all of them travel in FP registers. */
#define STE_ORACLE_MAX_DOUBLES 8

/**
 * snprintf with integer slots and doubles: `integers` in order and `doubles` in order. On the 64-bit Linux
 * ABIs integers and doubles travel in separate register classes and va_arg reads each class in order, so
 * the interleaving of the two in the format does not matter as long as the doubles fit in FP registers.
 * Returns -1 when a count is out of range.
 */
int ste_oracle_snprintf_mixed(char *output, size_t capacity, const char *format, const uint64_t *integers,
                              int integer_count, const double *doubles, int double_count);

#endif /* CPRINTF_ORACLE_H */
