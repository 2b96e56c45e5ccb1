/*
 * LZ77 + DIRECT2 (MS-OXCRPC 3.1.4.1.1.2): a greedy hash-chain compressor and a bounds-checked
 * decompressor. See mapi_lz77.h for the stream format.
 */
#include <stdbool.h>
#include <string.h>

#include "mapi_le.h"
#include "mapi_lz77.h"

#define HASH_BITS 12
#define HASH_SIZE (1U << HASH_BITS)
/* How many earlier positions with the same hash are tried: ratio against speed. */
#define MAX_CHAIN 32
#define NO_POS (-1)
#define NO_NIBBLE SIZE_MAX

/* ---------------------------------------------------------------- encoder */

struct lz77_writer {
	uint8_t *out;
	size_t cap;
	size_t pos;
	size_t mask_pos;	/* where the current bitmask goes */
	uint32_t mask;
	unsigned bits;		/* bits of the current bitmask used */
	size_t nibble_pos;	/* shared length byte whose high nibble is free, or NO_NIBBLE */
	bool overflow;
};

/* Reserves n output bytes; returns their position, or marks overflow. */
static size_t writer_reserve(struct lz77_writer *w, size_t n)
{
	size_t at = w->pos;

	if (w->overflow || w->cap - w->pos < n) {
		w->overflow = true;
		return 0;
	}
	w->pos += n;
	return at;
}

static void writer_byte(struct lz77_writer *w, uint8_t b)
{
	size_t at = writer_reserve(w, 1);

	if (!w->overflow) {
		w->out[at] = b;
	}
}

static void writer_flush_mask(struct lz77_writer *w)
{
	if (!w->overflow) {
		mapi_le32_put(w->out + w->mask_pos, w->mask);
	}
}

/* One bitmask bit; a full bitmask is stored and the next one reserved before the element. */
static void writer_bit(struct lz77_writer *w, unsigned bit)
{
	if (w->bits == 32) {
		writer_flush_mask(w);
		w->mask_pos = writer_reserve(w, 4);
		w->mask = 0;
		w->bits = 0;
	}
	w->mask |= (uint32_t)bit << (31 - w->bits);
	w->bits++;
}

/* 3.1.4.1.1.2.2.4: lengths of 10 and more extend through a shared nibble, a byte, 16 bits. */
static void writer_long_length(struct lz77_writer *w, size_t length)
{
	size_t extra = length - 10;
	uint8_t nibble = extra < 15 ? (uint8_t)extra : 15;

	if (w->nibble_pos == NO_NIBBLE) {
		size_t at = writer_reserve(w, 1);

		if (!w->overflow) {
			w->out[at] = nibble;
			w->nibble_pos = at;
		}
	} else {
		w->out[w->nibble_pos] |= (uint8_t)(nibble << 4);
		w->nibble_pos = NO_NIBBLE;
	}
	if (nibble < 15) {
		return;
	}
	if (length - 25 < 255) {
		writer_byte(w, (uint8_t)(length - 25));
		return;
	}
	writer_byte(w, 0xFF);
	size_t at = writer_reserve(w, 2);

	if (!w->overflow) {
		mapi_le16_put(w->out + at, (uint16_t)(length - MAPI_LZ77_MIN_MATCH));
	}
}

static void writer_match(struct lz77_writer *w, size_t offset, size_t length)
{
	size_t code = length - MAPI_LZ77_MIN_MATCH < 7 ? length - MAPI_LZ77_MIN_MATCH : 7;
	size_t at;

	writer_bit(w, 1);
	at = writer_reserve(w, 2);
	if (!w->overflow) {
		mapi_le16_put(w->out + at, (uint16_t)(((offset - 1) << 3) | code));
	}
	if (code == 7) {
		writer_long_length(w, length);
	}
}

static void writer_literal(struct lz77_writer *w, uint8_t b)
{
	writer_bit(w, 0);
	writer_byte(w, b);
}

/* ---------------------------------------------------------------- match finder */

