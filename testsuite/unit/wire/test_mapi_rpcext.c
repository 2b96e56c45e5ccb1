/*
 * Unit tests: mapi_rpcext (MS-OXCRPC 2.2.2.1 RPC_HEADER_EXT, 3.1.4.1.1 / 3.1.4.2.1 extended
 * buffers, 3.1.4.1.1.3 XOR obfuscation). Every flag combination, chains, every framing error
 * the module promises to catch, and the build side's size limits.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mapi_lz77.h"
#include "mapi_rpcext.h"

#define C MAPI_RPCEXT_COMPRESSED
#define X MAPI_RPCEXT_XORMAGIC
#define L MAPI_RPCEXT_LAST
#define FORMAT ecRpcFormat

static uint32_t rng_state = 0xC0FFEE11;

static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

/* Compressible bytes: a few words repeated with noise. */
static uint8_t *make_text(TALLOC_CTX *mem_ctx, size_t len)
{
	static const char sample[] = "Subject: weekly report; From: jane@example.test; ";
	uint8_t *p = talloc_array(mem_ctx, uint8_t, len + 1);

	for (size_t i = 0; i < len; i++) {
		p[i] = (uint8_t)sample[i % (sizeof(sample) - 1)];
		if (rng() % 17 == 0) {
			p[i] = (uint8_t)rng();
		}
	}
	return p;
}

static uint8_t *make_random(TALLOC_CTX *mem_ctx, size_t len)
{
	uint8_t *p = talloc_array(mem_ctx, uint8_t, len + 1);

	for (size_t i = 0; i < len; i++) {
		p[i] = (uint8_t)rng();
	}
	return p;
}

static void put_header(uint8_t *p, uint16_t version, uint16_t flags, uint16_t size, uint16_t actual)
{
	struct mapi_rpcext_header h = { version, flags, size, actual };

	mapi_rpcext_header_push(&h, p);
}

static uint32_t parse(TALLOC_CTX *mem_ctx, const uint8_t *buf, size_t len, size_t *count_r,
		      struct mapi_rpcext_payload **p_r)
{
	struct mapi_rpcext_payload *p = NULL;
	size_t count = 0;
	/* an exact-size copy, so ASan sees any read past the end */
	uint8_t *copy = talloc_memdup(mem_ctx, buf, len ? len : 1);
	uint32_t ret = mapi_rpcext_parse(mem_ctx, copy, len, 0, &p, &count);

	if (ret != 0) {
		assert_null(p);
		assert_int_equal(count, 0);
	}
	if (count_r) {
		*count_r = count;
	}
	if (p_r) {
		*p_r = p;
	}
	return ret;
}

static void test_header_pull_push(void **state)
{
	static const uint8_t wire[8] = { 0x00, 0x00, 0x04, 0x00, 0x52, 0x01, 0x52, 0x01 };
	struct mapi_rpcext_header h;
	uint8_t out[8];

	mapi_rpcext_header_pull(wire, &h);
	assert_int_equal(h.version, 0);
	assert_int_equal(h.flags, L);
	assert_int_equal(h.size, 0x152);
	assert_int_equal(h.size_actual, 0x152);
	mapi_rpcext_header_push(&h, out);
	assert_memory_equal(out, wire, 8);
}

static void test_xor(void **state)
{
	uint8_t data[256], copy[256];

	for (int i = 0; i < 256; i++) {
		data[i] = (uint8_t)i;
	}
	memcpy(copy, data, sizeof(data));
	mapi_rpcext_xor(data, sizeof(data));
	for (int i = 0; i < 256; i++) {
		assert_int_equal(data[i], i ^ 0xA5);
	}
	mapi_rpcext_xor(data, sizeof(data));
	assert_memory_equal(data, copy, sizeof(data));
	mapi_rpcext_xor(NULL, 0);
}

