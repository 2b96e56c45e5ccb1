/*
 * Unit tests: mapi_lz77 (MS-OXCRPC 3.1.4.1.1.2, LZ77 + DIRECT2). Exact encodings built from the
 * spec's own examples, round trips over many shapes of input, and hostile streams: truncated,
 * bombs, references before the start, garbage.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mapi_lz77.h"

#define FORMAT ecRpcFormat

static uint32_t rng_state = 0x12345678;

/* xorshift32: deterministic pseudo-random bytes, so failures reproduce. */
static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static void fill_random(uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		p[i] = (uint8_t)rng();
	}
}

/* Compresses, checks the bound, decompresses, and checks that a wrong size is refused. */
static size_t round_trip(const uint8_t *data, size_t len)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	uint8_t *packed = NULL, *plain = NULL;
	size_t packed_len = 0;

	assert_int_equal(mapi_lz77_compress(mem_ctx, data, len, &packed, &packed_len), 0);
	assert_true(packed_len <= mapi_lz77_compress_bound(len));
	assert_int_equal(mapi_lz77_decompress(mem_ctx, packed, packed_len, len, &plain), 0);
	if (len > 0) {
		assert_memory_equal(plain, data, len);
	}
	assert_int_equal(mapi_lz77_decompress(mem_ctx, packed, packed_len, len + 1, &plain),
			 ecRpcFormat);
	assert_null(plain);
	if (len > 0) {
		assert_int_equal(mapi_lz77_decompress(mem_ctx, packed, packed_len, len - 1, &plain),
				 ecRpcFormat);
	}
	talloc_free(mem_ctx);
	return packed_len;
}

static void expect_encoding(const uint8_t *data, size_t len, const uint8_t *want, size_t want_len)
{
	uint8_t out[512];
	uint8_t plain[512];
	size_t out_len = 0;

	assert_int_equal(mapi_lz77_compress_buf(data, len, out, sizeof(out), &out_len), 0);
	assert_int_equal(out_len, want_len);
	assert_memory_equal(out, want, want_len);
	assert_int_equal(mapi_lz77_decompress_buf(want, want_len, plain, len), 0);
	assert_memory_equal(plain, data, len);
}

/* 3.1.4.1.1.2.2.1: "ABCABCDEF" is (0,0)A(0,0)B(0,0)C(3,3)D(0,0)E(0,0)F, bitmask 0001 0001. */
static void test_spec_bitmask_example(void **state)
{
	static const uint8_t want[] = {
		0x00, 0x00, 0x00, 0x11, 'A', 'B', 'C', 0x10, 0x00, 'D', 'E', 'F',
	};

	expect_encoding((const uint8_t *)"ABCABCDEF", 9, want, sizeof(want));
}

/* 3.1.4.1.1.2.2.3: metadata 0x0018 is offset -4, length code 0 (3 bytes). */
static void test_spec_metadata_example(void **state)
{
	static const uint8_t want[] = {
		0x00, 0x00, 0x00, 0x0C, 'A', 'B', 'C', 'D', 0x18, 0x00,
	};

	expect_encoding((const uint8_t *)"ABCDABC", 7, want, sizeof(want));
}

/* 3.1.4.1.1.2.1.4: "AABCBBABC"; only matches of 3 or more count, so ABC at 7 is (5,3). */
static void test_spec_compression_example(void **state)
{
	static const uint8_t want[] = {
		0x00, 0x00, 0x00, 0x03, 'A', 'A', 'B', 'C', 'B', 'B', 0x20, 0x00,
	};

	expect_encoding((const uint8_t *)"AABCBBABC", 9, want, sizeof(want));
}

/* 3.1.4.1.1.2.2.1: bitmask 0x01000000 = 7 literals, metadata, 24 literals; the end bit then
 * needs a second bitmask. */
static void test_spec_bitmask_0x01000000(void **state)
{
	const char *text = "ABCDEFGABCabcdefghijklmnopqrstuvwx";
	uint8_t want[4 + 7 + 2 + 24 + 4];
	size_t n = 0;

	memcpy(want, "\x00\x00\x00\x01", 4);
	n = 4;
	memcpy(want + n, "ABCDEFG", 7);
	n += 7;
	want[n++] = (7 - 1) << 3;	/* offset 7, length 3 */
	want[n++] = 0;
	memcpy(want + n, "abcdefghijklmnopqrstuvwx", 24);
	n += 24;
	memcpy(want + n, "\x00\x00\x00\x80", 4);
	n += 4;
	expect_encoding((const uint8_t *)text, strlen(text), want, n);
}

