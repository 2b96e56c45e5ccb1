/*
 * Restriction evaluation (MS-OXCDATA 2.12) against one row of a table.
 *
 * Semantics chosen where the spec leaves room (docs/table.md has the full list):
 *   - a property absent from the row makes Content, Property, CompareProperties, BitMask and
 *     Size restrictions false; Exist is the only test of presence (Not(Exist) of an absent one is
 *     true);
 *   - on a multi-valued property (the tag has the MultipleValues bit) with a single-valued
 *     comparand of its base type, Content and Property restrictions hold if any value satisfies
 *     them; a multi-valued comparand is compared with the whole array;
 *   - strings compare case-insensitively in Property and CompareProperties restrictions (MAPI's
 *     default); Content restrictions fold as their fuzzy level asks (mapistore_fold.h);
 *     PtypString and PtypString8 are interchangeable as comparands;
 *   - RelOp RELOP_RE (regular expression), unknown RelOps, fuzzy levels and bitmask operators
 *     make the restriction false; mapistore_restrict_validate reports them beforehand;
 *   - a Comment restriction without a sub-restriction is true; with one it is that restriction;
 *   - a Count restriction lets the first Count rows that satisfy its sub-restriction through, in
 *     the order the rows are offered within one mapistore_restrict_state;
 *   - SubObject restrictions are handed to the caller's callback (NULL callback: false).
 */
#ifndef SAMBEX_MAPISTORE_RESTRICT_H
#define SAMBEX_MAPISTORE_RESTRICT_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>

#include "mapi_restriction.h"
#include "mapistore_row.h"

/*
 * Evaluates a SubObject restriction (2.12.10): true if some sub-object of row of kind subobject
 * (PidTagMessageRecipients, PidTagMessageAttachments) satisfies sub.
 */
typedef bool (*mapistore_restrict_subobject_fn)(void *private_data, const struct mapistore_row *row,
						 uint32_t subobject,
						 const struct mapi_restriction *sub);

/*
 * What an evaluation carries across rows: the callback and the Count restrictions' tallies.
 * Create one per pass over a table with mapistore_restrict_state_new.
 */
struct mapistore_restrict_state;

/*
 * A state for evaluating res over a series of rows. fn may be NULL. Allocated on mem_ctx;
 * returns NULL on OOM. res must outlive the state.
 */
struct mapistore_restrict_state *mapistore_restrict_state_new(TALLOC_CTX *mem_ctx,
							       const struct mapi_restriction *res,
							       mapistore_restrict_subobject_fn fn,
							       void *private_data);

/* True if row satisfies the state's restriction (a NULL restriction: every row). */
bool mapistore_restrict_match(struct mapistore_restrict_state *state,
			      const struct mapistore_row *row);

/*
 * One-off evaluation without Count tallies carried over (each Count restriction sees only this
 * row). fn may be NULL.
 */
bool mapistore_restrict_eval(const struct mapi_restriction *res, const struct mapistore_row *row,
			     mapistore_restrict_subobject_fn fn, void *private_data);

/*
 * Checks that res asks for nothing this evaluator cannot do. Returns 0, MAPI_E_TOO_COMPLEX
 * (RELOP_RE, an unknown RelOp / fuzzy level / bitmask operator, a comparand whose type does not
 * fit its property tag) or MAPI_E_INVALID_PARAMETER (NULL).
 */
uint32_t mapistore_restrict_validate(const struct mapi_restriction *res);

/* True if res holds a Count restriction anywhere (its result depends on row order). */
bool mapistore_restrict_has_count(const struct mapi_restriction *res);

/*
 * Appends to *tags (a talloc array on mem_ctx, may start NULL) every property tag res reads,
 * skipping ones already there; *count is updated. SubObject contents are not included (the
 * callback reads those). Returns 0 or MAPI_E_NOT_ENOUGH_MEMORY.
 */
uint32_t mapistore_restrict_tags(TALLOC_CTX *mem_ctx, const struct mapi_restriction *res,
				 uint32_t **tags, uint32_t *count);

#endif
