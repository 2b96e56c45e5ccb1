/*
 * TAP output for the testsuite's C programs (see tap.h).
 */
#include <stdarg.h>
#include <stdio.h>

#include "tap.h"

static unsigned tap_count, tap_failed;

bool tap_ok(bool cond, const char *fmt, ...)
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

void tap_skip(const char *reason)
{
	tap_count++;
	printf("ok %u # SKIP %s\n", tap_count, reason);
	fflush(stdout);
}

void tap_diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

int tap_done(void)
{
	printf("1..%u\n", tap_count);
	return tap_failed == 0 ? 0 : 1;
}
