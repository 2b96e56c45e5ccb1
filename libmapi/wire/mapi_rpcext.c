/*
 * RPC_HEADER_EXT chains (MS-OXCRPC 2.2.2.1, 3.1.4.1.1, 3.1.4.2.1): parse and build.
 */
#include <string.h>

#include "mapi_le.h"
#include "mapi_lz77.h"
#include "mapi_rpcext.h"

void mapi_rpcext_header_pull(const uint8_t *buf, struct mapi_rpcext_header *header_r)
{
	header_r->version = mapi_le16_get(buf);
	header_r->flags = mapi_le16_get(buf + 2);
	header_r->size = mapi_le16_get(buf + 4);
	header_r->size_actual = mapi_le16_get(buf + 6);
}

void mapi_rpcext_header_push(const struct mapi_rpcext_header *header, uint8_t *buf)
{
	mapi_le16_put(buf, header->version);
	mapi_le16_put(buf + 2, header->flags);
	mapi_le16_put(buf + 4, header->size);
	mapi_le16_put(buf + 6, header->size_actual);
}

/* 3.1.4.1.1.3 */
void mapi_rpcext_xor(uint8_t *data, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		data[i] ^= MAPI_RPCEXT_XOR_MAGIC;
	}
}

/* 2.2.2.1: the header rules that need no payload bytes. */
static bool header_valid(const struct mapi_rpcext_header *h, size_t max_payload)
{
	if (h->version != MAPI_RPCEXT_VERSION || (h->flags & ~MAPI_RPCEXT_FLAGS_KNOWN) != 0 ||
	    h->size_actual > max_payload) {
		return false;
	}
	if (h->flags & MAPI_RPCEXT_COMPRESSED) {
		return h->size < h->size_actual;
	}
	return h->size == h->size_actual;
}

/* Reverts XorMagic, then Compressed (3.1.4.2.1.1.1 gives that order). */
/* Allocates on ctx, the payload array (its elements are not talloc contexts). */
static uint32_t payload_decode(TALLOC_CTX *ctx, struct mapi_rpcext_payload *p,
			       const uint8_t *wire)
{
	const struct mapi_rpcext_header *h = &p->header;
	uint8_t *plain;
	uint32_t ret;

	if (!(h->flags & MAPI_RPCEXT_COMPRESSED)) {
		plain = talloc_array(ctx, uint8_t, (size_t)h->size + 1);
		if (plain == NULL) {
			return (uint32_t)MAPI_E_NOT_ENOUGH_MEMORY;
		}
		memcpy(plain, wire, h->size);
		plain[h->size] = 0;
		if (h->flags & MAPI_RPCEXT_XORMAGIC) {
			mapi_rpcext_xor(plain, h->size);
		}
		p->data = plain;
		p->length = h->size;
		return 0;
	}
	const uint8_t *stream = wire;
	uint8_t *clear = NULL;

	if (h->flags & MAPI_RPCEXT_XORMAGIC) {
		clear = talloc_memdup(ctx, wire, h->size);
		if (clear == NULL && h->size > 0) {
			return (uint32_t)MAPI_E_NOT_ENOUGH_MEMORY;
		}
		mapi_rpcext_xor(clear, h->size);
		stream = clear;
	}
	ret = mapi_lz77_decompress(ctx, stream, h->size, h->size_actual, &plain);
	talloc_free(clear);
	if (ret != 0) {
		return ret;
	}
	p->data = plain;
	p->length = h->size_actual;
	return 0;
}

uint32_t mapi_rpcext_parse(TALLOC_CTX *mem_ctx, const uint8_t *buf, size_t len, size_t max_payload,
			   struct mapi_rpcext_payload **payloads_r, size_t *count_r)
{
	struct mapi_rpcext_payload *payloads;
	size_t pos = 0, count = 0;
	uint32_t ret = ecRpcFormat;

