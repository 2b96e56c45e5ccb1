/*
 * Unit tests: edge cases of the table engine (MS-OXCTABL 3.2.5): reloading, empty and one-row
 * tables, NoAdvance in both directions, FindRow on instance-expanded views, QueryColumnsAll on
 * an empty table, duplicate-id inserts, restrictions that reject every row, restriction copies
 * independent of the caller, strings that are not valid UTF-8.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "table_view_test.h"

static void test_reload(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_row **rows;
	struct mapistore_table *t = numbered_table(ctx, 8, &rows);
	uint32_t b;
	char ids[64];

	(void)state;
	assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING, 5, NULL, NULL), 0);
	assert_int_equal(mapistore_table_create_bookmark(t, &b), 0);
	/* Loading another row set: cursor to the beginning, bookmarks dropped, columns kept. */
	assert_int_equal(mapistore_table_load(t, rows + 4, 3), 0);
	assert_int_equal(cursor_of(t), 0);
	assert_int_equal(mapistore_table_seek_bookmark(t, b, 0, NULL, NULL, NULL),
			 MAPI_E_INVALID_BOOKMARK);
	read_ids(ctx, t, true, true, 10, ids, sizeof(ids));
	assert_string_equal(ids, "5,6,7");
	/* Loading nothing empties the view. */
	assert_int_equal(mapistore_table_load(t, NULL, 0), 0);
	assert_int_equal(mapistore_table_row_count(t), 0);
	read_ids(ctx, t, true, true, 10, ids, sizeof(ids));
	assert_string_equal(ids, "");
	talloc_free(ctx);
}

static void test_one_row(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = numbered_table(ctx, 1, NULL);
	bool less;
	int32_t sought;
	char ids[16];

	(void)state;
	assert_int_equal(read_ids(ctx, t, false, true, 1, ids, sizeof(ids)),
			 MAPISTORE_BOOKMARK_END);
	assert_string_equal(ids, "1");
	assert_int_equal(read_ids(ctx, t, false, false, 1, ids, sizeof(ids)),
			 MAPISTORE_BOOKMARK_BEGINNING);
	assert_string_equal(ids, "");
	assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_CURRENT, 1, &less, &sought), 0);
	assert_false(less);
	assert_int_equal(sought, 1);
	assert_int_equal(read_ids(ctx, t, false, false, 5, ids, sizeof(ids)),
			 MAPISTORE_BOOKMARK_BEGINNING);
	assert_string_equal(ids, "1");
	assert_int_equal(mapistore_table_seek_fractional(t, 1, 2), 0);
	assert_int_equal(cursor_of(t), 1);	/* 0.5 rounds up */
	assert_int_equal(mapistore_table_seek_fractional(t, 49, 100), 0);
	assert_int_equal(cursor_of(t), 0);
	talloc_free(ctx);
}

static void test_no_advance_backward(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = numbered_table(ctx, 6, NULL);
	char ids[64];

	(void)state;
	assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_END, 0, NULL, NULL), 0);
	assert_int_equal(read_ids(ctx, t, false, false, 2, ids, sizeof(ids)),
			 MAPISTORE_BOOKMARK_CURRENT);
	assert_string_equal(ids, "5,6");
	assert_int_equal(cursor_of(t), 6);
	assert_int_equal(read_ids(ctx, t, false, false, 6, ids, sizeof(ids)),
			 MAPISTORE_BOOKMARK_BEGINNING);
	assert_string_equal(ids, "1,2,3,4,5,6");
	assert_int_equal(cursor_of(t), 6);
	/* Forward from the end: nothing, origin END. */
	assert_int_equal(read_ids(ctx, t, false, true, 6, ids, sizeof(ids)),
			 MAPISTORE_BOOKMARK_END);
	assert_string_equal(ids, "");
	talloc_free(ctx);
}

