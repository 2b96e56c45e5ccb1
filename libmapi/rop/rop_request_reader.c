/*
 * Server side of the ROP input buffer (MS-OXCROPS 2.2.1, 3.2.5.1): walks RopsList one request at
 * a time, so the server can execute each before decoding the next (a RopLogon earlier in the
 * buffer decides the context of later requests), and resolves handle table indexes.
 */
#include <string.h>

#include "rop_buffer_frame.h"

uint32_t rop_request_reader_init(TALLOC_CTX *mem_ctx, struct rop_request_reader *rr,
				 const uint8_t *data, size_t len, struct mapi_utf16_conv *conv)
{
	uint32_t st;

	memset(rr, 0, sizeof(*rr));
	st = rop_buffer_frame_pull(mem_ctx, data, len, &rr->rops_end, &rr->handle_count,
				   &rr->handles);
	if (st != 0) {
		return st;
	}
	rr->data = data;
	mapi_propval_reader_init(&rr->r, data, rr->rops_end, MAPI_PROPVAL_ROP, conv);
	rr->r.off = 2;
	return 0;
}

bool rop_request_reader_done(const struct rop_request_reader *rr)
{
	return rr->data == NULL || rr->r.off >= rr->rops_end;
}

const struct rop_codec *rop_request_reader_peek(const struct rop_request_reader *rr,
						uint8_t *logon_id)
{
	const struct rop_codec *codec;

	if (rop_request_reader_done(rr)) {
		return NULL;
	}
	codec = rop_codec_find(rr->data[rr->r.off]);
	if (codec == NULL || codec->request_size == 0) {
		return NULL;
	}
	if (logon_id != NULL) {
		/* every request has LogonId right after RopId (MS-OXCROPS 2.2) */
		*logon_id = rr->r.off + 1 < rr->rops_end ? rr->data[rr->r.off + 1] : 0;
	}
	return codec;
}

uint32_t rop_request_reader_next(TALLOC_CTX *mem_ctx, struct rop_request_reader *rr, void *req,
				 struct rop_buffer_rop *out)
{
	const struct rop_codec *codec = rop_request_reader_peek(rr, NULL);
	size_t start = rr->r.off;
	uint32_t st;

	memset(out, 0, sizeof(*out));
	if (codec == NULL) {
		return ecRpcFormat;	/* 3.2.5.1: the RPC fails with 0x000004B6 */
	}
	if (req == NULL) {
		req = talloc_zero_size(mem_ctx, codec->request_size);
		if (req == NULL) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
	}
	st = codec->pull_request(mem_ctx, &rr->r, req);
	if (st != 0) {
		return st;
	}
	out->codec = codec;
	out->rop = req;
	out->offset = (uint32_t)start;
	out->length = (uint32_t)(rr->r.off - start);
	if (!rop_buffer_frame_indexes(codec, rr->data + start, out->length, out)) {
		return ecRpcFormat;	/* cannot happen for a request that decoded */
	}
	return 0;
}

uint32_t rop_request_reader_handle(const struct rop_request_reader *rr, uint8_t index,
				   uint32_t *handle)
{
	if (index >= rr->handle_count) {
		return ecNullObject;	/* MS-OXCROPS 3.2.5.1 */
	}
	*handle = rr->handles[index];
	return 0;
}

void rop_request_reader_unprocessed(const struct rop_request_reader *rr,
				    const struct rop_buffer_rop *rop, const uint8_t **bytes,
				    size_t *len)
{
	size_t from = rop->offset;

	if (rr->data == NULL || from < 2 || from > rr->rops_end) {
		from = rr->rops_end;
	}
	*bytes = rr->data != NULL ? rr->data + from : NULL;
	*len = rr->rops_end - from;
}
