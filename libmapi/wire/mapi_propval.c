/*
 * mapi_propval: property value structures of MS-OXCDATA 2.11 (see mapi_propval.h for the wire
 * facts). Values of one type are read and written by one pair of functions; multi-values loop
 * over the single-value element codec, so both directions share each element's layout.
 */
#include <errno.h>
#include <string.h>

#include "mapi_le.h"

#include "mapi_propval.h"
#include "mapi_restriction.h"

#define FORMAT ecRpcFormat
#define NOMEM MAPI_E_NOT_ENOUGH_MEMORY
#define BADARG MAPI_E_INVALID_PARAMETER

/* Writes a count of width bytes; a value that does not fit is the caller's error. */
static uint32_t push_count(struct mapi_propval_writer *w, unsigned width, uint64_t count)
{
	if (width == 2) {
		return count > UINT16_MAX ? BADARG : mapi_propval_push_u16(w, (uint16_t)count);
	}
	return count > UINT32_MAX ? BADARG : mapi_propval_push_u32(w, (uint32_t)count);
}

/* 2.11.1.1: the widths of the COUNT fields in each context. */
static unsigned binary_count_width(enum mapi_propval_context context)
{
	return context == MAPI_PROPVAL_ROP ? 2 : 4;
}

static unsigned mv_count_width(enum mapi_propval_context context)
{
	(void)context;
	return 4;
}

/* ---------------------------------------------------------------- strings */

/* PtypString: UTF-16LE up to a 0x0000 unit at an even offset, converted to UTF-8. */
static uint32_t pull_unicode(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r, char **out)
{
	const uint8_t *start = r->data + r->off;
	size_t left = mapi_propval_reader_left(r), n = 0, out_len = 0;
	int err;

	bool ascii = true;

	while (n + 1 < left && (start[n] != 0 || start[n + 1] != 0)) {
		ascii = ascii && start[n] < 0x80 && start[n + 1] == 0;
		n += 2;
	}
	if (n + 1 >= left) {
		return FORMAT;	/* no terminator */
	}
	if (ascii) {
		/* most strings are ASCII: UTF-16 units below 0x80 are their UTF-8 bytes */
		*out = talloc_array(mem_ctx, char, n / 2 + 1);
		if (*out == NULL) {
			return NOMEM;
		}
		for (size_t i = 0; i < n / 2; i++) {
			(*out)[i] = (char)start[2 * i];
		}
		(*out)[n / 2] = '\0';
		r->off += n + 2;
		return 0;
	}
	err = mapi_utf16_to_utf8(r->conv, mem_ctx, start, n, out, &out_len);
	if (err != 0) {
		return err == ENOMEM ? NOMEM : FORMAT;
	}
	if (strlen(*out) != out_len) {
		return FORMAT;	/* cannot happen: the scan stopped at the first NUL unit */
	}
	r->off += n + 2;
	return 0;
}

/*
 * The ASCII case of push_unicode without a converter: true (and *ret set) when s is all ASCII,
 * false when it holds other bytes and needs the UTF-8 to UTF-16 conversion.
 */
static bool push_unicode_ascii(struct mapi_propval_writer *w, const char *s, uint32_t *ret)
{
	uint8_t chunk[256];
	size_t n = 0;

	for (const char *p = s; *p != '\0'; p++) {
		if ((unsigned char)*p >= 0x80) {
			return false;
		}
	}
	*ret = 0;
	for (const char *p = s;; p++) {
		chunk[n++] = (uint8_t)*p;
		chunk[n++] = 0;
		if (n == sizeof(chunk) || *p == '\0') {
			*ret = mapi_propval_push_bytes(w, chunk, n);
			n = 0;
		}
		if (*ret != 0 || *p == '\0') {
			return true;
		}
	}
}