static void test_find_on_instances(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = mapistore_table_new(ctx);
	static const int32_t n1[] = { 5, 1 }, n2[] = { 3 };
	struct mapistore_row *rows[2] = {
		row_new(ctx, 1, 2, pv_i64(T_MID, 1), pv_mv_i32(ctx, T_NUMBERS, 2, n1)),
		row_new(ctx, 2, 3, pv_i64(T_MID, 2), pv_mv_i32(ctx, T_NUMBERS, 1, n2),
			pv_str(ctx, T_SUBJECT, "s")),
	};
	const uint32_t cols[] = { T_MID, T_MVI_NUMBERS };
	struct mapi_sortorder so = { T_MVI_NUMBERS, MAPI_SORT_ASCENDING };
	struct mapi_sortorder_set set = { .count = 1, .sorts = &so };
	struct mapi_proprow row;

	(void)state;
	assert_int_equal(mapistore_table_load(t, rows, 2), 0);
	assert_int_equal(mapistore_table_set_columns(t, cols, 2), 0);
	assert_int_equal(mapistore_table_sort(t, &set), 0);
	/* Entries: (1, 1), (2, 3), (1, 5). FindRow on a row property finds the first instance. */
	assert_int_equal(mapistore_table_find_row(ctx, t, res_exist(ctx, T_SUBJECT),
						  MAPISTORE_BOOKMARK_BEGINNING, 0, false, NULL,
						  &row), 0);
	assert_int_equal(row.values[0].v.i64, 2);
	assert_int_equal(row.values[1].v.i32, 3);
	assert_int_equal(cursor_of(t), 1);
	/* The next entry of row 1 is its value 5, after the cursor. */
	assert_int_equal(mapistore_table_find_row(ctx, t, res_prop(ctx, MAPI_RELOP_EQ, T_MID,
								    pv_i64(T_MID, 1)),
						  MAPISTORE_BOOKMARK_CURRENT, 0, false, NULL, &row),
			 0);
	assert_int_equal(row.values[1].v.i32, 5);
	assert_int_equal(cursor_of(t), 2);
	talloc_free(ctx);
}

static void test_columns_all_empty(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = mapistore_table_new(ctx);
	uint32_t *tags;
	uint16_t count;

	(void)state;
	assert_int_equal(mapistore_table_query_columns_all(ctx, t, &tags, &count), 0);
	assert_int_equal(count, 4);
	assert_int_equal(tags[0], MAPISTORE_TAG_INST_ID);
	assert_int_equal(tags[1], MAPISTORE_TAG_INSTANCE_NUM);
	assert_int_equal(tags[2], MAPISTORE_TAG_ROW_TYPE);
	assert_int_equal(tags[3], MAPISTORE_TAG_DEPTH);
	talloc_free(ctx);
}

static void test_insert_existing_id(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = numbered_table(ctx, 3, NULL);
	struct mapi_proprow_set set;
	uint8_t origin;

	(void)state;
	/* Inserting an id already loaded replaces the row instead of adding one. */
	assert_int_equal(mapistore_table_row_insert(t, row_new(ctx, 2, 2, pv_i64(T_MID, 2),
							       pv_i32(T_SIZE, 999))), 0);
	assert_int_equal(mapistore_table_row_count(t), 3);
	assert_int_equal(mapistore_table_query_rows(ctx, t, true, true, 3, &origin, &set), 0);
	assert_int_equal(set.rows[1].values[0].v.i64, 2);
	talloc_free(ctx);
}

static void test_restriction_rejects_all(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = numbered_table(ctx, 5, NULL);
	uint32_t num, den, b;
	char ids[16];

	(void)state;
	assert_int_equal(mapistore_table_restrict(t, res_exist(ctx, T_SUBJECT)), 0);
	assert_int_equal(mapistore_table_query_position(t, &num, &den), 0);
	assert_int_equal(den, 0);
	assert_int_equal(read_ids(ctx, t, true, true, 5, ids, sizeof(ids)),
			 MAPISTORE_BOOKMARK_END);
	assert_int_equal(mapistore_table_create_bookmark(t, &b), 0);
	assert_int_equal(mapistore_table_seek_bookmark(t, b, 1, NULL, NULL, NULL), 0);
	assert_int_equal(mapistore_table_seek_fractional(t, 1, 2), 0);
	assert_int_equal(cursor_of(t), 0);
	/* A row that matches arrives: it shows, the bookmark at the end stays at the end. */
	assert_int_equal(mapistore_table_row_insert(t, row_new(ctx, 9, 2, pv_i64(T_MID, 9),
							       pv_str(ctx, T_SUBJECT, "x"))), 0);
	assert_int_equal(mapistore_table_seek_bookmark(t, b, 0, NULL, NULL, NULL), 0);
	assert_int_equal(cursor_of(t), 1);
	assert_int_equal(read_ids(ctx, t, true, false, 5, ids, sizeof(ids)),
			 MAPISTORE_BOOKMARK_BEGINNING);
	assert_string_equal(ids, "9");
	talloc_free(ctx);
}

