/*
 * Unit tests: mapi_propval (MS-OXCDATA 2.11). Every type of 2.11.1, single and multi-value, in
 * every structure (PropertyValue, TypedPropertyValue, TaggedPropertyValue, FlaggedPropertyValue,
 * FlaggedPropertyValueWithType) and both COUNT contexts: encode, decode, compare, re-encode byte
 * for byte, and every truncation refused. Then exact encodings written from the spec, hostile
 * inputs (count bombs, bad UTF-16, bad booleans, bad flags, unknown types) and encoder refusals.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mapi_propval.h"
#include "mapi_restriction.h"

#define FORMAT ecRpcFormat

enum form { F_VALUE, F_TYPED, F_TAGGED, F_FLAGGED, F_FLAGGED_TYPED, F_COUNT };

static const char *const form_names[F_COUNT] = {
	"PropertyValue", "TypedPropertyValue", "TaggedPropertyValue", "FlaggedPropertyValue",
	"FlaggedPropertyValueWithType",
};

static const uint16_t single_types[] = {
	PT_NULL, PT_SHORT, PT_LONG, PT_FLOAT, PT_DOUBLE, PT_CURRENCY, PT_APPTIME, PT_ERROR,
	PT_BOOLEAN, PT_OBJECT, PT_I8, PT_STRING8, PT_UNICODE, PT_SYSTIME, PT_CLSID, PT_SVREID,
	PT_SRESTRICT, PT_ACTIONS, PT_BINARY,
};

static const uint16_t multi_types[] = {
	PT_MV_SHORT, PT_MV_LONG, PT_MV_FLOAT, PT_MV_DOUBLE, PT_MV_CURRENCY, PT_MV_APPTIME, PT_MV_I8,
	PT_MV_STRING8, PT_MV_UNICODE, PT_MV_SYSTIME, PT_MV_CLSID, PT_MV_BINARY,
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static uint32_t pull(TALLOC_CTX *mem_ctx, enum form f, uint16_t type, const uint8_t *data,
		     size_t len, enum mapi_propval_context ctx, struct mapi_propval *pv,
		     size_t *used)
{
	struct mapi_propval_reader r;
	uint32_t ret;

	mapi_propval_reader_init(&r, data, len, ctx, NULL);
	switch (f) {
	case F_VALUE: ret = mapi_propval_pull_value(mem_ctx, &r, type, pv); break;
	case F_TYPED: ret = mapi_propval_pull_typed(mem_ctx, &r, pv); break;
	case F_TAGGED: ret = mapi_propval_pull_tagged(mem_ctx, &r, pv); break;
	case F_FLAGGED: ret = mapi_propval_pull_flagged(mem_ctx, &r, type, pv); break;
	default: ret = mapi_propval_pull_flagged_typed(mem_ctx, &r, pv); break;
	}
	if (used != NULL) {
		*used = r.off;
	}
	return ret;
}

static uint32_t push(TALLOC_CTX *mem_ctx, enum form f, uint16_t type,
		     const struct mapi_propval *pv, enum mapi_propval_context ctx,
		     uint8_t **out, size_t *out_len)
{
	struct mapi_propval_writer w;
	uint32_t ret;

	mapi_propval_writer_init(&w, mem_ctx, ctx, NULL);
	switch (f) {
	case F_VALUE: ret = mapi_propval_push_value(&w, type, pv); break;
	case F_TYPED: ret = mapi_propval_push_typed(&w, pv); break;
	case F_TAGGED: ret = mapi_propval_push_tagged(&w, pv); break;
	case F_FLAGGED: ret = mapi_propval_push_flagged(&w, type, pv); break;
	default: ret = mapi_propval_push_flagged_typed(&w, pv); break;
	}
	*out = w.data;
	*out_len = w.len;
	return ret;
}

/* ---------------------------------------------------------------- sample values */

static struct mapi_restriction *sample_restriction(TALLOC_CTX *mem_ctx, int variant)
{
	struct mapi_restriction *res = talloc_zero(mem_ctx, struct mapi_restriction);

	res->type = MAPI_RES_EXIST;
	res->u.exist.prop_tag = 0x0037001F + (uint32_t)variant;
	return res;
}

/* A rule action block list (MS-OXORULE 2.2.5): count, then ActionLength + bytes each. */
static void sample_actions(TALLOC_CTX *mem_ctx, enum mapi_propval_context ctx, int variant,
			   struct mapi_binary *bin)
{
	static const uint8_t rop[] = { 0x01, 0x00, 0x03, 0x00, 0x05, 0x00, 0x00 };
	static const uint8_t ext[] = { 0x01, 0, 0, 0, 0x03, 0, 0, 0, 0x05, 0x00, 0x00 };

