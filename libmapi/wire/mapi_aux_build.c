/*
 * Auxiliary buffers (MS-OXCRPC 2.2.2.2), writing side: building a payload from blocks, and
 * comparing blocks field by field. Both walk the field lists of mapi_aux_layout.h.
 */
#include <errno.h>
#include <string.h>

#include "mapi_le.h"
#include "mapi_aux.h"
#include "mapi_aux_layout.h"
#include "mapi_utf16.h"

struct aux_writer {
	struct mapi_utf16_conv *conv;
	uint8_t *buf;		/* the whole payload being built, grown with talloc_realloc */
	size_t len;
	size_t block;		/* where the current AUX_HEADER starts */
	uint32_t error;
};

/* Appends n bytes (zeroed, or copied from src) and returns their position. */
static size_t writer_append(struct aux_writer *w, const void *src, size_t n)
{
	size_t at = w->len;
	uint8_t *grown;

	if (w->error != 0) {
		return 0;
	}
	grown = talloc_realloc(NULL, w->buf, uint8_t, w->len + n + 1);
	if (grown == NULL) {
		w->error = (uint32_t)MAPI_E_NOT_ENOUGH_MEMORY;
		return 0;
	}
	w->buf = grown;
	if (src != NULL) {
		memcpy(w->buf + at, src, n);
	} else {
		memset(w->buf + at, 0, n);
	}
	w->len += n;
	return at;
}

/* Appends variable data for the offset field at fixed_at; offsets count from the AUX_HEADER. */
static void writer_tail(struct aux_writer *w, size_t fixed_at, const void *src, size_t n)
{
	size_t at = writer_append(w, src, n);

	if (w->error == 0 && at - w->block > 0xFFFF) {
		w->error = (uint32_t)MAPI_E_INVALID_PARAMETER;
	}
	if (w->error == 0) {
		mapi_le16_put(w->buf + fixed_at, (uint16_t)(at - w->block));
	}
}

static void write_string(struct aux_writer *w, size_t fixed_at, const char *s)
{
	uint8_t *u16 = NULL;
	size_t len = 0;

	if (s == NULL || w->error != 0) {
		return;		/* offset stays zero */
	}
	if (w->conv == NULL) {
		w->conv = mapi_utf16_conv_new(NULL);
		if (w->conv == NULL) {
			w->error = (uint32_t)MAPI_E_NOT_ENOUGH_MEMORY;
			return;
		}
	}
	int ret = mapi_utf16_from_utf8(w->conv, NULL, s, strlen(s), &u16, &len);

	if (ret != 0) {
		w->error = ret == ENOMEM ? (uint32_t)MAPI_E_NOT_ENOUGH_MEMORY :
			   (uint32_t)MAPI_E_INVALID_PARAMETER;
		return;
	}
	/* the converter leaves a NUL pair after the string: it is the terminator */
	writer_tail(w, fixed_at, u16, len + 2);
	talloc_free(u16);
}

static void write_fixed(struct aux_writer *w, const struct mapi_aux_field *f, const uint8_t *base,
			size_t at)
{
	const void *src = base + f->at;
	uint8_t *p = w->buf + at;

	switch (f->op) {
	case MAPI_AUX_OP_U8: p[0] = *(const uint8_t *)src; break;
	case MAPI_AUX_OP_U16: mapi_le16_put(p, *(const uint16_t *)src); break;
	case MAPI_AUX_OP_U32: mapi_le32_put(p, *(const uint32_t *)src); break;
	case MAPI_AUX_OP_GUID: mapi_guid_to_wire(src, p); break;
	case MAPI_AUX_OP_BYTES: {
		const struct mapi_aux_bytes *b = src;

		mapi_le16_put(p, b->data != NULL ? b->length : 0);
		break;
	}
	default: break;
	}
}

static void write_typed(struct aux_writer *w, const struct mapi_aux_block *b)
{
	const struct mapi_aux_field *fields = mapi_aux_layouts[b->kind].fields, *f;
	const uint8_t *base = (const uint8_t *)&b->u;
	size_t fixed = 0, at;

	for (f = fields; f->op != MAPI_AUX_OP_END; f++) {
		fixed += mapi_aux_field_size(f);
	}
	at = writer_append(w, NULL, fixed);
	for (f = fields; f->op != MAPI_AUX_OP_END && w->error == 0; f++) {
		write_fixed(w, f, base, at);
		if (f->op == MAPI_AUX_OP_STR) {
			write_string(w, at, *(char *const *)(base + f->at));
		} else if (f->op == MAPI_AUX_OP_BYTES) {
			const struct mapi_aux_bytes *bytes = (const void *)(base + f->at);

			if (bytes->data != NULL) {
				writer_tail(w, at + 2, bytes->data, bytes->length);
			}
		}
		at += mapi_aux_field_size(f);
	}
}

