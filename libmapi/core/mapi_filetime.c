/*
 * mapi_filetime: FILETIME <-> time_t/timespec (MS-DTYP 2.3.3), with range checks instead of
 * silent wrap-around.
 */
#include "mapi_filetime.h"

bool mapi_filetime_from_timespec(const struct timespec *ts, uint64_t *ft_r)
{
	int64_t secs;
	uint64_t ticks;

	if (ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000L) {
		return false;
	}
	if (__builtin_add_overflow((int64_t)ts->tv_sec, MAPI_FILETIME_UNIX_EPOCH_SECONDS, &secs) ||
	    secs < 0) {
		return false;
	}
	if (__builtin_mul_overflow((uint64_t)secs, (uint64_t)MAPI_FILETIME_TICKS_PER_SECOND, &ticks) ||
	    __builtin_add_overflow(ticks, (uint64_t)ts->tv_nsec / 100U, &ticks)) {
		return false;
	}
	*ft_r = ticks;
	return true;
}

bool mapi_filetime_from_time(time_t t, uint64_t *ft_r)
{
	struct timespec ts = { .tv_sec = t, .tv_nsec = 0 };

	return mapi_filetime_from_timespec(&ts, ft_r);
}

bool mapi_filetime_to_timespec(uint64_t ft, struct timespec *ts_r)
{
	/* ft / 10^7 is at most 1.8e12, so the subtraction below cannot overflow int64_t. */
	int64_t secs = (int64_t)(ft / (uint64_t)MAPI_FILETIME_TICKS_PER_SECOND) -
		       MAPI_FILETIME_UNIX_EPOCH_SECONDS;
	time_t t = (time_t)secs;

	if ((int64_t)t != secs) {
		return false;
	}
	ts_r->tv_sec = t;
	ts_r->tv_nsec = (long)(ft % (uint64_t)MAPI_FILETIME_TICKS_PER_SECOND) * 100L;
	return true;
}

bool mapi_filetime_to_time(uint64_t ft, time_t *t_r)
{
	struct timespec ts;

	if (!mapi_filetime_to_timespec(ft, &ts)) {
		return false;
	}
	*t_r = ts.tv_sec;
	return true;
}

uint64_t mapi_filetime_now(void)
{
	struct timespec ts;
	uint64_t ft = 0;

	clock_gettime(CLOCK_REALTIME, &ts);
	mapi_filetime_from_timespec(&ts, &ft);
	return ft;
}