	bin->length = ctx == MAPI_PROPVAL_ROP ? sizeof(rop) : sizeof(ext);
	bin->data = talloc_memdup(mem_ctx, ctx == MAPI_PROPVAL_ROP ? rop : ext, bin->length);
	bin->data[bin->length - 1] = (uint8_t)variant;
}

static void sample_single(TALLOC_CTX *mem_ctx, uint16_t type, int v,
			  enum mapi_propval_context ctx, union mapi_propval_data *d)
{
	static const char *const strs[] = { "", "Hello World", "\xc3\xa9t\xc3\xa9 \xe2\x82\xac",
					    "\xf0\x9f\x98\x80 smile" };
	static const char *const str8s[] = { "", "IPM.Note", "x\x80\xff", "abc" };

	memset(d, 0, sizeof(*d));
	switch (type) {
	case PT_SHORT: d->i16 = (int16_t)(v == 1 ? -2 : 0x1234 + v); break;
	case PT_LONG: d->i32 = v == 1 ? -1 : 0x12345678 + v; break;
	case PT_FLOAT: d->f32 = 1.5f + (float)v; break;
	case PT_DOUBLE: case PT_APPTIME: d->f64 = -2.25 + v; break;
	case PT_CURRENCY: case PT_I8: d->i64 = v == 1 ? INT64_MIN : 0x0102030405060708LL + v; break;
	case PT_SYSTIME: d->time = 0x01C87355EA03051DULL + (uint64_t)v; break;
	case PT_ERROR: d->err = 0x8004010F + (uint32_t)v; break;
	case PT_OBJECT: d->object = (uint32_t)v; break;
	case PT_BOOLEAN: d->b = (uint8_t)(v & 1); break;
	case PT_STRING8: d->str = talloc_strdup(mem_ctx, str8s[v % 4]); break;
	case PT_UNICODE: d->str = talloc_strdup(mem_ctx, strs[v % 4]); break;
	case PT_CLSID:
		for (int i = 0; i < 8; i++) {
			d->guid.node[i % 6] = (uint8_t)(i + v);
		}
		d->guid.time_low = 0x11223344U + (uint32_t)v;
		d->guid.time_mid = 0x5566;
		d->guid.time_hi_and_version = 0x7788;
		d->guid.clock_seq[0] = 0x99;
		break;
	case PT_BINARY: case PT_SVREID:
		d->bin.length = (uint32_t)(v % 3) * 3;
		d->bin.data = d->bin.length ? talloc_memdup(mem_ctx, "\x01\x02\x03\x04\x05\x06\x07",
							    d->bin.length) : NULL;
		if (d->bin.length) {
			d->bin.data[0] = (uint8_t)v;
		}
		break;
	case PT_SRESTRICT: d->res = sample_restriction(mem_ctx, v); break;
	case PT_ACTIONS: sample_actions(mem_ctx, ctx, v, &d->bin); break;
	default: break;
	}
}

static void sample_multi(TALLOC_CTX *mem_ctx, uint16_t type, uint32_t count,
			 enum mapi_propval_context ctx, union mapi_propval_data *d)
{
	uint16_t base = mapi_proptype_base(type);
	size_t esize;

	memset(d, 0, sizeof(*d));
	switch (base) {
	case PT_SHORT: esize = sizeof(int16_t); break;
	case PT_LONG: case PT_FLOAT: esize = 4; break;
	case PT_STRING8: case PT_UNICODE: esize = sizeof(char *); break;
	case PT_CLSID: esize = sizeof(struct GUID); break;
	case PT_BINARY: esize = sizeof(struct mapi_binary); break;
	default: esize = 8; break;
	}
	d->mv.count = count;
	d->mv.v.i16 = count ? talloc_zero_size(mem_ctx, esize * count) : NULL;
	for (uint32_t i = 0; i < count; i++) {
		union mapi_propval_data e;

		sample_single(mem_ctx, base, (int)i, ctx, &e);
		memcpy((uint8_t *)d->mv.v.i16 + i * esize, &e, esize);
	}
}

/* ---------------------------------------------------------------- the round trip */

/*
 * Encodes pv in form f, decodes it, checks equality, re-encodes byte for byte, and checks that
 * every shorter prefix is refused with ecRpcFormat. Returns the encoded length.
 */
