/*
 * Server side of the ROP output buffer (MS-OXCROPS 2.2.1, 3.2.5.2, 3.2.4.3): responses appended
 * in processing order under the client's size limit, RopBufferTooSmall (2.2.15.1) when the next
 * one does not fit, and the handle table carried over from the request.
 */
#include <string.h>

#include "rop_buffer_frame.h"
#include "rop_gen.h"

uint32_t rop_response_writer_init(TALLOC_CTX *mem_ctx, struct rop_response_writer *rw,
				  size_t max_size, const uint32_t *handles, uint32_t handle_count,
				  struct mapi_utf16_conv *conv)
{
	memset(rw, 0, sizeof(*rw));
	mapi_propval_writer_init(&rw->w, mem_ctx, MAPI_PROPVAL_ROP, conv);
	rw->max_size = max_size;
	if (handle_count != 0) {
		if (handles == NULL) {
			return MAPI_E_INVALID_PARAMETER;
		}
		rw->handles = talloc_memdup(mem_ctx, handles, sizeof(uint32_t) * handle_count);
		if (rw->handles == NULL) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
	}
	rw->handle_count = handle_count;
	return mapi_propval_push_u16(&rw->w, 0);	/* RopSize, patched by finish */
}

uint32_t rop_response_writer_set_handle(struct rop_response_writer *rw, uint8_t index,
					uint32_t handle)
{
	if (index >= rw->handle_count) {
		return ecNullObject;	/* MS-OXCROPS 3.2.5.1 */
	}
	rw->handles[index] = handle;
	return 0;
}

/* The output buffer size if RopsList (RopSize included) were rops_size bytes. */
static size_t rop_response_writer_total(const struct rop_response_writer *rw, size_t rops_size)
{
	return rops_size + 4 * (size_t)rw->handle_count;
}

static bool rop_response_writer_fits(const struct rop_response_writer *rw, size_t rops_size)
{
	return rops_size <= ROP_BUFFER_MAX_ROPS_SIZE &&
	       rop_response_writer_total(rw, rops_size) <= rw->max_size;
}

size_t rop_response_writer_room(const struct rop_response_writer *rw)
{
	size_t used = rop_response_writer_total(rw, rw->w.len);
	size_t room = rw->max_size > used ? rw->max_size - used : 0;
	size_t rops_room = ROP_BUFFER_MAX_ROPS_SIZE > rw->w.len ?
			   ROP_BUFFER_MAX_ROPS_SIZE - rw->w.len : 0;

	return room < rops_room ? room : rops_room;
}

uint32_t rop_response_writer_push(struct rop_response_writer *rw, const struct rop_codec *codec,
				  const struct mapi_proptag_array *columns, const void *resp)
{
	size_t start = rw->w.len, need;
	uint32_t st;

	if (rw->closed || codec == NULL || codec->response_size == 0 || resp == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	st = codec->push_response(&rw->w, columns, resp);
	if (st != 0) {
		rw->w.len = start;
		return st;
	}
	if (!codec->bare && rw->w.data[start + 1] >= rw->handle_count) {
		rw->w.len = start;
		return MAPI_E_INVALID_PARAMETER;
	}
	if (rop_response_writer_fits(rw, rw->w.len)) {
		return 0;
	}
	/* 3.2.4.3: it does not fit; what the client needs to receive it alone (2.2.15.1) */
	need = rop_response_writer_total(rw, 2 + (rw->w.len - start));
	rw->size_needed = need > 0xFFFF ? 0xFFFF : (uint32_t)need;
	rw->w.len = start;
	return ecBufferTooSmall;
}

uint32_t rop_response_writer_too_small(struct rop_response_writer *rw, const uint8_t *unprocessed,
				       size_t len)
{
	struct rop_buffer_too_small_response resp = {
		.size_needed = (uint16_t)rw->size_needed,
		.request_buffers = { .length = (uint32_t)len, .data = (uint8_t *)unprocessed },
	};
	size_t start = rw->w.len;
	uint32_t st;

	if (rw->closed || (len != 0 && unprocessed == NULL) || len > ROP_BUFFER_MAX_ROPS_SIZE) {
		return MAPI_E_INVALID_PARAMETER;
	}
	st = rop_buffer_too_small_push_response(&rw->w, NULL, &resp);
	if (st != 0) {
		rw->w.len = start;
		return st;
	}
	if (!rop_response_writer_fits(rw, rw->w.len)) {
		rw->w.len = start;
		return ecBufferTooSmall;
	}
	rw->closed = true;	/* 3.1.5.1.2: always the last response */
	return 0;
}

uint32_t rop_response_writer_finish(TALLOC_CTX *mem_ctx, struct rop_response_writer *rw,
				    uint8_t **out, size_t *out_len)
{
	uint32_t st = rop_buffer_frame_push(&rw->w, rw->handles, rw->handle_count);

	if (st != 0) {
		return st;
	}
	*out = talloc_steal(mem_ctx, rw->w.data);
	*out_len = rw->w.len;
	talloc_free(rw->handles);
	rw->handles = NULL;
	rw->closed = true;
	return 0;
}