/* A run of 1 + length bytes: a literal, then one match at offset 1. */
static void encode_run(size_t length, uint8_t *out, size_t *out_len)
{
	uint8_t *data = malloc(length + 1);

	memset(data, 'A', length + 1);
	assert_int_equal(mapi_lz77_compress_buf(data, length + 1, out, 64, out_len), 0);
	free(data);
}

/* 3.1.4.1.1.2.2.4, the length table: 24, 25, 26, 279, 280, 281 and the short forms. */
static void test_spec_length_table(void **state)
{
	static const struct {
		size_t length;
		uint8_t tail[8];	/* after the bitmask and the literal */
		size_t tail_len;
	} rows[] = {
		{ 3, { 0x00, 0x00 }, 2 },
		{ 9, { 0x06, 0x00 }, 2 },
		{ 10, { 0x07, 0x00, 0x00 }, 3 },
		{ 24, { 0x07, 0x00, 0x0E }, 3 },
		{ 25, { 0x07, 0x00, 0x0F, 0x00 }, 4 },
		{ 26, { 0x07, 0x00, 0x0F, 0x01 }, 4 },
		{ 279, { 0x07, 0x00, 0x0F, 0xFE }, 4 },
		{ 280, { 0x07, 0x00, 0x0F, 0xFF, 0x15, 0x01 }, 6 },
		{ 281, { 0x07, 0x00, 0x0F, 0xFF, 0x16, 0x01 }, 6 },
		{ 32771, { 0x07, 0x00, 0x0F, 0xFF, 0x00, 0x80 }, 6 },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		uint8_t out[64], plain[40000];
		size_t out_len = 0;

		encode_run(rows[i].length, out, &out_len);
		assert_int_equal(out_len, 4 + 1 + rows[i].tail_len);
		/* bitmask: literal 0, match 1, end 1 */
		assert_memory_equal(out, "\x00\x00\x00\x60" "A", 5);
		assert_memory_equal(out + 5, rows[i].tail, rows[i].tail_len);
		assert_int_equal(mapi_lz77_decompress_buf(out, out_len, plain,
							  rows[i].length + 1), 0);
		for (size_t j = 0; j <= rows[i].length; j++) {
			assert_int_equal(plain[j], 'A');
		}
	}
}

/* 3.1.4.1.1.2.2.4: the second long length uses the high nibble of the first one's byte. */
static void test_shared_nibble(void **state)
{
	uint8_t data[1 + 24 + 1 + 12];
	static const uint8_t want[] = {
		0x00, 0x00, 0x00, 0x58, 'A', 0x07, 0x00, 0x2E, 'B', 0x07, 0x00,
	};

	memset(data, 'A', 25);
	memset(data + 25, 'B', 13);
	expect_encoding(data, sizeof(data), want, sizeof(want));
}

/* Three long matches: the third opens a new shared byte. */
static void test_shared_nibble_third(void **state)
{
	uint8_t data[3 * 20];
	uint8_t out[64], plain[60];
	size_t out_len = 0;

	memset(data, 'A', 20);
	memset(data + 20, 'B', 20);
	memset(data + 40, 'C', 20);
	assert_int_equal(mapi_lz77_compress_buf(data, sizeof(data), out, sizeof(out), &out_len), 0);
	/* mask, A, 07 00 09, B, 07 00, C, 07 00 09 */
	assert_int_equal(out_len, 4 + 1 + 3 + 1 + 2 + 1 + 3);
	assert_int_equal(out[7], 0x99);	/* 9 in low nibble, then 9 in high nibble */
	assert_int_equal(out[14], 0x09);
	assert_int_equal(mapi_lz77_decompress_buf(out, out_len, plain, sizeof(plain)), 0);
	assert_memory_equal(plain, data, sizeof(data));
}

