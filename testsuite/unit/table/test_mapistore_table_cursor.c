/*
 * Unit tests: the table cursor (MS-OXCTABL 3.2.5.8-3.2.5.12, 3.2.5.14, 3.2.5.15): RopSeekRow from
 * each origin with RowsSought / HasSoughtLess at and past both ends, RopSeekRowFractional
 * rounding, bookmarks (create, seek, free, invalidation by sort/restrict/reset/load), RopFindRow
 * forwards and backwards from every origin.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "table_view_test.h"

struct seek_case {
	uint8_t origin;
	uint32_t from;		/* cursor before (for BOOKMARK_CURRENT) */
	int32_t count;
	uint32_t to;
	int32_t sought;
	bool less;
};

/* A 10-row table. */
static const struct seek_case seek_cases[] = {
	{ MAPISTORE_BOOKMARK_BEGINNING, 5, 0, 0, 0, false },
	{ MAPISTORE_BOOKMARK_BEGINNING, 5, 3, 3, 3, false },
	{ MAPISTORE_BOOKMARK_BEGINNING, 5, 10, 10, 10, false },
	{ MAPISTORE_BOOKMARK_BEGINNING, 5, 11, 10, 10, true },
	{ MAPISTORE_BOOKMARK_BEGINNING, 5, INT32_MAX, 10, 10, true },
	{ MAPISTORE_BOOKMARK_BEGINNING, 5, -1, 0, 0, true },	/* before the beginning */
	{ MAPISTORE_BOOKMARK_BEGINNING, 5, INT32_MIN, 0, 0, true },
	{ MAPISTORE_BOOKMARK_CURRENT, 5, 0, 5, 0, false },
	{ MAPISTORE_BOOKMARK_CURRENT, 5, 2, 7, 2, false },
	{ MAPISTORE_BOOKMARK_CURRENT, 5, 5, 10, 5, false },
	{ MAPISTORE_BOOKMARK_CURRENT, 5, 6, 10, 5, true },
	{ MAPISTORE_BOOKMARK_CURRENT, 5, -2, 3, -2, false },
	{ MAPISTORE_BOOKMARK_CURRENT, 5, -5, 0, -5, false },
	{ MAPISTORE_BOOKMARK_CURRENT, 5, -6, 0, -5, true },
	{ MAPISTORE_BOOKMARK_CURRENT, 0, -1, 0, 0, true },
	{ MAPISTORE_BOOKMARK_CURRENT, 10, 1, 10, 0, true },
	{ MAPISTORE_BOOKMARK_CURRENT, 10, INT32_MAX, 10, 0, true },
	{ MAPISTORE_BOOKMARK_CURRENT, 10, INT32_MIN, 0, -10, true },
	{ MAPISTORE_BOOKMARK_END, 5, 0, 10, 0, false },
	{ MAPISTORE_BOOKMARK_END, 5, -1, 9, -1, false },
	{ MAPISTORE_BOOKMARK_END, 5, -10, 0, -10, false },
	{ MAPISTORE_BOOKMARK_END, 5, -11, 0, -10, true },
	{ MAPISTORE_BOOKMARK_END, 5, 1, 10, 0, true },		/* past the end */
};

static void test_seek_row(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = numbered_table(ctx, 10, NULL);

	(void)state;
	for (size_t i = 0; i < sizeof(seek_cases) / sizeof(seek_cases[0]); i++) {
		const struct seek_case *c = &seek_cases[i];
		bool less = !c->less;
		int32_t sought = 12345;

		assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING,
						      (int32_t)c->from, NULL, NULL), 0);
		assert_int_equal(mapistore_table_seek(t, c->origin, c->count, &less, &sought), 0);
		if (cursor_of(t) != c->to || sought != c->sought || less != c->less)
			fail_msg("case %zu: cursor %u sought %d less %d", i, cursor_of(t), sought,
				 less);
		/* 2.2.2.9.2: RowsSought never has the opposite sign of RowCount. */
		assert_true((c->count >= 0 && sought >= 0) || (c->count < 0 && sought <= 0));
	}
	assert_int_equal(mapistore_table_seek(t, 3, 1, NULL, NULL), MAPI_E_INVALID_PARAMETER);
	assert_int_equal(mapistore_table_seek(t, 0xFF, 1, NULL, NULL), MAPI_E_INVALID_PARAMETER);
	talloc_free(ctx);
}

