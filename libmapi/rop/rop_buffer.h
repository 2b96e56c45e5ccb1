/*
 * ROP input and output buffers (MS-OXCROPS 2.2.1): RopSize (2 bytes, counting itself and the
 * RopsList), RopsList (the ROP requests or responses back to back) and ServerObjectHandleTable
 * (every byte after RopsList, 32-bit handles). The ROPs go through the generated codecs of
 * rop_codec.h; this module frames them, checks handle table indexes and, on the server, budgets
 * the responses against the client's maximum output size (RopBufferTooSmall, 2.2.15.1).
 *
 *   server: rop_request_reader (or rop_buffer_pull_requests) splits the client's buffer,
 *           rop_response_writer builds the answer;
 *   client: rop_buffer_push_requests builds a request buffer, rop_buffer_pull_responses
 *           splits the answer.
 *
 * Errors: ecRpcFormat (0x000004B6) for a buffer that does not parse: RopSize below 2 or past the
 * buffer, a handle table that is not a whole number of 32-bit values, an unknown RopId or one
 * without that direction (MS-OXCROPS 3.2.5.1: the RPC fails with 0x000004B6 and processing
 * stops), a ROP that does not decode; the codecs' other errors (rop_runtime.h) pass through.
 * Handle table indexes past the table are never read: the server side reports them per ROP with
 * ecNullObject (0x000004B9, 3.2.5.1), the client side refuses them (ecRpcFormat when pulling,
 * MAPI_E_INVALID_PARAMETER when pushing).
 */
#ifndef SAMBEX_ROP_BUFFER_H
#define SAMBEX_ROP_BUFFER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

#include "mapi_status.h"
#include "mapi_utf16.h"
#include "rop_codec.h"

/* RopSize is 16 bits: RopSize + RopsList never exceed this. */
#define ROP_BUFFER_MAX_ROPS_SIZE 0xFFFF

/* One ROP of a buffer. */
struct rop_buffer_rop {
	const struct rop_codec *codec;
	void *rop;		/* struct rop_<name>_request or _response (codec->..._size) */
	uint32_t offset;	/* where its bytes start in the buffer (RopSize is at 0) */
	uint32_t length;	/* how many bytes it takes */
	/* the handle table indexes a request names (codec->handle_offsets), in field order */
	uint8_t handle_index_count;
	uint8_t handle_index[ROP_CODEC_MAX_HANDLES];
};

/* A whole ROP input or output buffer, decoded. */
struct rop_buffer {
	uint32_t rop_count;
	struct rop_buffer_rop *rops;
	uint32_t handle_count;
	uint32_t *handles;	/* ServerObjectHandleTable, in wire order */
};

/*
 * The column set of the row-carrying response at position index of a buffer (RopQueryRows: the
 * table's RopSetColumns; RopGetPropertiesSpecific: its request's PropertyTags), or NULL.
 */
typedef const struct mapi_proptag_array *(*rop_buffer_columns_fn)(void *private_data,
								   uint32_t index,
								   const struct rop_codec *codec);

/* ---- server side: the request buffer ---------------------------------------------------- */

/* A cursor over a ROP input buffer; fields are read-only for callers. */
struct rop_request_reader {
	const uint8_t *data;		/* the whole buffer (not copied: keep it alive) */
	size_t rops_end;		/* RopSize: RopsList ends here */
	struct mapi_propval_reader r;	/* over data[0..rops_end), at the next ROP */
	uint32_t handle_count;
	uint32_t *handles;		/* decoded ServerObjectHandleTable */
};

/*
 * Checks the framing of a request buffer of len bytes and decodes its handle table onto mem_ctx.
 * conv may be NULL. Returns 0, ecRpcFormat (framing) or MAPI_E_NOT_ENOUGH_MEMORY.
 */
uint32_t rop_request_reader_init(TALLOC_CTX *mem_ctx, struct rop_request_reader *rr,
				 const uint8_t *data, size_t len, struct mapi_utf16_conv *conv);

/* True once every ROP of RopsList was returned. */
bool rop_request_reader_done(const struct rop_request_reader *rr);

/*
 * The codec of the next ROP (NULL when done, or when its RopId is unknown or has no request:
 * rop_request_reader_next then returns ecRpcFormat) and its LogonId, so the caller can set the
 * request's context members (docs/rop.md) from that logon's state before decoding it.
 */
const struct rop_codec *rop_request_reader_peek(const struct rop_request_reader *rr,
						uint8_t *logon_id);

/*
 * Decodes the next ROP into *out. req is NULL (a zeroed struct is allocated on mem_ctx) or the
 * caller's struct of codec->request_size bytes with its context members set. out->handle_index
 * lists the indexes the request names; rop_request_reader_handle resolves them. Returns 0,
 * ecRpcFormat (no ROP left, unknown RopId, a ROP that does not decode: stop processing) or the
 * codec's errors. Results are on mem_ctx.
 */
uint32_t rop_request_reader_next(TALLOC_CTX *mem_ctx, struct rop_request_reader *rr, void *req,
				 struct rop_buffer_rop *out);

/*
 * The handle at a table index. Returns 0, or ecNullObject when index is past the table (the
 * server fails that ROP with this ReturnValue, MS-OXCROPS 3.2.5.1); *handle is untouched then.
 */
uint32_t rop_request_reader_handle(const struct rop_request_reader *rr, uint8_t index,
				   uint32_t *handle);

/*
 * The RopsList bytes from rop (one this reader returned) to the end: the requests not executed,
 * for RopBufferTooSmall's RequestBuffers. *bytes points into the reader's buffer.
 */
