/*
 * nspi_browse: the NSPI operations that read the address book through a bound session —
 * NspiUpdateStat, NspiQueryRows, NspiGetPropList, NspiGetProps, NspiQueryColumns, NspiDNToMId,
 * NspiCompareMIds (MS-OXNSPI 3.1.4.1). Each has the engine_ndr_op signature: it fills r->out and
 * returns 0, or a DCE/RPC fault for a context handle that is not this caller's session.
 */
#ifndef SAMBEX_NSPI_BROWSE_H
#define SAMBEX_NSPI_BROWSE_H

#include "engine_ndr.h"

/* The fault for a context handle that names no session of this caller (C706 context mismatch). */
#define NSPI_FAULT_CONTEXT_MISMATCH 0x1C00001AU

/* Most rows one NspiQueryRows returns (the protocol lets a server return fewer, 3.1.4.1.8). */
#define NSPI_QUERY_ROWS_MAX 2000

uint32_t nspi_browse_update_stat(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
				 const struct engine_caller *caller, void *r);
uint32_t nspi_browse_query_rows(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
				const struct engine_caller *caller, void *r);
uint32_t nspi_browse_get_prop_list(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
				   const struct engine_caller *caller, void *r);
uint32_t nspi_browse_get_props(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
			       const struct engine_caller *caller, void *r);
uint32_t nspi_browse_query_columns(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
				   const struct engine_caller *caller, void *r);
uint32_t nspi_browse_dn_to_mid(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
			       const struct engine_caller *caller, void *r);
uint32_t nspi_browse_compare_mids(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
				  const struct engine_caller *caller, void *r);

#endif
