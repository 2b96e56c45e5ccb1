/*
 * mapistore_stream.c — a property of a message or attachment opened as a stream (MS-OXCPRPT
 * 2.2.14-2.2.20): the value is read into a buffer, changed in place, and handed back to the
 * object as a pending value by commit (3.2.5.14), so saving the object stores it durably.
 */
#include <string.h>

#include "mapistore_private.h"

struct mapistore_stream {
	struct mapistore_object *obj;
	uint32_t tag;
	bool writable;
	bool dirty;
	uint8_t *data;
	size_t size;
	size_t pos;
};

/* The value of the stream's property as stream bytes (UTF-16LE for PtypString). */
static uint32_t stream_load(struct mapistore_stream *st, const struct mapi_propval *pv)
{
	switch (mapi_prop_type(st->tag)) {
	case PT_BINARY:
		// One spare byte keeps the buffer NUL-ended like the string cases (commit relies on it).
		st->size = pv->v.bin.length;
		st->data = talloc_zero_size(st, st->size + 1);
		if (st->data != NULL && st->size > 0)
			memcpy(st->data, pv->v.bin.data, st->size);
		break;
	case PT_STRING8:
		st->size = strlen(pv->v.str);
		st->data = talloc_memdup(st, pv->v.str, st->size + 1);
		break;
	default: {
		if (mapi_utf16_from_utf8(st->obj->mbox->conv, st, pv->v.str, strlen(pv->v.str), &st->data, &st->size) != 0)
			return MAPI_E_NOT_ENOUGH_MEMORY;
		break;
	}
	}
	return st->data == NULL ? MAPI_E_NOT_ENOUGH_MEMORY : MAPI_E_SUCCESS;
}

uint32_t mapistore_stream_open(TALLOC_CTX *mem_ctx, struct mapistore_object *obj, uint32_t tag, uint32_t mode,
			       struct mapistore_stream **st_r)
{
	uint16_t type = mapi_prop_type(tag);
	// MS-OXCPRPT 3.2.5.11: streams exist for binary and string properties only.
	if (type != PT_BINARY && type != PT_STRING8 && type != PT_UNICODE)
		return MAPI_E_NO_SUPPORT;
	if (mode > (MAPISTORE_STREAM_READWRITE | MAPISTORE_STREAM_CREATE))
		return MAPI_E_INVALID_PARAMETER;
	struct mapistore_stream *st = talloc_zero(mem_ctx, struct mapistore_stream);
	if (st == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	st->obj = obj;
	st->tag = tag;
	st->writable = mode != MAPISTORE_STREAM_READ;
	struct mapi_propval *pv;
	uint32_t status = mapistore_object_get_props(st, obj, &tag, 1, &pv);
	if (status == MAPI_E_SUCCESS && pv->flag == MAPI_PROPVAL_FLAG_ERROR) {
		// MS-OXCPRPT 3.2.5.11: a missing property opens empty only with the Create flag.
		status = (mode & MAPISTORE_STREAM_CREATE) != 0 ? MAPI_E_SUCCESS : MAPI_E_NOT_FOUND;
		st->data = talloc_zero_size(st, 1);
		if (status == MAPI_E_SUCCESS && st->data == NULL)
			status = MAPI_E_NOT_ENOUGH_MEMORY;
		st->dirty = true;
	} else if (status == MAPI_E_SUCCESS) {
		status = stream_load(st, pv);
	}
	if (status != MAPI_E_SUCCESS) {
		talloc_free(st);
		return status;
	}
	*st_r = st;
	return MAPI_E_SUCCESS;
}

uint32_t mapistore_stream_read(struct mapistore_stream *st, uint8_t *buf, size_t size, size_t *got_r)
{
	size_t n = st->pos < st->size ? st->size - st->pos : 0;
	if (n > size)
		n = size;
	if (n > 0)
		memcpy(buf, st->data + st->pos, n);
	st->pos += n;
	*got_r = n;
	return MAPI_E_SUCCESS;
}

uint32_t mapistore_stream_write(struct mapistore_stream *st, const uint8_t *buf, size_t size, size_t *written_r)
{
	*written_r = 0;
	if (!st->writable)
		return ecStreamAccessDenied;
	// MS-OXCPRPT 3.2.5.13: TooBig when the write would exceed the maximum stream size.
	if (size > MAPISTORE_MAX_VALUE_SIZE || st->pos > MAPISTORE_MAX_VALUE_SIZE - size)
		return ecTooBig;
	size_t end = st->pos + size;
	if (end > st->size) {
		uint8_t *grown = talloc_realloc(st, st->data, uint8_t, end + 1);
		if (grown == NULL)
			return MAPI_E_NOT_ENOUGH_MEMORY;
		memset(grown + st->size, 0, end + 1 - st->size);
		st->data = grown;
		st->size = end;
	}
	if (size > 0)
		memcpy(st->data + st->pos, buf, size);
	st->pos = end;
	st->dirty = true;
	*written_r = size;
	return MAPI_E_SUCCESS;
}

uint32_t mapistore_stream_seek(struct mapistore_stream *st, int origin, int64_t offset, uint64_t *pos_r)
{
	int64_t base;
	switch (origin) {
	case 0: base = 0; break;
	case 1: base = (int64_t)st->pos; break;
	case 2: base = (int64_t)st->size; break;
	default: return MAPI_E_INVALID_PARAMETER;
	}
	// MS-OXCPRPT 3.2.5.17: a position before the start or past the maximum is StreamSeekError.
	if ((offset < 0 && base + offset < 0) || (offset > 0 && offset > (int64_t)MAPISTORE_MAX_VALUE_SIZE - base))
		return ecStreamSeekError;
	st->pos = (size_t)(base + offset);
	if (pos_r != NULL)
		*pos_r = st->pos;
	return MAPI_E_SUCCESS;
}

uint64_t mapistore_stream_size(const struct mapistore_stream *st)
{
	return st->size;
}

uint32_t mapistore_stream_commit(struct mapistore_stream *st)
{
	if (!st->writable)
		return ecStreamAccessDenied;
	if (!st->dirty)
		return MAPI_E_SUCCESS;
	struct mapi_propval pv = { .tag = st->tag, .flag = MAPI_PROPVAL_FLAG_VALUE };
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	uint32_t status = MAPI_E_SUCCESS;
	switch (mapi_prop_type(st->tag)) {
	case PT_BINARY:
		pv.v.bin.length = (uint32_t)st->size;
		pv.v.bin.data = st->data;
		break;
	case PT_STRING8:
		st->data[st->size] = 0;
		pv.v.str = (char *)st->data;
		break;
	default: {
		size_t len;
		// A UTF-16 stream of odd length or bad surrogates is not a string.
		if (st->size % 2 != 0 || mapi_utf16_to_utf8(st->obj->mbox->conv, tmp, st->data, st->size, &pv.v.str, &len) != 0)
			status = MAPI_E_INVALID_PARAMETER;
		break;
	}
	}
	if (status == MAPI_E_SUCCESS)
		status = mapistore_object_set_props(st->obj, &pv, 1);
	talloc_free(tmp);
	if (status == MAPI_E_SUCCESS)
		st->dirty = false;
	return status;
}
