/*
 * A minimal TAP (Test Anything Protocol) producer for test programs that are not cmocka suites
 * (vector checks, corpus replay, integration drivers). Meson runs every test with protocol 'tap'
 * and testsuite/summary.py counts the lines. The counters live in tap.c, so helpers elsewhere in
 * testsuite/common (test_tsv_each_row) report into the same plan.
 *
 *   tap_ok(cond, "name %d", i)   prints "ok N - name" or "not ok N - name"; returns cond
 *   tap_skip("reason")           prints "ok N # SKIP reason"
 *   tap_diag("text")             prints "# text" (diagnostics, shown in logs)
 *   tap_done()                   prints the plan "1..N" and returns the exit status (0 or 1)
 */
#ifndef SAMBEX_TAP_H
#define SAMBEX_TAP_H

#include <stdbool.h>

bool tap_ok(bool cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tap_skip(const char *reason);
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int tap_done(void);

#endif
