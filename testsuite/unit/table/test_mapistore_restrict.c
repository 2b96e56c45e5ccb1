/*
 * Unit tests: mapistore_restrict (MS-OXCDATA 2.12). Every restriction type; every RelOp on every
 * ordered property type; absent properties; Count tallies; SubObject callbacks; validation and
 * tag collection; deep nesting; the MS-OXCFOLD 4.8.1 search criteria. Content restrictions and
 * multi-valued properties are in test_mapistore_restrict_content.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <string.h>
#include <cmocka.h>

#include "mapistore_restrict.h"
#include "table_test.h"

/* The expected truth of each RelOp (LT, LE, GT, GE, EQ, NE) for a comparison result. */
static void check_relops(TALLOC_CTX *ctx, const struct mapistore_row *row, uint32_t tag,
			 struct mapi_propval cmp, int expected_sign)
{
	const bool want[6] = { expected_sign < 0, expected_sign <= 0, expected_sign > 0,
			       expected_sign >= 0, expected_sign == 0, expected_sign != 0 };

	for (uint8_t op = MAPI_RELOP_LT; op <= MAPI_RELOP_NE; op++) {
		struct mapi_restriction *r = res_prop(ctx, op, tag, cmp);

		if (ev(r, row) != want[op])
			fail_msg("tag 0x%08x relop %u: expected %d", tag, op, want[op]);
		assert_int_equal(mapistore_restrict_validate(r), 0);
	}
	/* RELOP_RE is never true and is refused by validation. */
	assert_false(ev(res_prop(ctx, MAPI_RELOP_RE, tag, cmp), row));
	assert_int_equal(mapistore_restrict_validate(res_prop(ctx, MAPI_RELOP_RE, tag, cmp)),
			 MAPI_E_TOO_COMPLEX);
	assert_false(ev(res_prop(ctx, 0x07, tag, cmp), row));
	assert_false(ev(res_prop(ctx, 0xFF, tag, cmp), row));
}

