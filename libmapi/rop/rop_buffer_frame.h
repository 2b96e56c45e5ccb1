/*
 * Framing shared by the rop_buffer functions (not for callers): MS-OXCROPS 2.2.1 RopSize and
 * ServerObjectHandleTable, and the handle indexes of one ROP.
 */
#ifndef SAMBEX_ROP_BUFFER_FRAME_H
#define SAMBEX_ROP_BUFFER_FRAME_H

#include "mapi_le.h"
#include "rop_buffer.h"

/*
 * Reads RopSize and decodes the handle table (every byte after RopsList) onto mem_ctx.
 * Returns 0, ecRpcFormat (RopSize < 2 or past len, a table not a multiple of 4 bytes) or
 * MAPI_E_NOT_ENOUGH_MEMORY.
 */
uint32_t rop_buffer_frame_pull(TALLOC_CTX *mem_ctx, const uint8_t *data, size_t len,
			       size_t *rops_end, uint32_t *handle_count, uint32_t **handles);

/* Patches RopSize (the writer's first two bytes) and appends the handle table. Returns 0,
 * MAPI_E_INVALID_PARAMETER (RopsList too long for RopSize) or MAPI_E_NOT_ENOUGH_MEMORY. */
uint32_t rop_buffer_frame_push(struct mapi_propval_writer *w, const uint32_t *handles,
			       uint32_t handle_count);

/* Copies into rop the handle indexes of the request bytes p[0..len) (codec->handle_offsets).
 * Returns false when the request is too short to hold them. */
bool rop_buffer_frame_indexes(const struct rop_codec *codec, const uint8_t *p, size_t len,
			      struct rop_buffer_rop *rop);

#endif
