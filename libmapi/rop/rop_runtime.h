/*
 * Helpers that the generated ROP codecs (rop_gen.c, compiled from the idl/rops descriptions by
 * idl/compiler/ropc.py) call for what is not a plain field: the RopId byte, the response head
 * (MS-OXCROPS 2.2.1: RopId, handle index, ReturnValue), booleans, NUL-terminated strings, rows
 * given a column set, and restrictions. They run on libmapi/wire's cursors
 * (struct mapi_propval_reader / writer).
 *
 * Contract of every generated rop_<name>_pull_request / _pull_response:
 *   decodes one ROP at r's position and leaves r->off after it (the next ROP of the buffer
 *   follows); the RopId byte must be the ROP's id. Returns 0, ecRpcFormat (truncated, wrong RopId,
 *   a boolean not 0/1, a count past the remaining bytes, a size field that does not frame its
 *   fields, bad MS-OXCDATA value), MAPI_E_TOO_COMPLEX (restriction nesting),
 *   MAPI_E_INVALID_PARAMETER (rows without a column set) or MAPI_E_NOT_ENOUGH_MEMORY. Pointers of
 *   the result are allocated on mem_ctx and do not point into the input; on error the result
 *   must not be used (partial allocations stay on mem_ctx). The output is cleared first, so
 *   members of untaken branches read as zero; `context` members (docs/rop.md) are kept: the
 *   caller sets them from the session before pulling.
 *   A response whose ReturnValue is not 0 carries only the failure shape (RopId, handle index,
 *   ReturnValue), or the fields the description declares for that ReturnValue.
 *   columns is the column set of PropertyRow fields (RopGetPropertiesSpecific: its request's
 *   PropertyTags; RopQueryRows: the table's RopSetColumns); NULL where the ROP has no rows.
 * Contract of every generated _push_request / _push_response:
 *   appends the ROP to w. Counts, size fields and the RopId are taken from the struct except the
 *   `sized` fields, which are computed. Returns 0, MAPI_E_INVALID_PARAMETER (a NULL array with a
 *   nonzero count, a value without an encoding, a sized block too long) or
 *   MAPI_E_NOT_ENOUGH_MEMORY; on error w->len is unspecified.
 */
#ifndef SAMBEX_ROP_RUNTIME_H
#define SAMBEX_ROP_RUNTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

#include "mapi_le.h"
#include "mapi_proprow.h"
#include "mapi_propval.h"
#include "mapi_restriction.h"
#include "mapi_sortorder.h"
#include "mapi_status.h"
#include "rop_notification.h"

/* The RopId byte; another value is ecRpcFormat. */
uint32_t rop_pull_id(struct mapi_propval_reader *r, uint8_t rop_id);

/* Handle index and ReturnValue after the RopId (MS-OXCROPS 2.2.1). Returns 0 or ecRpcFormat. */
uint32_t rop_pull_response_head(struct mapi_propval_reader *r, uint8_t *handle_index,
				uint32_t *return_value);
/* RopId, handle index, ReturnValue. Returns 0 or MAPI_E_NOT_ENOUGH_MEMORY. */
uint32_t rop_push_response_head(struct mapi_propval_writer *w, uint8_t rop_id,
				uint8_t handle_index, uint32_t return_value);

/* A one-byte Boolean: 0x00 or 0x01, anything else is ecRpcFormat. */
uint32_t rop_pull_bool(struct mapi_propval_reader *r, bool *v);

/* n raw bytes into out. Returns 0 or ecRpcFormat. */
uint32_t rop_pull_bytes(struct mapi_propval_reader *r, uint8_t *out, size_t n);

/*
 * A NUL-terminated string: type 0x001E (8-bit, kept as bytes) or 0x001F (UTF-16LE, held as
 * UTF-8), through mapi_propval. *s is on mem_ctx. Errors as mapi_propval_pull_value; pushing a
 * NULL string is MAPI_E_INVALID_PARAMETER.
 */
uint32_t rop_pull_string(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r, uint16_t type,
			 char **s);
uint32_t rop_push_string(struct mapi_propval_writer *w, uint16_t type, const char *s);

/*
 * PropertyRow / PropertyRowSet for columns (MS-OXCDATA 2.8); NULL columns is
 * MAPI_E_INVALID_PARAMETER. Otherwise as mapi_proprow_pull / _push and their _set forms.
 */
uint32_t rop_pull_row(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
		      const struct mapi_proptag_array *columns, struct mapi_proprow *row);
uint32_t rop_push_row(struct mapi_propval_writer *w, const struct mapi_proptag_array *columns,
		      const struct mapi_proprow *row);
uint32_t rop_pull_rowset(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
			 const struct mapi_proptag_array *columns, struct mapi_proprow_set *set);
uint32_t rop_push_rowset(struct mapi_propval_writer *w, const struct mapi_proptag_array *columns,
			 const struct mapi_proprow_set *set);

/*
 * Every byte left in r (RopBufferTooSmall's RequestBuffers), copied onto mem_ctx; data is NULL
 * when none is left. Returns 0 or MAPI_E_NOT_ENOUGH_MEMORY. Pushing a NULL data with a
 * nonzero length is MAPI_E_INVALID_PARAMETER.
 */
uint32_t rop_pull_rest(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
		       struct mapi_binary *rest);
uint32_t rop_push_rest(struct mapi_propval_writer *w, const struct mapi_binary *rest);

/*
 * One restriction (MS-OXCDATA 2.12), allocated on mem_ctx into *res. Errors as
 * mapi_restriction_pull; pushing NULL is MAPI_E_INVALID_PARAMETER.
 */
uint32_t rop_pull_restriction(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
			      struct mapi_restriction **res);
uint32_t rop_push_restriction(struct mapi_propval_writer *w, const struct mapi_restriction *res);

#endif