static size_t round_trip(enum form f, uint16_t type, const struct mapi_propval *pv,
			 enum mapi_propval_context ctx)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_propval back;
	uint8_t *out = NULL, *again = NULL;
	size_t len = 0, len2 = 0, used = 0;

	assert_int_equal(push(mem_ctx, f, type, pv, ctx, &out, &len), 0);
	assert_int_equal(pull(mem_ctx, f, type, out, len, ctx, &back, &used), 0);
	assert_int_equal(used, len);
	if (!mapi_propval_equal(pv, &back)) {
		fail_msg("%s type 0x%04x ctx %d: decoded value differs", form_names[f], type, ctx);
	}
	assert_int_equal(push(mem_ctx, f, type, &back, ctx, &again, &len2), 0);
	assert_int_equal(len2, len);
	if (len > 0) {
		assert_memory_equal(again, out, len);
	}
	for (size_t cut = 0; cut < len; cut++) {
		/* a heap copy, so ASan sees any read past cut */
		uint8_t *copy = talloc_memdup(mem_ctx, out, cut + 1);
		uint32_t ret = pull(mem_ctx, f, type, copy, cut, ctx, &back, NULL);

		if (ret != FORMAT) {
			fail_msg("%s type 0x%04x: prefix %zu/%zu gave 0x%08x", form_names[f], type,
				 cut, len, ret);
		}
	}
	talloc_free(mem_ctx);
	return len;
}

static void make_pv(struct mapi_propval *pv, enum form f, uint16_t type, uint8_t flag)
{
	pv->tag = (f == F_TAGGED) ? MAPI_PROP_TAG(0x6601, type) : type;
	pv->flag = (f == F_FLAGGED || f == F_FLAGGED_TYPED) ? flag : MAPI_PROPVAL_FLAG_VALUE;
}

static void test_every_single_type(void **state)
{
	(void)state;
	for (int ctx = 0; ctx < 2; ctx++) {
		for (size_t t = 0; t < N(single_types); t++) {
			for (int f = 0; f < F_COUNT; f++) {
				for (int v = 0; v < 4; v++) {
					TALLOC_CTX *mem_ctx = talloc_new(NULL);
					struct mapi_propval pv;

					make_pv(&pv, f, single_types[t], MAPI_PROPVAL_FLAG_VALUE);
					sample_single(mem_ctx, single_types[t], v, ctx, &pv.v);
					round_trip(f, single_types[t], &pv, ctx);
					talloc_free(mem_ctx);
				}
			}
		}
	}
}

static void test_every_multi_type(void **state)
{
	static const uint32_t counts[] = { 0, 1, 3, 17 };

	(void)state;
	for (int ctx = 0; ctx < 2; ctx++) {
		for (size_t t = 0; t < N(multi_types); t++) {
			for (int f = 0; f < F_COUNT; f++) {
				for (size_t c = 0; c < N(counts); c++) {
					TALLOC_CTX *mem_ctx = talloc_new(NULL);
					struct mapi_propval pv;

					make_pv(&pv, f, multi_types[t], MAPI_PROPVAL_FLAG_VALUE);
					sample_multi(mem_ctx, multi_types[t], counts[c], ctx,
						     &pv.v);
					round_trip(f, multi_types[t], &pv, ctx);
					talloc_free(mem_ctx);
				}
			}
		}
	}
}

/* Flag 0x1 (no value) and 0xA (error code) for every type, both flagged forms. */
static void test_flagged_missing_and_error(void **state)
{
	(void)state;
	for (size_t t = 0; t < N(single_types) + N(multi_types); t++) {
		uint16_t type = t < N(single_types) ? single_types[t]
						    : multi_types[t - N(single_types)];

		for (int f = F_FLAGGED; f <= F_FLAGGED_TYPED; f++) {
			struct mapi_propval pv;

			memset(&pv, 0, sizeof(pv));
			make_pv(&pv, f, type, MAPI_PROPVAL_FLAG_MISSING);
			assert_int_equal(round_trip(f, type, &pv, MAPI_PROPVAL_ROP),
					 f == F_FLAGGED ? 1 : 3);
			make_pv(&pv, f, type, MAPI_PROPVAL_FLAG_ERROR);
			pv.v.err = 0x8004010F;
			assert_int_equal(round_trip(f, type, &pv, MAPI_PROPVAL_ROP),
					 f == F_FLAGGED ? 5 : 7);
		}
	}
}