/* 4.1: the rgbAuxOut of EcDoConnectEx, one uncompressed payload holding AUX_EXORGINFO. */
static void test_spec_aux_out(void **state)
{
	static const uint8_t wire[16] = { 0x00, 0x00, 0x04, 0x00, 0x08, 0x00, 0x08, 0x00,
					  0x08, 0x00, 0x01, 0x17, 0x01, 0x00, 0x00, 0x00 };
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_rpcext_payload *p;
	size_t count;
	uint8_t *out;
	size_t out_len;

	assert_int_equal(parse(mem_ctx, wire, sizeof(wire), &count, &p), 0);
	assert_int_equal(count, 1);
	assert_int_equal(p[0].header.flags, L);
	assert_int_equal(p[0].length, 8);
	assert_memory_equal(p[0].data, wire + 8, 8);
	assert_int_equal(p[0].data[8], 0);	/* the promised terminator */
	assert_int_equal(mapi_rpcext_build(mem_ctx, p, count, 16, &out, &out_len), 0);
	assert_int_equal(out_len, 16);
	assert_memory_equal(out, wire, 16);
	assert_int_equal(mapi_rpcext_build(mem_ctx, p, count, 15, &out, &out_len),
			 ecTooBig);
	assert_null(out);
	talloc_free(mem_ctx);
}

/* Builds one payload with the given flags, checks the header, parses it back. */
static void one_combination(uint16_t flags, const uint8_t *data, size_t len, bool expect_compressed)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_rpcext_payload in = { .header = { .flags = flags }, .data = (uint8_t *)data,
					  .length = len };
	struct mapi_rpcext_payload *p;
	struct mapi_rpcext_header h;
	uint8_t *out;
	size_t out_len, count;

	assert_int_equal(mapi_rpcext_build(mem_ctx, &in, 1, 0x40000, &out, &out_len), 0);
	mapi_rpcext_header_pull(out, &h);
	assert_int_equal(h.version, 0);
	assert_int_equal(h.flags & L, L);
	assert_int_equal(!!(h.flags & X), !!(flags & X));
	assert_int_equal(!!(h.flags & C), expect_compressed);
	assert_int_equal(h.size_actual, len);
	assert_int_equal(out_len, 8 + h.size);
	if (expect_compressed) {
		assert_true(h.size < len);
	} else {
		assert_int_equal(h.size, len);
	}
	if ((flags & X) && !expect_compressed && len > 0) {
		assert_int_equal(out[8], data[0] ^ 0xA5);
	}
	if (!(flags & X) && !expect_compressed && len > 0) {
		assert_memory_equal(out + 8, data, len);
	}
	assert_int_equal(parse(mem_ctx, out, out_len, &count, &p), 0);
	assert_int_equal(count, 1);
	assert_int_equal(p[0].header.flags, h.flags);
	assert_int_equal(p[0].length, len);
	if (len > 0) {
		assert_memory_equal(p[0].data, data, len);
	}
	talloc_free(mem_ctx);
}

static void test_flag_combinations(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	size_t sizes[] = { 1, 2, 7, 8, 100, 4096, 32767, 32768 };

	for (uint16_t flags = 0; flags < 4; flags++) {
		one_combination(flags, NULL, 0, false);
		for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			uint8_t *text = make_text(mem_ctx, sizes[i]);
			uint8_t *noise = make_random(mem_ctx, sizes[i]);

			/* text shrinks from 100 bytes up; 1..8 bytes never do */
			one_combination(flags, text, sizes[i], (flags & C) && sizes[i] >= 100);
			/* random bytes expand: sent uncompressed (2.2.2.1 Size < SizeActual) */
			one_combination(flags, noise, sizes[i], false);
		}
	}
	talloc_free(mem_ctx);
}

/* The wire order is compress then XOR (3.1.4.2.1.1.1). */
static void test_compress_then_xor(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	uint8_t *text = make_text(mem_ctx, 3000), *out, *plain;
	struct mapi_rpcext_payload in = {
		.header = { .flags = C | X }, .data = text, .length = 3000,
	};
	struct mapi_rpcext_header h;
	size_t out_len;

	assert_int_equal(mapi_rpcext_build(mem_ctx, &in, 1, 0x40000, &out, &out_len), 0);
	mapi_rpcext_header_pull(out, &h);
	assert_int_equal(h.flags, C | X | L);
	mapi_rpcext_xor(out + 8, h.size);
	assert_int_equal(mapi_lz77_decompress(mem_ctx, out + 8, h.size, 3000, &plain), 0);
	assert_memory_equal(plain, text, 3000);
	talloc_free(mem_ctx);
}

