/*
 * ROP input/output buffers (MS-OXCROPS 2.2.1): the framing, and whole-buffer pushes and pulls
 * for the client (requests out, responses in) and for tests. The server's incremental pieces
 * are rop_request_reader.c and rop_response_writer.c.
 */
#include <string.h>

#include "rop_buffer_frame.h"

/* MS-OXCROPS 2.2.1: RopSize counts itself and RopsList; the handle table is the rest. */
uint32_t rop_buffer_frame_pull(TALLOC_CTX *mem_ctx, const uint8_t *data, size_t len,
			       size_t *rops_end, uint32_t *handle_count, uint32_t **handles)
{
	size_t rop_size, table;

	if (data == NULL || len < 2) {
		return ecRpcFormat;
	}
	rop_size = mapi_le16_get(data);
	if (rop_size < 2 || rop_size > len) {
		return ecRpcFormat;
	}
	table = len - rop_size;
	if (table % 4 != 0) {
		return ecRpcFormat;	/* R4675: 32-bit values fill what follows RopsList */
	}
	*rops_end = rop_size;
	*handle_count = table / 4;
	*handles = NULL;
	if (table == 0) {
		return 0;
	}
	*handles = talloc_array(mem_ctx, uint32_t, table / 4);
	if (*handles == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (size_t i = 0; i < table / 4; i++) {
		(*handles)[i] = mapi_le32_get(data + rop_size + 4 * i);
	}
	return 0;
}

uint32_t rop_buffer_frame_push(struct mapi_propval_writer *w, const uint32_t *handles,
			       uint32_t handle_count)
{
	uint32_t st;

	if (w->len < 2 || w->len > ROP_BUFFER_MAX_ROPS_SIZE ||
	    (handle_count != 0 && handles == NULL)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	mapi_le16_put(w->data, (uint16_t)w->len);
	for (uint32_t i = 0; i < handle_count; i++) {
		st = mapi_propval_push_u32(w, handles[i]);
		if (st != 0) {
			return st;
		}
	}
	return 0;
}

bool rop_buffer_frame_indexes(const struct rop_codec *codec, const uint8_t *p, size_t len,
			      struct rop_buffer_rop *rop)
{
	rop->handle_index_count = 0;
	for (unsigned i = 0; i < ROP_CODEC_MAX_HANDLES && codec->handle_offsets[i] != 0; i++) {
		if (codec->handle_offsets[i] >= len) {
			return false;
		}
		rop->handle_index[i] = p[codec->handle_offsets[i]];
		rop->handle_index_count = i + 1;
	}
	return true;
}

/* A new zeroed slot at the end of buf->rops (grown by doubling; *cap is its size), or NULL. */
static struct rop_buffer_rop *rop_buffer_append(TALLOC_CTX *mem_ctx, struct rop_buffer *buf,
						uint32_t *cap)
{
	if (buf->rop_count == *cap) {
		uint32_t n = *cap < 16 ? 16 : *cap * 2;
		struct rop_buffer_rop *rops = talloc_realloc(mem_ctx, buf->rops,
							     struct rop_buffer_rop, n);

		if (rops == NULL) {
			return NULL;
		}
		buf->rops = rops;
		*cap = n;
	}
	memset(&buf->rops[buf->rop_count], 0, sizeof(buf->rops[0]));
	return &buf->rops[buf->rop_count];
}

uint32_t rop_buffer_pull_requests(TALLOC_CTX *mem_ctx, const uint8_t *data, size_t len,
				  struct mapi_utf16_conv *conv, struct rop_buffer *out)
{
	struct rop_request_reader rr;
	uint32_t cap = 0;
	uint32_t st;

	memset(out, 0, sizeof(*out));
	st = rop_request_reader_init(mem_ctx, &rr, data, len, conv);
	if (st != 0) {
		return st;
	}
	out->handle_count = rr.handle_count;
	out->handles = rr.handles;
	while (!rop_request_reader_done(&rr)) {
		struct rop_buffer_rop *rop = rop_buffer_append(mem_ctx, out, &cap);

		if (rop == NULL) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
		st = rop_request_reader_next(mem_ctx, &rr, NULL, rop);
		if (st != 0) {
			return st;
		}
		out->rop_count++;
	}
	return 0;
}

/* A request's handle indexes must name table entries (MS-OXCROPS 1.3.2). */
static bool rop_buffer_indexes_ok(const struct rop_buffer_rop *rop, uint32_t handle_count)
{
	for (unsigned i = 0; i < rop->handle_index_count; i++) {
		if (rop->handle_index[i] >= handle_count) {
			return false;
		}
	}
	return true;
}

uint32_t rop_buffer_push_requests(TALLOC_CTX *mem_ctx, const struct rop_buffer *buf,
				  struct mapi_utf16_conv *conv, uint8_t **out, size_t *out_len)
{
	struct mapi_propval_writer w;
	struct rop_buffer_rop seen;
	uint32_t st;

	mapi_propval_writer_init(&w, mem_ctx, MAPI_PROPVAL_ROP, conv);
	st = mapi_propval_push_u16(&w, 0);	/* RopSize, patched by frame_push */
	for (uint32_t i = 0; st == 0 && i < buf->rop_count; i++) {
		const struct rop_buffer_rop *rop = &buf->rops[i];
		size_t start = w.len;

		if (rop->codec == NULL || rop->codec->request_size == 0 || rop->rop == NULL) {
			st = MAPI_E_INVALID_PARAMETER;
			break;
		}
		st = rop->codec->push_request(&w, rop->rop);
		if (st == 0 && (!rop_buffer_frame_indexes(rop->codec, w.data + start,
							 w.len - start, &seen) ||
				!rop_buffer_indexes_ok(&seen, buf->handle_count))) {
			st = MAPI_E_INVALID_PARAMETER;
		}
	}
	if (st == 0) {
		st = rop_buffer_frame_push(&w, buf->handles, buf->handle_count);
	}
	if (st != 0) {
		talloc_free(w.data);
		return st;
	}
	*out = w.data;
	*out_len = w.len;
	return 0;
}

/* One response at r's position, by its RopId. */
static uint32_t rop_buffer_pull_response(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
					 const struct mapi_proptag_array *cols,
					 const struct rop_codec *codec, uint32_t handle_count,
					 struct rop_buffer_rop *rop)
{
	size_t start = r->off;
	uint32_t st;

	rop->codec = codec;
	rop->offset = (uint32_t)start;
	rop->rop = talloc_zero_size(mem_ctx, codec->response_size);
	if (rop->rop == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	st = codec->pull_response(mem_ctx, r, cols, rop->rop);
	if (st != 0) {
		return st;
	}
	rop->length = (uint32_t)(r->off - start);
	/* the head's handle index (MS-OXCROPS 2.2.1) must name a table entry */
	if (!codec->bare && r->data[start + 1] >= handle_count) {
		return ecRpcFormat;
	}
	return 0;
}

uint32_t rop_buffer_pull_responses(TALLOC_CTX *mem_ctx, const uint8_t *data, size_t len,
				   rop_buffer_columns_fn columns, void *private_data,
				   struct mapi_utf16_conv *conv, struct rop_buffer *out)
{
	struct mapi_propval_reader r;
	size_t rops_end;
	uint32_t cap = 0;
	uint32_t st;

	memset(out, 0, sizeof(*out));
	st = rop_buffer_frame_pull(mem_ctx, data, len, &rops_end, &out->handle_count,
				   &out->handles);
	if (st != 0) {
		return st;
	}
	mapi_propval_reader_init(&r, data, rops_end, MAPI_PROPVAL_ROP, conv);
	r.off = 2;
	while (mapi_propval_reader_left(&r) > 0) {
		const struct rop_codec *codec = rop_codec_find(data[r.off]);
		const struct mapi_proptag_array *cols = NULL;
		struct rop_buffer_rop *rop;

		if (codec == NULL || codec->response_size == 0) {
			return ecRpcFormat;
		}
		rop = rop_buffer_append(mem_ctx, out, &cap);
		if (rop == NULL) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
		if (columns != NULL) {
			cols = columns(private_data, out->rop_count, codec);
		}
		st = rop_buffer_pull_response(mem_ctx, &r, cols, codec, out->handle_count, rop);
		if (st != 0) {
			return st;
		}
		out->rop_count++;
	}
	return 0;
}

uint32_t rop_buffer_push_responses(TALLOC_CTX *mem_ctx, const struct rop_buffer *buf,
				   rop_buffer_columns_fn columns, void *private_data,
				   struct mapi_utf16_conv *conv, uint8_t **out, size_t *out_len)
{
	struct rop_response_writer rw;
	uint32_t st;

	st = rop_response_writer_init(mem_ctx, &rw, SIZE_MAX, buf->handles, buf->handle_count,
				      conv);
	for (uint32_t i = 0; st == 0 && i < buf->rop_count; i++) {
		const struct rop_buffer_rop *rop = &buf->rops[i];
		const struct mapi_proptag_array *cols = NULL;

		if (rop->codec == NULL || rop->rop == NULL) {
			st = MAPI_E_INVALID_PARAMETER;
			break;
		}
		if (columns != NULL) {
			cols = columns(private_data, i, rop->codec);
		}
		st = rop_response_writer_push(&rw, rop->codec, cols, rop->rop);
		if (st == ecBufferTooSmall) {
			st = MAPI_E_INVALID_PARAMETER;	/* only RopSize's 16 bits limit here */
		}
	}
	if (st == 0) {
		return rop_response_writer_finish(mem_ctx, &rw, out, out_len);
	}
	talloc_free(rw.w.data);
	talloc_free(rw.handles);
	return st;
}
