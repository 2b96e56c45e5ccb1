/*
 * Fuzz target: the auxiliary block parser (MS-OXCRPC 2.2.2.2). Arbitrary bytes as an aux payload:
 * whatever parses must build back byte for byte from the kept raw bodies, and every typed block,
 * encoded again from its fields alone, must parse back to equal fields. The bytes are also tried
 * as a whole rgbAuxIn (RPC_HEADER_EXT + payload) and each payload parsed the same way.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mapi_aux.h"
#include "mapi_rpcext.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool cond)
{
	if (!cond) {
		abort();
	}
}

static void aux_round_trip(TALLOC_CTX *mem_ctx, const uint8_t *data, size_t size)
{
	struct mapi_aux_block *b = NULL, *c = NULL;
	size_t count = 0, count2 = 0, len = 0;
	uint8_t *out = NULL;
	uint32_t ret = mapi_aux_parse(mem_ctx, data, size, &b, &count);

	check(ret == 0 || ret == ecRpcFormat);
	if (ret != 0) {
		check(b == NULL);
		return;
	}
	check(mapi_aux_build(mem_ctx, b, count, &out, &len) == 0);
	check(len == size && (size == 0 || memcmp(out, data, size) == 0));
	for (size_t i = 0; i < count; i++) {
		check(b[i].kind == mapi_aux_kind_of(b[i].version, b[i].type) ||
		      b[i].kind == MAPI_AUX_RAW);
		if (b[i].kind != MAPI_AUX_RAW) {
			b[i].raw = NULL;
		}
	}
	/* Typed re-encoding can only fail on a block that grew past 64 KB: strings re-encoded
	 * without the original's sharing or overlap. */
	ret = mapi_aux_build(mem_ctx, b, count, &out, &len);
	check(ret == 0 || ret == (uint32_t)MAPI_E_INVALID_PARAMETER);
	if (ret != 0) {
		return;
	}
	check(mapi_aux_parse(mem_ctx, out, len, &c, &count2) == 0 && count2 == count);
	for (size_t i = 0; i < count; i++) {
		check(mapi_aux_block_equal(&b[i], &c[i]));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_rpcext_payload *p = NULL;
	size_t count = 0;

	check(mem_ctx != NULL);
	aux_round_trip(mem_ctx, data, size);
	if (mapi_rpcext_parse(mem_ctx, data, size, 0x1008, &p, &count) == 0) {
		for (size_t i = 0; i < count; i++) {
			aux_round_trip(mem_ctx, p[i].data, p[i].length);
		}
	}
	talloc_free(mem_ctx);
	return 0;
}