/* Chains of 2, 3, 10 and 96 payloads with mixed flags; Last only on the final header. */
static void test_chains(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	size_t counts[] = { 2, 3, 10, 96 };

	for (size_t c = 0; c < 4; c++) {
		struct mapi_rpcext_payload in[96], *p;
		size_t n = counts[c], out_len, count, pos = 0;
		uint8_t *out;

		for (size_t i = 0; i < n; i++) {
			in[i].header.flags = (uint16_t)(i % 4);
			in[i].length = (i * 37) % 500;
			in[i].data = i % 2 ? make_text(mem_ctx, in[i].length) :
				     make_random(mem_ctx, in[i].length);
		}
		assert_int_equal(mapi_rpcext_build(mem_ctx, in, n, 0x40000, &out, &out_len), 0);
		for (size_t i = 0; i < n; i++) {
			struct mapi_rpcext_header h;

			mapi_rpcext_header_pull(out + pos, &h);
			assert_int_equal(!!(h.flags & L), i + 1 == n);
			pos += 8 + h.size;
		}
		assert_int_equal(pos, out_len);
		assert_int_equal(parse(mem_ctx, out, out_len, &count, &p), 0);
		assert_int_equal(count, n);
		for (size_t i = 0; i < n; i++) {
			assert_int_equal(p[i].length, in[i].length);
			if (in[i].length > 0) {
				assert_memory_equal(p[i].data, in[i].data, in[i].length);
			}
		}
	}
	talloc_free(mem_ctx);
}

/* 3.1.4.2.1.2: no more than 96 payloads, on either side. */
static void test_payload_count_limit(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_rpcext_payload in[97];
	uint8_t wire[97 * 8], *out;
	size_t out_len;

	memset(in, 0, sizeof(in));
	assert_int_equal(mapi_rpcext_build(mem_ctx, in, 97, 0x40000, &out, &out_len),
			 (uint32_t)MAPI_E_INVALID_PARAMETER);
	assert_int_equal(mapi_rpcext_build(mem_ctx, in, 0, 0x40000, &out, &out_len),
			 (uint32_t)MAPI_E_INVALID_PARAMETER);
	for (int i = 0; i < 97; i++) {
		put_header(wire + 8 * i, 0, i == 96 ? L : 0, 0, 0);
	}
	assert_int_equal(parse(mem_ctx, wire, sizeof(wire), NULL, NULL), FORMAT);
	assert_int_equal(parse(mem_ctx, wire + 8, sizeof(wire) - 8, NULL, NULL), 0);
	talloc_free(mem_ctx);
}

static void test_too_short(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	static const uint8_t wire[8] = { 0, 0, 4, 0, 0, 0, 0, 0 };

	for (size_t n = 0; n < 8; n++) {
		assert_int_equal(parse(mem_ctx, wire, n, NULL, NULL), ecRpcFailed);
	}
	assert_int_equal(parse(mem_ctx, wire, 8, NULL, NULL), 0);	/* empty Last payload */
	talloc_free(mem_ctx);
}