/* One row per type with a middle value; comparands below, equal and above. */
static void test_property_relops_every_type(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_row *row;
	static const uint8_t b_mid[] = { 1, 2, 3 }, b_lo[] = { 1, 2 }, b_hi[] = { 1, 3 },
			     b_lo2[] = { 0, 9, 9, 9 }, b_hi2[] = { 1, 2, 3, 0 };
	struct {
		uint32_t tag;
		struct mapi_propval mid, lo, hi;
	} cases[] = {
		{ T_SHORT, pv_i16(T_SHORT, 0), pv_i16(T_SHORT, -5), pv_i16(T_SHORT, 5) },
		{ T_SIZE, pv_i32(T_SIZE, 100), pv_i32(T_SIZE, -100), pv_i32(T_SIZE, 101) },
		{ T_I8, pv_i64(T_I8, INT64_C(1) << 40), pv_i64(T_I8, INT64_MIN),
		  pv_i64(T_I8, INT64_MAX) },
		{ T_CURRENCY, pv_i64(T_CURRENCY, 12345), pv_i64(T_CURRENCY, -1),
		  pv_i64(T_CURRENCY, 12346) },
		{ T_FLOAT, pv_f32(T_FLOAT, 1.5f), pv_f32(T_FLOAT, -INFINITY),
		  pv_f32(T_FLOAT, 1.75f) },
		{ T_DOUBLE, pv_f64(T_DOUBLE, 0.0), pv_f64(T_DOUBLE, -1e-300),
		  pv_f64(T_DOUBLE, NAN) },
		{ T_APPTIME, pv_f64(T_APPTIME, 45000.5), pv_f64(T_APPTIME, 45000.25),
		  pv_f64(T_APPTIME, 45001) },
		{ T_DELIVERY, pv_time(T_DELIVERY, UINT64_C(0x01D0000000000000)),
		  pv_time(T_DELIVERY, 0), pv_time(T_DELIVERY, UINT64_MAX) },
		{ T_READ, pv_bool(T_READ, 0), pv_bool(T_READ, 0), pv_bool(T_READ, 1) },
		{ T_ERRVAL, pv_err(T_ERRVAL, 0x8004010F), pv_err(T_ERRVAL, 0x10),
		  pv_err(T_ERRVAL, 0x8004010F + 1) },
		{ T_SUBJECT, pv_str(ctx, T_SUBJECT, "Mango"), pv_str(ctx, T_SUBJECT, "apple"),
		  pv_str(ctx, T_SUBJECT, "mangos") },
		{ T_SUBJECT8, pv_str(ctx, T_SUBJECT8, "Mango"), pv_str(ctx, T_SUBJECT8, "LEMON"),
		  pv_str(ctx, T_SUBJECT8, "zz") },
		{ T_GUID, pv_guid(T_GUID, 5, 5), pv_guid(T_GUID, 5, 4), pv_guid(T_GUID, 6, 0) },
		{ T_BLOB, pv_bin(ctx, T_BLOB, b_mid, 3), pv_bin(ctx, T_BLOB, b_lo, 2),
		  pv_bin(ctx, T_BLOB, b_hi, 2) },
		{ T_SVREID, pv_bin(ctx, T_SVREID, b_mid, 3), pv_bin(ctx, T_SVREID, b_lo2, 4),
		  pv_bin(ctx, T_SVREID, b_hi2, 4) },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		row = row_new(ctx, 1, 1, cases[i].mid);
		check_relops(ctx, row, cases[i].tag, cases[i].mid, 0);
		/* row value above a lower comparand: sign > 0 */
		if (i != 8)	/* booleans: lo equals mid */
			check_relops(ctx, row, cases[i].tag, cases[i].lo, 1);
		check_relops(ctx, row, cases[i].tag, cases[i].hi, -1);
		/* absent property: every relop false, even NE */
		row = row_new(ctx, 2, 1, pv_i32(T_OTHER, 1));
		for (uint8_t op = 0; op <= MAPI_RELOP_NE; op++)
			assert_false(ev(res_prop(ctx, op, cases[i].tag, cases[i].mid), row));
	}
	talloc_free(ctx);
}

static void test_property_strings(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_row *row = row_new(ctx, 1, 1, pv_str(ctx, T_SUBJECT, "Ärger im Büro"));

	(void)state;
	/* Case-insensitive: equal to its upper-case form. */
	assert_true(ev(res_prop(ctx, MAPI_RELOP_EQ, T_SUBJECT,
				pv_str(ctx, T_SUBJECT, "ÄRGER IM BÜRO")), row));
	/* Diacritics still count in a Property restriction. */
	assert_false(ev(res_prop(ctx, MAPI_RELOP_EQ, T_SUBJECT,
				 pv_str(ctx, T_SUBJECT, "Arger im Buro")), row));
	/* A PtypString8 comparand on a PtypString property. */
	assert_true(ev(res_prop(ctx, MAPI_RELOP_EQ, T_SUBJECT,
				pv_str(ctx, T_SUBJECT8, "ärger im büro")), row));
	/* A comparand of another type never matches. */
	assert_false(ev(res_prop(ctx, MAPI_RELOP_NE, T_SUBJECT, pv_i32(T_SIZE, 4)), row));
	/* A flagged comparand never matches. */
	{
		struct mapi_propval p = pv_str(ctx, T_SUBJECT, "x");

		p.flag = MAPI_PROPVAL_FLAG_ERROR;
		assert_false(ev(res_prop(ctx, MAPI_RELOP_NE, T_SUBJECT, p), row));
	}
	/* Empty string sorts first. */
	assert_true(ev(res_prop(ctx, MAPI_RELOP_GT, T_SUBJECT, pv_str(ctx, T_SUBJECT, "")), row));
	talloc_free(ctx);
}