/* ---------------------------------------------------------------- exact bytes */

static void expect_bytes(enum form f, uint16_t type, const struct mapi_propval *pv,
			 enum mapi_propval_context ctx, const uint8_t *want, size_t want_len)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	uint8_t *out = NULL;
	size_t len = 0;

	assert_int_equal(push(mem_ctx, f, type, pv, ctx, &out, &len), 0);
	assert_int_equal(len, want_len);
	assert_memory_equal(out, want, want_len);
	talloc_free(mem_ctx);
}

/* MS-OXCPRPT 4.2.1: TaggedPropertyValue 0x0E1D001F "Hello World" and an empty PtypString. */
static void test_spec_set_properties_values(void **state)
{
	static const uint8_t hello[] = {
		0x1F, 0x00, 0x1D, 0x0E, 0x48, 0x00, 0x65, 0x00, 0x6C, 0x00, 0x6C, 0x00, 0x6F, 0x00,
		0x20, 0x00, 0x57, 0x00, 0x6F, 0x00, 0x72, 0x00, 0x6C, 0x00, 0x64, 0x00, 0x00, 0x00,
	};
	static const uint8_t empty[] = { 0x1F, 0x00, 0x3D, 0x00, 0x00, 0x00 };
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_propval pv;
	size_t used;

	assert_int_equal(pull(mem_ctx, F_TAGGED, 0, hello, sizeof(hello), MAPI_PROPVAL_ROP, &pv,
			      &used), 0);
	assert_int_equal(used, sizeof(hello));
	assert_int_equal(pv.tag, 0x0E1D001F);
	assert_string_equal(pv.v.str, "Hello World");
	expect_bytes(F_TAGGED, 0, &pv, MAPI_PROPVAL_ROP, hello, sizeof(hello));
	assert_int_equal(pull(mem_ctx, F_TAGGED, 0, empty, sizeof(empty), MAPI_PROPVAL_ROP, &pv,
			      &used), 0);
	assert_int_equal(pv.tag, 0x003D001F);
	assert_string_equal(pv.v.str, "");
	talloc_free(mem_ctx);
}

/* 2.11.1.1: PtypBinary counts are 16 bits in ROP buffers, 32 in extended rules. */
static void test_binary_count_widths(void **state)
{
	static const uint8_t rop[] = { 0x02, 0x00, 0xAB, 0xCD };
	static const uint8_t ext[] = { 0x02, 0x00, 0x00, 0x00, 0xAB, 0xCD };
	struct mapi_propval pv = { .tag = PT_BINARY };

	(void)state;
	pv.v.bin.length = 2;
	pv.v.bin.data = (uint8_t *)"\xAB\xCD";
	expect_bytes(F_VALUE, PT_BINARY, &pv, MAPI_PROPVAL_ROP, rop, sizeof(rop));
	expect_bytes(F_VALUE, PT_BINARY, &pv, MAPI_PROPVAL_EXTENDED, ext, sizeof(ext));
}

/* 2.11.1.1: PtypMultiple value counts are 32 bits in ROP buffers. */
static void test_multi_count_width(void **state)
{
	static const uint8_t want[] = { 0x02, 0x00, 0x00, 0x00, 0x01, 0x00, 0xFF, 0xFF };
	int16_t items[] = { 1, -1 };
	struct mapi_propval pv = { .tag = PT_MV_SHORT };

	(void)state;
	pv.v.mv.count = 2;
	pv.v.mv.v.i16 = items;
	expect_bytes(F_VALUE, PT_MV_SHORT, &pv, MAPI_PROPVAL_ROP, want, sizeof(want));
}

/* R2704: PtypServerId has a 16-bit COUNT in every context. */
static void test_server_id_count(void **state)
{
	static const uint8_t want[] = { 0x03, 0x00, 0x01, 0x02, 0x03 };
	struct mapi_propval pv = { .tag = PT_SVREID };

	(void)state;
	pv.v.bin.length = 3;
	pv.v.bin.data = (uint8_t *)"\x01\x02\x03";
	expect_bytes(F_VALUE, PT_SVREID, &pv, MAPI_PROPVAL_ROP, want, sizeof(want));
	expect_bytes(F_VALUE, PT_SVREID, &pv, MAPI_PROPVAL_EXTENDED, want, sizeof(want));
}

