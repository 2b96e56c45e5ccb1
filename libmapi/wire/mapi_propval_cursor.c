/*
 * mapi_propval_cursor: the reader and writer that every MS-OXCDATA structure codec of
 * libmapi/wire walks (see mapi_propval.h): bounds-checked little-endian loads, count caps, and a
 * doubling talloc buffer for encoding.
 */
#include <string.h>

#include "mapi_le.h"
#include "mapi_propval.h"

#define FORMAT ecRpcFormat
#define NOMEM MAPI_E_NOT_ENOUGH_MEMORY

void mapi_propval_reader_init(struct mapi_propval_reader *r, const uint8_t *data, size_t len,
			      enum mapi_propval_context context, struct mapi_utf16_conv *conv)
{
	*r = (struct mapi_propval_reader){ .data = data, .len = data != NULL ? len : 0,
					   .context = context, .conv = conv };
}

void mapi_propval_writer_init(struct mapi_propval_writer *w, TALLOC_CTX *mem_ctx,
			      enum mapi_propval_context context, struct mapi_utf16_conv *conv)
{
	*w = (struct mapi_propval_writer){ .mem_ctx = mem_ctx, .context = context, .conv = conv };
}

/* ---------------------------------------------------------------- cursor primitives */

const uint8_t *mapi_propval_pull_bytes(struct mapi_propval_reader *r, size_t n)
{
	const uint8_t *p;

	if (n > mapi_propval_reader_left(r)) {
		return NULL;
	}
	p = r->data + r->off;
	r->off += n;
	return p;
}

uint32_t mapi_propval_pull_u8(struct mapi_propval_reader *r, uint8_t *v)
{
	const uint8_t *p = mapi_propval_pull_bytes(r, 1);

	if (p == NULL) {
		return FORMAT;
	}
	*v = p[0];
	return 0;
}

uint32_t mapi_propval_pull_u16(struct mapi_propval_reader *r, uint16_t *v)
{
	const uint8_t *p = mapi_propval_pull_bytes(r, 2);

	if (p == NULL) {
		return FORMAT;
	}
	*v = mapi_le16_get(p);
	return 0;
}

uint32_t mapi_propval_pull_u32(struct mapi_propval_reader *r, uint32_t *v)
{
	const uint8_t *p = mapi_propval_pull_bytes(r, 4);

	if (p == NULL) {
		return FORMAT;
	}
	*v = mapi_le32_get(p);
	return 0;
}

uint32_t mapi_propval_pull_u64(struct mapi_propval_reader *r, uint64_t *v)
{
	const uint8_t *p = mapi_propval_pull_bytes(r, 8);

	if (p == NULL) {
		return FORMAT;
	}
	*v = mapi_le64_get(p);
	return 0;
}

uint32_t mapi_propval_pull_count(struct mapi_propval_reader *r, unsigned width, size_t min_size,
				 uint32_t *count_r)
{
	uint32_t ret, count = 0;
	uint16_t c16;
	uint8_t c8;

	if (width == 1) {
		ret = mapi_propval_pull_u8(r, &c8);
		count = c8;
	} else if (width == 2) {
		ret = mapi_propval_pull_u16(r, &c16);
		count = c16;
	} else {
		ret = mapi_propval_pull_u32(r, &count);
	}
	if (ret != 0) {
		return ret;
	}
	/* Checked before any allocation: a count bomb costs nothing. */
	if (min_size > 0 && count > mapi_propval_reader_left(r) / min_size) {
		return FORMAT;
	}
	*count_r = count;
	return 0;
}

/* Makes room for n more bytes, doubling so that appends are amortised O(1). */
static uint8_t *grow(struct mapi_propval_writer *w, size_t n)
{
	uint8_t *p;

	if (n > SIZE_MAX / 2 - w->len) {
		return NULL;
	}
	if (w->len + n > w->cap) {
		size_t cap = w->cap < 64 ? 64 : w->cap;
		uint8_t *data;

		while (cap < w->len + n) {
			cap *= 2;
		}
		data = talloc_realloc(w->mem_ctx, w->data, uint8_t, cap);
		if (data == NULL) {
			return NULL;
		}
		w->data = data;
		w->cap = cap;
	}
	p = w->data + w->len;
	w->len += n;
	return p;
}

uint32_t mapi_propval_push_bytes(struct mapi_propval_writer *w, const void *src, size_t n)
{
	uint8_t *p = grow(w, n);

	if (p == NULL) {
		return NOMEM;
	}
	if (n > 0) {
		memcpy(p, src, n);
	}
	return 0;
}

uint32_t mapi_propval_push_u8(struct mapi_propval_writer *w, uint8_t v)
{
	return mapi_propval_push_bytes(w, &v, 1);
}

uint32_t mapi_propval_push_u16(struct mapi_propval_writer *w, uint16_t v)
{
	uint8_t b[2];

	mapi_le16_put(b, v);
	return mapi_propval_push_bytes(w, b, 2);
}

uint32_t mapi_propval_push_u32(struct mapi_propval_writer *w, uint32_t v)
{
	uint8_t b[4];

	mapi_le32_put(b, v);
	return mapi_propval_push_bytes(w, b, 4);
}

uint32_t mapi_propval_push_u64(struct mapi_propval_writer *w, uint64_t v)
{
	uint8_t b[8];

	mapi_le64_put(b, v);
	return mapi_propval_push_bytes(w, b, 8);
}

uint32_t mapi_propval_pull_string(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
				  bool unicode, char **s)
{
	struct mapi_propval pv;
	uint32_t st = mapi_propval_pull_value(mem_ctx, r, unicode ? PT_UNICODE : PT_STRING8, &pv);

	if (st == 0) {
		*s = pv.v.str;
	}
	return st;
}

uint32_t mapi_propval_push_string(struct mapi_propval_writer *w, bool unicode, const char *s)
{
	struct mapi_propval pv = { .tag = unicode ? PT_UNICODE : PT_STRING8 };

	if (s == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	pv.v.str = (char *)s;
	return mapi_propval_push_value(w, unicode ? PT_UNICODE : PT_STRING8, &pv);
}