static void test_seek_empty(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = numbered_table(ctx, 0, NULL);
	bool less;
	int32_t sought;

	(void)state;
	assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING, 1, &less, &sought),
			 0);
	assert_int_equal(sought, 0);
	assert_true(less);
	assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_END, -1, &less, &sought), 0);
	assert_int_equal(sought, 0);
	assert_true(less);
	assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_END, 0, &less, &sought), 0);
	assert_false(less);
	assert_int_equal(mapistore_table_seek_fractional(t, 1, 2), 0);
	assert_int_equal(cursor_of(t), 0);
	talloc_free(ctx);
}

struct frac_case {
	uint32_t rows, num, den, to;
};

static const struct frac_case frac_cases[] = {
	{ 10, 0, 1, 0 }, { 10, 1, 1, 10 }, { 10, 2, 1, 10 }, { 10, UINT32_MAX, 1, 10 },
	{ 10, 1, 2, 5 }, { 10, 1, 3, 3 },	/* 3.33 */
	{ 10, 2, 3, 7 },			/* 6.67 */
	{ 10, 1, 4, 3 },			/* 2.5 rounds half up */
	{ 10, 3, 4, 8 },			/* 7.5 */
	{ 10, 1, 20, 1 },			/* 0.5 */
	{ 10, 1, 21, 0 },			/* 0.476 */
	{ 10, 999, 1000, 10 },			/* 9.99: the closest is the end */
	{ 10, 1, UINT32_MAX, 0 },
	{ 10, UINT32_MAX - 1, UINT32_MAX, 10 },
	{ 3, 1, 2, 2 },				/* 1.5 */
	{ 1, 1, 2, 1 }, { 1, 1, 3, 0 },
	{ 100000, 1, 3, 33333 }, { 100000, 2, 3, 66667 },
	{ 7, 3, 7, 3 }, { 7, 6, 7, 6 },
};

static void test_seek_fractional(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);

	(void)state;
	for (size_t i = 0; i < sizeof(frac_cases) / sizeof(frac_cases[0]); i++) {
		const struct frac_case *c = &frac_cases[i];
		struct mapistore_table *t = numbered_table(ctx, c->rows, NULL);

		assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING, 1, NULL,
						      NULL), 0);
		assert_int_equal(mapistore_table_seek_fractional(t, c->num, c->den), 0);
		if (cursor_of(t) != c->to)
			fail_msg("case %zu: %u/%u of %u -> %u", i, c->num, c->den, c->rows,
				 cursor_of(t));
	}
	{
		struct mapistore_table *t = numbered_table(ctx, 10, NULL);

		assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING, 4, NULL,
						      NULL), 0);
		/* 2.2.2.11.1: Denominator MUST NOT be zero; the cursor stays. */
		assert_int_equal(mapistore_table_seek_fractional(t, 0, 0),
				 MAPI_E_INVALID_PARAMETER);
		assert_int_equal(mapistore_table_seek_fractional(t, 1, 0),
				 MAPI_E_INVALID_PARAMETER);
		assert_int_equal(cursor_of(t), 4);
	}
	talloc_free(ctx);
}

static void test_query_position(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = numbered_table(ctx, 6, NULL);
	uint32_t num, den;
	char ids[64];

	(void)state;
	assert_int_equal(mapistore_table_query_position(t, &num, &den), 0);
	assert_int_equal(num, 0);
	assert_int_equal(den, 6);
	read_ids(ctx, t, true, true, 4, ids, sizeof(ids));
	assert_int_equal(mapistore_table_query_position(t, &num, &den), 0);
	assert_int_equal(num, 4);
	read_ids(ctx, t, true, true, 4, ids, sizeof(ids));
	assert_int_equal(mapistore_table_query_position(t, &num, &den), 0);
	assert_int_equal(num, 6);
	assert_int_equal(den, 6);
	assert_int_equal(mapistore_table_restrict(t, res_prop(ctx, MAPI_RELOP_GT, T_SIZE,
							       pv_i32(T_SIZE, 20))), 0);
	assert_int_equal(mapistore_table_query_position(t, &num, &den), 0);
	assert_int_equal(num, 0);
	assert_int_equal(den, 4);
	talloc_free(ctx);
}

