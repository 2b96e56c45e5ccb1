/*
 * FILETIME (PtypTime, MS-OXCDATA 2.11.1; MS-DTYP 2.3.3): a count of 100-nanosecond intervals since
 * 1601-01-01 00:00:00 UTC, carried on the wire as an unsigned 64-bit little-endian integer.
 *
 * FILETIME reaches back to 1601 and forward to year 30828, time_t (64-bit) much further both ways,
 * so each conversion says when a value does not fit instead of wrapping.
 */
#ifndef SAMBEX_MAPI_FILETIME_H
#define SAMBEX_MAPI_FILETIME_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/* Seconds from 1601-01-01 to 1970-01-01 (369 years, 89 of them leap years). */
#define MAPI_FILETIME_UNIX_EPOCH_SECONDS 11644473600LL
#define MAPI_FILETIME_TICKS_PER_SECOND 10000000LL

/*
 * Converts a time_t to FILETIME. Returns false (and leaves *ft_r alone) for times before 1601 or
 * past what 64 bits of FILETIME hold.
 */
bool mapi_filetime_from_time(time_t t, uint64_t *ft_r);

/*
 * Converts a FILETIME to time_t, rounding down to the whole second. Returns false only where
 * time_t is too small to hold the result (never with a 64-bit time_t).
 */
bool mapi_filetime_to_time(uint64_t ft, time_t *t_r);

/* As above, keeping the sub-second part (FILETIME resolution is 100 ns: the rest is dropped). */
bool mapi_filetime_from_timespec(const struct timespec *ts, uint64_t *ft_r);
bool mapi_filetime_to_timespec(uint64_t ft, struct timespec *ts_r);

/* The current time (CLOCK_REALTIME) as FILETIME. */
uint64_t mapi_filetime_now(void);

#endif
