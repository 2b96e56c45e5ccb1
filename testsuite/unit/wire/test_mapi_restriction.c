/*
 * Unit tests: mapi_restriction (MS-OXCDATA 2.12). The search criteria of MS-OXCFOLD 4.8/4.9 as a
 * golden vector, exact bytes of each of the twelve formats, round trips in both count contexts,
 * every truncation refused, and hostile input: nesting bombs (direct and through PtypRestriction
 * comparands), count bombs, unknown types, trailing bytes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mapi_restriction.h"

#define FORMAT ecRpcFormat
#define ROP MAPI_PROPVAL_ROP
#define EXT MAPI_PROPVAL_EXTENDED

/* MS-OXCFOLD 4.8.1 (RopSetSearchCriteria) RestrictionData, 297 bytes; 4.9.2 returns the same. */
static const char oxcfold_hex[] =
	"0002000007000203020001001f001a001f001a00490050004d002e004100700070006f0069006e0074006d00"
	"65006e00740000000203020001001f001a001f001a00490050004d002e0043006f006e007400610063007400"
	"00000203020001001f001a001f001a00490050004d002e0044006900730074004c0069007300740000000203"
	"020001001f001a001f001a00490050004d002e0041006300740069007600690074007900000002030200"
	"01001f001a001f001a00490050004d002e0053007400690063006b0079004e006f00740065000000020300"
	"0001001f001a001f001a00490050004d002e005400610073006b0000000203020001001f001a001f001a00"
	"490050004d002e005400610073006b002e0000000001000404030017000300170002000000";

static uint8_t *unhex(TALLOC_CTX *mem_ctx, const char *hex, size_t *len_r)
{
	size_t n = strlen(hex) / 2;
	uint8_t *out = talloc_array(mem_ctx, uint8_t, n + 1);

	for (size_t i = 0; i < n; i++) {
		unsigned v;

		sscanf(hex + 2 * i, "%2x", &v);
		out[i] = (uint8_t)v;
	}
	*len_r = n;
	return out;
}

/* Decodes, re-encodes byte for byte, refuses every prefix. Returns the decoded tree. */
static struct mapi_restriction *check_bytes(TALLOC_CTX *mem_ctx, const uint8_t *b, size_t len,
					    enum mapi_propval_context ctx)
{
	struct mapi_restriction *res = NULL, *tmp = NULL;
	uint8_t *out = NULL;
	size_t out_len = 0;

	assert_int_equal(mapi_restriction_decode(mem_ctx, b, len, ctx, NULL, &res), 0);
	assert_int_equal(mapi_restriction_encode(mem_ctx, res, ctx, NULL, &out, &out_len), 0);
	assert_int_equal(out_len, len);
	assert_memory_equal(out, b, len);
	for (size_t cut = 0; cut < len; cut++) {
		uint8_t *copy = talloc_memdup(mem_ctx, b, cut + 1);

		assert_int_equal(mapi_restriction_decode(mem_ctx, copy, cut, ctx, NULL, &tmp),
				 FORMAT);
		assert_null(tmp);
	}
	return res;
}

static void test_oxcfold_search_criteria(void **state)
{
	static const char *const classes[] = { "IPM.Appointment", "IPM.Contact", "IPM.DistList",
					       "IPM.Activity", "IPM.StickyNote", "IPM.Task",
					       "IPM.Task." };
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	size_t len;
	uint8_t *b = unhex(mem_ctx, oxcfold_hex, &len);
	struct mapi_restriction *res, *inner, *imp;

	(void)state;
	assert_int_equal(len, 0x129);
	res = check_bytes(mem_ctx, b, len, ROP);
	assert_int_equal(res->type, MAPI_RES_AND);
	assert_int_equal(res->u.and_or.count, 2);
	inner = &res->u.and_or.items[0];
	assert_int_equal(inner->type, MAPI_RES_AND);
	assert_int_equal(inner->u.and_or.count, 7);
	for (int i = 0; i < 7; i++) {
		struct mapi_restriction *not_ = &inner->u.and_or.items[i], *c;

		assert_int_equal(not_->type, MAPI_RES_NOT);
		c = not_->u.not_.sub;
		assert_int_equal(c->type, MAPI_RES_CONTENT);
		/* FL_FULLSTRING for "IPM.Task", FL_PREFIX for the others; FL_IGNORECASE always */
		assert_int_equal(c->u.content.fuzzy_low,
				 i == 5 ? MAPI_FL_FULLSTRING : MAPI_FL_PREFIX);
		assert_int_equal(c->u.content.fuzzy_high, MAPI_FL_IGNORECASE);
		assert_int_equal(c->u.content.prop_tag, 0x001A001F);
		assert_int_equal(c->u.content.value.tag, 0x001A001F);
		assert_string_equal(c->u.content.value.v.str, classes[i]);
	}
	assert_int_equal(res->u.and_or.items[1].type, MAPI_RES_AND);
	assert_int_equal(res->u.and_or.items[1].u.and_or.count, 1);
	imp = &res->u.and_or.items[1].u.and_or.items[0];
	assert_int_equal(imp->type, MAPI_RES_PROPERTY);
	assert_int_equal(imp->u.property.relop, MAPI_RELOP_EQ);
	assert_int_equal(imp->u.property.prop_tag, 0x00170003);
	assert_int_equal(imp->u.property.value.tag, 0x00170003);
	assert_int_equal(imp->u.property.value.v.i32, 2);
	talloc_free(mem_ctx);
}