static void test_empty_and_tiny(void **state)
{
	static const uint8_t empty_stream[] = { 0x00, 0x00, 0x00, 0x80 };
	uint8_t out[16], plain[4];
	size_t out_len = 0;

	assert_int_equal(mapi_lz77_compress_buf(NULL, 0, out, sizeof(out), &out_len), 0);
	assert_int_equal(out_len, 4);
	assert_memory_equal(out, empty_stream, 4);
	assert_int_equal(mapi_lz77_decompress_buf(empty_stream, 4, plain, 0), 0);
	assert_int_equal(mapi_lz77_decompress_buf(empty_stream, 4, plain, 1), FORMAT);
	assert_int_equal(mapi_lz77_decompress_buf(empty_stream, 0, plain, 0), FORMAT);
	for (size_t n = 0; n <= 4; n++) {
		round_trip((const uint8_t *)"xyzw", n);
		round_trip((const uint8_t *)"aaaa", n);
	}
	/* one byte: literal 0, end 1 */
	assert_int_equal(mapi_lz77_compress_buf((const uint8_t *)"Z", 1, out, 16, &out_len), 0);
	assert_int_equal(out_len, 5);
	assert_memory_equal(out, "\x00\x00\x00\x40Z", 5);
}

static void test_round_trip_random(void **state)
{
	uint8_t *buf = malloc(70000);

	for (int i = 0; i < 300; i++) {
		size_t len = rng() % 2000;

		fill_random(buf, len);
		size_t packed = round_trip(buf, len);

		/* random bytes hardly compress: close to the all-literal worst case */
		assert_true(packed + 16 >= mapi_lz77_compress_bound(len));
	}
	fill_random(buf, 70000);
	round_trip(buf, 70000);
	free(buf);
}

static void test_round_trip_repetitive(void **state)
{
	size_t lengths[] = { 1, 2, 3, 4, 9, 10, 11, 24, 25, 26, 27, 279, 280, 281, 282, 1000, 8192,
			     8193, 32768, 65537, 65538, 65539, 65540, 100000, 200000 };
	uint8_t *buf = malloc(200000);

	for (size_t i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++) {
		memset(buf, 0x5A, lengths[i]);
		size_t packed = round_trip(buf, lengths[i]);

		if (lengths[i] >= 100) {
			assert_true(packed * 20 < lengths[i]);
		}
	}
	/* short periods, where matches overlap their own output */
	for (size_t period = 1; period <= 20; period++) {
		for (size_t i = 0; i < 5000; i++) {
			buf[i] = (uint8_t)('a' + i % period);
		}
		round_trip(buf, 5000);
	}
	free(buf);
}

/* Every length from 3 to 600 and around the 16-bit boundary, as one match. */
static void test_every_match_length(void **state)
{
	uint8_t *buf = malloc(70000);

	memset(buf, 'q', 70000);
	for (size_t len = 1; len <= 600; len++) {
		round_trip(buf, len);
	}
	for (size_t len = 65530; len <= 65545; len++) {
		round_trip(buf, len);
	}
	free(buf);
}

/* Mixed text with repetition, like ROP property data. */
static void test_round_trip_mixed(void **state)
{
	static const char *words[] = {
		"PidTagSubject", "\x1f\x00\x37\x00", "Hello world", "\x00\x00\x00\x00",
		"IPM.Note", "user@example.test", "\x03\x00",
	};
	uint8_t *buf = malloc(40000);
	size_t len = 0;

	while (len < 39000) {
		const char *w = words[rng() % 7];
		size_t n = strlen(w) ? strlen(w) : 1;

		memcpy(buf + len, w, n);
		len += n;
		buf[len++] = (uint8_t)rng();
	}
	size_t packed = round_trip(buf, len);

	assert_true(packed < len);
	free(buf);
}

/* Matches at distance exactly 8192 are allowed; 8193 is beyond the window. */
static void test_window_edge(void **state)
{
	uint8_t *buf = malloc(20000);

	for (size_t dist = 8188; dist <= 8196; dist++) {
		fill_random(buf, dist);
		memcpy(buf + dist, buf, 64);
		round_trip(buf, dist + 64);
	}
	free(buf);
	/* hand-made stream: 'A', then a reference 8192 back, which is before the start */
	uint8_t stream[] = { 0x00, 0x00, 0x00, 0x60, 'A', 0xF8, 0xFF };
	uint8_t out[16];

	assert_int_equal(mapi_lz77_decompress_buf(stream, sizeof(stream), out, 4),
			 ecRpcFormat);
}

