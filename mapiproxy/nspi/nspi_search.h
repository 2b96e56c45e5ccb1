/*
 * nspi_search: the NSPI operations that find objects — NspiResolveNames / NspiResolveNamesW
 * (ambiguous name resolution over the GAL in memory, nspi_anr.h), NspiGetMatches
 * (restrictions over the GAL, and link properties as tables), NspiSeekEntries,
 * NspiResortRestriction, NspiGetSpecialTable and NspiGetTemplateInfo (MS-OXNSPI 3.1.4.1.3,
 * 3.1.4.1.9-11, 3.1.4.1.16-18).
 * engine_ndr_op signatures, like nspi_browse.h.
 */
#ifndef SAMBEX_NSPI_SEARCH_H
#define SAMBEX_NSPI_SEARCH_H

#include "engine_ndr.h"
#include "nspi.h"
#include "nspi_directory.h"
#include "nspi_row.h"

/* Most names one NspiResolveNames resolves, and restriction nesting NspiGetMatches accepts. */
#define NSPI_RESOLVE_MAX_NAMES 1000
#define NSPI_RESTRICTION_MAX_DEPTH 16

/* MS-OXNSPI 2.2.1.9 */
#define NSPI_MID_UNRESOLVED 0U
#define NSPI_MID_AMBIGUOUS 1U
#define NSPI_MID_RESOLVED 2U

struct nspi_session;
struct nspi_entry;

/*
 * The GAL rows ANR matches for text (nspi_anr.h; the GAL must be loaded): *rows_r on mem_ctx,
 * sorted by display name, *n_r of them. TOO_MANY when more than max rows match; FAILED on ENOMEM.
 */
enum nspi_directory_result nspi_search_anr_rows(TALLOC_CTX *mem_ctx, struct nspi_session *s,
						const char *text, unsigned max,
						struct nspi_entry ***rows_r, uint32_t *n_r);

/*
 * The rows NspiQueryRows would give for the explicit table mids[0..n) with columns cols (NULL:
 * its defaults): *rows_r on mem_ctx. Returns Success, TableTooBig (too many columns) or
 * NotEnoughMemory.
 */
uint32_t nspi_search_rows_for(TALLOC_CTX *mem_ctx, struct nspi_session *s,
			      const struct nspi_row_context *rc,
			      const struct nspi_PropertyTagArray_r *cols, const uint32_t *mids,
			      uint32_t n, struct nspi_PropertyRowSet_r **rows_r);

uint32_t nspi_search_resolve_names(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
				   const struct engine_caller *caller, void *r);
uint32_t nspi_search_resolve_names_w(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
				     const struct engine_caller *caller, void *r);
uint32_t nspi_search_seek_entries(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
				  const struct engine_caller *caller, void *r);
uint32_t nspi_search_resort_restriction(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
					const struct engine_caller *caller, void *r);
uint32_t nspi_search_get_template_info(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
				       const struct engine_caller *caller, void *r);
uint32_t nspi_search_get_special_table(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
				       const struct engine_caller *caller, void *r);

#endif
