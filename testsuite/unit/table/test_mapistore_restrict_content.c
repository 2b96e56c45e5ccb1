/*
 * Unit tests: mapistore_restrict, ContentRestriction (MS-OXCDATA 2.12.4) and multi-valued
 * properties: each fuzzy level with and without FL_IGNORECASE / FL_IGNORENONSPACE / FL_LOOSE on
 * both string types and binaries, scripts beyond Latin, any-value semantics of multi-values.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "table_test.h"

struct content_case {
	const char *value, *needle;
	uint16_t low, high;
	bool expect;
};

static const struct content_case content_cases[] = {
	{ "Quarterly Report", "Quarterly Report", MAPI_FL_FULLSTRING, 0, true },
	{ "Quarterly Report", "quarterly report", MAPI_FL_FULLSTRING, 0, false },
	{ "Quarterly Report", "quarterly report", MAPI_FL_FULLSTRING, MAPI_FL_IGNORECASE, true },
	{ "Quarterly Report", "Quarterly", MAPI_FL_FULLSTRING, 0, false },
	{ "Quarterly Report", "Quarterly", MAPI_FL_PREFIX, 0, true },
	{ "Quarterly Report", "quarterly", MAPI_FL_PREFIX, 0, false },
	{ "Quarterly Report", "quarterly", MAPI_FL_PREFIX, MAPI_FL_IGNORECASE, true },
	{ "Quarterly Report", "Report", MAPI_FL_PREFIX, 0, false },
	{ "Quarterly Report", "Report", MAPI_FL_SUBSTRING, 0, true },
	{ "Quarterly Report", "REPORT", MAPI_FL_SUBSTRING, 0, false },
	{ "Quarterly Report", "REPORT", MAPI_FL_SUBSTRING, MAPI_FL_IGNORECASE, true },
	{ "Quarterly Report", "REPORT", MAPI_FL_SUBSTRING, MAPI_FL_LOOSE, true },
	{ "Quarterly Report", "ly Re", MAPI_FL_SUBSTRING, 0, true },
	{ "Quarterly Report", "", MAPI_FL_SUBSTRING, 0, true },
	{ "Quarterly Report", "", MAPI_FL_PREFIX, 0, true },
	{ "Quarterly Report", "", MAPI_FL_FULLSTRING, 0, false },
	{ "", "", MAPI_FL_FULLSTRING, 0, true },
	{ "Report", "Quarterly Report", MAPI_FL_SUBSTRING, 0, false },
	{ "Crème brûlée", "creme brulee", MAPI_FL_FULLSTRING, MAPI_FL_IGNORECASE, false },
	{ "Crème brûlée", "Creme brulee", MAPI_FL_FULLSTRING, MAPI_FL_IGNORENONSPACE, true },
	{ "Crème brûlée", "creme brulee", MAPI_FL_FULLSTRING, MAPI_FL_IGNORENONSPACE, false },
	{ "Crème brûlée", "creme brulee", MAPI_FL_FULLSTRING,
	  MAPI_FL_IGNORENONSPACE | MAPI_FL_IGNORECASE, true },
	{ "Crème brûlée", "creme brulee", MAPI_FL_FULLSTRING, MAPI_FL_LOOSE, true },
	{ "Crème brûlée", "BRULEE", MAPI_FL_SUBSTRING, MAPI_FL_LOOSE, true },
	{ "Crème brûlée", "CRÈME", MAPI_FL_PREFIX, MAPI_FL_IGNORECASE, true },
	{ "Crème brûlée", "CREME", MAPI_FL_PREFIX, MAPI_FL_IGNORECASE, false },
	{ "ΟΔΥΣΣΕΥΣ", "οδυσσευς", MAPI_FL_FULLSTRING, MAPI_FL_IGNORECASE, true },
	{ "ΟΔΥΣΣΕΥΣ", "οδυσσευς", MAPI_FL_FULLSTRING, 0, false },
	{ "Москва", "МОСК", MAPI_FL_PREFIX, MAPI_FL_IGNORECASE, true },
	{ "Москва", "ВА", MAPI_FL_SUBSTRING, MAPI_FL_IGNORECASE, true },
	{ "東京タワー", "タワー", MAPI_FL_SUBSTRING, MAPI_FL_IGNORECASE, true },
	{ "東京タワー", "東京", MAPI_FL_PREFIX, 0, true },
	{ "ǅemal", "ǆEMAL", MAPI_FL_FULLSTRING, MAPI_FL_IGNORECASE, true },
	{ "Straße", "STRASSE", MAPI_FL_FULLSTRING, MAPI_FL_IGNORECASE, false },
	{ "Straße", "STRAẞE", MAPI_FL_FULLSTRING, MAPI_FL_IGNORECASE, true },
	{ "aaaab", "aaab", MAPI_FL_SUBSTRING, 0, true },
	{ "abc", "abcd", MAPI_FL_PREFIX, 0, false },
	{ "abc", "c", MAPI_FL_SUBSTRING, 0, true },
	/* Unknown fuzzy level: never matches. */
	{ "abc", "abc", 0x0003, 0, false },
	{ "abc", "abc", 0xFFFF, 0, false },
};