static uint32_t push_unicode(struct mapi_propval_writer *w, const char *s)
{
	uint8_t *u16 = NULL;
	size_t len = 0;
	uint32_t ret;
	int err;

	if (s == NULL) {
		return BADARG;
	}
	if (push_unicode_ascii(w, s, &ret)) {
		return ret;
	}
	err = mapi_utf16_from_utf8(w->conv, w->mem_ctx, s, strlen(s), &u16, &len);
	if (err != 0) {
		return err == ENOMEM ? NOMEM : BADARG;
	}
	/* len + 2: the converter wrote the terminator */
	ret = mapi_propval_push_bytes(w, u16, len + 2);
	talloc_free(u16);
	return ret;
}

/* PtypString8: bytes up to a 0x00, kept as they are. */
static uint32_t pull_string8(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r, char **out)
{
	const uint8_t *start = r->data + r->off;
	const uint8_t *nul = memchr(start, 0, mapi_propval_reader_left(r));

	if (nul == NULL) {
		return FORMAT;
	}
	*out = talloc_strndup(mem_ctx, (const char *)start, (size_t)(nul - start));
	if (*out == NULL) {
		return NOMEM;
	}
	r->off += (size_t)(nul - start) + 1;
	return 0;
}

static uint32_t push_string8(struct mapi_propval_writer *w, const char *s)
{
	if (s == NULL) {
		return BADARG;
	}
	return mapi_propval_push_bytes(w, s, strlen(s) + 1);
}

/* ---------------------------------------------------------------- counted bytes */

static uint32_t pull_counted(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r, unsigned width,
			     struct mapi_binary *bin)
{
	uint32_t count, ret = mapi_propval_pull_count(r, width, 1, &count);
	const uint8_t *p;

	if (ret != 0) {
		return ret;
	}
	p = mapi_propval_pull_bytes(r, count);
	bin->length = count;
	bin->data = NULL;
	if (count > 0) {
		bin->data = talloc_memdup(mem_ctx, p, count);
		if (bin->data == NULL) {
			return NOMEM;
		}
	}
	return 0;
}

static uint32_t push_counted(struct mapi_propval_writer *w, unsigned width,
			     const struct mapi_binary *bin)
{
	uint32_t ret;

	if (bin->length > 0 && bin->data == NULL) {
		return BADARG;
	}
	ret = push_count(w, width, bin->length);
	return ret != 0 ? ret : mapi_propval_push_bytes(w, bin->data, bin->length);
}

/*
 * PtypRuleAction (MS-OXORULE 2.2.5): NoOfActions then ActionBlocks, each led by its
 * ActionLength. Framed here, kept raw: the returned bytes include NoOfActions.
 */
static uint32_t frame_rule_actions(const uint8_t *p, size_t left, unsigned width, size_t *len_r)
{
	size_t off = width, n;
	uint32_t count;

	if (left < width) {
		return FORMAT;
	}
	count = width == 2 ? mapi_le16_get(p) : mapi_le32_get(p);
	if (count == 0) {
		return FORMAT;	/* "This number MUST be greater than zero." */
	}
	for (uint32_t i = 0; i < count; i++) {
		if (left - off < width) {
			return FORMAT;
		}
		n = width == 2 ? mapi_le16_get(p + off) : mapi_le32_get(p + off);
		off += width;
		if (n > left - off) {
			return FORMAT;
		}
		off += n;
	}
	*len_r = off;
	return 0;
}

static uint32_t pull_rule_actions(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
				  struct mapi_binary *bin)
{
	size_t len = 0;
	uint32_t ret = frame_rule_actions(r->data + r->off, mapi_propval_reader_left(r),
					  binary_count_width(r->context), &len);

	if (ret != 0) {
		return ret;
	}
	bin->length = (uint32_t)len;
	bin->data = talloc_memdup(mem_ctx, mapi_propval_pull_bytes(r, len), len);
	return bin->data == NULL ? NOMEM : 0;
}

static uint32_t push_rule_actions(struct mapi_propval_writer *w, const struct mapi_binary *bin)
{
	size_t len = 0;

	if (bin->data == NULL || frame_rule_actions(bin->data, bin->length,
						    binary_count_width(w->context), &len) != 0 ||
	    len != bin->length) {
		return BADARG;
	}
	return mapi_propval_push_bytes(w, bin->data, bin->length);
}