/* Scalars: little-endian, sizes of 2.11.1; the GUID in its MS-DTYP packet form. */
static void test_scalar_bytes(void **state)
{
	static const uint8_t i8[] = { 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01 };
	static const uint8_t guid[] = { 0x44, 0x33, 0x22, 0x11, 0x66, 0x55, 0x88, 0x77,
					0x99, 0, 0, 1, 2, 3, 4, 5 };
	static const uint8_t f32[] = { 0x00, 0x00, 0xC0, 0x3F };	/* 1.5f */
	static const uint8_t boolean[] = { 0x01 };
	struct mapi_propval pv = { .tag = PT_I8 };
	TALLOC_CTX *mem_ctx = talloc_new(NULL);

	(void)state;
	pv.v.i64 = 0x0102030405060708LL;
	expect_bytes(F_VALUE, PT_I8, &pv, MAPI_PROPVAL_ROP, i8, sizeof(i8));
	pv.tag = PT_CLSID;
	sample_single(mem_ctx, PT_CLSID, 0, MAPI_PROPVAL_ROP, &pv.v);
	pv.v.guid.node[0] = 0; pv.v.guid.node[1] = 1; pv.v.guid.node[2] = 2;
	pv.v.guid.node[3] = 3; pv.v.guid.node[4] = 4; pv.v.guid.node[5] = 5;
	pv.v.guid.clock_seq[1] = 0;
	expect_bytes(F_VALUE, PT_CLSID, &pv, MAPI_PROPVAL_ROP, guid, sizeof(guid));
	pv.tag = PT_FLOAT;
	pv.v.f32 = 1.5f;
	expect_bytes(F_VALUE, PT_FLOAT, &pv, MAPI_PROPVAL_ROP, f32, sizeof(f32));
	pv.tag = PT_BOOLEAN;
	pv.v.b = 1;
	expect_bytes(F_VALUE, PT_BOOLEAN, &pv, MAPI_PROPVAL_ROP, boolean, sizeof(boolean));
	talloc_free(mem_ctx);
}

/* A NaN keeps its bits through decode and encode. */
static void test_nan_bits(void **state)
{
	static const uint8_t nan[] = { 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF8, 0x7F };
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_propval pv;

	(void)state;
	assert_int_equal(pull(mem_ctx, F_VALUE, PT_DOUBLE, nan, 8, MAPI_PROPVAL_ROP, &pv, NULL),
			 0);
	expect_bytes(F_VALUE, PT_DOUBLE, &pv, MAPI_PROPVAL_ROP, nan, sizeof(nan));
	talloc_free(mem_ctx);
}

/* MV-instance column types (0x2000) carry one value of the base type. */
static void test_mv_instance_single_value(void **state)
{
	static const uint8_t v[] = { 0x2A, 0x00, 0x00, 0x00 };
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_propval pv;
	size_t used;

	(void)state;
	assert_int_equal(pull(mem_ctx, F_VALUE, 0x3003, v, 4, MAPI_PROPVAL_ROP, &pv, &used), 0);
	assert_int_equal(used, 4);
	assert_int_equal(pv.v.i32, 42);
	expect_bytes(F_VALUE, 0x3003, &pv, MAPI_PROPVAL_ROP, v, sizeof(v));
	talloc_free(mem_ctx);
}

/* ---------------------------------------------------------------- hostile input */

static void expect_refused(enum form f, uint16_t type, const uint8_t *data, size_t len,
			   enum mapi_propval_context ctx, uint32_t want)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	uint8_t *copy = talloc_memdup(mem_ctx, data, len ? len : 1);
	struct mapi_propval pv;

	assert_int_equal(pull(mem_ctx, f, type, copy, len, ctx, &pv, NULL), want);
	/* nothing big was allocated on the way to the refusal */
	assert_true(talloc_total_size(mem_ctx) < 4096);
	talloc_free(mem_ctx);
}