static void test_header_rules(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	uint8_t wire[16] = { 0 };

	memcpy(wire + 8, "ABCDEFGH", 8);
	put_header(wire, 0, L, 8, 8);
	assert_int_equal(parse(mem_ctx, wire, 16, NULL, NULL), 0);
	put_header(wire, 1, L, 8, 8);	/* Version MUST be 0 */
	assert_int_equal(parse(mem_ctx, wire, 16, NULL, NULL), FORMAT);
	put_header(wire, 0x100, L, 8, 8);
	assert_int_equal(parse(mem_ctx, wire, 16, NULL, NULL), FORMAT);
	for (unsigned bit = 3; bit < 16; bit++) {	/* unknown flags */
		put_header(wire, 0, (uint16_t)(L | (1U << bit)), 8, 8);
		assert_int_equal(parse(mem_ctx, wire, 16, NULL, NULL), FORMAT);
	}
	put_header(wire, 0, L, 8, 7);	/* uncompressed: Size == SizeActual */
	assert_int_equal(parse(mem_ctx, wire, 16, NULL, NULL), FORMAT);
	put_header(wire, 0, L, 8, 9);
	assert_int_equal(parse(mem_ctx, wire, 16, NULL, NULL), FORMAT);
	put_header(wire, 0, L | C, 8, 8);	/* compressed: Size < SizeActual */
	assert_int_equal(parse(mem_ctx, wire, 16, NULL, NULL), FORMAT);
	put_header(wire, 0, L | C, 8, 7);
	assert_int_equal(parse(mem_ctx, wire, 16, NULL, NULL), FORMAT);
	put_header(wire, 0, L, 9, 9);	/* Size beyond the buffer */
	assert_int_equal(parse(mem_ctx, wire, 16, NULL, NULL), FORMAT);
	put_header(wire, 0, L, 0xFFFF, 0xFFFF);
	assert_int_equal(parse(mem_ctx, wire, 16, NULL, NULL), FORMAT);
	put_header(wire, 0, L, 7, 7);	/* a byte after the Last payload */
	assert_int_equal(parse(mem_ctx, wire, 16, NULL, NULL), FORMAT);
	put_header(wire, 0, 0, 8, 8);	/* no Last anywhere */
	assert_int_equal(parse(mem_ctx, wire, 16, NULL, NULL), FORMAT);
	put_header(wire, 0, 0, 0, 0);	/* no Last: the next "header" is 8 data bytes */
	assert_int_equal(parse(mem_ctx, wire, 16, NULL, NULL), FORMAT);
	talloc_free(mem_ctx);
}

/* SizeActual above 32 KB, or above the caller's own cap, is refused (compressed or not). */
static void test_size_actual_cap(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	uint8_t *wire = talloc_zero_array(mem_ctx, uint8_t, 8 + 0x8001);
	struct mapi_rpcext_payload *p;
	size_t count;
	uint8_t *text = make_text(mem_ctx, 0x9000), *packed;
	size_t packed_len;

	put_header(wire, 0, L, 0x8000, 0x8000);
	assert_int_equal(mapi_rpcext_parse(mem_ctx, wire, 8 + 0x8000, 0, &p, &count), 0);
	put_header(wire, 0, L, 0x8001, 0x8001);
	assert_int_equal(mapi_rpcext_parse(mem_ctx, wire, 8 + 0x8001, 0, &p, &count), FORMAT);
	assert_int_equal(mapi_rpcext_parse(mem_ctx, wire, 8 + 0x8001, 0x10000, &p, &count), FORMAT);
	put_header(wire, 0, L, 100, 100);
	assert_int_equal(mapi_rpcext_parse(mem_ctx, wire, 108, 100, &p, &count), 0);
	assert_int_equal(mapi_rpcext_parse(mem_ctx, wire, 108, 99, &p, &count), FORMAT);

	/* a compressed payload that inflates to 0x9000 bytes */
	assert_int_equal(mapi_lz77_compress(mem_ctx, text, 0x9000, &packed, &packed_len), 0);
	uint8_t *big = talloc_array(mem_ctx, uint8_t, 8 + packed_len);

	put_header(big, 0, L | C, (uint16_t)packed_len, 0x9000);
	memcpy(big + 8, packed, packed_len);
	assert_int_equal(mapi_rpcext_parse(mem_ctx, big, 8 + packed_len, 0, &p, &count), FORMAT);
	/* the same stream, declared smaller than it inflates to: a bomb, refused */
	put_header(big, 0, L | C, (uint16_t)packed_len, 0x8000);
	assert_int_equal(mapi_rpcext_parse(mem_ctx, big, 8 + packed_len, 0, &p, &count), FORMAT);
	put_header(big, 0, L | C, (uint16_t)packed_len, 1000);
	assert_int_equal(mapi_rpcext_parse(mem_ctx, big, 8 + packed_len, 0, &p, &count), FORMAT);
	talloc_free(mem_ctx);
}