/* ---------------------------------------------------------------- single values */

/* The smallest wire size of one element of a single-value type, for count caps. */
static size_t element_min_size(uint16_t base, enum mapi_propval_context context)
{
	size_t size;

	if (mapi_proptype_fixed_size(base, &size)) {
		return size;
	}
	switch (base) {
	case PT_UNICODE:
		return 2;
	case PT_STRING8:
		return 1;
	default:
		return binary_count_width(context);	/* PT_BINARY */
	}
}

static uint32_t pull_guid(struct mapi_propval_reader *r, struct GUID *g)
{
	const uint8_t *p = mapi_propval_pull_bytes(r, MAPI_GUID_WIRE_SIZE);

	if (p == NULL) {
		return FORMAT;
	}
	mapi_guid_from_wire(p, g);
	return 0;
}

static uint32_t push_guid(struct mapi_propval_writer *w, const struct GUID *g)
{
	uint8_t b[MAPI_GUID_WIRE_SIZE];

	mapi_guid_to_wire(g, b);
	return mapi_propval_push_bytes(w, b, sizeof(b));
}

static uint32_t pull_fixed(struct mapi_propval_reader *r, uint16_t type, union mapi_propval_data *d)
{
	uint64_t v64 = 0;
	uint32_t v32 = 0, ret;
	uint16_t v16 = 0;
	uint8_t v8 = 0;

	switch (type) {
	case PT_SHORT:
		ret = mapi_propval_pull_u16(r, &v16);
		d->i16 = (int16_t)v16;
		return ret;
	case PT_LONG:
		ret = mapi_propval_pull_u32(r, &v32);
		d->i32 = (int32_t)v32;
		return ret;
	case PT_ERROR:
	case PT_OBJECT:
		return mapi_propval_pull_u32(r, &d->err);	/* err and object share storage */
	case PT_FLOAT:
		ret = mapi_propval_pull_u32(r, &v32);
		memcpy(&d->f32, &v32, sizeof(d->f32));
		return ret;
	case PT_DOUBLE:
	case PT_APPTIME:
		ret = mapi_propval_pull_u64(r, &v64);
		memcpy(&d->f64, &v64, sizeof(d->f64));
		return ret;
	case PT_CURRENCY:
	case PT_I8:
		ret = mapi_propval_pull_u64(r, &v64);
		d->i64 = (int64_t)v64;
		return ret;
	case PT_SYSTIME:
		return mapi_propval_pull_u64(r, &d->time);
	case PT_BOOLEAN:
		ret = mapi_propval_pull_u8(r, &v8);
		d->b = v8;
		return ret != 0 ? ret : (v8 > 1 ? FORMAT : 0);	/* R2698: 1 or 0 */
	case PT_CLSID:
		return pull_guid(r, &d->guid);
	default:
		return FORMAT;
	}
}

static uint32_t push_fixed(struct mapi_propval_writer *w, uint16_t type,
			   const union mapi_propval_data *d)
{
	uint64_t v64;
	uint32_t v32;

	switch (type) {
	case PT_SHORT:
		return mapi_propval_push_u16(w, (uint16_t)d->i16);
	case PT_LONG:
		return mapi_propval_push_u32(w, (uint32_t)d->i32);
	case PT_ERROR:
	case PT_OBJECT:
		return mapi_propval_push_u32(w, d->err);
	case PT_FLOAT:
		memcpy(&v32, &d->f32, sizeof(v32));
		return mapi_propval_push_u32(w, v32);
	case PT_DOUBLE:
	case PT_APPTIME:
		memcpy(&v64, &d->f64, sizeof(v64));
		return mapi_propval_push_u64(w, v64);
	case PT_CURRENCY:
	case PT_I8:
		return mapi_propval_push_u64(w, (uint64_t)d->i64);
	case PT_SYSTIME:
		return mapi_propval_push_u64(w, d->time);
	case PT_BOOLEAN:
		return d->b > 1 ? BADARG : mapi_propval_push_u8(w, d->b);
	case PT_CLSID:
		return push_guid(w, &d->guid);
	default:
		return BADARG;
	}
}