static void test_count_bombs(void **state)
{
	static const uint8_t mv_bomb[] = { 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0 };
	static const uint8_t mv_ffff[] = { 0xFF, 0xFF, 0x00, 0x00, 0, 0, 0, 0, 0, 0 };
	static const uint8_t bin_bomb[] = { 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0 };
	static const uint8_t mvbin_bomb[] = { 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0 };

	(void)state;
	for (size_t t = 0; t < N(multi_types); t++) {
		expect_refused(F_VALUE, multi_types[t], mv_bomb, sizeof(mv_bomb),
			       MAPI_PROPVAL_ROP, FORMAT);
		expect_refused(F_VALUE, multi_types[t], mv_ffff, sizeof(mv_ffff),
			       MAPI_PROPVAL_ROP, FORMAT);
		expect_refused(F_VALUE, multi_types[t], mv_bomb, sizeof(mv_bomb),
			       MAPI_PROPVAL_EXTENDED, FORMAT);
	}
	expect_refused(F_VALUE, PT_BINARY, bin_bomb, sizeof(bin_bomb), MAPI_PROPVAL_ROP, FORMAT);
	expect_refused(F_VALUE, PT_SVREID, bin_bomb, sizeof(bin_bomb), MAPI_PROPVAL_ROP, FORMAT);
	expect_refused(F_VALUE, PT_MV_BINARY, mvbin_bomb, sizeof(mvbin_bomb), MAPI_PROPVAL_ROP,
		       FORMAT);
	expect_refused(F_VALUE, PT_ACTIONS, bin_bomb, sizeof(bin_bomb), MAPI_PROPVAL_ROP, FORMAT);
}

static void test_bad_utf16(void **state)
{
	static const uint8_t lone_high[] = { 0x00, 0xD8, 0x41, 0x00, 0x00, 0x00 };
	static const uint8_t lone_low[] = { 0x00, 0xDC, 0x00, 0x00 };
	static const uint8_t swapped[] = { 0x00, 0xDC, 0x00, 0xD8, 0x00, 0x00 };
	static const uint8_t unterminated[] = { 0x41, 0x00, 0x42, 0x00 };
	static const uint8_t odd[] = { 0x41, 0x00, 0x00 };
	static const uint8_t mv[] = { 0x01, 0x00, 0x00, 0x00, 0x00, 0xD8, 0x00, 0x00 };

	(void)state;
	expect_refused(F_VALUE, PT_UNICODE, lone_high, sizeof(lone_high), 0, FORMAT);
	expect_refused(F_VALUE, PT_UNICODE, lone_low, sizeof(lone_low), 0, FORMAT);
	expect_refused(F_VALUE, PT_UNICODE, swapped, sizeof(swapped), 0, FORMAT);
	expect_refused(F_VALUE, PT_UNICODE, unterminated, sizeof(unterminated), 0, FORMAT);
	expect_refused(F_VALUE, PT_UNICODE, odd, sizeof(odd), 0, FORMAT);
	expect_refused(F_VALUE, PT_MV_UNICODE, mv, sizeof(mv), 0, FORMAT);
}

/* A 0x0000 unit ends the string even when odd-aligned bytes look like one. */
static void test_utf16_terminator_alignment(void **state)
{
	static const uint8_t s[] = { 0x00, 0x41, 0x00, 0x00 };	/* U+4100, then NUL */
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_propval pv;
	size_t used;

	(void)state;
	assert_int_equal(pull(mem_ctx, F_VALUE, PT_UNICODE, s, 4, 0, &pv, &used), 0);
	assert_int_equal(used, 4);
	assert_string_equal(pv.v.str, "\xe4\x84\x80");
	talloc_free(mem_ctx);
}

static void test_bad_boolean_flag_type(void **state)
{
	static const uint8_t two[] = { 0x02 };
	static const uint8_t flag2[] = { 0x02, 0x00, 0x00, 0x00, 0x00 };
	static const uint8_t typed_unspec[] = { 0x00, 0x00, 0x01, 0x00, 0x00, 0x00 };
	static const uint8_t typed_unknown[] = { 0x08, 0x00, 0x01, 0x00, 0x00, 0x00 };
	static const uint8_t typed_mvi_alone[] = { 0x03, 0x20, 0x01, 0x00, 0x00, 0x00 };
	static const uint8_t ft_unspec_missing[] = { 0x00, 0x00, 0x01 };
	static const uint8_t tagged_mv_bool[] = { 0x0B, 0x10, 0x01, 0x66, 0, 0, 0, 0 };

	(void)state;
	expect_refused(F_VALUE, PT_BOOLEAN, two, 1, 0, FORMAT);
	expect_refused(F_FLAGGED, PT_LONG, flag2, sizeof(flag2), 0, FORMAT);
	expect_refused(F_TYPED, 0, typed_unspec, sizeof(typed_unspec), 0, FORMAT);
	expect_refused(F_TYPED, 0, typed_unknown, sizeof(typed_unknown), 0, FORMAT);
	expect_refused(F_TYPED, 0, typed_mvi_alone, sizeof(typed_mvi_alone), 0, FORMAT);
	expect_refused(F_FLAGGED_TYPED, 0, ft_unspec_missing, 3, 0, FORMAT);
	expect_refused(F_TAGGED, 0, tagged_mv_bool, sizeof(tagged_mv_bool), 0, FORMAT);
	expect_refused(F_VALUE, PT_UNSPECIFIED, two, 1, 0, FORMAT);
}