static void test_zero_length_payloads(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	uint8_t wire[24];
	struct mapi_rpcext_payload *p;
	size_t count;

	put_header(wire, 0, 0, 0, 0);
	put_header(wire + 8, 0, X, 0, 0);
	put_header(wire + 16, 0, L, 0, 0);
	assert_int_equal(parse(mem_ctx, wire, 24, &count, &p), 0);
	assert_int_equal(count, 3);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(p[i].length, 0);
		assert_non_null(p[i].data);
	}
	/* compressed and empty is never valid: Size 0 < SizeActual needs a stream */
	put_header(wire, 0, L | C, 0, 1);
	assert_int_equal(parse(mem_ctx, wire, 8, NULL, NULL), FORMAT);
	talloc_free(mem_ctx);
}

/* A compressed payload whose stream is wrong in various ways. */
static void test_bad_streams(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	uint8_t *text = make_text(mem_ctx, 2000), *out;
	struct mapi_rpcext_payload in = { .header = { .flags = C }, .data = text, .length = 2000 };
	size_t out_len;
	struct mapi_rpcext_header h;

	assert_int_equal(mapi_rpcext_build(mem_ctx, &in, 1, 0x40000, &out, &out_len), 0);
	mapi_rpcext_header_pull(out, &h);
	assert_int_equal(h.flags, C | L);
	/* declared larger or smaller than it inflates to */
	put_header(out, 0, C | L, h.size, 2001);
	assert_int_equal(parse(mem_ctx, out, out_len, NULL, NULL), FORMAT);
	put_header(out, 0, C | L, h.size, 1999);
	assert_int_equal(parse(mem_ctx, out, out_len, NULL, NULL), FORMAT);
	/* flagged XorMagic but not obfuscated */
	put_header(out, 0, C | X | L, h.size, 2000);
	assert_int_equal(parse(mem_ctx, out, out_len, NULL, NULL), FORMAT);
	put_header(out, 0, C | L, h.size, 2000);
	assert_int_equal(parse(mem_ctx, out, out_len, NULL, NULL), 0);
	/* every truncation of the stream, with Size adjusted to match */
	for (size_t cut = 0; cut < h.size; cut++) {
		put_header(out, 0, C | L, (uint16_t)cut, 2000);
		assert_int_equal(parse(mem_ctx, out, 8 + cut, NULL, NULL), FORMAT);
	}
	talloc_free(mem_ctx);
}

/* Every proper prefix of a valid chain is refused. */
static void test_chain_truncations(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_rpcext_payload in[4];
	uint8_t *out;
	size_t out_len;

	for (int i = 0; i < 4; i++) {
		in[i].header.flags = (uint16_t)i;
		in[i].length = 300;
		in[i].data = make_text(mem_ctx, 300);
	}
	assert_int_equal(mapi_rpcext_build(mem_ctx, in, 4, 0x40000, &out, &out_len), 0);
	for (size_t cut = 0; cut < out_len; cut++) {
		uint32_t ret = parse(mem_ctx, out, cut, NULL, NULL);

		assert_int_equal(ret, cut < 8 ? ecRpcFailed : FORMAT);
	}
	assert_int_equal(parse(mem_ctx, out, out_len, NULL, NULL), 0);
	talloc_free(mem_ctx);
}

/* The build cap: every cap below the result fails cleanly, the exact size succeeds. */
static void test_build_cap(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_rpcext_payload in[3];
	uint8_t *out;
	size_t need, got;

	for (int i = 0; i < 3; i++) {
		in[i].header.flags = i == 1 ? C : X;
		in[i].length = 200;
		in[i].data = make_text(mem_ctx, 200);
	}
	assert_int_equal(mapi_rpcext_build(mem_ctx, in, 3, 0x40000, &out, &need), 0);
	for (size_t cap = 0; cap < need; cap++) {
		assert_int_equal(mapi_rpcext_build(mem_ctx, in, 3, cap, &out, &got),
				 ecTooBig);
		assert_null(out);
	}
	assert_int_equal(mapi_rpcext_build(mem_ctx, in, 3, need, &out, &got), 0);
	assert_int_equal(got, need);
	talloc_free(mem_ctx);
}