static uint32_t pull_restriction_value(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
				       struct mapi_restriction **res_r)
{
	struct mapi_restriction *res = talloc_zero(mem_ctx, struct mapi_restriction);

	*res_r = res;
	return res == NULL ? NOMEM : mapi_restriction_pull(res, r, res);
}

/* One value of a single-value type. */
static uint32_t pull_single(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r, uint16_t type,
			    union mapi_propval_data *d)
{
	switch (type) {
	case PT_NULL:
		return 0;
	case PT_UNICODE:
		return pull_unicode(mem_ctx, r, &d->str);
	case PT_STRING8:
		return pull_string8(mem_ctx, r, &d->str);
	case PT_BINARY:
		return pull_counted(mem_ctx, r, binary_count_width(r->context), &d->bin);
	case PT_SVREID:
		return pull_counted(mem_ctx, r, 2, &d->bin);	/* R2704: 16-bit COUNT */
	case PT_ACTIONS:
		return pull_rule_actions(mem_ctx, r, &d->bin);
	case PT_SRESTRICT:
		return pull_restriction_value(mem_ctx, r, &d->res);
	default:
		return pull_fixed(r, type, d);
	}
}

static uint32_t push_single(struct mapi_propval_writer *w, uint16_t type,
			    const union mapi_propval_data *d)
{
	switch (type) {
	case PT_NULL:
		return 0;
	case PT_UNICODE:
		return push_unicode(w, d->str);
	case PT_STRING8:
		return push_string8(w, d->str);
	case PT_BINARY:
		return push_counted(w, binary_count_width(w->context), &d->bin);
	case PT_SVREID:
		return push_counted(w, 2, &d->bin);
	case PT_ACTIONS:
		return push_rule_actions(w, &d->bin);
	case PT_SRESTRICT:
		return d->res == NULL ? BADARG : mapi_restriction_push(w, d->res);
	default:
		return push_fixed(w, type, d);
	}
}

/* ---------------------------------------------------------------- multi-values */

size_t mapi_propval_mv_element_size(uint16_t base)
{
	switch (base) {
	case PT_SHORT: return sizeof(int16_t);
	case PT_LONG: return sizeof(int32_t);
	case PT_FLOAT: return sizeof(float);
	case PT_DOUBLE: case PT_APPTIME: return sizeof(double);
	case PT_CURRENCY: case PT_I8: return sizeof(int64_t);
	case PT_SYSTIME: return sizeof(uint64_t);
	case PT_STRING8: case PT_UNICODE: return sizeof(char *);
	case PT_CLSID: return sizeof(struct GUID);
	case PT_BINARY: return sizeof(struct mapi_binary);
	default: return 0;
	}
}

void mapi_propval_mv_get(uint16_t base, const struct mapi_propval_mv *mv, uint32_t i,
			union mapi_propval_data *d)
{
	size_t size = mapi_propval_mv_element_size(base);

	memcpy(d, (const uint8_t *)mv->v.i16 + (size_t)i * size, size);
}

void mapi_propval_mv_set(uint16_t base, struct mapi_propval_mv *mv, uint32_t i,
			const union mapi_propval_data *d)
{
	size_t size = mapi_propval_mv_element_size(base);

	memcpy((uint8_t *)mv->v.i16 + (size_t)i * size, d, size);
}

static uint32_t pull_multi(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r, uint16_t base,
			   struct mapi_propval_mv *mv)
{
	size_t esize = mapi_propval_mv_element_size(base);
	uint32_t count, ret;
	void *arr = NULL;

	if (esize == 0) {
		return FORMAT;
	}
	ret = mapi_propval_pull_count(r, mv_count_width(r->context),
				      element_min_size(base, r->context), &count);
	if (ret != 0) {
		return ret;
	}
	if (count > 0) {
		arr = talloc_zero_size(mem_ctx, (size_t)count * esize);
		if (arr == NULL) {
			return NOMEM;
		}
	}
	mv->count = count;
	mv->v.i16 = arr;
	for (uint32_t i = 0; i < count; i++) {
		union mapi_propval_data d;

		memset(&d, 0, sizeof(d));
		ret = pull_single(arr, r, base, &d);
		if (ret != 0) {
			return ret;
		}
		mapi_propval_mv_set(base, mv, i, &d);
	}
	return 0;
}

