/*
 * nspi_restrict: NspiGetMatches restrictions (MS-OXNSPI 2.2.2.x _Restriction_r) evaluated by the
 * table engine's evaluator (mapistore/table, mapistore_restrict_eval; docs/table.md has its
 * semantics: absent properties, multi-valued properties, folding). mapiproxy depends on
 * mapistore/table, never the other way round.
 *
 * A restriction is converted once per call to the wire model (struct mapi_restriction, MS-OXCDATA
 * 2.12); each row is then the entry's values of the tags the restriction reads. Strings are
 * UTF-8 throughout: 8-bit comparands come from the STAT's code page, 8-bit tags read as Unicode.
 * ANR (PidTagAnr, MS-OXNSPI 3.1.1.6) is not a property of any row: each ANR node becomes an
 * equality on a synthetic boolean (NSPI_RESTRICT_ANR_TAG(k)) that the caller sets on the rows
 * ANR k matches.
 */
#ifndef SAMBEX_NSPI_RESTRICT_H
#define SAMBEX_NSPI_RESTRICT_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>

#include "nspi.h"
#include "nspi_row.h"
#include "mapi_restriction.h"
#include "mapistore_row.h"

/* Most ANR nodes in one restriction; the synthetic tags use IDs 0xFFB0-0xFFBF (PtypBoolean). */
#define NSPI_RESTRICT_MAX_ANR 16
#define NSPI_RESTRICT_ANR_TAG(k) ((uint32_t)(0xFFB0U + (k)) << 16 | 0x000BU)

struct nspi_restrict {
	struct mapi_restriction res;	/* the converted restriction */
	uint32_t *tags;			/* the tags res reads, synthetic ANR tags left out */
	uint32_t ntags;
	const char *anr[NSPI_RESTRICT_MAX_ANR];	/* ANR k's text (UTF-8) */
	uint32_t nanr;
};

/*
 * Converts in (code page cp for 8-bit strings) into *out on mem_ctx. Returns MAPI_E_SUCCESS,
 * MAPI_E_TOO_COMPLEX (malformed: a count without its array, no comparand, nesting past
 * NSPI_RESTRICTION_MAX_DEPTH, an unknown type, a comparand type we do not hold, RELOP_RE, more
 * than NSPI_RESTRICT_MAX_ANR ANR nodes) or MAPI_E_NOT_ENOUGH_MEMORY.
 */
uint32_t nspi_restrict_convert(TALLOC_CTX *mem_ctx, const struct nspi_Restriction_r *in,
			       uint32_t cp, struct nspi_restrict **out);

/*
 * The row of entry e for r: the values of r->tags e has, plus ANR k's synthetic true when
 * anr_hits[k]. Values on mem_ctx. Returns false on ENOMEM.
 */
bool nspi_restrict_row(TALLOC_CTX *mem_ctx, const struct nspi_restrict *r,
		       const struct nspi_row_context *rc, const struct nspi_entry *e,
		       const bool *anr_hits, struct mapistore_row *row);

#endif