static void test_restriction_copy_is_deep(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = numbered_table(ctx, 5, NULL);
	TALLOC_CTX *tmp = talloc_new(ctx);
	struct mapi_restriction *r = res_list(tmp, MAPI_RES_AND, 2,
		res_prop(tmp, MAPI_RELOP_GT, T_SIZE, pv_i32(T_SIZE, 20)),
		res_content(tmp, MAPI_FL_PREFIX, 0, T_SUBJECT8, pv_str(tmp, T_SUBJECT8, "")));
	char ids[32];

	(void)state;
	assert_int_equal(mapistore_table_restrict(t, res_not(tmp, res_not(tmp, r))), 0);
	/* The caller's tree is gone; the table still restricts (no subject: nothing matches). */
	talloc_free(tmp);
	read_ids(ctx, t, true, true, 10, ids, sizeof(ids));
	assert_string_equal(ids, "");
	assert_int_equal(mapistore_table_row_modify(t, row_new(ctx, 4, 3, pv_i64(T_MID, 4),
							       pv_i32(T_SIZE, 40),
							       pv_str(ctx, T_SUBJECT8, "a"))), 0);
	assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING, 0, NULL, NULL), 0);
	read_ids(ctx, t, true, true, 10, ids, sizeof(ids));
	assert_string_equal(ids, "4");
	talloc_free(ctx);
}

static void test_string8_bytes(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = mapistore_table_new(ctx);
	struct mapistore_row *rows[4] = {
		row_new(ctx, 1, 2, pv_i64(T_MID, 1), pv_str(ctx, T_SUBJECT8, "caf\xe9")),	/* Latin-1 */
		row_new(ctx, 2, 2, pv_i64(T_MID, 2), pv_str(ctx, T_SUBJECT8, "CAF\xc9")),
		row_new(ctx, 3, 2, pv_i64(T_MID, 3), pv_str(ctx, T_SUBJECT8, "caf\xc3\xa9")),
		row_new(ctx, 4, 2, pv_i64(T_MID, 4), pv_str(ctx, T_SUBJECT8, "cafe")),
	};
	const uint32_t cols[] = { T_MID };
	struct mapi_sortorder so = { T_SUBJECT8, MAPI_SORT_ASCENDING };
	struct mapi_sortorder_set set = { .count = 1, .sorts = &so };
	char ids[32];

	(void)state;
	assert_int_equal(mapistore_table_load(t, rows, 4), 0);
	assert_int_equal(mapistore_table_set_columns(t, cols, 1), 0);
	assert_int_equal(mapistore_table_sort(t, &set), 0);
	/* "cafe" < "café" (U+00E9) < the stray bytes 0xC9 and 0xE9 (U+DCC9, U+DCE9). */
	read_ids(ctx, t, true, true, 10, ids, sizeof(ids));
	assert_string_equal(ids, "4,3,2,1");
	/* A Latin-1 byte is not folded: 0xE9 and 0xC9 differ even ignoring case. */
	assert_int_equal(mapistore_table_restrict(t, res_content(ctx, MAPI_FL_FULLSTRING,
		MAPI_FL_IGNORECASE, T_SUBJECT8, pv_str(ctx, T_SUBJECT8, "CAF\xe9"))), 0);
	read_ids(ctx, t, true, true, 10, ids, sizeof(ids));
	assert_string_equal(ids, "1");
	talloc_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reload),
		cmocka_unit_test(test_one_row),
		cmocka_unit_test(test_no_advance_backward),
		cmocka_unit_test(test_find_on_instances),
		cmocka_unit_test(test_columns_all_empty),
		cmocka_unit_test(test_insert_existing_id),
		cmocka_unit_test(test_restriction_rejects_all),
		cmocka_unit_test(test_restriction_copy_is_deep),
		cmocka_unit_test(test_string8_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