/* One of each format, written out from the structure diagrams of 2.12.x (ROP buffers). */
static const struct {
	const char *name;
	const char *hex;
	const char *ext_hex;	/* the extended-rules form where it differs, else NULL */
} formats[] = {
	{ "And (2.12.1.1)", "00 0200 08 03003700 08 1f003700",
	  "00 02000000 08 03003700 08 1f003700" },
	{ "Or (2.12.2.1)", "01 0100 08 03003700", "01 01000000 08 03003700" },
	{ "empty And", "00 0000", "00 00000000" },
	{ "Not (2.12.3.1)", "02 08 03003700", NULL },
	{ "Content (2.12.4.1)", "03 0100 0100 1f003700 1f003700 6100620000 00", NULL },
	{ "Property (2.12.5.1)", "04 02 03000710 03000710 05000000", NULL },
	{ "CompareProperties (2.12.6.1)", "05 04 40000e00 40000800", NULL },
	{ "BitMask (2.12.7.1)", "06 01 03000710 04000000", NULL },
	{ "Size (2.12.8.1)", "07 00 02010010 00010000", NULL },
	{ "Exist (2.12.9.1)", "08 1f003700", NULL },
	{ "SubObject (2.12.10.1)", "09 0d001b0e 08 1f000130", NULL },
	{ "Comment (2.12.11.1) with restriction",
	  "0a 02 0300ff0f 2a000000 1f000137 78000000 01 08 03003700", NULL },
	{ "Comment without restriction", "0a 01 0b000100 01 00", NULL },
	{ "Comment, no values", "0a 00 00", NULL },
	{ "Count (2.12.12)", "0b 0a000000 08 03003700", NULL },
	{ "PtypRestriction comparand", "04 04 fd000166 fd000166 02 08 03003700", NULL },
	{ "binary comparand ROP/extended", "04 04 02010b0f 02010b0f 0200 abcd",
	  "04 04 02010b0f 02010b0f 02000000 abcd" },
};

static char *strip(TALLOC_CTX *mem_ctx, const char *spaced)
{
	char *s = talloc_strdup(mem_ctx, spaced), *d = s;

	for (const char *p = spaced; *p; p++) {
		if (*p != ' ') {
			*d++ = *p;
		}
	}
	*d = '\0';
	return s;
}

static void test_each_format(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		TALLOC_CTX *mem_ctx = talloc_new(NULL);
		const char *rop_hex = strip(mem_ctx, formats[i].hex);
		const char *ext_hex = strip(mem_ctx, formats[i].ext_hex ? formats[i].ext_hex
									  : formats[i].hex);
		struct mapi_restriction *a, *b;
		size_t len;
		uint8_t *bytes;

		assert_int_equal(strlen(rop_hex) % 2, 0);
		assert_int_equal(strlen(ext_hex) % 2, 0);
		bytes = unhex(mem_ctx, rop_hex, &len);
		a = check_bytes(mem_ctx, bytes, len, ROP);
		bytes = unhex(mem_ctx, ext_hex, &len);
		b = check_bytes(mem_ctx, bytes, len, EXT);
		if (!mapi_restriction_equal(a, b)) {
			fail_msg("%s: ROP and extended forms decode differently", formats[i].name);
		}
		talloc_free(mem_ctx);
	}
}

