/*
 * Total orders on property values (see mapistore_value.h).
 */
#include "mapistore_value.h"

#include <math.h>
#include <string.h>

#include "mapi_proptype.h"
#include "mapistore_fold.h"

#define CMP(a, b) (((a) > (b)) - ((a) < (b)))

bool mapistore_value_is_comparable(uint16_t type)
{
	switch (mapi_proptype_base(type)) {
	case PT_SHORT: case PT_LONG: case PT_FLOAT: case PT_DOUBLE: case PT_CURRENCY:
	case PT_APPTIME: case PT_ERROR: case PT_BOOLEAN: case PT_I8: case PT_STRING8:
	case PT_UNICODE: case PT_SYSTIME: case PT_CLSID: case PT_SVREID: case PT_BINARY:
		return true;
	default:
		return false;
	}
}

static int compare_double(double a, double b)
{
	if (isnan(a) || isnan(b))
		return CMP(isnan(a) != 0, isnan(b) != 0);
	return CMP(a, b);
}

static int compare_bin(const struct mapi_binary *a, const struct mapi_binary *b)
{
	uint32_t n = a->length < b->length ? a->length : b->length;
	int c = n > 0 ? memcmp(a->data, b->data, n) : 0;

	return c != 0 ? (c < 0 ? -1 : 1) : CMP(a->length, b->length);
}

static int compare_guid(const struct GUID *a, const struct GUID *b)
{
	int c = CMP(a->time_low, b->time_low);

	if (c == 0)
		c = CMP(a->time_mid, b->time_mid);
	if (c == 0)
		c = CMP(a->time_hi_and_version, b->time_hi_and_version);
	if (c == 0)
		c = memcmp(a->clock_seq, b->clock_seq, sizeof(a->clock_seq));
	if (c == 0)
		c = memcmp(a->node, b->node, sizeof(a->node));
	return CMP(c, 0);
}

static int compare_str(const char *a, const char *b, unsigned fold_flags)
{
	if (a == NULL || b == NULL)
		return CMP(a != NULL, b != NULL);
	return mapistore_fold_compare(a, strlen(a), b, strlen(b), fold_flags);
}

static int compare_single(uint16_t base, const union mapi_propval_data *a,
			  const union mapi_propval_data *b, unsigned fold_flags)
{
	switch (base) {
	case PT_SHORT: return CMP(a->i16, b->i16);
	case PT_LONG: return CMP(a->i32, b->i32);
	case PT_FLOAT: return compare_double(a->f32, b->f32);
	case PT_DOUBLE: case PT_APPTIME: return compare_double(a->f64, b->f64);
	case PT_CURRENCY: case PT_I8: return CMP(a->i64, b->i64);
	case PT_SYSTIME: return CMP(a->time, b->time);
	case PT_ERROR: return CMP(a->err, b->err);
	case PT_BOOLEAN: return CMP(a->b != 0, b->b != 0);
	case PT_STRING8: case PT_UNICODE: return compare_str(a->str, b->str, fold_flags);
	case PT_CLSID: return compare_guid(&a->guid, &b->guid);
	case PT_SVREID: case PT_BINARY: return compare_bin(&a->bin, &b->bin);
	default: return 0;
	}
}

int mapistore_value_compare(uint16_t type, const union mapi_propval_data *a,
			    const union mapi_propval_data *b, unsigned fold_flags)
{
	uint16_t base = mapi_proptype_base(type);

	if (!mapi_proptype_is_multi(type) || (type & MAPI_PROPTYPE_MV_INSTANCE))
		return compare_single(base, a, b, fold_flags);
	for (uint32_t i = 0; i < a->mv.count && i < b->mv.count; i++) {
		union mapi_propval_data ea, eb;
		int c;

		mapi_propval_mv_get(base, &a->mv, i, &ea);
		mapi_propval_mv_get(base, &b->mv, i, &eb);
		c = compare_single(base, &ea, &eb, fold_flags);
		if (c != 0)
			return c;
	}
	return CMP(a->mv.count, b->mv.count);
}

/*
 * MS-OXCDATA 2.12.8 leaves "size" to the server: we count the bytes of the value as the wire
 * carries it (strings: UTF-8/8-bit bytes with the terminator, binary: its bytes, fixed types
 * their wire size, multi-values the sum of their elements).
 */
static uint32_t single_size(uint16_t base, const union mapi_propval_data *v)
{
	size_t n;

	switch (base) {
	case PT_STRING8: case PT_UNICODE:
		return v->str != NULL ? (uint32_t)strlen(v->str) + 1 : 0;
	case PT_BINARY: case PT_SVREID: case PT_ACTIONS:
		return v->bin.length;
	default:
		return mapi_proptype_fixed_size(base, &n) ? (uint32_t)n : 0;
	}
}

uint32_t mapistore_value_size(uint16_t type, const union mapi_propval_data *v)
{
	uint16_t base = mapi_proptype_base(type);
	uint64_t total = 0;

	if (!mapi_proptype_is_multi(type) || (type & MAPI_PROPTYPE_MV_INSTANCE))
		return single_size(base, v);
	for (uint32_t i = 0; i < v->mv.count; i++) {
		union mapi_propval_data e;

		mapi_propval_mv_get(base, &v->mv, i, &e);
		total += single_size(base, &e);
	}
	return total > UINT32_MAX ? UINT32_MAX : (uint32_t)total;
}
