/*
 * Unit tests: mapi_filetime (FILETIME <-> time_t/timespec, MS-DTYP 2.3.3).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "mapi_filetime.h"

/* The last second whose FILETIME fits in 64 bits: (2^64 - 1) / 10^7 - 11644473600. */
#define LAST_SECOND 1833029933770LL

static void test_unix_epoch(void **state)
{
	uint64_t ft = 0;
	time_t t = 1;

	assert_true(mapi_filetime_from_time(0, &ft));
	assert_int_equal(ft, 116444736000000000ULL);
	assert_true(mapi_filetime_to_time(116444736000000000ULL, &t));
	assert_int_equal(t, 0);
}

static void test_known_date(void **state)
{
	uint64_t ft = 0;

	/* 2000-01-01T00:00:00Z */
	assert_true(mapi_filetime_from_time(946684800, &ft));
	assert_int_equal(ft, 125911584000000000ULL);
}

static void test_filetime_zero_is_1601(void **state)
{
	uint64_t ft = 1;
	time_t t = 0;

	assert_true(mapi_filetime_to_time(0, &t));
	assert_int_equal(t, -MAPI_FILETIME_UNIX_EPOCH_SECONDS);
	assert_true(mapi_filetime_from_time(-MAPI_FILETIME_UNIX_EPOCH_SECONDS, &ft));
	assert_int_equal(ft, 0);
}

static void test_before_1601_fails(void **state)
{
	uint64_t ft = 7;

	assert_false(mapi_filetime_from_time(-MAPI_FILETIME_UNIX_EPOCH_SECONDS - 1, &ft));
	assert_false(mapi_filetime_from_time(INT64_MIN, &ft));
	assert_int_equal(ft, 7);
}

static void test_upper_bound(void **state)
{
	uint64_t ft = 7;
	time_t t = 0;

	assert_true(mapi_filetime_from_time(LAST_SECOND, &ft));
	assert_false(mapi_filetime_from_time(LAST_SECOND + 1, &ft));
	assert_false(mapi_filetime_from_time(INT64_MAX, &ft));
	assert_true(mapi_filetime_to_time(UINT64_MAX, &t));
	assert_int_equal(t, LAST_SECOND);
}

static void test_sub_second(void **state)
{
	struct timespec ts = { .tv_sec = 1, .tv_nsec = 123456789 }, back;
	uint64_t ft = 0;

	assert_true(mapi_filetime_from_timespec(&ts, &ft));
	assert_int_equal(ft, 116444736000000000ULL + 10000000ULL + 1234567ULL);
	assert_true(mapi_filetime_to_timespec(ft, &back));
	assert_int_equal(back.tv_sec, 1);
	assert_int_equal(back.tv_nsec, 123456700);	/* 100 ns resolution */
}

static void test_pre_epoch_rounds_down(void **state)
{
	time_t t = 0;

	/* Half a second before 1970 is second -1, not 0. */
	assert_true(mapi_filetime_to_time(116444736000000000ULL - 5000000ULL, &t));
	assert_int_equal(t, -1);
}

static void test_invalid_nsec(void **state)
{
	struct timespec ts = { .tv_sec = 0, .tv_nsec = -1 };
	uint64_t ft = 0;

	assert_false(mapi_filetime_from_timespec(&ts, &ft));
	ts.tv_nsec = 1000000000L;
	assert_false(mapi_filetime_from_timespec(&ts, &ft));
}

/*
 * Bounds come from clock_gettime, the clock mapi_filetime_now reads: time() may use a coarse clock
 * that lags it by more than a second on some virtual machines (seen on our CI machine).
 */
static void test_now(void **state)
{
	struct timespec before, after;
	uint64_t lo = 0, hi = 0, now;

	clock_gettime(CLOCK_REALTIME, &before);
	now = mapi_filetime_now();
	clock_gettime(CLOCK_REALTIME, &after);
	assert_true(mapi_filetime_from_timespec(&before, &lo));
	assert_true(mapi_filetime_from_timespec(&after, &hi));
	assert_in_range(now, lo, hi);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unix_epoch),
		cmocka_unit_test(test_known_date),
		cmocka_unit_test(test_filetime_zero_is_1601),
		cmocka_unit_test(test_before_1601_fails),
		cmocka_unit_test(test_upper_bound),
		cmocka_unit_test(test_sub_second),
		cmocka_unit_test(test_pre_epoch_rounds_down),
		cmocka_unit_test(test_invalid_nsec),
		cmocka_unit_test(test_now),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
