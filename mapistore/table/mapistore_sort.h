/*
 * Sort orders (MS-OXCDATA 2.13, MS-OXCTABL 3.2.5.3) over the entries of a table view.
 *
 * Choices:
 *   - values order as mapistore_value.h says (strings case-insensitively);
 *   - a row without the sort property sorts after every row that has it, ascending or
 *     descending (the MAPI SSortOrder reference: "all NULL entries placed last"; MS-OXCDATA
 *     does not say);
 *   - rows equal on every sort key order by row id, then instance number, ascending: the order
 *     is total, so a view is the same whatever order the rows were loaded in;
 *   - one MultivalueInstance property per view (its tag in a column or a sort order): a row
 *     with n > 0 values of it appears n times, instances 1..n (PidTagInstanceNum); a row
 *     without it appears once, instance 0;
 *   - categories (CategorizedCount > 0, MaximumCategory orders) are not supported.
 */
#ifndef SAMBEX_MAPISTORE_SORT_H
#define SAMBEX_MAPISTORE_SORT_H

#include <stdint.h>
#include <talloc.h>

#include "mapi_sortorder.h"
#include "mapistore_row.h"

/* One entry of a view: a row, or one multi-value instance of it (instance >= 1). */
struct mapistore_sort_entry {
	const struct mapistore_row *row;
	uint32_t instance;
};

/*
 * Compares two entries under set (NULL or empty: by id and instance only). Returns <0, 0 (the
 * same entry) or >0.
 */
int mapistore_sort_compare(const struct mapi_sortorder_set *set,
			   const struct mapistore_sort_entry *a,
			   const struct mapistore_sort_entry *b);

/*
 * Sorts n entries in place under set (a merge sort: O(n log n) comparisons). Returns 0 or
 * MAPI_E_NOT_ENOUGH_MEMORY (scratch space is taken from and returned to mem_ctx).
 */
uint32_t mapistore_sort_entries(TALLOC_CTX *mem_ctx, const struct mapi_sortorder_set *set,
				struct mapistore_sort_entry *entries, uint32_t n);

/*
 * Checks a sort order set. Returns 0, MAPI_E_NO_SUPPORT (categories: CategorizedCount > 0 or a
 * MaximumCategory order), MAPI_E_TOO_COMPLEX (a type without an order), or
 * MAPI_E_INVALID_PARAMETER (an instance bit without the MultipleValues bit, an unknown Order).
 */
uint32_t mapistore_sort_validate(const struct mapi_sortorder_set *set);

#endif