static void test_property_absent_and_flagged(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapi_propval missing = pv_i32(T_SIZE, 5), err = pv_i32(T_SIZE, 5);
	struct mapistore_row *r1, *r2, *r3;

	(void)state;
	missing.flag = MAPI_PROPVAL_FLAG_MISSING;
	err.flag = MAPI_PROPVAL_FLAG_ERROR;
	r1 = row_new(ctx, 1, 1, missing);
	r2 = row_new(ctx, 2, 1, err);
	r3 = row_new(ctx, 3, 0);
	for (int i = 0; i < 3; i++) {
		struct mapistore_row *r = i == 0 ? r1 : i == 1 ? r2 : r3;

		assert_false(ev(res_prop(ctx, MAPI_RELOP_EQ, T_SIZE, pv_i32(T_SIZE, 5)), r));
		assert_false(ev(res_prop(ctx, MAPI_RELOP_NE, T_SIZE, pv_i32(T_SIZE, 5)), r));
		assert_false(ev(res_exist(ctx, T_SIZE), r));
		assert_true(ev(res_not(ctx, res_exist(ctx, T_SIZE)), r));
		/* Not(Property) of an absent property is true: Not only negates. */
		assert_true(ev(res_not(ctx, res_prop(ctx, MAPI_RELOP_EQ, T_SIZE,
						     pv_i32(T_SIZE, 5))), r));
		assert_false(ev(res_bitmask(ctx, MAPI_BMR_EQZ, T_SIZE, 1), r));
		assert_false(ev(res_size(ctx, MAPI_RELOP_GE, T_SIZE, 0), r));
		assert_false(ev(res_compare(ctx, MAPI_RELOP_EQ, T_SIZE, T_SIZE), r));
		assert_false(ev(res_content(ctx, 0, 0, T_SUBJECT, pv_str(ctx, T_SUBJECT, "")), r));
	}
	/* The exact tag is needed: another type with the same ID is another property. */
	r1 = row_new(ctx, 4, 1, pv_i32(T_SIZE, 5));
	assert_false(ev(res_exist(ctx, MAPI_PROP_TAG(0x0E08, PT_I8)), r1));
	assert_true(ev(res_exist(ctx, T_SIZE), r1));
	talloc_free(ctx);
}

static void test_bitmask(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_row *row = row_new(ctx, 1, 4, pv_i32(T_FLAGS, 0x0009),
					    pv_i16(T_SHORT, -1), pv_i64(T_I8, INT64_C(1) << 40),
					    pv_bool(T_READ, 1));

	(void)state;
	assert_true(ev(res_bitmask(ctx, MAPI_BMR_NEZ, T_FLAGS, 0x0001), row));
	assert_false(ev(res_bitmask(ctx, MAPI_BMR_EQZ, T_FLAGS, 0x0001), row));
	assert_true(ev(res_bitmask(ctx, MAPI_BMR_EQZ, T_FLAGS, 0x0006), row));
	assert_false(ev(res_bitmask(ctx, MAPI_BMR_NEZ, T_FLAGS, 0x0006), row));
	assert_true(ev(res_bitmask(ctx, MAPI_BMR_NEZ, T_FLAGS, 0xFFFFFFFF), row));
	assert_true(ev(res_bitmask(ctx, MAPI_BMR_EQZ, T_FLAGS, 0), row));
	assert_false(ev(res_bitmask(ctx, MAPI_BMR_NEZ, T_FLAGS, 0), row));
	/* PtypInteger16 is widened without sign extension into the mask's 32 bits. */
	assert_true(ev(res_bitmask(ctx, MAPI_BMR_NEZ, T_SHORT, 0x8000), row));
	assert_true(ev(res_bitmask(ctx, MAPI_BMR_EQZ, T_SHORT, 0x10000), row));
	/* The 32-bit mask only sees the low half of a PtypInteger64. */
	assert_true(ev(res_bitmask(ctx, MAPI_BMR_EQZ, T_I8, 0xFFFFFFFF), row));
	assert_true(ev(res_bitmask(ctx, MAPI_BMR_NEZ, T_READ, 1), row));
	/* Unknown operator: false, refused by validation. */
	assert_false(ev(res_bitmask(ctx, 2, T_FLAGS, 1), row));
	assert_int_equal(mapistore_restrict_validate(res_bitmask(ctx, 2, T_FLAGS, 1)),
			 MAPI_E_TOO_COMPLEX);
	/* Non-integer property: false. */
	assert_false(ev(res_bitmask(ctx, MAPI_BMR_EQZ, T_SUBJECT, 1),
			row_new(ctx, 2, 1, pv_str(ctx, T_SUBJECT, "x"))));
	talloc_free(ctx);
}