static void write_block(struct aux_writer *w, const struct mapi_aux_block *b)
{
	size_t size;

	w->block = writer_append(w, NULL, MAPI_AUX_HEADER_SIZE);
	if (b->raw != NULL) {
		writer_append(w, b->raw, b->raw_len);
	} else if (b->kind != MAPI_AUX_RAW) {
		if ((unsigned)b->kind >= MAPI_AUX_KIND_COUNT ||
		    mapi_aux_kind_of(b->version, b->type) != b->kind) {
			w->error = (uint32_t)MAPI_E_INVALID_PARAMETER;
			return;
		}
		write_typed(w, b);
	}
	if (w->error != 0) {
		return;
	}
	size = w->len - w->block;
	if (size > 0xFFFF) {
		w->error = (uint32_t)MAPI_E_INVALID_PARAMETER;
		return;
	}
	mapi_le16_put(w->buf + w->block, (uint16_t)size);
	w->buf[w->block + 2] = b->version;
	w->buf[w->block + 3] = b->type;
}

uint32_t mapi_aux_build(TALLOC_CTX *mem_ctx, const struct mapi_aux_block *blocks, size_t count,
			uint8_t **buf_r, size_t *len_r)
{
	struct aux_writer w = { 0 };

	*buf_r = NULL;
	w.buf = talloc_array(NULL, uint8_t, 1);
	if (w.buf == NULL) {
		return (uint32_t)MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (size_t i = 0; i < count && w.error == 0; i++) {
		write_block(&w, &blocks[i]);
	}
	talloc_free(w.conv);
	if (w.error != 0) {
		talloc_free(w.buf);
		return w.error;
	}
	*buf_r = talloc_steal(mem_ctx, w.buf);
	*len_r = w.len;
	return 0;
}

/* ---------------------------------------------------------------- comparison */

static bool strings_equal(const char *a, const char *b)
{
	if (a == NULL || b == NULL) {
		return a == b;
	}
	return strcmp(a, b) == 0;
}

static bool bytes_equal(const struct mapi_aux_bytes *a, const struct mapi_aux_bytes *b)
{
	if (a->data == NULL || b->data == NULL) {
		return a->data == b->data;
	}
	return a->length == b->length && memcmp(a->data, b->data, a->length) == 0;
}

static bool field_equal(const struct mapi_aux_field *f, const uint8_t *a, const uint8_t *b)
{
	const void *x = a + f->at, *y = b + f->at;

	switch (f->op) {
	case MAPI_AUX_OP_U8: return *(const uint8_t *)x == *(const uint8_t *)y;
	case MAPI_AUX_OP_U16: return *(const uint16_t *)x == *(const uint16_t *)y;
	case MAPI_AUX_OP_U32: return *(const uint32_t *)x == *(const uint32_t *)y;
	case MAPI_AUX_OP_GUID: return mapi_guid_equal(x, y);
	case MAPI_AUX_OP_STR: return strings_equal(*(char *const *)x, *(char *const *)y);
	case MAPI_AUX_OP_BYTES: return bytes_equal(x, y);
	default: return true;
	}
}

bool mapi_aux_block_equal(const struct mapi_aux_block *a, const struct mapi_aux_block *b)
{
	if (a->version != b->version || a->type != b->type || a->kind != b->kind ||
	    (unsigned)a->kind >= MAPI_AUX_KIND_COUNT) {
		return false;
	}
	if (a->kind == MAPI_AUX_RAW) {
		size_t alen = a->raw != NULL ? a->raw_len : 0;
		size_t blen = b->raw != NULL ? b->raw_len : 0;

		return alen == blen && (alen == 0 || memcmp(a->raw, b->raw, alen) == 0);
	}
	for (const struct mapi_aux_field *f = mapi_aux_layouts[a->kind].fields;
	     f->op != MAPI_AUX_OP_END; f++) {
		if (!field_equal(f, (const uint8_t *)&a->u, (const uint8_t *)&b->u)) {
			return false;
		}
	}
	return true;
}