static void test_build_invalid(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_rpcext_payload in = { .data = make_text(mem_ctx, 0x8001), .length = 0x8001 };
	uint8_t *out;
	size_t out_len;

	assert_int_equal(mapi_rpcext_build(mem_ctx, &in, 1, 0x40000, &out, &out_len),
			 (uint32_t)MAPI_E_INVALID_PARAMETER);
	in.length = 0x8000;
	assert_int_equal(mapi_rpcext_build(mem_ctx, &in, 1, 0x40000, &out, &out_len), 0);
	in.data = NULL;
	assert_int_equal(mapi_rpcext_build(mem_ctx, &in, 1, 0x40000, &out, &out_len),
			 (uint32_t)MAPI_E_INVALID_PARAMETER);
	/* caller's Last and unknown bits are ignored: Last goes on the final header only */
	struct mapi_rpcext_payload two[2] = {
		{ .header = { .flags = L | 0x8000 }, .data = (uint8_t *)"ab", .length = 2 },
		{ .header = { .flags = 0 }, .data = (uint8_t *)"cd", .length = 2 },
	};
	static const uint8_t want[] = { 0, 0, 0, 0, 2, 0, 2, 0, 'a', 'b',
					0, 0, 4, 0, 2, 0, 2, 0, 'c', 'd' };

	assert_int_equal(mapi_rpcext_build(mem_ctx, two, 2, 0x40000, &out, &out_len), 0);
	assert_int_equal(out_len, sizeof(want));
	assert_memory_equal(out, want, sizeof(want));
	talloc_free(mem_ctx);
}

/* Random buffers, and random mutations of a valid one: errors only, never a crash. */
static void test_garbage(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_rpcext_payload in[2] = {
		{ .header = { .flags = C }, .data = make_text(mem_ctx, 400), .length = 400 },
		{ .header = { .flags = C | X }, .data = make_text(mem_ctx, 400), .length = 400 },
	};
	uint8_t *valid, *buf = talloc_array(mem_ctx, uint8_t, 2000);
	size_t valid_len;

	assert_int_equal(mapi_rpcext_build(mem_ctx, in, 2, 0x40000, &valid, &valid_len), 0);
	for (int i = 0; i < 20000; i++) {
		size_t len;
		uint32_t ret;

		if (i % 2) {
			len = rng() % 200;
			for (size_t j = 0; j < len; j++) {
				buf[j] = (uint8_t)rng();
			}
			if (len >= 8 && i % 4 == 1) {
				put_header(buf, 0, (uint16_t)(rng() % 8), (uint16_t)(len - 8),
					   (uint16_t)(rng() % 400));
			}
		} else {
			len = valid_len;
			memcpy(buf, valid, len);
			buf[rng() % len] ^= (uint8_t)(1U << (rng() % 8));
		}
		ret = parse(mem_ctx, buf, len, NULL, NULL);
		assert_true(ret == 0 || ret == FORMAT || ret == (uint32_t)ecRpcFailed);
	}
	talloc_free(mem_ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_pull_push),
		cmocka_unit_test(test_xor),
		cmocka_unit_test(test_spec_aux_out),
		cmocka_unit_test(test_flag_combinations),
		cmocka_unit_test(test_compress_then_xor),
		cmocka_unit_test(test_chains),
		cmocka_unit_test(test_payload_count_limit),
		cmocka_unit_test(test_too_short),
		cmocka_unit_test(test_header_rules),
		cmocka_unit_test(test_size_actual_cap),
		cmocka_unit_test(test_zero_length_payloads),
		cmocka_unit_test(test_bad_streams),
		cmocka_unit_test(test_chain_truncations),
		cmocka_unit_test(test_build_cap),
		cmocka_unit_test(test_build_invalid),
		cmocka_unit_test(test_garbage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
