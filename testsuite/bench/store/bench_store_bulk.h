/*
 * bench_store_bulk.h — a bulk path for benchmarks: many messages written straight through the
 * backend in a few large transactions (mapistore's private API), for tables of 100,000 rows.
 */
#ifndef SAMBEX_BENCH_STORE_BULK_H
#define SAMBEX_BENCH_STORE_BULK_H

#include <stdint.h>

struct mapistore_mailbox;

/*
 * Writes n messages into fid, 10,000 per transaction: a record each with PidTagSubject
 * "message N", PidTagMessageDeliveryTime (pseudo-random from seed) and PidTagImportance. No
 * change numbers or PCLs: enough for tables, not for synchronisation. Returns the first failing
 * status.
 */
uint32_t bench_store_bulk_messages(struct mapistore_mailbox *mbox, uint64_t fid, uint32_t n, uint64_t seed);

#endif