static void test_size(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	static const uint8_t b[5] = { 0 };
	struct mapistore_row *row = row_new(ctx, 1, 5, pv_str(ctx, T_SUBJECT, "héllo"),
					    pv_bin(ctx, T_BLOB, b, 5), pv_i32(T_SIZE, 3),
					    pv_i64(T_I8, 3), pv_guid(T_GUID, 1, 1));

	(void)state;
	/* "héllo" is 6 UTF-8 bytes plus the terminator. */
	assert_true(ev(res_size(ctx, MAPI_RELOP_EQ, T_SUBJECT, 7), row));
	assert_true(ev(res_size(ctx, MAPI_RELOP_LT, T_SUBJECT, 8), row));
	assert_true(ev(res_size(ctx, MAPI_RELOP_GT, T_SUBJECT, 6), row));
	assert_true(ev(res_size(ctx, MAPI_RELOP_EQ, T_BLOB, 5), row));
	assert_true(ev(res_size(ctx, MAPI_RELOP_LE, T_BLOB, 5), row));
	assert_true(ev(res_size(ctx, MAPI_RELOP_GE, T_BLOB, 5), row));
	assert_false(ev(res_size(ctx, MAPI_RELOP_NE, T_BLOB, 5), row));
	assert_true(ev(res_size(ctx, MAPI_RELOP_EQ, T_SIZE, 4), row));
	assert_true(ev(res_size(ctx, MAPI_RELOP_EQ, T_I8, 8), row));
	assert_true(ev(res_size(ctx, MAPI_RELOP_EQ, T_GUID, 16), row));
	assert_false(ev(res_size(ctx, MAPI_RELOP_RE, T_GUID, 16), row));
	assert_int_equal(mapistore_restrict_validate(res_size(ctx, MAPI_RELOP_RE, T_GUID, 1)),
			 MAPI_E_TOO_COMPLEX);
	talloc_free(ctx);
}

static void test_compare_properties(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	uint32_t t_size2 = MAPI_PROP_TAG(0x8020, PT_LONG), t_subj2 = MAPI_PROP_TAG(0x8021, PT_STRING8);
	struct mapistore_row *row = row_new(ctx, 1, 5, pv_i32(T_SIZE, 5), pv_i32(t_size2, 7),
					    pv_str(ctx, T_SUBJECT, "Alpha"),
					    pv_str(ctx, t_subj2, "ALPHA"), pv_i16(T_SHORT, 5));

	(void)state;
	assert_true(ev(res_compare(ctx, MAPI_RELOP_LT, T_SIZE, t_size2), row));
	assert_true(ev(res_compare(ctx, MAPI_RELOP_LE, T_SIZE, t_size2), row));
	assert_false(ev(res_compare(ctx, MAPI_RELOP_GT, T_SIZE, t_size2), row));
	assert_true(ev(res_compare(ctx, MAPI_RELOP_GT, t_size2, T_SIZE), row));
	assert_true(ev(res_compare(ctx, MAPI_RELOP_NE, T_SIZE, t_size2), row));
	assert_true(ev(res_compare(ctx, MAPI_RELOP_EQ, T_SIZE, T_SIZE), row));
	/* Strings of both kinds, case-insensitively. */
	assert_true(ev(res_compare(ctx, MAPI_RELOP_EQ, T_SUBJECT, t_subj2), row));
	/* Different types are never compared (5 == 5, but PtypInteger16 vs PtypInteger32). */
	assert_false(ev(res_compare(ctx, MAPI_RELOP_EQ, T_SIZE, T_SHORT), row));
	assert_false(ev(res_compare(ctx, MAPI_RELOP_NE, T_SIZE, T_SHORT), row));
	assert_false(ev(res_compare(ctx, MAPI_RELOP_EQ, T_SIZE, T_OTHER), row));
	assert_false(ev(res_compare(ctx, MAPI_RELOP_RE, T_SIZE, t_size2), row));
	assert_false(ev(res_compare(ctx, 9, T_SIZE, t_size2), row));
	assert_int_equal(mapistore_restrict_validate(res_compare(ctx, 9, T_SIZE, t_size2)),
			 MAPI_E_TOO_COMPLEX);
	talloc_free(ctx);
}