static void test_content_strings(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);

	(void)state;
	for (size_t i = 0; i < sizeof(content_cases) / sizeof(content_cases[0]); i++) {
		const struct content_case *c = &content_cases[i];

		for (int t = 0; t < 4; t++) {
			/* PtypString and PtypString8 on either side. */
			uint32_t vt = (t & 1) ? T_SUBJECT8 : T_SUBJECT;
			uint32_t ct = (t & 2) ? T_SUBJECT8 : T_SUBJECT;
			struct mapistore_row *row = row_new(ctx, 1, 1, pv_str(ctx, vt, c->value));
			struct mapi_restriction *r = res_content(ctx, c->low, c->high, vt,
								 pv_str(ctx, ct, c->needle));

			if (ev(r, row) != c->expect)
				fail_msg("case %zu (%s / %s) types %d", i, c->value, c->needle, t);
		}
	}
	talloc_free(ctx);
}

static void test_content_binary(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	static const uint8_t v[] = { 0x00, 0x41, 0x42, 0x00, 0xFF };
	static const uint8_t mid[] = { 0x42, 0x00 }, head[] = { 0x00, 0x41 },
			     lower[] = { 0x00, 0x61 };
	struct mapistore_row *row = row_new(ctx, 1, 1, pv_bin(ctx, T_BLOB, v, sizeof(v)));
	struct mapistore_row *empty = row_new(ctx, 2, 1, pv_bin(ctx, T_BLOB, NULL, 0));

	(void)state;
	assert_true(ev(res_content(ctx, MAPI_FL_FULLSTRING, 0, T_BLOB,
				   pv_bin(ctx, T_BLOB, v, sizeof(v))), row));
	assert_false(ev(res_content(ctx, MAPI_FL_FULLSTRING, 0, T_BLOB,
				    pv_bin(ctx, T_BLOB, v, 4)), row));
	assert_true(ev(res_content(ctx, MAPI_FL_PREFIX, 0, T_BLOB, pv_bin(ctx, T_BLOB, head, 2)),
		       row));
	assert_false(ev(res_content(ctx, MAPI_FL_PREFIX, 0, T_BLOB, pv_bin(ctx, T_BLOB, mid, 2)),
			row));
	assert_true(ev(res_content(ctx, MAPI_FL_SUBSTRING, 0, T_BLOB, pv_bin(ctx, T_BLOB, mid, 2)),
		       row));
	/* Binaries are compared byte for byte even with FL_IGNORECASE. */
	assert_false(ev(res_content(ctx, MAPI_FL_PREFIX, MAPI_FL_IGNORECASE, T_BLOB,
				    pv_bin(ctx, T_BLOB, lower, 2)), row));
	assert_true(ev(res_content(ctx, MAPI_FL_SUBSTRING, 0, T_BLOB, pv_bin(ctx, T_BLOB, NULL, 0)),
		       row));
	assert_true(ev(res_content(ctx, MAPI_FL_FULLSTRING, 0, T_BLOB,
				   pv_bin(ctx, T_BLOB, NULL, 0)), empty));
	assert_false(ev(res_content(ctx, MAPI_FL_SUBSTRING, 0, T_BLOB,
				    pv_bin(ctx, T_BLOB, mid, 2)), empty));
	assert_false(ev(res_content(ctx, MAPI_FL_SUBSTRING, 0, T_BLOB,
				    pv_bin(ctx, T_BLOB, v, sizeof(v))), row_new(ctx, 3, 1,
				    pv_bin(ctx, T_BLOB, mid, 2))));
	assert_false(ev(res_content(ctx, 0x0007, 0, T_BLOB, pv_bin(ctx, T_BLOB, mid, 2)), row));
	/* A string comparand on a binary property (and the reverse) never matches. */
	assert_false(ev(res_content(ctx, MAPI_FL_SUBSTRING, 0, T_BLOB, pv_str(ctx, T_SUBJECT, "A")),
			row));
	assert_false(ev(res_content(ctx, MAPI_FL_SUBSTRING, 0, T_SUBJECT,
				    pv_bin(ctx, T_BLOB, mid, 2)),
			row_new(ctx, 4, 1, pv_str(ctx, T_SUBJECT, "AB"))));
	/* Content on a non-string type never matches. */
	assert_false(ev(res_content(ctx, MAPI_FL_FULLSTRING, 0, T_SIZE, pv_i32(T_SIZE, 3)),
			row_new(ctx, 5, 1, pv_i32(T_SIZE, 3))));
	talloc_free(ctx);
}