static void test_bookmarks(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = numbered_table(ctx, 10, NULL);
	uint32_t b3, b_end, b0;
	bool gone = true, less = true;
	int32_t sought = 0;
	char ids[64];

	(void)state;
	assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING, 3, NULL, NULL), 0);
	assert_int_equal(mapistore_table_create_bookmark(t, &b3), 0);
	assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_END, 0, NULL, NULL), 0);
	assert_int_equal(mapistore_table_create_bookmark(t, &b_end), 0);
	assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING, 0, NULL, NULL), 0);
	assert_int_equal(mapistore_table_create_bookmark(t, &b0), 0);
	assert_true(b3 != b_end && b3 != b0 && b_end != b0);
	/* Seek 2 from the bookmark on row 4 (position 3). */
	assert_int_equal(mapistore_table_seek_bookmark(t, b3, 2, &gone, &less, &sought), 0);
	assert_false(gone);
	assert_false(less);
	assert_int_equal(sought, 2);
	read_ids(ctx, t, false, true, 1, ids, sizeof(ids));
	assert_string_equal(ids, "6");
	assert_int_equal(mapistore_table_seek_bookmark(t, b3, -10, &gone, &less, &sought), 0);
	assert_true(less);
	assert_int_equal(sought, -3);
	assert_int_equal(cursor_of(t), 0);
	assert_int_equal(mapistore_table_seek_bookmark(t, b_end, -1, &gone, &less, &sought), 0);
	assert_int_equal(cursor_of(t), 9);
	assert_int_equal(mapistore_table_seek_bookmark(t, b_end, 1, &gone, &less, &sought), 0);
	assert_true(less);
	assert_int_equal(sought, 0);
	assert_int_equal(mapistore_table_seek_bookmark(t, b0, 0, NULL, NULL, NULL), 0);
	assert_int_equal(cursor_of(t), 0);
	/* 2.2.2.15: freed bookmarks are ecInvalidBookmark. */
	assert_int_equal(mapistore_table_free_bookmark(t, b3), 0);
	assert_int_equal(mapistore_table_free_bookmark(t, b3), MAPI_E_INVALID_BOOKMARK);
	assert_int_equal(mapistore_table_seek_bookmark(t, b3, 0, NULL, NULL, NULL),
			 MAPI_E_INVALID_BOOKMARK);
	assert_int_equal(mapistore_table_seek_bookmark(t, 0xDEAD, 0, NULL, NULL, NULL),
			 MAPI_E_INVALID_BOOKMARK);
	assert_int_equal(mapistore_table_seek_bookmark(t, b_end, 0, NULL, NULL, NULL), 0);
	/* A new bookmark never reuses a freed number. */
	{
		uint32_t again;

		assert_int_equal(mapistore_table_create_bookmark(t, &again), 0);
		assert_true(again != b3);
	}
	talloc_free(ctx);
}

static void test_bookmarks_invalidated(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_row **rows = NULL;
	struct mapistore_table *t = numbered_table(ctx, 5, &rows);
	const uint32_t cols[] = { T_MID };
	struct mapi_sortorder so = { T_SIZE, MAPI_SORT_DESCENDING };
	struct mapi_sortorder_set set = { .count = 1, .sorts = &so };
	uint32_t b;

	(void)state;
	/* 3.2.5.10: after RopSortTable, RopRestrict, RopResetTable: ecInvalidBookmark. */
	for (int op = 0; op < 4; op++) {
		assert_int_equal(mapistore_table_set_columns(t, cols, 1), 0);
		assert_int_equal(mapistore_table_create_bookmark(t, &b), 0);
		switch (op) {
		case 0: assert_int_equal(mapistore_table_sort(t, &set), 0); break;
		case 1: assert_int_equal(mapistore_table_restrict(t, NULL), 0); break;
		case 2: assert_int_equal(mapistore_table_load(t, rows, 5), 0); break;
		default: assert_int_equal(mapistore_table_reset(t), 0); break;
		}
		assert_int_equal(mapistore_table_set_columns(t, cols, 1), 0);
		assert_int_equal(mapistore_table_seek_bookmark(t, b, 0, NULL, NULL, NULL),
				 MAPI_E_INVALID_BOOKMARK);
		assert_int_equal(mapistore_table_free_bookmark(t, b), MAPI_E_INVALID_BOOKMARK);
	}
	/* 3.2.5.2: bookmark ROPs need columns first. */
	assert_int_equal(mapistore_table_create_bookmark(t, &b), 0);
	assert_int_equal(mapistore_table_reset(t), 0);
	assert_int_equal(mapistore_table_create_bookmark(t, &b), ecNullObject);
	assert_int_equal(mapistore_table_free_bookmark(t, b), ecNullObject);
	assert_int_equal(mapistore_table_seek_bookmark(t, b, 0, NULL, NULL, NULL), ecNullObject);
	talloc_free(ctx);
}