static void test_and_or_not(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_row *row = row_new(ctx, 1, 2, pv_i32(T_SIZE, 5),
					    pv_str(ctx, T_SUBJECT, "x"));
	struct mapi_restriction *yes = res_exist(ctx, T_SIZE), *no = res_exist(ctx, T_OTHER);

	(void)state;
	assert_true(ev(res_list(ctx, MAPI_RES_AND, 0), row));	/* empty And: true */
	assert_false(ev(res_list(ctx, MAPI_RES_OR, 0), row));	/* empty Or: false */
	assert_true(ev(res_list(ctx, MAPI_RES_AND, 2, yes, yes), row));
	assert_false(ev(res_list(ctx, MAPI_RES_AND, 2, yes, no), row));
	assert_false(ev(res_list(ctx, MAPI_RES_AND, 2, no, yes), row));
	assert_true(ev(res_list(ctx, MAPI_RES_OR, 2, no, yes), row));
	assert_true(ev(res_list(ctx, MAPI_RES_OR, 2, yes, no), row));
	assert_false(ev(res_list(ctx, MAPI_RES_OR, 3, no, no, no), row));
	assert_true(ev(res_not(ctx, no), row));
	assert_false(ev(res_not(ctx, yes), row));
	assert_true(ev(res_not(ctx, res_not(ctx, yes)), row));
	assert_false(ev(res_not(ctx, NULL), row));
	assert_true(ev(res_list(ctx, MAPI_RES_AND, 2, res_not(ctx, no),
				res_list(ctx, MAPI_RES_OR, 2, no, yes)), row));
	/* A NULL restriction lets everything through. */
	assert_true(ev(NULL, row));
	/* Unknown type: false and refused. */
	assert_false(ev(res_new(ctx, 0x0C), row));
	assert_int_equal(mapistore_restrict_validate(res_new(ctx, 0x0C)), MAPI_E_TOO_COMPLEX);
	assert_int_equal(mapistore_restrict_validate(NULL), MAPI_E_INVALID_PARAMETER);
	talloc_free(ctx);
}

static void test_comment(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_row *row = row_new(ctx, 1, 1, pv_i32(T_SIZE, 5));

	(void)state;
	assert_true(ev(res_comment(ctx, NULL), row));
	assert_true(ev(res_comment(ctx, res_exist(ctx, T_SIZE)), row));
	assert_false(ev(res_comment(ctx, res_exist(ctx, T_OTHER)), row));
	assert_int_equal(mapistore_restrict_validate(res_comment(ctx, NULL)), 0);
	talloc_free(ctx);
}

struct sub_calls {
	int calls;
	uint32_t last_subobject;
	bool answer;
};

static bool subobject_cb(void *private_data, const struct mapistore_row *row, uint32_t subobject,
			 const struct mapi_restriction *sub)
{
	struct sub_calls *c = private_data;

	(void)row;
	assert_non_null(sub);
	c->calls++;
	c->last_subobject = subobject;
	return c->answer;
}