static void test_multivalue(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	static const char *const kw[] = { "Red", "Green", "Blue" };
	static const char *const bins[] = { "abc", "xyz" };
	static const int32_t nums[] = { 10, 20, 30 };
	struct mapistore_row *row = row_new(ctx, 1, 4, pv_mv_str(ctx, T_KEYWORDS, 3, kw),
					    pv_mv_i32(ctx, T_NUMBERS, 3, nums),
					    pv_mv_bin(ctx, T_MVBIN, 2, bins),
					    pv_mv_str(ctx, T_MVSTR8, 3, kw));
	struct mapistore_row *none = row_new(ctx, 2, 2, pv_mv_str(ctx, T_KEYWORDS, 0, kw),
					     pv_mv_i32(ctx, T_NUMBERS, 0, nums));

	(void)state;
	/* Any value matching is enough. */
	assert_true(ev(res_content(ctx, MAPI_FL_FULLSTRING, MAPI_FL_IGNORECASE, T_KEYWORDS,
				   pv_str(ctx, T_SUBJECT, "green")), row));
	assert_true(ev(res_content(ctx, MAPI_FL_PREFIX, 0, T_KEYWORDS,
				   pv_str(ctx, T_SUBJECT, "Bl")), row));
	assert_false(ev(res_content(ctx, MAPI_FL_FULLSTRING, 0, T_KEYWORDS,
				    pv_str(ctx, T_SUBJECT, "Yellow")), row));
	assert_true(ev(res_content(ctx, MAPI_FL_SUBSTRING, 0, T_MVSTR8,
				   pv_str(ctx, T_SUBJECT8, "ree")), row));
	assert_true(ev(res_content(ctx, MAPI_FL_SUBSTRING, 0, T_MVBIN,
				   pv_bin(ctx, T_BLOB, "yz", 2)), row));
	assert_false(ev(res_content(ctx, MAPI_FL_SUBSTRING, 0, T_MVBIN,
				    pv_bin(ctx, T_BLOB, "cx", 2)), row));
	assert_true(ev(res_prop(ctx, MAPI_RELOP_EQ, T_NUMBERS, pv_i32(T_SIZE, 20)), row));
	assert_false(ev(res_prop(ctx, MAPI_RELOP_EQ, T_NUMBERS, pv_i32(T_SIZE, 25)), row));
	assert_true(ev(res_prop(ctx, MAPI_RELOP_GT, T_NUMBERS, pv_i32(T_SIZE, 25)), row));
	assert_false(ev(res_prop(ctx, MAPI_RELOP_GT, T_NUMBERS, pv_i32(T_SIZE, 30)), row));
	assert_true(ev(res_prop(ctx, MAPI_RELOP_LT, T_NUMBERS, pv_i32(T_SIZE, 11)), row));
	/* NE with any-semantics: some value differs. */
	assert_true(ev(res_prop(ctx, MAPI_RELOP_NE, T_NUMBERS, pv_i32(T_SIZE, 10)), row));
	assert_true(ev(res_prop(ctx, MAPI_RELOP_EQ, T_KEYWORDS, pv_str(ctx, T_SUBJECT, "BLUE")),
		       row));
	/* The instance bit in the restriction tag names the same property. */
	assert_true(ev(res_prop(ctx, MAPI_RELOP_EQ, T_MVI_NUMBERS, pv_i32(T_SIZE, 30)), row));
	/* A whole multi-valued comparand compares the arrays. */
	assert_true(ev(res_prop(ctx, MAPI_RELOP_EQ, T_NUMBERS,
				pv_mv_i32(ctx, T_NUMBERS, 3, nums)), row));
	assert_false(ev(res_prop(ctx, MAPI_RELOP_EQ, T_NUMBERS,
				 pv_mv_i32(ctx, T_NUMBERS, 2, nums)), row));
	assert_true(ev(res_prop(ctx, MAPI_RELOP_GT, T_NUMBERS,
				pv_mv_i32(ctx, T_NUMBERS, 2, nums)), row));
	/* No values: nothing matches, but the property exists. */
	assert_false(ev(res_prop(ctx, MAPI_RELOP_NE, T_NUMBERS, pv_i32(T_SIZE, 1)), none));
	assert_false(ev(res_content(ctx, MAPI_FL_SUBSTRING, 0, T_KEYWORDS,
				    pv_str(ctx, T_SUBJECT, "")), none));
	assert_true(ev(res_exist(ctx, T_KEYWORDS), none));
	/* A multi-valued comparand against a single-valued property: no match. */
	assert_false(ev(res_prop(ctx, MAPI_RELOP_EQ, T_SIZE, pv_mv_i32(ctx, T_NUMBERS, 1, nums)),
			row_new(ctx, 3, 1, pv_i32(T_SIZE, 10))));
	/* Size of a multi-value: the sum of its elements (4 bytes each). */
	assert_true(ev(res_size(ctx, MAPI_RELOP_EQ, T_NUMBERS, 12), row));
	assert_true(ev(res_size(ctx, MAPI_RELOP_EQ, T_KEYWORDS, 4 + 6 + 5), row));
	talloc_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_content_strings),
		cmocka_unit_test(test_content_binary),
		cmocka_unit_test(test_multivalue),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
