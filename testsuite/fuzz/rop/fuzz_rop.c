/*
 * Fuzz target: one ROP through the generated codecs (libmapi/rop). The first input byte chooses
 * the direction (even: a request as the server pulls it; odd: a response as the client pulls it,
 * with a fixed column set for row-carrying ROPs); the rest is the ROP buffer, whose first byte is
 * the RopId that selects the codec. Whatever decodes must re-encode to exactly the bytes it
 * consumed (the codecs accept only canonical encodings).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rop_codec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* PidTagDisplayName, PidTagEntryId, PidTagMessageSize, PidTagLastModificationTime */
static const uint32_t columns[] = { 0x3001001F, 0x0FFF0102, 0x0E080003, 0x30080040 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mapi_proptag_array cols = { .count = 4, .tags = (uint32_t *)columns };
	const struct rop_codec *c;
	struct mapi_propval_reader r;
	struct mapi_propval_writer w;
	TALLOC_CTX *ctx;
	bool response;
	void *out;
	uint32_t st;

	if (size < 2) {
		return 0;
	}
	response = data[0] & 1;
	data++;
	size--;
	c = rop_codec_find(data[0]);
	if (c == NULL || (response ? c->response_size : c->request_size) == 0) {
		return 0;
	}
	ctx = talloc_new(NULL);
	out = talloc_zero_size(ctx, response ? c->response_size : c->request_size);
	mapi_propval_reader_init(&r, data, size, MAPI_PROPVAL_ROP, NULL);
	st = response ? c->pull_response(ctx, &r, &cols, out) : c->pull_request(ctx, &r, out);
	if (st == 0) {
		mapi_propval_writer_init(&w, ctx, MAPI_PROPVAL_ROP, NULL);
		st = response ? c->push_response(&w, &cols, out) : c->push_request(&w, out);
		if (st != 0 || w.len != r.off || memcmp(w.data, data, r.off) != 0) {
			abort();
		}
	}
	talloc_free(ctx);
	return 0;
}