/* Every proper prefix of a valid stream is refused, never read past. */
static void test_truncations(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	uint8_t *buf = talloc_array(mem_ctx, uint8_t, 3000);
	uint8_t *packed, *plain;
	size_t packed_len;

	for (size_t i = 0; i < 3000; i++) {
		buf[i] = (uint8_t)(i % 300 < 100 ? 'x' : rng() % 4);
	}
	assert_int_equal(mapi_lz77_compress(mem_ctx, buf, 3000, &packed, &packed_len), 0);
	for (size_t cut = 0; cut < packed_len; cut++) {
		/* an exact-size copy, so ASan sees any read past the end */
		uint8_t *prefix = talloc_memdup(mem_ctx, packed, cut ? cut : 1);

		assert_int_equal(mapi_lz77_decompress(mem_ctx, prefix, cut, 3000, &plain),
				 ecRpcFormat);
		talloc_free(prefix);
	}
	talloc_free(mem_ctx);
}

/* A long run claims far more output than SizeActual: refused before any write past it. */
static void test_bombs(void **state)
{
	/* 'A', then offset 1 length 65538 (16-bit form 0xFFFF) */
	static const uint8_t bomb[] = { 0x00, 0x00, 0x00, 0x60, 'A', 0x07, 0x00, 0x0F, 0xFF,
					0xFF, 0xFF };
	/* many matches of 279 bytes each */
	uint8_t chain[4 + 1 + 31 * 4 + 4 + 1 * 4];
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	uint8_t *plain;
	uint8_t *big = talloc_array(mem_ctx, uint8_t, 65539);

	for (size_t cap = 0; cap < 65539; cap += 997) {
		assert_int_equal(mapi_lz77_decompress(mem_ctx, bomb, sizeof(bomb), cap, &plain),
				 ecRpcFormat);
	}
	assert_int_equal(mapi_lz77_decompress_buf(bomb, sizeof(bomb), big, 65539), 0);
	/* literal, then 31 matches sharing nibbles */
	memset(chain, 0, sizeof(chain));
	chain[3] = 0x7F;
	chain[4] = 0x7F;
	chain[5] = 0xFF;
	chain[6] = 0xFF;
	chain[7] = 0xFF;
	assert_int_not_equal(mapi_lz77_decompress(mem_ctx, chain, sizeof(chain), 32768, &plain), 0);
	talloc_free(mem_ctx);
}

/* The decoder reads the 16-bit length as the whole length less 3, even when short. */
static void test_noncanonical_long_length(void **state)
{
	static const uint8_t stream[] = { 0x00, 0x00, 0x00, 0x60, 'A', 0x07, 0x00, 0x0F, 0xFF,
					  0x02, 0x00 };
	uint8_t out[8];

	assert_int_equal(mapi_lz77_decompress_buf(stream, sizeof(stream), out, 6), 0);
	assert_memory_equal(out, "AAAAAA", 6);
}

/* Bits after the end bit do not matter. */
static void test_trailing_mask_bits(void **state)
{
	static const uint8_t ones[] = { 0xFF, 0xFF, 0xFF, 0x1F, 'A', 'B', 'C' };
	uint8_t out[4];

	assert_int_equal(mapi_lz77_decompress_buf(ones, sizeof(ones), out, 3), 0);
	assert_memory_equal(out, "ABC", 3);
}

/* A 1 bit with fewer than 2 bytes left, and a nibble byte missing. */
static void test_short_metadata(void **state)
{
	static const uint8_t one_byte[] = { 0x00, 0x00, 0x00, 0x60, 'A', 0x07 };
	static const uint8_t no_nibble[] = { 0x00, 0x00, 0x00, 0x60, 'A', 0x07, 0x00 };
	static const uint8_t no_extra[] = { 0x00, 0x00, 0x00, 0x60, 'A', 0x07, 0x00, 0x0F };
	static const uint8_t no_word[] = { 0, 0, 0, 0x60, 'A', 0x07, 0x00, 0x0F, 0xFF, 0x01 };
	static const uint8_t literal_missing[] = { 0x00, 0x00, 0x00, 0x00, 'A' };
	uint8_t out[300];

	assert_int_equal(mapi_lz77_decompress_buf(one_byte, sizeof(one_byte), out, 4),
			 ecRpcFormat);
	assert_int_equal(mapi_lz77_decompress_buf(no_nibble, sizeof(no_nibble), out, 11),
			 ecRpcFormat);
	assert_int_equal(mapi_lz77_decompress_buf(no_extra, sizeof(no_extra), out, 26),
			 ecRpcFormat);
	assert_int_equal(mapi_lz77_decompress_buf(no_word, sizeof(no_word), out, 281),
			 ecRpcFormat);
	assert_int_equal(mapi_lz77_decompress_buf(literal_missing, sizeof(literal_missing), out, 2),
			 ecRpcFormat);
}