static uint32_t push_multi(struct mapi_propval_writer *w, uint16_t base,
			   const struct mapi_propval_mv *mv)
{
	uint32_t ret;

	if (mapi_propval_mv_element_size(base) == 0 || (mv->count > 0 && mv->v.i16 == NULL)) {
		return BADARG;
	}
	ret = push_count(w, mv_count_width(w->context), mv->count);
	for (uint32_t i = 0; ret == 0 && i < mv->count; i++) {
		union mapi_propval_data d;

		mapi_propval_mv_get(base, mv, i, &d);
		ret = push_single(w, base, &d);
	}
	return ret;
}

/* ---------------------------------------------------------------- the structures */

bool mapi_propval_wire_type(uint16_t type, uint16_t *wire_type)
{
	if (!mapi_proptype_is_valid(type) || type == PT_UNSPECIFIED) {
		return false;
	}
	*wire_type = (type & MAPI_PROPTYPE_MV_INSTANCE) ? mapi_proptype_base(type) : type;
	return true;
}

static uint32_t pull_data(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r, uint16_t type,
			  union mapi_propval_data *d)
{
	uint16_t wt;

	memset(d, 0, sizeof(*d));
	if (!mapi_propval_wire_type(type, &wt)) {
		return FORMAT;
	}
	if (mapi_proptype_is_multi(wt)) {
		return pull_multi(mem_ctx, r, mapi_proptype_base(wt), &d->mv);
	}
	return pull_single(mem_ctx, r, wt, d);
}

static uint32_t push_data(struct mapi_propval_writer *w, uint16_t type,
			  const union mapi_propval_data *d)
{
	uint16_t wt;

	if (!mapi_propval_wire_type(type, &wt)) {
		return BADARG;
	}
	if (mapi_proptype_is_multi(wt)) {
		return push_multi(w, mapi_proptype_base(wt), &d->mv);
	}
	return push_single(w, wt, d);
}

/* 2.11.2.1 */
uint32_t mapi_propval_pull_value(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r, uint16_t type,
				 struct mapi_propval *pv)
{
	pv->tag = type;
	pv->flag = MAPI_PROPVAL_FLAG_VALUE;
	return pull_data(mem_ctx, r, type, &pv->v);
}

uint32_t mapi_propval_push_value(struct mapi_propval_writer *w, uint16_t type,
				 const struct mapi_propval *pv)
{
	return push_data(w, type, &pv->v);
}

/* 2.11.3 */
uint32_t mapi_propval_pull_typed(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
				 struct mapi_propval *pv)
{
	uint16_t type;
	uint32_t ret = mapi_propval_pull_u16(r, &type);

	return ret != 0 ? ret : mapi_propval_pull_value(mem_ctx, r, type, pv);
}

uint32_t mapi_propval_push_typed(struct mapi_propval_writer *w, const struct mapi_propval *pv)
{
	uint16_t type = mapi_prop_type(pv->tag);
	uint32_t ret = mapi_propval_push_u16(w, type);

	return ret != 0 ? ret : push_data(w, type, &pv->v);
}

/* 2.11.4 */
uint32_t mapi_propval_pull_tagged(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
				  struct mapi_propval *pv)
{
	uint32_t tag, ret = mapi_propval_pull_u32(r, &tag);

	if (ret != 0) {
		return ret;
	}
	ret = mapi_propval_pull_value(mem_ctx, r, mapi_prop_type(tag), pv);
	pv->tag = tag;
	return ret;
}

uint32_t mapi_propval_push_tagged(struct mapi_propval_writer *w, const struct mapi_propval *pv)
{
	uint32_t ret = mapi_propval_push_u32(w, pv->tag);

	return ret != 0 ? ret : push_data(w, mapi_prop_type(pv->tag), &pv->v);
}

