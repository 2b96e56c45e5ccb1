/*
 * Builders for the table engine tests: property values, rows and restrictions in a few words.
 * Everything is allocated on the talloc context given; nothing is freed separately.
 */
#ifndef SAMBEX_TABLE_TEST_H
#define SAMBEX_TABLE_TEST_H

#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include <talloc.h>

#include "mapi_proptype.h"
#include "mapi_restriction.h"
#include "mapistore_restrict.h"
#include "mapistore_row.h"

/* Tags used across the tests (MS-OXPROPS). */
#define T_SUBJECT MAPI_PROP_TAG(0x0037, PT_UNICODE)
#define T_SUBJECT8 MAPI_PROP_TAG(0x0037, PT_STRING8)
#define T_DELIVERY MAPI_PROP_TAG(0x0E06, PT_SYSTIME)
#define T_SIZE MAPI_PROP_TAG(0x0E08, PT_LONG)
#define T_FLAGS MAPI_PROP_TAG(0x0E07, PT_LONG)
#define T_READ MAPI_PROP_TAG(0x0E69, PT_BOOLEAN)
#define T_FID MAPI_PROP_TAG(0x6748, PT_I8)
#define T_MID MAPI_PROP_TAG(0x674A, PT_I8)
#define T_KEYWORDS MAPI_PROP_TAG(0x8001, PT_MV_UNICODE)
#define T_NUMBERS MAPI_PROP_TAG(0x8002, PT_MV_LONG)
#define T_BLOB MAPI_PROP_TAG(0x8003, PT_BINARY)
#define T_SHORT MAPI_PROP_TAG(0x8004, PT_SHORT)
#define T_FLOAT MAPI_PROP_TAG(0x8005, PT_FLOAT)
#define T_DOUBLE MAPI_PROP_TAG(0x8006, PT_DOUBLE)
#define T_CURRENCY MAPI_PROP_TAG(0x8007, PT_CURRENCY)
#define T_APPTIME MAPI_PROP_TAG(0x8008, PT_APPTIME)
#define T_I8 MAPI_PROP_TAG(0x8009, PT_I8)
#define T_GUID MAPI_PROP_TAG(0x800A, PT_CLSID)
#define T_SVREID MAPI_PROP_TAG(0x800B, PT_SVREID)
#define T_ERRVAL MAPI_PROP_TAG(0x800C, PT_ERROR)
#define T_OTHER MAPI_PROP_TAG(0x800D, PT_LONG)
#define T_MVBIN MAPI_PROP_TAG(0x800E, PT_MV_BINARY)
#define T_MVSTR8 MAPI_PROP_TAG(0x800F, PT_MV_STRING8)
#define T_MVI_KEYWORDS (T_KEYWORDS | MAPI_PROPTYPE_MV_INSTANCE)
#define T_MVI_NUMBERS (T_NUMBERS | MAPI_PROPTYPE_MV_INSTANCE)

/* A value of tag holding d. */
static inline struct mapi_propval pv_data(uint32_t tag, union mapi_propval_data d)
{
	return (struct mapi_propval){ .tag = tag, .flag = MAPI_PROPVAL_FLAG_VALUE, .v = d };
}

static inline struct mapi_propval pv_i16(uint32_t tag, int16_t v)
{
	return pv_data(tag, (union mapi_propval_data){ .i16 = v });
}

static inline struct mapi_propval pv_i32(uint32_t tag, int32_t v)
{
	return pv_data(tag, (union mapi_propval_data){ .i32 = v });
}

static inline struct mapi_propval pv_i64(uint32_t tag, int64_t v)
{
	return pv_data(tag, (union mapi_propval_data){ .i64 = v });
}

static inline struct mapi_propval pv_f32(uint32_t tag, float v)
{
	return pv_data(tag, (union mapi_propval_data){ .f32 = v });
}

static inline struct mapi_propval pv_f64(uint32_t tag, double v)
{
	return pv_data(tag, (union mapi_propval_data){ .f64 = v });
}

