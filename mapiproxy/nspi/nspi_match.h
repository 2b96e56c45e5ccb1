/*
 * nspi_match: NspiGetMatches (MS-OXNSPI 3.1.4.1.10) — a restriction (MS-OXCDATA 2.12, the
 * Restriction_r of MS-OXNSPI 2.2.5) evaluated over the GAL, or the objects a link property of one
 * object names (member, memberOf, manager, directReports) as an explicit table.
 *
 * Restrictions served: And, Or, Not, Content (full string, substring, prefix; ignore-case),
 * Property (<, <=, >, >=, ==, != on strings, integers; == and != on binaries), Exist, and ANR as a
 * Property or Content restriction on PidTagAnr. Anything else, or nesting deeper than
 * NSPI_RESTRICTION_MAX_DEPTH, answers TooComplex.
 */
#ifndef SAMBEX_NSPI_MATCH_H
#define SAMBEX_NSPI_MATCH_H

#include "engine_ndr.h"

uint32_t nspi_match_get_matches(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
				const struct engine_caller *caller, void *r);

#endif