struct lz77_tables {
	int32_t head[HASH_SIZE];
	int32_t prev[MAPI_LZ77_WINDOW];	/* ring: previous position with the same hash */
};

static uint32_t hash3(const uint8_t *p)
{
	uint32_t v = (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16);

	return (v * 2654435761U) >> (32 - HASH_BITS);
}

static void tables_insert(struct lz77_tables *t, const uint8_t *in, size_t len, size_t pos)
{
	if (len - pos < MAPI_LZ77_MIN_MATCH) {
		return;
	}
	uint32_t h = hash3(in + pos);

	t->prev[pos % MAPI_LZ77_WINDOW] = t->head[h];
	t->head[h] = (int32_t)pos;
}

/* Longest earlier match for in[pos..], searched before pos itself is inserted. */
static size_t find_match(const struct lz77_tables *t, const uint8_t *in, size_t len, size_t pos,
			 size_t *offset_r)
{
	size_t limit = len - pos < MAPI_LZ77_MAX_MATCH ? len - pos : MAPI_LZ77_MAX_MATCH;
	size_t best = 0;
	int32_t cand;
	int chain = MAX_CHAIN;

	if (limit < MAPI_LZ77_MIN_MATCH) {
		return 0;
	}
	cand = t->head[hash3(in + pos)];
	while (cand != NO_POS && chain-- > 0 && pos - (size_t)cand <= MAPI_LZ77_WINDOW) {
		const uint8_t *a = in + cand, *b = in + pos;
		size_t n = 0;

		if (a[best] == b[best]) {
			while (n < limit && a[n] == b[n]) {
				n++;
			}
			if (n > best) {
				best = n;
				*offset_r = pos - (size_t)cand;
				if (best == limit) {
					break;
				}
			}
		}
		cand = t->prev[(size_t)cand % MAPI_LZ77_WINDOW];
	}
	return best >= MAPI_LZ77_MIN_MATCH ? best : 0;
}

size_t mapi_lz77_compress_bound(size_t in_len)
{
	return in_len + 4 * ((in_len + 1 + 31) / 32);
}