void rop_request_reader_unprocessed(const struct rop_request_reader *rr,
				    const struct rop_buffer_rop *rop, const uint8_t **bytes,
				    size_t *len);

/*
 * Splits a whole request buffer: every ROP decoded with zeroed context members, and the handle
 * table. Results on mem_ctx. Returns 0, or the first error as rop_request_reader_init / _next
 * (out must not be used then).
 */
uint32_t rop_buffer_pull_requests(TALLOC_CTX *mem_ctx, const uint8_t *data, size_t len,
				  struct mapi_utf16_conv *conv, struct rop_buffer *out);

/* ---- server side: the response buffer --------------------------------------------------- */

/*
 * Builds a ROP output buffer of at most max_size bytes (the client's limit for the ROP output
 * buffer itself, the caller having removed the RPC_HEADER_EXT it will add). The handle table
 * starts as the request's (MS-OXCROPS 3.2.5.2: same entries, same order).
 */
struct rop_response_writer {
	struct mapi_propval_writer w;	/* RopSize (patched at the end) + RopsList */
	size_t max_size;
	uint32_t handle_count;
	uint32_t *handles;
	uint32_t size_needed;		/* after ecBufferTooSmall: what that response needs */
	bool closed;			/* RopBufferTooSmall written: nothing may follow */
};

/* Returns 0 or MAPI_E_NOT_ENOUGH_MEMORY. handles may be NULL when handle_count is 0. */
uint32_t rop_response_writer_init(TALLOC_CTX *mem_ctx, struct rop_response_writer *rw,
				  size_t max_size, const uint32_t *handles, uint32_t handle_count,
				  struct mapi_utf16_conv *conv);

/* Stores a new object's handle at a table index. Returns 0 or ecNullObject (past the table). */
uint32_t rop_response_writer_set_handle(struct rop_response_writer *rw, uint8_t index,
					uint32_t handle);

/* Bytes still free for responses within max_size (and RopSize's 16 bits). */
size_t rop_response_writer_room(const struct rop_response_writer *rw);

/*
 * Appends one response (struct rop_<name>_response for codec). Returns 0; ecBufferTooSmall when
 * it does not fit: nothing is appended and rw->size_needed is set to the output buffer size it
 * would take alone (RopSize + response + handle table, capped at 0xFFFF) — the caller then ends
 * the buffer with rop_response_writer_too_small; MAPI_E_INVALID_PARAMETER when the writer is
 * closed, the codec has no response, or a response's handle index is past the table; the
 * codec's push errors.
 */
uint32_t rop_response_writer_push(struct rop_response_writer *rw, const struct rop_codec *codec,
				  const struct mapi_proptag_array *columns, const void *resp);

/*
 * Ends RopsList with RopBufferTooSmall (MS-OXCROPS 2.2.15.1): SizeNeeded = rw->size_needed and
 * RequestBuffers = the unprocessed request bytes (rop_request_reader_unprocessed), and closes
 * the writer. Returns 0; ecBufferTooSmall when even that does not fit (the caller fails the
 * ROP or the call, MS-OXCROPS 3.2.4.3 and its product notes); MAPI_E_INVALID_PARAMETER when
 * closed; MAPI_E_NOT_ENOUGH_MEMORY.
 */
uint32_t rop_response_writer_too_small(struct rop_response_writer *rw, const uint8_t *unprocessed,
				       size_t len);

/*
 * The finished buffer (RopSize patched, handle table appended), allocated on mem_ctx.
 * Returns 0 or MAPI_E_NOT_ENOUGH_MEMORY. The writer must not be used afterwards.
 */
uint32_t rop_response_writer_finish(TALLOC_CTX *mem_ctx, struct rop_response_writer *rw,
				    uint8_t **out, size_t *out_len);

/* ---- client side ------------------------------------------------------------------------- */

/*
 * Encodes buf's requests (rops[i].codec and .rop; offset, length and handle_index are ignored)
 * and handle table into a request buffer on mem_ctx. Returns 0; MAPI_E_INVALID_PARAMETER (a
 * codec without requests, a handle index past the table, RopsList too long for RopSize) or the
 * codecs' push errors.
 */
uint32_t rop_buffer_push_requests(TALLOC_CTX *mem_ctx, const struct rop_buffer *buf,
				  struct mapi_utf16_conv *conv, uint8_t **out, size_t *out_len);

/*
 * Splits a response buffer: each response decoded by its RopId's codec, with the column set
 * columns(private_data, i, codec) gives (columns may be NULL: no column sets). Results on
 * mem_ctx; out->rops[i].offset/length are filled. Returns 0; ecRpcFormat (framing, unknown
 * RopId, a handle index past the table, a response that does not decode); the codecs' errors.
 */
uint32_t rop_buffer_pull_responses(TALLOC_CTX *mem_ctx, const uint8_t *data, size_t len,
				   rop_buffer_columns_fn columns, void *private_data,
				   struct mapi_utf16_conv *conv, struct rop_buffer *out);

/*
 * Encodes buf's responses and handle table with no size budget (tests, and a client-side
 * replay of a buffer). Returns 0, MAPI_E_INVALID_PARAMETER (as rop_response_writer_push, or
 * RopsList too long) or the codecs' push errors.
 */
uint32_t rop_buffer_push_responses(TALLOC_CTX *mem_ctx, const struct rop_buffer *buf,
				   rop_buffer_columns_fn columns, void *private_data,
				   struct mapi_utf16_conv *conv, uint8_t **out, size_t *out_len);

#endif