static uint32_t find(TALLOC_CTX *ctx, struct mapistore_table *t, int32_t size_at_least,
		     uint8_t origin, uint32_t bookmark, bool backward, int64_t *mid_r)
{
	struct mapi_proprow row;
	uint32_t rc = mapistore_table_find_row(ctx, t, res_prop(ctx, MAPI_RELOP_GE, T_SIZE,
								 pv_i32(T_SIZE, size_at_least)),
					       origin, bookmark, backward, NULL, &row);

	*mid_r = rc == 0 ? row.values[0].v.i64 : -1;
	return rc;
}

static void test_find_row(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = numbered_table(ctx, 10, NULL);
	struct mapi_proprow row;
	uint32_t b;
	int64_t mid;

	(void)state;
	assert_int_equal(find(ctx, t, 35, MAPISTORE_BOOKMARK_BEGINNING, 0, false, &mid), 0);
	assert_int_equal(mid, 4);
	assert_int_equal(cursor_of(t), 3);
	/* From the current row, forwards: the current row itself is considered. */
	assert_int_equal(find(ctx, t, 35, MAPISTORE_BOOKMARK_CURRENT, 0, false, &mid), 0);
	assert_int_equal(mid, 4);
	/* Backwards from the current row: it is not considered (2.2.2.14.2). */
	assert_int_equal(find(ctx, t, 0, MAPISTORE_BOOKMARK_CURRENT, 0, true, &mid), 0);
	assert_int_equal(mid, 3);
	assert_int_equal(cursor_of(t), 2);
	assert_int_equal(find(ctx, t, 0, MAPISTORE_BOOKMARK_END, 0, true, &mid), 0);
	assert_int_equal(mid, 10);
	assert_int_equal(find(ctx, t, 0, MAPISTORE_BOOKMARK_END, 0, false, &mid),
			 MAPI_E_NOT_FOUND);
	assert_int_equal(find(ctx, t, 0, MAPISTORE_BOOKMARK_BEGINNING, 0, true, &mid),
			 MAPI_E_NOT_FOUND);
	/* Not found: the cursor does not move. */
	assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING, 6, NULL, NULL), 0);
	assert_int_equal(find(ctx, t, 1000, MAPISTORE_BOOKMARK_BEGINNING, 0, false, &mid),
			 MAPI_E_NOT_FOUND);
	assert_int_equal(cursor_of(t), 6);
	/* From a custom bookmark. */
	assert_int_equal(mapistore_table_create_bookmark(t, &b), 0);
	assert_int_equal(find(ctx, t, 0, MAPISTORE_BOOKMARK_CUSTOM, b, false, &mid), 0);
	assert_int_equal(mid, 7);
	assert_int_equal(find(ctx, t, 0, MAPISTORE_BOOKMARK_CUSTOM, b, true, &mid), 0);
	assert_int_equal(mid, 6);
	assert_int_equal(find(ctx, t, 0, MAPISTORE_BOOKMARK_CUSTOM, b + 1, false, &mid),
			 MAPI_E_INVALID_BOOKMARK);
	/* Errors. */
	assert_int_equal(find(ctx, t, 0, 4, 0, false, &mid), MAPI_E_INVALID_PARAMETER);
	assert_int_equal(mapistore_table_find_row(ctx, t, NULL, 0, 0, false, NULL, &row),
			 MAPI_E_INVALID_PARAMETER);
	assert_int_equal(mapistore_table_find_row(ctx, t, res_prop(ctx, MAPI_RELOP_RE, T_SIZE,
		pv_i32(T_SIZE, 1)), 0, 0, false, NULL, &row), MAPI_E_TOO_COMPLEX);
	assert_int_equal(mapistore_table_reset(t), 0);
	assert_int_equal(find(ctx, t, 0, 0, 0, false, &mid), ecNullObject);
	talloc_free(ctx);
}