/* Field values land where the spec puts them. */
static void test_field_values(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_restriction *r;
	size_t len;
	uint8_t *b = unhex(mem_ctx, strip(mem_ctx, formats[11].hex), &len);

	(void)state;
	assert_int_equal(mapi_restriction_decode(mem_ctx, b, len, ROP, NULL, &r), 0);
	assert_int_equal(r->type, MAPI_RES_COMMENT);
	assert_int_equal(r->u.comment.count, 2);
	assert_int_equal(r->u.comment.values[0].tag, 0x0FFF0003);
	assert_int_equal(r->u.comment.values[0].v.i32, 42);
	assert_string_equal(r->u.comment.values[1].v.str, "x");
	assert_non_null(r->u.comment.sub);
	assert_int_equal(r->u.comment.sub->u.exist.prop_tag, 0x00370003);
	b = unhex(mem_ctx, strip(mem_ctx, formats[8].hex), &len);
	assert_int_equal(mapi_restriction_decode(mem_ctx, b, len, ROP, NULL, &r), 0);
	assert_int_equal(r->u.size.relop, MAPI_RELOP_LT);
	assert_int_equal(r->u.size.prop_tag, 0x10000102);
	assert_int_equal(r->u.size.size, 256);
	b = unhex(mem_ctx, strip(mem_ctx, formats[10].hex), &len);
	assert_int_equal(mapi_restriction_decode(mem_ctx, b, len, ROP, NULL, &r), 0);
	assert_int_equal(r->u.subobject.subobject, 0x0E1B000D);
	b = unhex(mem_ctx, strip(mem_ctx, formats[14].hex), &len);
	assert_int_equal(mapi_restriction_decode(mem_ctx, b, len, ROP, NULL, &r), 0);
	assert_int_equal(r->u.count.count, 10);
	b = unhex(mem_ctx, strip(mem_ctx, formats[15].hex), &len);
	assert_int_equal(mapi_restriction_decode(mem_ctx, b, len, ROP, NULL, &r), 0);
	assert_int_equal(r->u.property.value.v.res->type, MAPI_RES_NOT);
	talloc_free(mem_ctx);
}

/* ---------------------------------------------------------------- nesting */

static uint8_t *nots(TALLOC_CTX *mem_ctx, size_t n, size_t *len_r)
{
	uint8_t *b = talloc_array(mem_ctx, uint8_t, n + 5);

	memset(b, MAPI_RES_NOT, n);
	memcpy(b + n, "\x08\x03\x00\x37\x00", 5);
	*len_r = n + 5;
	return b;
}

static void test_nesting_cap(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_restriction *r = NULL;
	uint8_t *b, *out;
	size_t len, out_len;

	(void)state;
	/* 254 Nots + Exist = 255 levels: accepted, and it encodes back */
	b = nots(mem_ctx, MAPI_RESTRICTION_MAX_DEPTH - 1, &len);
	assert_int_equal(mapi_restriction_decode(mem_ctx, b, len, ROP, NULL, &r), 0);
	assert_int_equal(mapi_restriction_encode(mem_ctx, r, ROP, NULL, &out, &out_len), 0);
	assert_int_equal(out_len, len);
	/* one more level: TooComplex (MS-OXCDATA 2.4, R965) */
	b = nots(mem_ctx, MAPI_RESTRICTION_MAX_DEPTH, &len);
	assert_int_equal(mapi_restriction_decode(mem_ctx, b, len, ROP, NULL, &r),
			 MAPI_E_TOO_COMPLEX);
	assert_null(r);
	/* a bomb: 60000 Nots, never recursed into past the cap */
	b = nots(mem_ctx, 60000, &len);
	assert_int_equal(mapi_restriction_decode(mem_ctx, b, len, ROP, NULL, &r),
			 MAPI_E_TOO_COMPLEX);
	talloc_free(mem_ctx);
}

/* Property restrictions whose comparand is a PtypRestriction holding the next level. */
static void test_nesting_through_comparands(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	static const uint8_t level[] = { 0x04, 0x04, 0xFD, 0x00, 0x01, 0x66,
					 0xFD, 0x00, 0x01, 0x66 };
	size_t n = 400, len = n * sizeof(level) + 5;
	uint8_t *b = talloc_array(mem_ctx, uint8_t, len);
	struct mapi_restriction *r;

	(void)state;
	for (size_t i = 0; i < n; i++) {
		memcpy(b + i * sizeof(level), level, sizeof(level));
	}
	memcpy(b + n * sizeof(level), "\x08\x03\x00\x37\x00", 5);
	assert_int_equal(mapi_restriction_decode(mem_ctx, b, len, ROP, NULL, &r),
			 MAPI_E_TOO_COMPLEX);
	/* 254 levels of comparands + the Exist: accepted */
	n = MAPI_RESTRICTION_MAX_DEPTH - 1;
	len = n * sizeof(level) + 5;
	memmove(b + n * sizeof(level), "\x08\x03\x00\x37\x00", 5);
	assert_int_equal(mapi_restriction_decode(mem_ctx, b, len, ROP, NULL, &r), 0);
	talloc_free(mem_ctx);
}

/* Encoding refuses what decoding would refuse. */
static void test_push_depth(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_restriction *chain = talloc_zero_array(mem_ctx, struct mapi_restriction, 300);
	uint8_t *out;
	size_t len;

	(void)state;
	for (int i = 0; i < 299; i++) {
		chain[i].type = MAPI_RES_NOT;
		chain[i].u.not_.sub = &chain[i + 1];
	}
	chain[299].type = MAPI_RES_EXIST;
	assert_int_equal(mapi_restriction_encode(mem_ctx, chain, ROP, NULL, &out, &len),
			 MAPI_E_TOO_COMPLEX);
	assert_null(out);
	assert_int_equal(mapi_restriction_encode(mem_ctx, &chain[300 - 255], ROP, NULL, &out,
						 &len), 0);
	talloc_free(mem_ctx);
}