static void test_subobject(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_row *row = row_new(ctx, 1, 1, pv_i32(T_SIZE, 5));
	struct mapi_restriction *r = res_sub(ctx, 0x0E12000D, res_exist(ctx, T_SUBJECT));
	struct sub_calls c = { .answer = true };

	(void)state;
	assert_false(ev(r, row));	/* no callback */
	assert_true(mapistore_restrict_eval(r, row, subobject_cb, &c));
	assert_int_equal(c.calls, 1);
	assert_int_equal(c.last_subobject, 0x0E12000D);
	c.answer = false;
	assert_false(mapistore_restrict_eval(r, row, subobject_cb, &c));
	assert_true(mapistore_restrict_eval(res_not(ctx, r), row, subobject_cb, &c));
	assert_int_equal(c.calls, 3);
	r->u.subobject.sub = NULL;
	assert_false(mapistore_restrict_eval(r, row, subobject_cb, &c));
	assert_int_equal(c.calls, 3);
	assert_int_equal(mapistore_restrict_validate(r), MAPI_E_TOO_COMPLEX);
	talloc_free(ctx);
}

static void test_count(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapi_restriction *r = res_count(ctx, 2, res_exist(ctx, T_SIZE));
	struct mapistore_restrict_state *st = mapistore_restrict_state_new(ctx, r, NULL, NULL);
	struct mapistore_row *with = row_new(ctx, 1, 1, pv_i32(T_SIZE, 1));
	struct mapistore_row *without = row_new(ctx, 2, 0);

	(void)state;
	assert_non_null(st);
	assert_false(mapistore_restrict_match(st, without));
	assert_true(mapistore_restrict_match(st, with));
	assert_false(mapistore_restrict_match(st, without));
	assert_true(mapistore_restrict_match(st, with));
	assert_false(mapistore_restrict_match(st, with));	/* third match: over the count */
	assert_false(mapistore_restrict_match(st, with));
	/* One-off evaluation sees one row only. */
	assert_true(ev(r, with));
	assert_false(ev(res_count(ctx, 0, res_exist(ctx, T_SIZE)), with));
	assert_true(mapistore_restrict_has_count(r));
	assert_true(mapistore_restrict_has_count(res_not(ctx, r)));
	assert_true(mapistore_restrict_has_count(res_list(ctx, MAPI_RES_OR, 2,
							  res_exist(ctx, T_SIZE), r)));
	assert_false(mapistore_restrict_has_count(res_exist(ctx, T_SIZE)));
	assert_false(mapistore_restrict_has_count(NULL));
	/* Two Count nodes keep separate tallies. */
	{
		struct mapi_restriction *two = res_list(ctx, MAPI_RES_OR, 2,
							res_count(ctx, 1, res_exist(ctx, T_SIZE)),
							res_count(ctx, 1, res_exist(ctx, T_SIZE)));
		struct mapistore_restrict_state *s2 = mapistore_restrict_state_new(ctx, two,
										   NULL, NULL);

		assert_true(mapistore_restrict_match(s2, with));
		assert_true(mapistore_restrict_match(s2, with));
		assert_false(mapistore_restrict_match(s2, with));
	}
	/* A state without restriction matches everything. */
	st = mapistore_restrict_state_new(ctx, NULL, NULL, NULL);
	assert_true(mapistore_restrict_match(st, without));
	talloc_free(ctx);
}

