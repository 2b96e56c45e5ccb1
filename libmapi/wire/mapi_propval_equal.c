/*
 * mapi_propval_equal: deep equality of decoded property values (mapi_propval.h), for tests, fuzz
 * targets and callers that compare what they sent with what came back. Floating values compare
 * by their bytes so that NaNs round-trip.
 */
#include <string.h>

#include "mapi_propval.h"
#include "mapi_restriction.h"

static bool str_equal(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static bool bin_equal(const struct mapi_binary *a, const struct mapi_binary *b)
{
	return a->length == b->length &&
	       (a->length == 0 || memcmp(a->data, b->data, a->length) == 0);
}

static bool single_equal(uint16_t type, const union mapi_propval_data *a,
			 const union mapi_propval_data *b)
{
	size_t size;

	switch (type) {
	case PT_NULL:
		return true;
	case PT_UNICODE:
	case PT_STRING8:
		return str_equal(a->str, b->str);
	case PT_BINARY:
	case PT_SVREID:
	case PT_ACTIONS:
		return bin_equal(&a->bin, &b->bin);
	case PT_SRESTRICT:
		return a->res != NULL && b->res != NULL && mapi_restriction_equal(a->res, b->res);
	case PT_CLSID:
		return mapi_guid_equal(&a->guid, &b->guid);
	case PT_OBJECT:
		return a->object == b->object;
	default:
		/* fixed-size scalars: compare the bytes (NaN-safe for floats) */
		if (!mapi_proptype_fixed_size(type, &size)) {
			return false;
		}
		if (mapi_propval_mv_element_size(type) != 0) {
			size = mapi_propval_mv_element_size(type);
		}
		return memcmp(a, b, size) == 0;
	}
}

bool mapi_propval_data_equal(uint16_t type, const union mapi_propval_data *a,
			     const union mapi_propval_data *b)
{
	uint16_t wt, base;

	if (!mapi_propval_wire_type(type, &wt)) {
		return false;
	}
	if (!mapi_proptype_is_multi(wt)) {
		return single_equal(wt, a, b);
	}
	base = mapi_proptype_base(wt);
	if (a->mv.count != b->mv.count) {
		return false;
	}
	for (uint32_t i = 0; i < a->mv.count; i++) {
		union mapi_propval_data x, y;

		mapi_propval_mv_get(base, &a->mv, i, &x);
		mapi_propval_mv_get(base, &b->mv, i, &y);
		if (!single_equal(base, &x, &y)) {
			return false;
		}
	}
	return true;
}

bool mapi_propval_equal(const struct mapi_propval *a, const struct mapi_propval *b)
{
	if (a->tag != b->tag || a->flag != b->flag) {
		return false;
	}
	switch (a->flag) {
	case MAPI_PROPVAL_FLAG_MISSING:
		return true;
	case MAPI_PROPVAL_FLAG_ERROR:
		return a->v.err == b->v.err;
	default:
		return mapi_propval_data_equal(mapi_prop_type(a->tag), &a->v, &b->v);
	}
}