uint32_t mapi_lz77_compress_buf(const uint8_t *in, size_t in_len,
				uint8_t *out, size_t out_cap, size_t *out_len_r)
{
	struct lz77_writer w = { .out = out, .cap = out_cap, .nibble_pos = NO_NIBBLE };
	struct lz77_tables *t = talloc(NULL, struct lz77_tables);
	size_t pos = 0;

	if (t == NULL) {
		return (uint32_t)MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (size_t i = 0; i < HASH_SIZE; i++) {
		t->head[i] = NO_POS;
	}
	w.mask_pos = writer_reserve(&w, 4);
	while (pos < in_len && !w.overflow) {
		size_t offset = 0;
		size_t length = find_match(t, in, in_len, pos, &offset);

		if (length == 0) {
			writer_literal(&w, in[pos]);
			tables_insert(t, in, in_len, pos);
			pos++;
			continue;
		}
		writer_match(&w, offset, length);
		for (size_t end = pos + length; pos < end; pos++) {
			tables_insert(t, in, in_len, pos);
		}
	}
	talloc_free(t);
	/* 3.1.4.1.1.2.2.1: a 1 bit after the last element ends the stream. */
	writer_bit(&w, 1);
	writer_flush_mask(&w);
	if (w.overflow) {
		return ecTooBig;
	}
	*out_len_r = w.pos;
	return 0;
}

uint32_t mapi_lz77_compress(TALLOC_CTX *mem_ctx, const uint8_t *in, size_t in_len,
			    uint8_t **out_r, size_t *out_len_r)
{
	size_t cap = mapi_lz77_compress_bound(in_len);
	uint8_t *out = talloc_array(mem_ctx, uint8_t, cap);
	size_t len = 0;
	uint32_t ret;

	*out_r = NULL;
	if (out == NULL) {
		return (uint32_t)MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = mapi_lz77_compress_buf(in, in_len, out, cap, &len);
	if (ret != 0) {
		talloc_free(out);
		/* The bound always suffices, so TOO_BIG cannot happen; memory can still run out. */
		return ret == (uint32_t)ecTooBig ? (uint32_t)MAPI_E_CALL_FAILED : ret;
	}
	*out_r = out;
	*out_len_r = len;
	return 0;
}

/* ---------------------------------------------------------------- decoder */

struct lz77_reader {
	const uint8_t *in;
	size_t len;
	size_t pos;
	size_t nibble_pos;
};

static bool reader_has(const struct lz77_reader *r, size_t n)
{
	return r->len - r->pos >= n;
}

/* 3.1.4.1.1.2.2.4, read side. Returns false on truncation. */
static bool reader_length(struct lz77_reader *r, uint16_t meta, size_t *length_r)
{
	size_t length = meta & 7;
	unsigned nibble;

	if (length < 7) {
		*length_r = length + MAPI_LZ77_MIN_MATCH;
		return true;
	}
	if (r->nibble_pos == NO_NIBBLE) {
		if (!reader_has(r, 1)) {
			return false;
		}
		nibble = r->in[r->pos] & 0x0F;
		r->nibble_pos = r->pos++;
	} else {
		nibble = r->in[r->nibble_pos] >> 4;
		r->nibble_pos = NO_NIBBLE;
	}
	if (nibble < 15) {
		*length_r = 10 + nibble;
		return true;
	}
	if (!reader_has(r, 1)) {
		return false;
	}
	uint8_t extra = r->in[r->pos++];

	if (extra < 255) {
		*length_r = 25 + (size_t)extra;
		return true;
	}
	if (!reader_has(r, 2)) {
		return false;
	}
	/* Not additive: the 16 bits hold the whole length less 3. */
	*length_r = (size_t)mapi_le16_get(r->in + r->pos) + MAPI_LZ77_MIN_MATCH;
	r->pos += 2;
	return true;
}

uint32_t mapi_lz77_decompress_buf(const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len)
{
	struct lz77_reader r = { .in = in, .len = in_len, .nibble_pos = NO_NIBBLE };
	size_t op = 0;
	uint32_t mask = 0;
	unsigned bits = 0;

	for (;;) {
		if (bits == 0) {
			if (!reader_has(&r, 4)) {
				return ecRpcFormat;
			}
			mask = mapi_le32_get(in + r.pos);
			r.pos += 4;
			bits = 32;
		}
		bits--;
		if ((mask & ((uint32_t)1 << bits)) == 0) {
			if (!reader_has(&r, 1) || op == out_len) {
				return ecRpcFormat;
			}
			out[op++] = in[r.pos++];
			continue;
		}
		if (r.pos == in_len) {
			break;	/* the end bit */
		}
		if (!reader_has(&r, 2)) {
			return ecRpcFormat;
		}
		uint16_t meta = mapi_le16_get(in + r.pos);
		size_t offset = ((size_t)meta >> 3) + 1, length;

		r.pos += 2;
		if (!reader_length(&r, meta, &length) || offset > op || length > out_len - op) {
			return ecRpcFormat;
		}
		if (offset >= length) {
			memcpy(out + op, out + op - offset, length);
		} else {
			/* Overlapping: repeats the last offset bytes; byte by byte. */
			for (size_t i = 0; i < length; i++) {
				out[op + i] = out[op + i - offset];
			}
		}
		op += length;
	}
	return op == out_len ? 0 : ecRpcFormat;
}

uint32_t mapi_lz77_decompress(TALLOC_CTX *mem_ctx, const uint8_t *in, size_t in_len,
			      size_t out_len, uint8_t **out_r)
{
	uint8_t *out;
	uint32_t ret;

	*out_r = NULL;
	if (out_len == SIZE_MAX) {
		return ecRpcFormat;
	}
	out = talloc_zero_array(mem_ctx, uint8_t, out_len + 1);
	if (out == NULL) {
		return (uint32_t)MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = mapi_lz77_decompress_buf(in, in_len, out, out_len);
	if (ret != 0) {
		talloc_free(out);
		return ret;
	}
	*out_r = out;
	return 0;
}