static void test_validate(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);

	(void)state;
	assert_int_equal(mapistore_restrict_validate(res_content(ctx, MAPI_FL_SUBSTRING,
		MAPI_FL_LOOSE | MAPI_FL_IGNORECASE | MAPI_FL_IGNORENONSPACE, T_SUBJECT,
		pv_str(ctx, T_SUBJECT8, "x"))), 0);
	assert_int_equal(mapistore_restrict_validate(res_content(ctx, 3, 0, T_SUBJECT,
		pv_str(ctx, T_SUBJECT, "x"))), MAPI_E_TOO_COMPLEX);
	assert_int_equal(mapistore_restrict_validate(res_content(ctx, 0, 0x0008, T_SUBJECT,
		pv_str(ctx, T_SUBJECT, "x"))), MAPI_E_TOO_COMPLEX);
	assert_int_equal(mapistore_restrict_validate(res_content(ctx, 0, 0, T_SIZE,
		pv_i32(T_SIZE, 1))), MAPI_E_TOO_COMPLEX);
	assert_int_equal(mapistore_restrict_validate(res_content(ctx, 0, 0, T_BLOB,
		pv_bin(ctx, T_BLOB, "a", 1))), 0);
	assert_int_equal(mapistore_restrict_validate(res_content(ctx, 0, 0, T_MVBIN,
		pv_bin(ctx, T_BLOB, "a", 1))), 0);
	assert_int_equal(mapistore_restrict_validate(res_content(ctx, 0, 0, T_KEYWORDS,
		pv_str(ctx, T_SUBJECT, "a"))), 0);
	/* Errors deep inside And/Or/Not/Count/Comment/SubObject are found. */
	assert_int_equal(mapistore_restrict_validate(res_list(ctx, MAPI_RES_AND, 2,
		res_exist(ctx, T_SIZE), res_not(ctx, res_count(ctx, 1, res_comment(ctx,
		res_sub(ctx, 1, res_prop(ctx, MAPI_RELOP_RE, T_SIZE, pv_i32(T_SIZE, 1)))))))),
		MAPI_E_TOO_COMPLEX);
	assert_int_equal(mapistore_restrict_validate(res_not(ctx, NULL)), MAPI_E_TOO_COMPLEX);
	assert_int_equal(mapistore_restrict_validate(res_count(ctx, 1, NULL)),
			 MAPI_E_TOO_COMPLEX);
	talloc_free(ctx);
}

static void test_tags(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	uint32_t *tags = NULL, count = 0;
	struct mapi_restriction *r = res_list(ctx, MAPI_RES_AND, 8,
		res_exist(ctx, T_SIZE), res_prop(ctx, MAPI_RELOP_EQ, T_SUBJECT,
		pv_str(ctx, T_SUBJECT, "x")), res_content(ctx, 0, 0, T_SUBJECT,
		pv_str(ctx, T_SUBJECT, "x")), res_compare(ctx, MAPI_RELOP_EQ, T_FID, T_MID),
		res_bitmask(ctx, 0, T_FLAGS, 1), res_size(ctx, 0, T_BLOB, 1),
		res_not(ctx, res_count(ctx, 1, res_comment(ctx, res_exist(ctx, T_READ)))),
		res_sub(ctx, 1, res_exist(ctx, T_OTHER)));
	const uint32_t want[] = { T_SIZE, T_SUBJECT, T_FID, T_MID, T_FLAGS, T_BLOB, T_READ };

	(void)state;
	assert_int_equal(mapistore_restrict_tags(ctx, r, &tags, &count), 0);
	assert_int_equal(count, 7);
	for (uint32_t i = 0; i < count; i++)
		assert_int_equal(tags[i], want[i]);
	/* Appending again adds nothing. */
	assert_int_equal(mapistore_restrict_tags(ctx, r, &tags, &count), 0);
	assert_int_equal(count, 7);
	assert_int_equal(mapistore_restrict_tags(ctx, NULL, &tags, &count), 0);
	assert_int_equal(count, 7);
	talloc_free(ctx);
}

