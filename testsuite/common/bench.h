/*
 * Helpers for benchmark programs (testsuite/bench/). Every figure is printed as one line
 * "name value unit", and every ratio against a baseline measured in the same run as
 * "name.ratio value x"; make bench collects them.
 */
#ifndef SAMBEX_BENCH_H
#define SAMBEX_BENCH_H

#include <stdio.h>
#include <time.h>

static inline double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static inline void bench_report(const char *name, double value, const char *unit)
{
	printf("%s %.3f %s\n", name, value, unit);
	fflush(stdout);
}

/* Prints value/baseline: how many times the baseline's figure the measured one is. */
static inline void bench_ratio(const char *name, double value, double baseline)
{
	printf("%s.ratio %.3f x\n", name, baseline > 0 ? value / baseline : 0.0);
	fflush(stdout);
}

/* Keeps the compiler from optimising a benchmarked result away. */
static inline void bench_consume(const void *p)
{
	__asm__ volatile("" : : "r"(p) : "memory");
}

#endif