/* The output cap: every cap below the needed size fails, the needed size succeeds. */
static void test_compress_cap(void **state)
{
	uint8_t data[500], out[600];
	size_t need = 0, got = 0;

	for (size_t i = 0; i < sizeof(data); i++) {
		data[i] = (uint8_t)(i % 50 < 25 ? i % 7 : rng());
	}
	assert_int_equal(mapi_lz77_compress_buf(data, sizeof(data), out, sizeof(out), &need), 0);
	for (size_t cap = 0; cap < need; cap++) {
		assert_int_equal(mapi_lz77_compress_buf(data, sizeof(data), out, cap, &got),
				 ecTooBig);
	}
	assert_int_equal(mapi_lz77_compress_buf(data, sizeof(data), out, need, &got), 0);
	assert_int_equal(got, need);
}

/* Garbage never crashes the decoder and never yields more than asked for. */
static void test_garbage(void **state)
{
	uint8_t in[256], out[1024];

	for (int i = 0; i < 20000; i++) {
		size_t len = rng() % sizeof(in), out_len = rng() % sizeof(out);
		uint32_t ret;

		fill_random(in, len);
		ret = mapi_lz77_decompress_buf(in, len, out, out_len);
		assert_true(ret == 0 || ret == ecRpcFormat);
	}
}

/* Compression is deterministic. */
static void test_deterministic(void **state)
{
	uint8_t data[4000], a[5000], b[5000];
	size_t alen = 0, blen = 0;

	for (size_t i = 0; i < sizeof(data); i++) {
		data[i] = (uint8_t)(rng() % 8);
	}
	assert_int_equal(mapi_lz77_compress_buf(data, sizeof(data), a, sizeof(a), &alen), 0);
	assert_int_equal(mapi_lz77_compress_buf(data, sizeof(data), b, sizeof(b), &blen), 0);
	assert_int_equal(alen, blen);
	assert_memory_equal(a, b, alen);
}

/*
 * An independent DIRECT2 writer for the tests: it emits any token sequence the format allows
 * (including choices the library's greedy compressor never makes), so the decoder is checked
 * against the format rather than against its own encoder.
 */
struct tok_writer {
	uint8_t out[300000];
	size_t len, mask_at, nibble_at;
	unsigned used;
	bool nibble_open;
};

static void tw_bit(struct tok_writer *w, unsigned bit)
{
	if (w->used == 32) {
		w->mask_at = w->len;
		memset(w->out + w->len, 0, 4);
		w->len += 4;
		w->used = 0;
	}
	if (bit) {
		uint32_t m = (uint32_t)w->out[w->mask_at] | (uint32_t)w->out[w->mask_at + 1] << 8 |
			     (uint32_t)w->out[w->mask_at + 2] << 16 |
			     (uint32_t)w->out[w->mask_at + 3] << 24;

		m |= 1U << (31 - w->used);
		for (int i = 0; i < 4; i++) {
			w->out[w->mask_at + i] = (uint8_t)(m >> (8 * i));
		}
	}
	w->used++;
}

static void tw_init(struct tok_writer *w)
{
	memset(w, 0, sizeof(*w));
	w->used = 32;
}

static void tw_literal(struct tok_writer *w, uint8_t b)
{
	tw_bit(w, 0);
	w->out[w->len++] = b;
}

/* length >= 3; "wide" forces the 16-bit form for any length of 10 or more */
static void tw_match(struct tok_writer *w, size_t offset, size_t length, bool wide)
{
	size_t code = length >= 10 ? 7 : length - 3;
	uint16_t meta = (uint16_t)(((offset - 1) << 3) | code);

	tw_bit(w, 1);
	w->out[w->len++] = (uint8_t)meta;
	w->out[w->len++] = (uint8_t)(meta >> 8);
	if (code < 7) {
		return;
	}
	size_t rest = length - 10;
	unsigned nib = wide || rest >= 15 ? 15 : (unsigned)rest;

	if (!w->nibble_open) {
		w->nibble_at = w->len;
		w->out[w->len++] = (uint8_t)nib;
		w->nibble_open = true;
	} else {
		w->out[w->nibble_at] |= (uint8_t)(nib << 4);
		w->nibble_open = false;
	}
	if (nib < 15) {
		return;
	}
	if (!wide && length - 25 < 255) {
		w->out[w->len++] = (uint8_t)(length - 25);
		return;
	}
	w->out[w->len++] = 0xFF;
	w->out[w->len++] = (uint8_t)(length - 3);
	w->out[w->len++] = (uint8_t)((length - 3) >> 8);
}

