/*
 * Fuzz target: restrictions (MS-OXCDATA 2.12). The first byte picks the context (bit 0: ROP
 * buffer or extended rule); the rest is decoded as one restriction. Whatever decodes must encode
 * back to exactly the bytes it was read from, and those bytes must decode to an equal tree.
 * Refusals must be one of the documented codes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mapi_restriction.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool cond)
{
	if (!cond) {
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	TALLOC_CTX *mem_ctx;
	enum mapi_propval_context ctx;
	struct mapi_propval_reader r;
	struct mapi_restriction res, *again = NULL;
	uint8_t *out = NULL;
	size_t out_len = 0;
	uint32_t ret;

	if (size < 1) {
		return 0;
	}
	mem_ctx = talloc_new(NULL);
	check(mem_ctx != NULL);
	ctx = (data[0] & 1) ? MAPI_PROPVAL_EXTENDED : MAPI_PROPVAL_ROP;
	mapi_propval_reader_init(&r, data + 1, size - 1, ctx, NULL);
	ret = mapi_restriction_pull(mem_ctx, &r, &res);
	check(r.depth == 0);
	if (ret != 0) {
		check(ret == ecRpcFormat || ret == MAPI_E_TOO_COMPLEX);
		talloc_free(mem_ctx);
		return 0;
	}
	check(r.off <= size - 1);
	check(mapi_restriction_encode(mem_ctx, &res, ctx, NULL, &out, &out_len) == 0);
	check(out_len == r.off && memcmp(out, data + 1, out_len) == 0);
	check(mapi_restriction_decode(mem_ctx, out, out_len, ctx, NULL, &again) == 0);
	check(mapi_restriction_equal(&res, again));
	talloc_free(mem_ctx);
	return 0;
}