/* 2.11.5: Flag, then a value, nothing, or an error code. */
uint32_t mapi_propval_pull_flagged(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
				   uint16_t type, struct mapi_propval *pv)
{
	uint8_t flag;
	uint32_t ret = mapi_propval_pull_u8(r, &flag);
	uint16_t wt;

	if (ret != 0) {
		return ret;
	}
	if (!mapi_propval_wire_type(type, &wt)) {
		/* also when no value follows: the type must be one of 2.11.1 */
		return FORMAT;
	}
	pv->tag = type;
	pv->flag = flag;
	memset(&pv->v, 0, sizeof(pv->v));
	switch (flag) {
	case MAPI_PROPVAL_FLAG_VALUE:
		return pull_data(mem_ctx, r, type, &pv->v);
	case MAPI_PROPVAL_FLAG_MISSING:
		return 0;
	case MAPI_PROPVAL_FLAG_ERROR:
		return mapi_propval_pull_u32(r, &pv->v.err);
	default:
		return FORMAT;	/* R475 */
	}
}

uint32_t mapi_propval_push_flagged(struct mapi_propval_writer *w, uint16_t type,
				   const struct mapi_propval *pv)
{
	uint32_t ret;
	uint16_t wt;

	if (!mapi_propval_wire_type(type, &wt) ||
	    (pv->flag != MAPI_PROPVAL_FLAG_VALUE && pv->flag != MAPI_PROPVAL_FLAG_MISSING &&
	     pv->flag != MAPI_PROPVAL_FLAG_ERROR)) {
		return BADARG;
	}
	ret = mapi_propval_push_u8(w, pv->flag);
	if (ret != 0 || pv->flag == MAPI_PROPVAL_FLAG_MISSING) {
		return ret;
	}
	if (pv->flag == MAPI_PROPVAL_FLAG_ERROR) {
		return mapi_propval_push_u32(w, pv->v.err);
	}
	return push_data(w, type, &pv->v);
}

/* 2.11.6 */
uint32_t mapi_propval_pull_flagged_typed(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
					 struct mapi_propval *pv)
{
	uint16_t type;
	uint32_t ret = mapi_propval_pull_u16(r, &type);

	return ret != 0 ? ret : mapi_propval_pull_flagged(mem_ctx, r, type, pv);
}

uint32_t mapi_propval_push_flagged_typed(struct mapi_propval_writer *w,
					 const struct mapi_propval *pv)
{
	uint16_t type = mapi_prop_type(pv->tag);
	uint32_t ret = mapi_propval_push_u16(w, type);

	return ret != 0 ? ret : mapi_propval_push_flagged(w, type, pv);
}

/* 2.11.7 */
uint32_t mapi_propval_pull_typed_string(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
					struct mapi_typed_string *ts)
{
	uint32_t ret = mapi_propval_pull_u8(r, &ts->string_type);

	ts->str = NULL;
	if (ret != 0) {
		return ret;
	}
	switch (ts->string_type) {
	case MAPI_TYPED_STRING_NONE:
	case MAPI_TYPED_STRING_EMPTY:
		return 0;
	case MAPI_TYPED_STRING_8BIT:
	case MAPI_TYPED_STRING_REDUCED:
		return pull_string8(mem_ctx, r, &ts->str);
	case MAPI_TYPED_STRING_UNICODE:
		return pull_unicode(mem_ctx, r, &ts->str);
	default:
		return FORMAT;	/* R489 */
	}
}

uint32_t mapi_propval_push_typed_string(struct mapi_propval_writer *w,
					const struct mapi_typed_string *ts)
{
	uint32_t ret;

	if (ts->string_type > MAPI_TYPED_STRING_UNICODE) {
		return BADARG;
	}
	ret = mapi_propval_push_u8(w, ts->string_type);
	if (ret != 0 || ts->string_type <= MAPI_TYPED_STRING_EMPTY) {
		return ret;
	}
	if (ts->string_type == MAPI_TYPED_STRING_UNICODE) {
		return push_unicode(w, ts->str);
	}
	return push_string8(w, ts->str);
}
