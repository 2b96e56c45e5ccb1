/*
 * crash_message.h — the messages the crash test writes and checks: their content follows from a
 * seed, and a checksum covers every value the test reads back (see crash_message.c).
 */
#ifndef SAMBEX_CRASH_MESSAGE_H
#define SAMBEX_CRASH_MESSAGE_H

#include <stdint.h>
#include <talloc.h>

#include "mapistore.h"

/*
 * Writes message number seq of a writer seeded with seed into fid: subject, body (random size,
 * some above the SQL backend's blob threshold), delivery time, importance, PidTagHtml bytes, and
 * for some an attachment (sizes above the threshold too), saved. *mid_r and *sum_r are set only
 * when every save returned success. Returns the first failing status.
 */
uint32_t crash_message_write(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, uint64_t fid, uint64_t seed,
			     uint64_t seq, uint64_t *mid_r, uint64_t *sum_r);

/*
 * Reads message mid back and computes the same checksum into *sum_r. Returns MAPI_E_NOT_FOUND
 * when the message or one of its values is gone, or the store's error.
 */
uint32_t crash_message_sum(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, uint64_t mid, uint64_t *sum_r);

#endif
