/*
 * Sort orders (MS-OXCDATA 2.13): SortOrder (2.13.1: PropertyType, PropertyId, Order) and
 * SortOrderSet (2.13.2: SortOrderCount, CategorizedCount, ExpandedCount, Sorts), as RopSortTable
 * carries them (MS-OXCTABL 2.2.2.3.1).
 *
 * Checked on decode (ecRpcFormat otherwise): Order is Ascending 0x00, Descending 0x01 or
 * MaximumCategory 0x04; CategorizedCount <= SortOrderCount and ExpandedCount <= CategorizedCount
 * (MS-OXCTABL 2.2.2.3.1: "MUST be in the range"). Where a MaximumCategory entry may stand, and
 * whether a tag names a sortable property, is the table engine's business.
 * Memory and errors as in mapi_propval.h.
 */
#ifndef SAMBEX_MAPI_SORTORDER_H
#define SAMBEX_MAPI_SORTORDER_H

#include <stdint.h>
#include <talloc.h>

#include "mapi_propval.h"

/* 2.13.1 Order values */
#define MAPI_SORT_ASCENDING 0x00
#define MAPI_SORT_DESCENDING 0x01
#define MAPI_SORT_MAXIMUM_CATEGORY 0x04

#define MAPI_SORTORDER_WIRE_SIZE 5

struct mapi_sortorder {
	uint32_t prop_tag;	/* PropertyId << 16 | PropertyType (MV-instance bit allowed) */
	uint8_t order;
};

struct mapi_sortorder_set {
	uint16_t count;			/* SortOrderCount */
	uint16_t categorized_count;
	uint16_t expanded_count;
	struct mapi_sortorder *sorts;	/* count entries; NULL when count is 0 */
};

/* One SortOrder (2.13.1). Returns 0 or ecRpcFormat (truncated, unknown Order). */
uint32_t mapi_sortorder_pull(struct mapi_propval_reader *r, struct mapi_sortorder *so);

/* Returns 0, MAPI_E_INVALID_PARAMETER (unknown Order) or MAPI_E_NOT_ENOUGH_MEMORY. */
uint32_t mapi_sortorder_push(struct mapi_propval_writer *w, const struct mapi_sortorder *so);

/*
 * A SortOrderSet (2.13.2); set->sorts is allocated on mem_ctx. Returns 0, ecRpcFormat
 * (truncated, counts out of range, bad Order) or MAPI_E_NOT_ENOUGH_MEMORY.
 */
uint32_t mapi_sortorder_pull_set(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
				 struct mapi_sortorder_set *set);

/* Returns 0, MAPI_E_INVALID_PARAMETER (counts out of range, bad Order) or NOT_ENOUGH_MEMORY. */
uint32_t mapi_sortorder_push_set(struct mapi_propval_writer *w,
				 const struct mapi_sortorder_set *set);

#endif