/* MS-OXORULE 2.2.5: NoOfActions MUST be above zero; ActionLength frames each block. */
static void test_rule_actions(void **state)
{
	static const uint8_t zero[] = { 0x00, 0x00 };
	static const uint8_t past[] = { 0x01, 0x00, 0x05, 0x00, 0x01, 0x02 };
	static const uint8_t two[] = { 0x02, 0x00, 0x01, 0x00, 0xAA, 0x00, 0x00, 0x99 };
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_propval pv;
	size_t used;

	(void)state;
	expect_refused(F_VALUE, PT_ACTIONS, zero, 2, 0, FORMAT);
	expect_refused(F_VALUE, PT_ACTIONS, past, sizeof(past), 0, FORMAT);
	assert_int_equal(pull(mem_ctx, F_VALUE, PT_ACTIONS, two, sizeof(two), 0, &pv, &used), 0);
	assert_int_equal(used, 7);	/* the trailing 0x99 is not part of the value */
	assert_int_equal(pv.v.bin.length, 7);
	expect_bytes(F_VALUE, PT_ACTIONS, &pv, 0, two, 7);
	pv.v.bin.length = 6;	/* no longer frames */
	assert_int_equal(push(mem_ctx, F_VALUE, PT_ACTIONS, &pv, 0, &pv.v.bin.data, &used),
			 MAPI_E_INVALID_PARAMETER);
	talloc_free(mem_ctx);
}

static void test_typed_string(void **state)
{
	static const uint8_t none[] = { 0x00 };
	static const uint8_t empty[] = { 0x01 };
	static const uint8_t s8[] = { 0x02, 'a', 'b', 0x00 };
	static const uint8_t reduced[] = { 0x03, 'a', 0xE9, 0x00 };
	static const uint8_t uni[] = { 0x04, 'a', 0x00, 0xE9, 0x00, 0x00, 0x00 };
	static const uint8_t bad[] = { 0x05 };
	const struct { const uint8_t *b; size_t n; const char *str; } rows[] = {
		{ none, sizeof(none), NULL }, { empty, sizeof(empty), NULL },
		{ s8, sizeof(s8), "ab" }, { reduced, sizeof(reduced), "a\xe9" },
		{ uni, sizeof(uni), "a\xc3\xa9" },
	};
	TALLOC_CTX *mem_ctx = talloc_new(NULL);

	(void)state;
	for (size_t i = 0; i < N(rows); i++) {
		struct mapi_propval_reader r;
		struct mapi_propval_writer w;
		struct mapi_typed_string ts;

		mapi_propval_reader_init(&r, rows[i].b, rows[i].n, 0, NULL);
		assert_int_equal(mapi_propval_pull_typed_string(mem_ctx, &r, &ts), 0);
		assert_int_equal(r.off, rows[i].n);
		assert_int_equal(ts.string_type, rows[i].b[0]);
		if (rows[i].str == NULL) {
			assert_null(ts.str);
		} else {
			assert_string_equal(ts.str, rows[i].str);
		}
		mapi_propval_writer_init(&w, mem_ctx, 0, NULL);
		assert_int_equal(mapi_propval_push_typed_string(&w, &ts), 0);
		assert_int_equal(w.len, rows[i].n);
		assert_memory_equal(w.data, rows[i].b, rows[i].n);
		for (size_t cut = 0; cut < rows[i].n; cut++) {
			mapi_propval_reader_init(&r, rows[i].b, cut, 0, NULL);
			assert_int_equal(mapi_propval_pull_typed_string(mem_ctx, &r, &ts), FORMAT);
		}
	}
	{
		struct mapi_propval_reader r;
		struct mapi_typed_string ts;

		mapi_propval_reader_init(&r, bad, 1, 0, NULL);
		assert_int_equal(mapi_propval_pull_typed_string(mem_ctx, &r, &ts), FORMAT);
	}
	talloc_free(mem_ctx);
}

/* ---------------------------------------------------------------- encoder refusals */

