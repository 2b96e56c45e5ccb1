/*
 * A minimal TAP (Test Anything Protocol) producer for test programs that are not cmocka suites
 * (vector checks, corpus replay, integration drivers). Meson runs every test with protocol 'tap'
 * and testsuite/summary.py counts the lines.
 *
 *   tap_ok(cond, "name %d", i)   prints "ok N - name" or "not ok N - name"
 *   tap_skip("reason")           prints "ok N # SKIP reason"
 *   tap_diag("text")             prints "# text" (diagnostics, shown in logs)
 *   tap_done()                   prints the plan "1..N" and returns the exit status (0 or 1)
 */
#ifndef SAMBEX_TAP_H
#define SAMBEX_TAP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

static unsigned tap_count, tap_failed;

static inline __attribute__((format(printf, 2, 3))) bool tap_ok(bool cond, const char *fmt, ...)
{
	va_list ap;

	tap_count++;
	printf("%sok %u - ", cond ? "" : "not ", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!cond) {
		tap_failed++;
	}
	fflush(stdout);
	return cond;
}

static inline void tap_skip(const char *reason)
{
	tap_count++;
	printf("ok %u # SKIP %s\n", tap_count, reason);
	fflush(stdout);
}

static inline __attribute__((format(printf, 1, 2))) void tap_diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

static inline int tap_done(void)
{
	printf("1..%u\n", tap_count);
	return tap_failed == 0 ? 0 : 1;
}

#endif
