/*
 * nspi_browse: the NSPI operations that read the address book through a bound session —
 * NspiUpdateStat, NspiQueryRows, NspiGetPropList, NspiGetProps, NspiQueryColumns, NspiDNToMId,
 * NspiCompareMIds (MS-OXNSPI 3.1.4.1). Each has the engine_ndr_op signature: it fills r->out and
 * returns 0, or a DCE/RPC fault for a context handle that is not this caller's session.
 */
#ifndef SAMBEX_NSPI_BROWSE_H
#define SAMBEX_NSPI_BROWSE_H

#include "engine_ndr.h"
#include "nspi.h"
#include "nspi_row.h"

/* The fault for a context handle that names no session of this caller (C706 context mismatch). */
#define NSPI_FAULT_CONTEXT_MISMATCH 0x1C00001AU

/* Most rows one NspiQueryRows returns (the protocol lets a server return fewer, 3.1.4.1.8). */
#define NSPI_QUERY_ROWS_MAX 2000

struct nspi_session;
struct nspi_entry;
struct nspi_rows;

/*
 * Shared by the operations (here and nspi_search.c):
 * nspi_browse_session: the caller's session for h with its GAL loaded; NULL with *status_r 0 when
 *   there is no such session (answer NSPI_FAULT_CONTEXT_MISMATCH), else the MAPI error to return.
 * nspi_browse_no_session: what an operation returns when nspi_browse_session gave NULL with
 *   *status_r = status: the context-mismatch fault for no session, else 0 (the reply carries status).
 * nspi_browse_stat_rows: InvalidCodepage / InvalidBookmark / GeneralFailure (directory) /
 *   Success for a STAT's code page and container; on Success *rows_r (if not NULL) is the
 *   container's rows (nspi_table_container).
 * nspi_browse_row_context: what rows are built with, from a STAT and RetrieveFlags.
 * nspi_browse_tag_list: the asked tags, or NspiQueryRows' default columns for NULL; false
 *   (TableTooBig) beyond NSPI_ROW_MAX_TAGS.
 * nspi_browse_fill_row: row = the values of tags on e (NULL: no values), allocated on mem_ctx;
 *   *errors_r set if any value is an error; false on ENOMEM.
 */
struct nspi_session *nspi_browse_session(struct engine_context *ctx,
					 const struct engine_caller *caller,
					 const struct policy_handle *h, uint32_t *status_r);
uint32_t nspi_browse_no_session(uint32_t status);
uint32_t nspi_browse_stat_rows(struct nspi_session *s, const struct nspi_STAT *stat,
			      struct nspi_rows *rows_r);
struct nspi_row_context nspi_browse_row_context(const struct engine_context *ctx,
						const struct nspi_STAT *stat, uint32_t flags);
bool nspi_browse_tag_list(const struct nspi_PropertyTagArray_r *asked, const uint32_t **tags_r,
			  uint32_t *count_r);
bool nspi_browse_fill_row(TALLOC_CTX *mem_ctx, const struct nspi_row_context *rc,
			  const struct nspi_entry *e, const uint32_t *tags, uint32_t count,
			  struct nspi_PropertyRow_r *row, bool *errors_r);

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
