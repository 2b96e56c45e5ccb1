/*
 * Sort orders over table entries (see mapistore_sort.h).
 */
#include "mapistore_sort.h"

#include <string.h>

#include "mapi_proptype.h"
#include "mapistore_fold.h"
#include "mapistore_value.h"

#define CMP(a, b) (((a) > (b)) - ((a) < (b)))

/* One key of 2.13.1: missing values last whatever the direction. */
static int compare_key(const struct mapi_sortorder *so, const struct mapistore_sort_entry *a,
		       const struct mapistore_sort_entry *b)
{
	struct mapi_propval va, vb;
	bool ha = mapistore_row_value(a->row, so->prop_tag, a->instance, &va);
	bool hb = mapistore_row_value(b->row, so->prop_tag, b->instance, &vb);
	uint16_t type = mapi_prop_type(so->prop_tag);
	int c;

	if (!ha || !hb)
		return CMP(!ha, !hb);
	/* A stored value of another type than the sort tag's cannot be ordered with it. */
	if (mapi_prop_type(va.tag) != mapi_prop_type(vb.tag))
		return 0;
	c = mapistore_value_compare(type, &va.v, &vb.v, MAPISTORE_FOLD_CASE);
	return so->order == MAPI_SORT_DESCENDING ? -c : c;
}

int mapistore_sort_compare(const struct mapi_sortorder_set *set,
			   const struct mapistore_sort_entry *a,
			   const struct mapistore_sort_entry *b)
{
	int c;

	for (uint16_t i = 0; set != NULL && i < set->count; i++) {
		c = compare_key(&set->sorts[i], a, b);
		if (c != 0)
			return c;
	}
	c = CMP(a->row->id, b->row->id);
	return c != 0 ? c : CMP(a->instance, b->instance);
}

/*
 * Sorting resolves the first keys of every entry once (a row lookup per key per entry instead of
 * per comparison): an entry with its keys' values and types beside it.
 */
#define CACHED_KEYS 4

struct keyed {
	struct mapistore_sort_entry e;
	union mapi_propval_data v[CACHED_KEYS];
	uint16_t type[CACHED_KEYS];	/* the stored value's type; 0: absent */
};

static void resolve(const struct mapi_sortorder_set *set, struct keyed *k)
{
	for (uint16_t i = 0; set != NULL && i < set->count && i < CACHED_KEYS; i++) {
		struct mapi_propval pv;

		k->type[i] = 0;
		if (mapistore_row_value(k->e.row, set->sorts[i].prop_tag, k->e.instance, &pv)) {
			k->v[i] = pv.v;
			/* Absent is 0; PtypUnspecified never types a stored value. */
			k->type[i] = mapi_prop_type(pv.tag) != 0 ? mapi_prop_type(pv.tag) : 0xFFFF;
		}
	}
}

static int compare_keyed(const struct mapi_sortorder_set *set, const struct keyed *a,
			 const struct keyed *b)
{
	uint16_t n = set != NULL ? set->count : 0;
	int c;

	for (uint16_t i = 0; i < n && i < CACHED_KEYS; i++) {
		if (a->type[i] == 0 || b->type[i] == 0) {
			c = CMP(a->type[i] == 0, b->type[i] == 0);
		} else if (a->type[i] != b->type[i]) {
			c = 0;
		} else {
			c = mapistore_value_compare(mapi_prop_type(set->sorts[i].prop_tag), &a->v[i],
						    &b->v[i], MAPISTORE_FOLD_CASE);
			if (set->sorts[i].order == MAPI_SORT_DESCENDING)
				c = -c;
		}
		if (c != 0)
			return c;
	}
	for (uint16_t i = CACHED_KEYS; i < n; i++) {
		c = compare_key(&set->sorts[i], &a->e, &b->e);
		if (c != 0)
			return c;
	}
	c = CMP(a->e.row->id, b->e.row->id);
	return c != 0 ? c : CMP(a->e.instance, b->e.instance);
}

static void merge(const struct mapi_sortorder_set *set, struct keyed *dst, const struct keyed *src,
		  uint32_t lo, uint32_t mid, uint32_t hi)
{
	uint32_t i = lo, j = mid, k = lo;

	while (i < mid && j < hi)
		dst[k++] = compare_keyed(set, &src[j], &src[i]) < 0 ? src[j++] : src[i++];
	while (i < mid)
		dst[k++] = src[i++];
	while (j < hi)
		dst[k++] = src[j++];
}

uint32_t mapistore_sort_entries(TALLOC_CTX *mem_ctx, const struct mapi_sortorder_set *set,
				struct mapistore_sort_entry *entries, uint32_t n)
{
	struct keyed *buf, *src, *dst, *swap;

	if (n < 2)
		return 0;
	buf = talloc_zero_array(mem_ctx, struct keyed, (size_t)n * 2);
	if (buf == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	src = buf;
	dst = buf + n;
	for (uint32_t i = 0; i < n; i++) {
		src[i].e = entries[i];
		resolve(set, &src[i]);
	}
	/* Bottom-up: no recursion, runs of width 1, 2, 4... */
	for (uint32_t width = 1; width < n; width = width > n / 2 ? n : width * 2) {
		for (uint32_t lo = 0; lo < n; lo += 2 * width) {
			uint32_t mid = lo + width < n ? lo + width : n;
			uint32_t hi = mid + width < n ? mid + width : n;

			merge(set, dst, src, lo, mid, hi);
		}
		swap = src, src = dst, dst = swap;
	}
	for (uint32_t i = 0; i < n; i++)
		entries[i] = src[i].e;
	talloc_free(buf);
	return 0;
}

uint32_t mapistore_sort_validate(const struct mapi_sortorder_set *set)
{
	uint32_t mvi = 0;

	if (set == NULL)
		return 0;
	/* MS-OXCTABL 2.2.2.3.1: categories; this engine shows flat tables only. */
	if (set->categorized_count > 0)
		return MAPI_E_NO_SUPPORT;
	for (uint16_t i = 0; i < set->count; i++) {
		uint16_t type = mapi_prop_type(set->sorts[i].prop_tag);

		if (set->sorts[i].order == MAPI_SORT_MAXIMUM_CATEGORY)
			return MAPI_E_NO_SUPPORT;
		if (set->sorts[i].order != MAPI_SORT_ASCENDING &&
		    set->sorts[i].order != MAPI_SORT_DESCENDING)
			return MAPI_E_INVALID_PARAMETER;
		if ((type & MAPI_PROPTYPE_MV_INSTANCE) && !mapi_proptype_is_multi(type))
			return MAPI_E_INVALID_PARAMETER;
		if (!mapi_proptype_is_valid(type) || !mapistore_value_is_comparable(type))
			return MAPI_E_TOO_COMPLEX;
		if (type & MAPI_PROPTYPE_MV_INSTANCE) {
			if (mvi != 0 && mvi != set->sorts[i].prop_tag)
				return MAPI_E_TOO_COMPLEX;
			mvi = set->sorts[i].prop_tag;
		}
	}
	return 0;
}