static void test_find_row_respects_view(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = numbered_table(ctx, 10, NULL);
	struct mapi_sortorder so = { T_SIZE, MAPI_SORT_DESCENDING };
	struct mapi_sortorder_set set = { .count = 1, .sorts = &so };
	int64_t mid;

	(void)state;
	assert_int_equal(mapistore_table_sort(t, &set), 0);
	assert_int_equal(mapistore_table_restrict(t, res_prop(ctx, MAPI_RELOP_LT, T_SIZE,
							       pv_i32(T_SIZE, 80))), 0);
	/* Sorted descending, restricted below 80: 70, 60, ... first is 7. */
	assert_int_equal(find(ctx, t, 0, MAPISTORE_BOOKMARK_BEGINNING, 0, false, &mid), 0);
	assert_int_equal(mid, 7);
	assert_int_equal(find(ctx, t, 90, MAPISTORE_BOOKMARK_BEGINNING, 0, false, &mid),
			 MAPI_E_NOT_FOUND);
	assert_int_equal(find(ctx, t, 0, MAPISTORE_BOOKMARK_END, 0, true, &mid), 0);
	assert_int_equal(mid, 1);
	talloc_free(ctx);
}

/* A SubObject restriction in RopFindRow and RopRestrict goes to the table's callback. */
static bool has_recipient(void *private_data, const struct mapistore_row *row, uint32_t subobject,
			  const struct mapi_restriction *sub)
{
	int *calls = private_data;

	(void)sub;
	(*calls)++;
	/* Pretend messages with an even id have a recipient that matches. */
	return subobject == 0x0E12000D && row->id % 2 == 0;
}

static void test_subobject_in_table(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = numbered_table(ctx, 6, NULL);
	struct mapi_restriction *r = res_sub(ctx, 0x0E12000D, res_exist(ctx, T_SUBJECT));
	struct mapi_proprow row;
	int calls = 0;
	char ids[64];

	(void)state;
	/* Without a callback nothing matches. */
	assert_int_equal(mapistore_table_find_row(ctx, t, r, MAPISTORE_BOOKMARK_BEGINNING, 0,
						  false, NULL, &row), MAPI_E_NOT_FOUND);
	mapistore_table_set_subobject_fn(t, has_recipient, &calls);
	assert_int_equal(mapistore_table_find_row(ctx, t, r, MAPISTORE_BOOKMARK_BEGINNING, 0,
						  false, NULL, &row), 0);
	assert_int_equal(row.values[0].v.i64, 2);
	assert_int_equal(calls, 2);
	assert_int_equal(mapistore_table_restrict(t, r), 0);
	read_ids(ctx, t, true, true, 10, ids, sizeof(ids));
	assert_string_equal(ids, "2,4,6");
	talloc_free(ctx);
}

/* 2.2.2.14.2: backwards from a bookmark whose row left, the search starts before that row. */
static void test_find_backward_from_gone_bookmark(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = numbered_table(ctx, 6, NULL);
	struct mapi_proprow row;
	uint32_t b;
	bool gone = false;

	(void)state;
	assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING, 3, NULL, NULL), 0);
	assert_int_equal(mapistore_table_create_bookmark(t, &b), 0);	/* row 4 */
	assert_int_equal(mapistore_table_row_delete(t, 4), 0);
	assert_int_equal(mapistore_table_find_row(ctx, t, res_exist(ctx, T_MID),
						  MAPISTORE_BOOKMARK_CUSTOM, b, true, &gone, &row),
			 0);
	assert_true(gone);
	assert_int_equal(row.values[0].v.i64, 3);
	assert_int_equal(cursor_of(t), 2);
	talloc_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seek_row),
		cmocka_unit_test(test_seek_empty),
		cmocka_unit_test(test_seek_fractional),
		cmocka_unit_test(test_query_position),
		cmocka_unit_test(test_bookmarks),
		cmocka_unit_test(test_bookmarks_invalidated),
		cmocka_unit_test(test_find_row),
		cmocka_unit_test(test_find_row_respects_view),
		cmocka_unit_test(test_subobject_in_table),
		cmocka_unit_test(test_find_backward_from_gone_bookmark),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