static void test_push_refusals(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_propval pv = { .tag = PT_BINARY };
	uint8_t *out;
	size_t len;

	(void)state;
	pv.v.bin.length = 70000;
	pv.v.bin.data = talloc_zero_size(mem_ctx, 70000);
	assert_int_equal(push(mem_ctx, F_VALUE, PT_BINARY, &pv, MAPI_PROPVAL_ROP, &out, &len),
			 MAPI_E_INVALID_PARAMETER);
	assert_int_equal(push(mem_ctx, F_VALUE, PT_BINARY, &pv, MAPI_PROPVAL_EXTENDED, &out, &len),
			 0);
	assert_int_equal(len, 70004);
	pv.tag = PT_SVREID;
	assert_int_equal(push(mem_ctx, F_VALUE, PT_SVREID, &pv, MAPI_PROPVAL_EXTENDED, &out, &len),
			 MAPI_E_INVALID_PARAMETER);
	pv.tag = PT_UNICODE;
	pv.v.str = (char *)"bad \xff utf-8";
	assert_int_equal(push(mem_ctx, F_VALUE, PT_UNICODE, &pv, 0, &out, &len),
			 MAPI_E_INVALID_PARAMETER);
	pv.v.str = NULL;
	assert_int_equal(push(mem_ctx, F_VALUE, PT_UNICODE, &pv, 0, &out, &len),
			 MAPI_E_INVALID_PARAMETER);
	pv.tag = PT_BOOLEAN;
	pv.v.b = 2;
	assert_int_equal(push(mem_ctx, F_VALUE, PT_BOOLEAN, &pv, 0, &out, &len),
			 MAPI_E_INVALID_PARAMETER);
	pv.tag = 0x0008;
	assert_int_equal(push(mem_ctx, F_TYPED, 0, &pv, 0, &out, &len), MAPI_E_INVALID_PARAMETER);
	pv.tag = PT_LONG;
	pv.flag = 0x02;
	assert_int_equal(push(mem_ctx, F_FLAGGED, PT_LONG, &pv, 0, &out, &len),
			 MAPI_E_INVALID_PARAMETER);
	pv.tag = PT_MV_LONG;
	pv.flag = 0;
	pv.v.mv.count = 2;
	pv.v.mv.v.i32 = NULL;
	assert_int_equal(push(mem_ctx, F_VALUE, PT_MV_LONG, &pv, 0, &out, &len),
			 MAPI_E_INVALID_PARAMETER);
	pv.tag = PT_SRESTRICT;
	pv.v.res = NULL;
	assert_int_equal(push(mem_ctx, F_VALUE, PT_SRESTRICT, &pv, 0, &out, &len),
			 MAPI_E_INVALID_PARAMETER);
	talloc_free(mem_ctx);
}

/* A converter shared by many strings gives the same bytes as the temporary one. */
static void test_shared_converter(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_utf16_conv *conv = mapi_utf16_conv_new(mem_ctx);
	struct mapi_propval_writer w;
	struct mapi_propval_reader r;
	struct mapi_propval pv = { .tag = PT_MV_UNICODE }, back;

	(void)state;
	assert_non_null(conv);
	sample_multi(mem_ctx, PT_MV_UNICODE, 40, 0, &pv.v);
	mapi_propval_writer_init(&w, mem_ctx, 0, conv);
	assert_int_equal(mapi_propval_push_value(&w, PT_MV_UNICODE, &pv), 0);
	mapi_propval_reader_init(&r, w.data, w.len, 0, conv);
	assert_int_equal(mapi_propval_pull_value(mem_ctx, &r, PT_MV_UNICODE, &back), 0);
	assert_true(mapi_propval_equal(&pv, &back));
	talloc_free(mem_ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_single_type),
		cmocka_unit_test(test_every_multi_type),
		cmocka_unit_test(test_flagged_missing_and_error),
		cmocka_unit_test(test_spec_set_properties_values),
		cmocka_unit_test(test_binary_count_widths),
		cmocka_unit_test(test_multi_count_width),
		cmocka_unit_test(test_server_id_count),
		cmocka_unit_test(test_scalar_bytes),
		cmocka_unit_test(test_nan_bits),
		cmocka_unit_test(test_mv_instance_single_value),
		cmocka_unit_test(test_count_bombs),
		cmocka_unit_test(test_bad_utf16),
		cmocka_unit_test(test_utf16_terminator_alignment),
		cmocka_unit_test(test_bad_boolean_flag_type),
		cmocka_unit_test(test_rule_actions),
		cmocka_unit_test(test_typed_string),
		cmocka_unit_test(test_push_refusals),
		cmocka_unit_test(test_shared_converter),
	};

	return cmocka_run_group_tests_name("mapi_propval", tests, NULL, NULL);
}