	*payloads_r = NULL;
	*count_r = 0;
	if (len < MAPI_RPCEXT_HEADER_SIZE) {
		return ecRpcFailed;
	}
	if (max_payload == 0 || max_payload > MAPI_RPCEXT_MAX_PAYLOAD) {
		max_payload = MAPI_RPCEXT_MAX_PAYLOAD;
	}
	payloads = talloc_zero_array(mem_ctx, struct mapi_rpcext_payload, MAPI_RPCEXT_MAX_PAYLOADS);
	if (payloads == NULL) {
		return (uint32_t)MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (;;) {
		struct mapi_rpcext_payload *p = &payloads[count];

		if (count == MAPI_RPCEXT_MAX_PAYLOADS || len - pos < MAPI_RPCEXT_HEADER_SIZE) {
			goto fail;
		}
		mapi_rpcext_header_pull(buf + pos, &p->header);
		pos += MAPI_RPCEXT_HEADER_SIZE;
		if (!header_valid(&p->header, max_payload) || len - pos < p->header.size) {
			goto fail;
		}
		ret = payload_decode(payloads, p, buf + pos);
		if (ret != 0) {
			goto fail;
		}
		pos += p->header.size;
		count++;
		if (p->header.flags & MAPI_RPCEXT_LAST) {
			break;
		}
	}
	if (pos != len) {
		ret = ecRpcFormat;	/* bytes after the Last payload */
		goto fail;
	}
	*payloads_r = payloads;
	*count_r = count;
	return 0;
fail:
	talloc_free(payloads);
	return ret == 0 ? ecRpcFormat : ret;
}

/*
 * Encodes one payload at out (room for its header and at most cap - header bytes of payload).
 * Compression is kept only when strictly smaller (2.2.2.1: Size < SizeActual).
 */
static uint32_t payload_encode(const struct mapi_rpcext_payload *p, bool last, uint8_t *out,
			       size_t cap, size_t *used_r)
{
	struct mapi_rpcext_header h = {
		.version = MAPI_RPCEXT_VERSION,
		.flags = p->header.flags & (MAPI_RPCEXT_COMPRESSED | MAPI_RPCEXT_XORMAGIC),
		.size_actual = (uint16_t)p->length,
	};
	uint8_t *body = out + MAPI_RPCEXT_HEADER_SIZE;
	size_t room = cap - MAPI_RPCEXT_HEADER_SIZE, size = 0;

	if (last) {
		h.flags |= MAPI_RPCEXT_LAST;
	}
	if (h.flags & MAPI_RPCEXT_COMPRESSED) {
		uint32_t ret = p->length == 0 ? (uint32_t)ecTooBig :
			mapi_lz77_compress_buf(p->data, p->length, body,
					       p->length - 1 < room ? p->length - 1 : room, &size);

		if (ret == (uint32_t)MAPI_E_NOT_ENOUGH_MEMORY) {
			return ret;
		}
		if (ret != 0) {
			/* would not shrink: send it plain */
			h.flags &= ~MAPI_RPCEXT_COMPRESSED;
		}
	}
	if (!(h.flags & MAPI_RPCEXT_COMPRESSED)) {
		if (p->length > room) {
			return ecTooBig;
		}
		if (p->length > 0) {
			memcpy(body, p->data, p->length);
		}
		size = p->length;
	}
	if (h.flags & MAPI_RPCEXT_XORMAGIC) {
		mapi_rpcext_xor(body, size);
	}
	h.size = (uint16_t)size;
	mapi_rpcext_header_push(&h, out);
	*used_r = MAPI_RPCEXT_HEADER_SIZE + size;
	return 0;
}

uint32_t mapi_rpcext_build(TALLOC_CTX *mem_ctx, const struct mapi_rpcext_payload *payloads,
			   size_t count, size_t max_size, uint8_t **buf_r, size_t *len_r)
{
	size_t cap = 0, pos = 0;
	uint8_t *buf;

	*buf_r = NULL;
	if (count == 0 || count > MAPI_RPCEXT_MAX_PAYLOADS) {
		return (uint32_t)MAPI_E_INVALID_PARAMETER;
	}
	for (size_t i = 0; i < count; i++) {
		if (payloads[i].length > MAPI_RPCEXT_MAX_PAYLOAD ||
		    (payloads[i].data == NULL && payloads[i].length > 0)) {
			return (uint32_t)MAPI_E_INVALID_PARAMETER;
		}
		cap += MAPI_RPCEXT_HEADER_SIZE + payloads[i].length;
	}
	/* Plain sizes bound the result: a compressed payload is kept only if smaller. */
	if (cap > max_size) {
		cap = max_size;
	}
	buf = talloc_array(mem_ctx, uint8_t, cap > 0 ? cap : 1);
	if (buf == NULL) {
		return (uint32_t)MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (size_t i = 0; i < count; i++) {
		size_t used = 0;
		uint32_t ret = ecTooBig;

		if (cap - pos >= MAPI_RPCEXT_HEADER_SIZE) {
			ret = payload_encode(&payloads[i], i + 1 == count, buf + pos, cap - pos,
					     &used);
		}
		if (ret != 0) {
			talloc_free(buf);
			return ret;
		}
		pos += used;
	}
	*buf_r = buf;
	*len_r = pos;
	return 0;
}