static inline struct mapi_propval pv_time(uint32_t tag, uint64_t v)
{
	return pv_data(tag, (union mapi_propval_data){ .time = v });
}

static inline struct mapi_propval pv_bool(uint32_t tag, int v)
{
	return pv_data(tag, (union mapi_propval_data){ .b = v ? 1 : 0 });
}

static inline struct mapi_propval pv_err(uint32_t tag, uint32_t v)
{
	return pv_data(tag, (union mapi_propval_data){ .err = v });
}

static inline struct mapi_propval pv_str(TALLOC_CTX *ctx, uint32_t tag, const char *s)
{
	struct mapi_propval p = { .tag = tag };

	p.v.str = talloc_strdup(ctx, s);
	return p;
}

static inline struct mapi_propval pv_bin(TALLOC_CTX *ctx, uint32_t tag, const void *data, uint32_t len)
{
	struct mapi_propval p = { .tag = tag };

	p.v.bin.length = len;
	p.v.bin.data = len > 0 ? talloc_memdup(ctx, data, len) : NULL;
	return p;
}

static inline struct mapi_propval pv_guid(uint32_t tag, uint32_t time_low, uint8_t node0)
{
	struct mapi_propval p = { .tag = tag };

	memset(&p.v.guid, 0, sizeof(p.v.guid));
	p.v.guid.time_low = time_low;
	p.v.guid.node[0] = node0;
	return p;
}

static inline struct mapi_propval pv_mv_i32(TALLOC_CTX *ctx, uint32_t tag, uint32_t n,
					    const int32_t *v)
{
	struct mapi_propval p = { .tag = tag };

	p.v.mv.count = n;
	p.v.mv.v.i32 = n > 0 ? talloc_memdup(ctx, v, sizeof(*v) * n) : NULL;
	return p;
}

static inline struct mapi_propval pv_mv_str(TALLOC_CTX *ctx, uint32_t tag, uint32_t n,
					    const char *const *v)
{
	struct mapi_propval p = { .tag = tag };

	p.v.mv.count = n;
	p.v.mv.v.str = talloc_array(ctx, char *, n + 1);
	for (uint32_t i = 0; i < n; i++)
		p.v.mv.v.str[i] = talloc_strdup(ctx, v[i]);
	return p;
}

static inline struct mapi_propval pv_mv_bin(TALLOC_CTX *ctx, uint32_t tag, uint32_t n,
					    const char *const *v)
{
	struct mapi_propval p = { .tag = tag };

	p.v.mv.count = n;
	p.v.mv.v.bin = talloc_array(ctx, struct mapi_binary, n + 1);
	for (uint32_t i = 0; i < n; i++) {
		p.v.mv.v.bin[i].length = (uint32_t)strlen(v[i]);
		p.v.mv.v.bin[i].data = (uint8_t *)talloc_strdup(ctx, v[i]);
	}
	return p;
}

/* A row with n values (passed by value). */
static inline struct mapistore_row *row_new(TALLOC_CTX *ctx, uint64_t id, uint32_t n, ...)
{
	struct mapistore_row *row = talloc_zero(ctx, struct mapistore_row);
	va_list ap;

	row->id = id;
	row->count = n;
	row->props = talloc_array(row, struct mapi_propval, n + 1);
	va_start(ap, n);
	for (uint32_t i = 0; i < n; i++)
		row->props[i] = va_arg(ap, struct mapi_propval);
	va_end(ap);
	return row;
}

static inline struct mapi_restriction *res_new(TALLOC_CTX *ctx, uint8_t type)
{
	struct mapi_restriction *r = talloc_zero(ctx, struct mapi_restriction);

	r->type = type;
	return r;
}

static inline struct mapi_restriction *res_prop(TALLOC_CTX *ctx, uint8_t relop, uint32_t tag,
						struct mapi_propval value)
{
	struct mapi_restriction *r = res_new(ctx, MAPI_RES_PROPERTY);

	r->u.property.relop = relop;
	r->u.property.prop_tag = tag;
	r->u.property.value = value;
	return r;
}