/* A chain of Nots as deep as the decoder allows, and one level past it. */
static void test_depth(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_row *row = row_new(ctx, 1, 1, pv_i32(T_SIZE, 1));
	struct mapi_restriction *r = res_exist(ctx, T_SIZE);

	(void)state;
	for (int i = 1; i < MAPI_RESTRICTION_MAX_DEPTH; i++)
		r = res_not(ctx, r);
	/* 254 Nots around Exist: even count, true. */
	assert_true(ev(r, row));
	assert_int_equal(mapistore_restrict_validate(r), 0);
	r = res_not(ctx, r);
	/* 256 levels: refused and evaluated as false at the cap. */
	assert_int_equal(mapistore_restrict_validate(r), MAPI_E_TOO_COMPLEX);
	talloc_free(ctx);
}

/* Golden case: the search criteria of MS-OXCFOLD 4.8.1, decoded by the wire codec. */
static void test_oxcfold_search_criteria(void **state)
{
	static const char hex[] =
		"0002000007000203020001001f001a001f001a00490050004d002e004100700070006f0069006e00"
		"74006d0065006e00740000000203020001001f001a001f001a00490050004d002e0043006f006e00"
		"7400610063007400000002030200"
		"01001f001a001f001a00490050004d002e0044006900730074004c00690073007400000002030200"
		"01001f001a001f001a00490050004d002e0041006300740069007600690074007900000002030200"
		"01001f001a001f001a00490050004d002e0053007400690063006b0079004e006f00740065000000"
		"0203000001001f001a001f001a00490050004d002e005400610073006b0000000203020001001f00"
		"1a001f001a00490050004d002e005400610073006b002e0000000001000404030017000300170002"
		"000000";
	TALLOC_CTX *ctx = talloc_new(NULL);
	size_t len = strlen(hex) / 2;
	uint8_t *b = talloc_array(ctx, uint8_t, len);
	struct mapi_restriction *res = NULL;
	const uint32_t t_class = MAPI_PROP_TAG(0x001A, PT_UNICODE);
	const uint32_t t_imp = MAPI_PROP_TAG(0x0017, PT_LONG);
	struct {
		const char *cls;
		int32_t importance;
		bool expect;
	} rows[] = {
		{ "IPM.Appointment", 2, false },	/* a calendar item: excluded */
		{ "ipm.appointment.occurrence", 2, false },	/* prefix, case-insensitively */
		{ "IPM.Note", 2, true },
		{ "IPM.Note", 1, false },		/* importance must be 2 (high) */
		{ "IPM.Task", 2, false },		/* IPM.Task: full string */
		{ "ipm.task", 2, false },		/* ...ignoring case */
		{ "IPM.Taskforce", 2, true },		/* ...so a longer class passes */
		{ "IPM.Task.Request", 2, false },	/* prefix "IPM.Task." */
		{ "IPM.StickyNote", 2, false },
		{ "IPM.Contact", 2, false },
		{ "IPM.Post", 2, true },
	};

	(void)state;
	for (size_t i = 0; i < len; i++) {
		unsigned v;

		sscanf(hex + 2 * i, "%2x", &v);
		b[i] = (uint8_t)v;
	}
	assert_int_equal(mapi_restriction_decode(ctx, b, len, MAPI_PROPVAL_ROP, NULL, &res), 0);
	assert_int_equal(mapistore_restrict_validate(res), 0);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct mapistore_row *row = row_new(ctx, i, 2, pv_str(ctx, t_class, rows[i].cls),
						    pv_i32(t_imp, rows[i].importance));

		if (ev(res, row) != rows[i].expect)
			fail_msg("row %zu (%s)", i, rows[i].cls);
	}
	talloc_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_property_relops_every_type),
		cmocka_unit_test(test_property_strings),
		cmocka_unit_test(test_property_absent_and_flagged),
		cmocka_unit_test(test_bitmask),
		cmocka_unit_test(test_size),
		cmocka_unit_test(test_compare_properties),
		cmocka_unit_test(test_and_or_not),
		cmocka_unit_test(test_comment),
		cmocka_unit_test(test_subobject),
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_validate),
		cmocka_unit_test(test_tags),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_oxcfold_search_criteria),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
