/*
 * Fuzz target: arbitrary bytes as an rgbIn (MS-OXCRPC 3.1.4.2.1.1.1): parse the RPC_HEADER_EXT
 * chain, de-obfuscating and decompressing as flagged. Whatever parses must build again and parse
 * back to the same payloads and XorMagic flags; a chain of uncompressed payloads must rebuild byte
 * for byte. The bytes are also tried as a raw LZ77 stream (first two bytes: the expected size),
 * and a stream that decodes must survive a compress / decompress round trip.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mapi_lz77.h"
#include "mapi_rpcext.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool cond)
{
	if (!cond) {
		abort();
	}
}

static void chain_round_trip(TALLOC_CTX *mem_ctx, const uint8_t *data, size_t size)
{
	struct mapi_rpcext_payload *p = NULL, *q = NULL;
	size_t count = 0, count2 = 0, len = 0;
	uint8_t *out = NULL;
	uint32_t ret = mapi_rpcext_parse(mem_ctx, data, size, 0, &p, &count);
	bool any_compressed = false;

	check(ret == 0 || ret == ecRpcFormat || ret == (uint32_t)ecRpcFailed);
	if (ret != 0) {
		check(p == NULL && count == 0);
		return;
	}
	check(count >= 1 && count <= MAPI_RPCEXT_MAX_PAYLOADS);
	for (size_t i = 0; i < count; i++) {
		check(p[i].length == p[i].header.size_actual);
		check(!!(p[i].header.flags & MAPI_RPCEXT_LAST) == (i + 1 == count));
		any_compressed = any_compressed || (p[i].header.flags & MAPI_RPCEXT_COMPRESSED);
	}
	check(mapi_rpcext_build(mem_ctx, p, count, 0x40000, &out, &len) == 0);
	if (!any_compressed) {
		check(len == size && memcmp(out, data, size) == 0);
	}
	check(mapi_rpcext_parse(mem_ctx, out, len, 0, &q, &count2) == 0 && count2 == count);
	for (size_t i = 0; i < count; i++) {
		check(q[i].length == p[i].length);
		check(p[i].length == 0 || memcmp(q[i].data, p[i].data, p[i].length) == 0);
		check((q[i].header.flags & MAPI_RPCEXT_XORMAGIC) ==
		      (p[i].header.flags & MAPI_RPCEXT_XORMAGIC));
	}
}

static void stream_round_trip(TALLOC_CTX *mem_ctx, const uint8_t *data, size_t size)
{
	uint8_t *plain = NULL, *packed = NULL, *again = NULL;
	size_t out_len, packed_len = 0;
	uint32_t ret;

	if (size < 2) {
		return;
	}
	out_len = (size_t)(data[0] | (data[1] << 8)) % (MAPI_RPCEXT_MAX_PAYLOAD + 1);
	ret = mapi_lz77_decompress(mem_ctx, data + 2, size - 2, out_len, &plain);
	check(ret == 0 || ret == ecRpcFormat);
	if (ret != 0) {
		return;
	}
	check(mapi_lz77_compress(mem_ctx, plain, out_len, &packed, &packed_len) == 0);
	check(packed_len <= mapi_lz77_compress_bound(out_len));
	check(mapi_lz77_decompress(mem_ctx, packed, packed_len, out_len, &again) == 0);
	check(out_len == 0 || memcmp(again, plain, out_len) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);

	check(mem_ctx != NULL);
	chain_round_trip(mem_ctx, data, size);
	stream_round_trip(mem_ctx, data, size);
	talloc_free(mem_ctx);
	return 0;
}