static inline struct mapi_restriction *res_content(TALLOC_CTX *ctx, uint16_t low, uint16_t high,
						   uint32_t tag, struct mapi_propval value)
{
	struct mapi_restriction *r = res_new(ctx, MAPI_RES_CONTENT);

	r->u.content.fuzzy_low = low;
	r->u.content.fuzzy_high = high;
	r->u.content.prop_tag = tag;
	r->u.content.value = value;
	return r;
}

static inline struct mapi_restriction *res_exist(TALLOC_CTX *ctx, uint32_t tag)
{
	struct mapi_restriction *r = res_new(ctx, MAPI_RES_EXIST);

	r->u.exist.prop_tag = tag;
	return r;
}

static inline struct mapi_restriction *res_bitmask(TALLOC_CTX *ctx, uint8_t op, uint32_t tag,
						   uint32_t mask)
{
	struct mapi_restriction *r = res_new(ctx, MAPI_RES_BITMASK);

	r->u.bitmask.relop = op;
	r->u.bitmask.prop_tag = tag;
	r->u.bitmask.mask = mask;
	return r;
}

static inline struct mapi_restriction *res_size(TALLOC_CTX *ctx, uint8_t relop, uint32_t tag,
						uint32_t size)
{
	struct mapi_restriction *r = res_new(ctx, MAPI_RES_SIZE);

	r->u.size.relop = relop;
	r->u.size.prop_tag = tag;
	r->u.size.size = size;
	return r;
}

static inline struct mapi_restriction *res_compare(TALLOC_CTX *ctx, uint8_t relop, uint32_t tag1,
						   uint32_t tag2)
{
	struct mapi_restriction *r = res_new(ctx, MAPI_RES_COMPARE_PROPERTIES);

	r->u.compare.relop = relop;
	r->u.compare.tag1 = tag1;
	r->u.compare.tag2 = tag2;
	return r;
}

static inline struct mapi_restriction *res_not(TALLOC_CTX *ctx, struct mapi_restriction *sub)
{
	struct mapi_restriction *r = res_new(ctx, MAPI_RES_NOT);

	r->u.not_.sub = sub;
	return r;
}

static inline struct mapi_restriction *res_count(TALLOC_CTX *ctx, uint32_t count,
						 struct mapi_restriction *sub)
{
	struct mapi_restriction *r = res_new(ctx, MAPI_RES_COUNT);

	r->u.count.count = count;
	r->u.count.sub = sub;
	return r;
}

static inline struct mapi_restriction *res_sub(TALLOC_CTX *ctx, uint32_t subobject,
					       struct mapi_restriction *sub)
{
	struct mapi_restriction *r = res_new(ctx, MAPI_RES_SUBOBJECT);

	r->u.subobject.subobject = subobject;
	r->u.subobject.sub = sub;
	return r;
}

static inline struct mapi_restriction *res_comment(TALLOC_CTX *ctx, struct mapi_restriction *sub)
{
	struct mapi_restriction *r = res_new(ctx, MAPI_RES_COMMENT);

	r->u.comment.count = 1;
	r->u.comment.values = talloc_array(r, struct mapi_propval, 1);
	r->u.comment.values[0] = pv_i32(T_OTHER, 7);
	r->u.comment.sub = sub;
	return r;
}

/* And/Or of n restrictions (pointers, copied by value). */
static inline struct mapi_restriction *res_list(TALLOC_CTX *ctx, uint8_t type, uint32_t n, ...)
{
	struct mapi_restriction *r = res_new(ctx, type);
	va_list ap;

	r->u.and_or.count = n;
	r->u.and_or.items = talloc_zero_array(r, struct mapi_restriction, n + 1);
	va_start(ap, n);
	for (uint32_t i = 0; i < n; i++)
		r->u.and_or.items[i] = *va_arg(ap, struct mapi_restriction *);
	va_end(ap);
	return r;
}

/* One-off evaluation without a SubObject callback. */
static inline bool ev(const struct mapi_restriction *r, const struct mapistore_row *row)
{
	return mapistore_restrict_eval(r, row, NULL, NULL);
}

#endif
