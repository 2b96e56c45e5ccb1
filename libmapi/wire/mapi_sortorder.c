/*
 * mapi_sortorder: SortOrder and SortOrderSet of MS-OXCDATA 2.13 (see mapi_sortorder.h).
 */
#include "mapi_sortorder.h"

static bool order_valid(uint8_t order)
{
	return order == MAPI_SORT_ASCENDING || order == MAPI_SORT_DESCENDING ||
	       order == MAPI_SORT_MAXIMUM_CATEGORY;
}

/* 2.13.1: PropertyType then PropertyId, i.e. the tag's little-endian bytes. */
uint32_t mapi_sortorder_pull(struct mapi_propval_reader *r, struct mapi_sortorder *so)
{
	uint32_t ret = mapi_propval_pull_u32(r, &so->prop_tag);

	if (ret == 0) {
		ret = mapi_propval_pull_u8(r, &so->order);
	}
	return ret != 0 || !order_valid(so->order) ? ecRpcFormat : 0;
}

uint32_t mapi_sortorder_push(struct mapi_propval_writer *w, const struct mapi_sortorder *so)
{
	uint32_t ret;

	if (!order_valid(so->order)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	ret = mapi_propval_push_u32(w, so->prop_tag);
	return ret != 0 ? ret : mapi_propval_push_u8(w, so->order);
}

static bool counts_valid(const struct mapi_sortorder_set *set)
{
	return set->categorized_count <= set->count &&
	       set->expanded_count <= set->categorized_count;
}

/* 2.13.2 */
uint32_t mapi_sortorder_pull_set(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
				 struct mapi_sortorder_set *set)
{
	uint32_t count, ret;

	set->sorts = NULL;
	if (mapi_propval_reader_left(r) < 6) {
		return ecRpcFormat;
	}
	(void)mapi_propval_pull_u16(r, &set->count);
	(void)mapi_propval_pull_u16(r, &set->categorized_count);
	(void)mapi_propval_pull_u16(r, &set->expanded_count);
	count = set->count;
	if (!counts_valid(set) || count > mapi_propval_reader_left(r) / MAPI_SORTORDER_WIRE_SIZE) {
		return ecRpcFormat;
	}
	if (count == 0) {
		return 0;
	}
	set->sorts = talloc_array(mem_ctx, struct mapi_sortorder, count);
	if (set->sorts == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (uint32_t i = 0; i < count; i++) {
		ret = mapi_sortorder_pull(r, &set->sorts[i]);
		if (ret != 0) {
			return ret;
		}
	}
	return 0;
}

uint32_t mapi_sortorder_push_set(struct mapi_propval_writer *w,
				 const struct mapi_sortorder_set *set)
{
	uint32_t ret;

	if (!counts_valid(set) || (set->count > 0 && set->sorts == NULL)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	ret = mapi_propval_push_u16(w, set->count);
	if (ret == 0) {
		ret = mapi_propval_push_u16(w, set->categorized_count);
	}
	if (ret == 0) {
		ret = mapi_propval_push_u16(w, set->expanded_count);
	}
	for (uint32_t i = 0; ret == 0 && i < set->count; i++) {
		ret = mapi_sortorder_push(w, &set->sorts[i]);
	}
	return ret;
}
