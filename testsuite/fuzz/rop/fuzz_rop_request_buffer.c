/*
 * Fuzz target: a whole ROP input buffer as the server splits it (rop_request_reader,
 * MS-OXCROPS 2.2.1). The first input byte sets the session state the bytes cannot tell (bit 0:
 * public folder mode for RopSetMessageReadFlag's ClientData); the rest is the buffer. Whatever
 * splits must re-encode (client push) to exactly the same bytes when every handle index names a
 * table entry, and be refused with MAPI_E_INVALID_PARAMETER otherwise; handle lookups and the
 * unprocessed tail of every ROP stay inside the buffer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rop_buffer.h"
#include "rop_gen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Decodes the next request, setting its context from the flags byte. */
static uint32_t next_rop(TALLOC_CTX *ctx, struct rop_request_reader *rr, bool public_mode,
			 struct rop_buffer_rop *rop)
{
	const struct rop_codec *c = rop_request_reader_peek(rr, NULL);
	struct rop_set_message_read_flag_request *smrf;

	if (c == NULL || c->id != ROP_ID_SET_MESSAGE_READ_FLAG) {
		return rop_request_reader_next(ctx, rr, NULL, rop);
	}
	smrf = talloc_zero(ctx, struct rop_set_message_read_flag_request);
	if (smrf == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	smrf->public_folder_mode = public_mode;
	return rop_request_reader_next(ctx, rr, smrf, rop);
}

/* Every index lookup answers within the table; the tail of the ROP lies inside RopsList. */
static bool check_rop(const struct rop_request_reader *rr, const struct rop_buffer_rop *rop)
{
	bool in_table = true;
	const uint8_t *rest;
	size_t rest_len;
	uint32_t h;

	for (unsigned i = 0; i < rop->handle_index_count; i++) {
		uint32_t st = rop_request_reader_handle(rr, rop->handle_index[i], &h);

		if ((st == 0) != (rop->handle_index[i] < rr->handle_count)) {
			abort();
		}
		in_table = in_table && st == 0;
	}
	rop_request_reader_unprocessed(rr, rop, &rest, &rest_len);
	if (rest != rr->data + rop->offset || rop->offset + rest_len != rr->rops_end ||
	    rest_len < rop->length) {
		abort();
	}
	return in_table;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rop_request_reader rr;
	struct rop_buffer buf = { 0 };
	TALLOC_CTX *ctx;
	bool public_mode, in_table = true;
	uint8_t *out;
	size_t out_len;
	uint32_t st;

	if (size < 1) {
		return 0;
	}
	public_mode = data[0] & 1;
	data++;
	size--;
	ctx = talloc_new(NULL);
	if (rop_request_reader_init(ctx, &rr, data, size, NULL) != 0) {
		goto done;
	}
	buf.handle_count = rr.handle_count;
	buf.handles = rr.handles;
	buf.rops = talloc_zero_array(ctx, struct rop_buffer_rop, size / 3 + 1);
	/* every request is 3 bytes or more (rop_buffer_pull_requests relies on it too) */
	while (!rop_request_reader_done(&rr)) {
		struct rop_buffer_rop *rop;

		if (buf.rop_count >= size / 3 + 1) {
			abort();
		}
		rop = &buf.rops[buf.rop_count];
		if (next_rop(ctx, &rr, public_mode, rop) != 0) {
			goto done;
		}
		in_table = check_rop(&rr, rop) && in_table;
		buf.rop_count++;
	}
	st = rop_buffer_push_requests(ctx, &buf, NULL, &out, &out_len);
	if (!in_table) {
		if (st != MAPI_E_INVALID_PARAMETER) {
			abort();
		}
	} else if (st != 0 || out_len != size || memcmp(out, data, size) != 0) {
		abort();
	}
done:
	talloc_free(ctx);
	return 0;
}