/* ---------------------------------------------------------------- hostile input */

static void expect_refused(const char *hex, enum mapi_propval_context ctx, uint32_t want)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	size_t len;
	uint8_t *b = unhex(mem_ctx, strip(mem_ctx, hex), &len);
	struct mapi_restriction *r = NULL;
	size_t before = talloc_total_size(mem_ctx);

	assert_int_equal(mapi_restriction_decode(mem_ctx, b, len, ctx, NULL, &r), want);
	assert_null(r);
	assert_true(talloc_total_size(mem_ctx) - before < 4096);
	talloc_free(mem_ctx);
}

static void test_hostile(void **state)
{
	(void)state;
	/* count bombs: 0xFFFF (ROP) and 0xFFFFFFFF (extended) children in 10 bytes */
	expect_refused("00 ffff 08 03003700 0000", ROP, FORMAT);
	expect_refused("01 ffffffff 08 03003700 00", EXT, FORMAT);
	expect_refused("0a ff 0300ff0f 2a000000 00", ROP, FORMAT);
	/* a multi-value comparand with a huge count */
	expect_refused("04 04 03100100 03100100 ffffffff 00", ROP, FORMAT);
	/* unknown RestrictType, RestrictionPresent 2, bad comparand type, bad UTF-16 */
	expect_refused("0c", ROP, FORMAT);
	expect_refused("ff 00", ROP, FORMAT);
	expect_refused("0a 00 02 08 03003700", ROP, FORMAT);
	expect_refused("04 04 08000100 08000100 00000000", ROP, FORMAT);
	expect_refused("03 0000 0000 1f003700 1f003700 00d80000", ROP, FORMAT);
	/* trailing bytes after a complete restriction */
	expect_refused("08 03003700 00", ROP, FORMAT);
	/* empty input */
	expect_refused("", ROP, FORMAT);
}

static void test_push_refusals(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_restriction r = { .type = MAPI_RES_AND };
	uint8_t *out;
	size_t len;

	(void)state;
	r.u.and_or.count = 70000;
	r.u.and_or.items = talloc_zero_array(mem_ctx, struct mapi_restriction, 70000);
	for (int i = 0; i < 70000; i++) {
		r.u.and_or.items[i].type = MAPI_RES_EXIST;
	}
	assert_int_equal(mapi_restriction_encode(mem_ctx, &r, ROP, NULL, &out, &len),
			 MAPI_E_INVALID_PARAMETER);
	assert_int_equal(mapi_restriction_encode(mem_ctx, &r, EXT, NULL, &out, &len), 0);
	assert_int_equal(len, 5 + 70000 * 5);
	r.u.and_or.items = NULL;
	assert_int_equal(mapi_restriction_encode(mem_ctx, &r, EXT, NULL, &out, &len),
			 MAPI_E_INVALID_PARAMETER);
	r.type = MAPI_RES_NOT;
	r.u.not_.sub = NULL;
	assert_int_equal(mapi_restriction_encode(mem_ctx, &r, ROP, NULL, &out, &len),
			 MAPI_E_INVALID_PARAMETER);
	r.type = 0x0C;
	assert_int_equal(mapi_restriction_encode(mem_ctx, &r, ROP, NULL, &out, &len),
			 MAPI_E_INVALID_PARAMETER);
	talloc_free(mem_ctx);
}

/* Restrictions inside a larger buffer: pull stops at the end of the restriction. */
static void test_pull_in_place(void **state)
{
	static const uint8_t b[] = { 0x08, 0x03, 0x00, 0x37, 0x00, 0xEE, 0xFF };
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_propval_reader r;
	struct mapi_restriction res;

	(void)state;
	mapi_propval_reader_init(&r, b, sizeof(b), ROP, NULL);
	assert_int_equal(mapi_restriction_pull(mem_ctx, &r, &res), 0);
	assert_int_equal(r.off, 5);
	assert_int_equal(r.depth, 0);
	talloc_free(mem_ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_oxcfold_search_criteria),
		cmocka_unit_test(test_each_format),
		cmocka_unit_test(test_field_values),
		cmocka_unit_test(test_nesting_cap),
		cmocka_unit_test(test_nesting_through_comparands),
		cmocka_unit_test(test_push_depth),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_push_refusals),
		cmocka_unit_test(test_pull_in_place),
	};

	return cmocka_run_group_tests_name("mapi_restriction", tests, NULL, NULL);
}
