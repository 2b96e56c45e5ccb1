/*
 * The table of described ROPs (generated into rop_gen.c): one row per ROP with its id, name, the
 * sizes of its request and response structs and type-erased pull/push functions, so dispatchers
 * and tests can walk every ROP. The functions behave as the typed ones (rop_runtime.h); out and
 * in point to the ROP's struct rop_<name>_request / _response.
 */
#ifndef SAMBEX_ROP_CODEC_H
#define SAMBEX_ROP_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

#include "mapi_proprow.h"
#include "mapi_propval.h"

#define ROP_CODEC_MAX_HANDLES 4

struct rop_codec {
	uint8_t id;
	const char *name;		/* spec name, "RopLogon" */
	size_t request_size;		/* 0: the ROP has no request (RopPending) */
	uint32_t (*pull_request)(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r, void *out);
	uint32_t (*push_request)(struct mapi_propval_writer *w, const void *in);
	size_t response_size;		/* 0: the ROP has no response (RopRelease) */
	uint32_t (*pull_response)(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
				  const struct mapi_proptag_array *columns, void *out);
	uint32_t (*push_response)(struct mapi_propval_writer *w,
				  const struct mapi_proptag_array *columns, const void *in);
	bool unframed;			/* ends with every byte left (RopBufferTooSmall) */
	/*
	 * Wire offsets in the request of its Server object handle table indexes (InputHandleIndex,
	 * OutputHandleIndex, SourceHandleIndex, DestHandleIndex, ResponseHandleIndex; MS-OXCROPS
	 * 2.2.1), in field order; 0 ends the list (offset 0 is the RopId). rop_buffer checks them.
	 */
	uint8_t handle_offsets[ROP_CODEC_MAX_HANDLES];
	bool bare;			/* response without handle index and ReturnValue */
};

/* The row for a ROP id, or NULL if that ROP is not described. The row is static. */
const struct rop_codec *rop_codec_find(uint8_t rop_id);

#endif