static void tw_end(struct tok_writer *w)
{
	tw_bit(w, 1);
}

/* Random token streams, expanded by the test itself, decoded by the library. */
static void test_decoder_against_token_writer(void **state)
{
	static struct tok_writer w;
	static uint8_t expect[200000], got[200000];

	for (int round = 0; round < 400; round++) {
		size_t n = 0;
		int tokens = 1 + (int)(rng() % 300);

		tw_init(&w);
		for (int t = 0; t < tokens && n < 150000; t++) {
			if (n == 0 || rng() % 3 == 0) {
				uint8_t b = (uint8_t)rng();

				tw_literal(&w, b);
				expect[n++] = b;
				continue;
			}
			size_t max_off = n < MAPI_LZ77_WINDOW ? n : MAPI_LZ77_WINDOW;
			size_t offset = 1 + rng() % max_off;
			size_t length;

			switch (rng() % 4) {
			case 0: length = 3 + rng() % 7; break;
			case 1: length = 10 + rng() % 20; break;
			case 2: length = 25 + rng() % 300; break;
			default: length = 3 + rng() % 3000; break;
			}
			tw_match(&w, offset, length, rng() % 5 == 0);
			for (size_t i = 0; i < length; i++, n++) {
				expect[n] = expect[n - offset];
			}
		}
		tw_end(&w);
		assert_int_equal(mapi_lz77_decompress_buf(w.out, w.len, got, n), 0);
		assert_memory_equal(got, expect, n);
		/* one byte short of the stream, and one byte of output too few or too many */
		assert_int_equal(mapi_lz77_decompress_buf(w.out, w.len - 1, got, n),
				 ecRpcFormat);
		if (n > 0) {
			assert_int_equal(mapi_lz77_decompress_buf(w.out, w.len, got, n - 1),
					 ecRpcFormat);
		}
		assert_int_equal(mapi_lz77_decompress_buf(w.out, w.len, got, n + 1),
				 ecRpcFormat);
	}
}

/* Structured random inputs: runs, copies from near and far (beyond the window), noise. */
static void test_round_trip_structured(void **state)
{
	static uint8_t buf[120000];

	for (int round = 0; round < 150; round++) {
		size_t len = 0, target = rng() % sizeof(buf);

		while (len < target) {
			size_t n = 1 + rng() % 500;

			if (n > target - len) {
				n = target - len;
			}
			switch (rng() % 4) {
			case 0:
				memset(buf + len, (int)(rng() & 0xFF), n);
				break;
			case 1:
				fill_random(buf + len, n);
				break;
			default:
				if (len == 0) {
					fill_random(buf, n);
				} else {
					size_t from = rng() % len;

					for (size_t i = 0; i < n; i++) {
						buf[len + i] = buf[from + i];
					}
				}
				break;
			}
			len += n;
		}
		round_trip(buf, len);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec_bitmask_example),
		cmocka_unit_test(test_spec_metadata_example),
		cmocka_unit_test(test_spec_compression_example),
		cmocka_unit_test(test_spec_bitmask_0x01000000),
		cmocka_unit_test(test_spec_length_table),
		cmocka_unit_test(test_shared_nibble),
		cmocka_unit_test(test_shared_nibble_third),
		cmocka_unit_test(test_empty_and_tiny),
		cmocka_unit_test(test_round_trip_random),
		cmocka_unit_test(test_round_trip_repetitive),
		cmocka_unit_test(test_every_match_length),
		cmocka_unit_test(test_round_trip_mixed),
		cmocka_unit_test(test_window_edge),
		cmocka_unit_test(test_truncations),
		cmocka_unit_test(test_bombs),
		cmocka_unit_test(test_noncanonical_long_length),
		cmocka_unit_test(test_trailing_mask_bits),
		cmocka_unit_test(test_short_metadata),
		cmocka_unit_test(test_compress_cap),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_decoder_against_token_writer),
		cmocka_unit_test(test_round_trip_structured),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
