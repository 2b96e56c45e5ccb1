/*
 * Unit tests: row updates after a load (insert, modify, delete) keep the cursor and bookmarks on
 * their rows; bookmarks on rows that leave the view report RowNoLongerVisible and continue from
 * the next row (MS-OXCTABL 3.2.5.10, 3.2.5.14); restricted, sorted, instance-expanded and
 * Count-restricted views stay equal to a view rebuilt from scratch after random updates.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "table_view_test.h"

static void test_delete_keeps_cursor(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = numbered_table(ctx, 10, NULL);
	char ids[64];

	(void)state;
	assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING, 5, NULL, NULL), 0);
	/* A row before the cursor: the cursor stays on row 6. */
	assert_int_equal(mapistore_table_row_delete(t, 2), 0);
	assert_int_equal(cursor_of(t), 4);
	read_ids(ctx, t, false, true, 1, ids, sizeof(ids));
	assert_string_equal(ids, "6");
	/* The cursor's own row: it moves on to the next. */
	assert_int_equal(mapistore_table_row_delete(t, 6), 0);
	read_ids(ctx, t, false, true, 1, ids, sizeof(ids));
	assert_string_equal(ids, "7");
	/* A row after the cursor. */
	assert_int_equal(mapistore_table_row_delete(t, 9), 0);
	read_ids(ctx, t, true, true, 10, ids, sizeof(ids));
	assert_string_equal(ids, "7,8,10");
	assert_int_equal(mapistore_table_row_count(t), 7);
	assert_int_equal(mapistore_table_row_delete(t, 9), MAPI_E_NOT_FOUND);
	/* At the end, deleting the last row keeps the cursor at the end. */
	assert_int_equal(mapistore_table_row_delete(t, 10), 0);
	assert_int_equal(cursor_of(t), 6);
	assert_int_equal(mapistore_table_row_count(t), 6);
	talloc_free(ctx);
}

static void test_bookmark_across_delete(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = numbered_table(ctx, 10, NULL);
	uint32_t b5, b8, b_end;
	bool gone, less;
	int32_t sought;
	char ids[64];
	struct mapi_proprow row;

	(void)state;
	assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING, 4, NULL, NULL), 0);
	assert_int_equal(mapistore_table_create_bookmark(t, &b5), 0);	/* row 5 */
	assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING, 7, NULL, NULL), 0);
	assert_int_equal(mapistore_table_create_bookmark(t, &b8), 0);	/* row 8 */
	assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_END, 0, NULL, NULL), 0);
	assert_int_equal(mapistore_table_create_bookmark(t, &b_end), 0);
	/* Rows before the bookmarks go: the bookmarks stay on their rows. */
	assert_int_equal(mapistore_table_row_delete(t, 1), 0);
	assert_int_equal(mapistore_table_seek_bookmark(t, b5, 0, &gone, &less, &sought), 0);
	assert_false(gone);
	read_ids(ctx, t, false, true, 1, ids, sizeof(ids));
	assert_string_equal(ids, "5");
	/* The bookmark's row goes: RowNoLongerVisible and the seek starts at row 6. */
	assert_int_equal(mapistore_table_row_delete(t, 5), 0);
	assert_int_equal(mapistore_table_seek_bookmark(t, b5, 1, &gone, &less, &sought), 0);
	assert_true(gone);
	assert_false(less);
	assert_int_equal(sought, 1);
	read_ids(ctx, t, false, true, 1, ids, sizeof(ids));
	assert_string_equal(ids, "7");
	/* Reported once: the bookmark now marks row 6. */
	assert_int_equal(mapistore_table_seek_bookmark(t, b5, 0, &gone, NULL, NULL), 0);
	assert_false(gone);
	read_ids(ctx, t, false, true, 1, ids, sizeof(ids));
	assert_string_equal(ids, "6");
	/* Several rows go in a row: the bookmark ends up on the first survivor after them. */
	assert_int_equal(mapistore_table_row_delete(t, 8), 0);
	assert_int_equal(mapistore_table_row_delete(t, 9), 0);
	assert_int_equal(mapistore_table_seek_bookmark(t, b8, 0, &gone, NULL, NULL), 0);
	assert_true(gone);
	read_ids(ctx, t, false, true, 1, ids, sizeof(ids));
	assert_string_equal(ids, "10");
	/* The last row goes too: a gone bookmark at the end. */
	assert_int_equal(mapistore_table_row_delete(t, 10), 0);
	assert_int_equal(mapistore_table_seek_bookmark(t, b_end, -1, &gone, NULL, &sought), 0);
	assert_false(gone);
	assert_int_equal(sought, -1);
	read_ids(ctx, t, false, true, 1, ids, sizeof(ids));
	assert_string_equal(ids, "7");
	/* FindRow from a bookmark whose row left. */
	assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING, 1, NULL, NULL), 0);
	assert_int_equal(mapistore_table_create_bookmark(t, &b5), 0);	/* row 3 */
	assert_int_equal(mapistore_table_row_delete(t, 3), 0);
	assert_int_equal(mapistore_table_find_row(ctx, t, res_exist(ctx, T_MID),
						  MAPISTORE_BOOKMARK_CUSTOM, b5, false, &gone,
						  &row), 0);
	assert_true(gone);
	assert_int_equal(row.values[0].v.i64, 4);
	talloc_free(ctx);
}

static void test_insert(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = numbered_table(ctx, 5, NULL);
	struct mapi_sortorder so = { T_SIZE, MAPI_SORT_ASCENDING };
	struct mapi_sortorder_set set = { .count = 1, .sorts = &so };
	uint32_t b3, b_end;
	bool gone;
	char ids[64];

	(void)state;
	assert_int_equal(mapistore_table_sort(t, &set), 0);
	assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING, 2, NULL, NULL), 0);
	assert_int_equal(mapistore_table_create_bookmark(t, &b3), 0);
	assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_END, 0, NULL, NULL), 0);
	assert_int_equal(mapistore_table_create_bookmark(t, &b_end), 0);
	assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING, 2, NULL, NULL), 0);
	/* Size 15 sorts between rows 1 and 2: before the cursor and the bookmark. */
	assert_int_equal(mapistore_table_row_insert(t, row_new(ctx, 100, 2, pv_i64(T_MID, 100),
							       pv_i32(T_SIZE, 15))), 0);
	assert_int_equal(cursor_of(t), 3);
	read_ids(ctx, t, false, true, 1, ids, sizeof(ids));
	assert_string_equal(ids, "3");
	/* Size 35: after them. */
	assert_int_equal(mapistore_table_row_insert(t, row_new(ctx, 101, 2, pv_i64(T_MID, 101),
							       pv_i32(T_SIZE, 35))), 0);
	/* Size 30, equal to row 3's: the id decides (101 > 3, after). */
	assert_int_equal(mapistore_table_row_insert(t, row_new(ctx, 102, 2, pv_i64(T_MID, 102),
							       pv_i32(T_SIZE, 30))), 0);
	/* No size at all: last. */
	assert_int_equal(mapistore_table_row_insert(t, row_new(ctx, 0, 1, pv_i64(T_MID, 0))), 0);
	assert_int_equal(mapistore_table_seek_bookmark(t, b3, 0, &gone, NULL, NULL), 0);
	assert_false(gone);
	read_ids(ctx, t, false, true, 20, ids, sizeof(ids));
	assert_string_equal(ids, "3,102,101,4,5,0");
	/* The end bookmark stays the end. */
	assert_int_equal(mapistore_table_seek_bookmark(t, b_end, 0, &gone, NULL, NULL), 0);
	assert_int_equal(cursor_of(t), mapistore_table_row_count(t));
	/* Rows the restriction refuses are loaded but not shown. */
	assert_int_equal(mapistore_table_restrict(t, res_prop(ctx, MAPI_RELOP_LT, T_SIZE,
							       pv_i32(T_SIZE, 40))), 0);
	assert_int_equal(mapistore_table_row_count(t), 6);
	assert_int_equal(mapistore_table_row_insert(t, row_new(ctx, 103, 2, pv_i64(T_MID, 103),
							       pv_i32(T_SIZE, 99))), 0);
	assert_int_equal(mapistore_table_row_count(t), 6);
	/* ...and appear once modified to match. */
	assert_int_equal(mapistore_table_row_insert(t, row_new(ctx, 103, 2, pv_i64(T_MID, 103),
							       pv_i32(T_SIZE, 1))), 0);
	assert_int_equal(mapistore_table_row_count(t), 7);
	/* The cursor stays on its row (row 1), the new row lands before it. */
	read_ids(ctx, t, false, true, 1, ids, sizeof(ids));
	assert_string_equal(ids, "1");
	assert_int_equal(cursor_of(t), 1);
	assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING, 0, NULL, NULL), 0);
	read_ids(ctx, t, false, true, 1, ids, sizeof(ids));
	assert_string_equal(ids, "103");
	talloc_free(ctx);
}

static void test_modify(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = numbered_table(ctx, 5, NULL);
	struct mapi_sortorder so = { T_SIZE, MAPI_SORT_ASCENDING };
	struct mapi_sortorder_set set = { .count = 1, .sorts = &so };
	uint32_t b2;
	bool gone;
	char ids[64];

	(void)state;
	assert_int_equal(mapistore_table_sort(t, &set), 0);
	assert_int_equal(mapistore_table_restrict(t, res_prop(ctx, MAPI_RELOP_LT, T_SIZE,
							       pv_i32(T_SIZE, 100))), 0);
	assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING, 1, NULL, NULL), 0);
	assert_int_equal(mapistore_table_create_bookmark(t, &b2), 0);
	/* Row 2 moves to the end of the order: its bookmark follows it. */
	assert_int_equal(mapistore_table_row_modify(t, row_new(ctx, 2, 2, pv_i64(T_MID, 2),
							       pv_i32(T_SIZE, 60))), 0);
	read_ids(ctx, t, false, true, 20, ids, sizeof(ids));
	assert_string_equal(ids, "3,4,5,2");	/* the cursor moved on to the next row */
	assert_int_equal(mapistore_table_seek_bookmark(t, b2, 0, &gone, NULL, NULL), 0);
	assert_false(gone);
	read_ids(ctx, t, false, true, 20, ids, sizeof(ids));
	assert_string_equal(ids, "2");
	/* Row 2 no longer matches the restriction: gone, bookmark at the next row (the end). */
	assert_int_equal(mapistore_table_row_modify(t, row_new(ctx, 2, 2, pv_i64(T_MID, 2),
							       pv_i32(T_SIZE, 600))), 0);
	assert_int_equal(mapistore_table_row_count(t), 4);
	assert_int_equal(mapistore_table_seek_bookmark(t, b2, 0, &gone, NULL, NULL), 0);
	assert_true(gone);
	assert_int_equal(cursor_of(t), 4);
	assert_int_equal(mapistore_table_row_modify(t, row_new(ctx, 99, 0)), MAPI_E_NOT_FOUND);
	talloc_free(ctx);
}

static void test_instances_update(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = mapistore_table_new(ctx);
	static const char *const k1[] = { "b", "d" }, *const k2[] = { "a", "c", "e" };
	struct mapistore_row *rows[1] = {
		row_new(ctx, 1, 2, pv_i64(T_MID, 1), pv_mv_str(ctx, T_KEYWORDS, 2, k1)),
	};
	const uint32_t cols[] = { T_MID, T_MVI_KEYWORDS };
	struct mapi_sortorder so = { T_MVI_KEYWORDS, MAPI_SORT_ASCENDING };
	struct mapi_sortorder_set set = { .count = 1, .sorts = &so };
	char ids[64];

	(void)state;
	assert_int_equal(mapistore_table_load(t, rows, 1), 0);
	assert_int_equal(mapistore_table_set_columns(t, cols, 2), 0);
	assert_int_equal(mapistore_table_sort(t, &set), 0);
	assert_int_equal(mapistore_table_row_insert(t, row_new(ctx, 2, 2, pv_i64(T_MID, 2),
							       pv_mv_str(ctx, T_KEYWORDS, 3, k2))),
			 0);
	assert_int_equal(mapistore_table_row_count(t), 5);
	assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING, 0, NULL, NULL), 0);
	read_ids(ctx, t, false, true, 20, ids, sizeof(ids));
	assert_string_equal(ids, "2,1,2,1,2");
	assert_int_equal(mapistore_table_row_delete(t, 2), 0);
	read_ids(ctx, t, false, true, 20, ids, sizeof(ids));
	assert_string_equal(ids, "1,1");
	talloc_free(ctx);
}

static void test_count_restriction_updates(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = numbered_table(ctx, 6, NULL);
	char ids[64];
	uint32_t b;
	bool gone;

	(void)state;
	/* At most 3 rows. */
	assert_int_equal(mapistore_table_restrict(t, res_count(ctx, 3, res_exist(ctx, T_SIZE))),
			 0);
	read_ids(ctx, t, false, true, 20, ids, sizeof(ids));
	assert_string_equal(ids, "1,2,3");
	assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING, 2, NULL, NULL), 0);
	assert_int_equal(mapistore_table_create_bookmark(t, &b), 0);	/* row 3 */
	/* Deleting row 1 lets row 4 in; the bookmark stays on row 3. */
	assert_int_equal(mapistore_table_row_delete(t, 1), 0);
	assert_int_equal(mapistore_table_seek_bookmark(t, b, 0, &gone, NULL, NULL), 0);
	assert_false(gone);
	read_ids(ctx, t, false, true, 20, ids, sizeof(ids));
	assert_string_equal(ids, "3,4");
	/* A new row with a smaller id pushes row 4 out again. */
	assert_int_equal(mapistore_table_row_insert(t, row_new(ctx, 0, 2, pv_i64(T_MID, 0),
							       pv_i32(T_SIZE, 1))), 0);
	assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING, 0, NULL, NULL), 0);
	read_ids(ctx, t, false, true, 20, ids, sizeof(ids));
	assert_string_equal(ids, "0,2,3");
	/* Modifying: row 3 no longer matches; the bookmark reports it. */
	assert_int_equal(mapistore_table_row_modify(t, row_new(ctx, 3, 1, pv_i64(T_MID, 3))), 0);
	read_ids(ctx, t, false, true, 20, ids, sizeof(ids));
	assert_string_equal(ids, "0,2,4");
	assert_int_equal(mapistore_table_seek_bookmark(t, b, 0, &gone, NULL, NULL), 0);
	assert_true(gone);
	talloc_free(ctx);
}

/* Random updates on an incremental table against a table rebuilt from the same rows. */
static void test_random_against_rebuild(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = mapistore_table_new(ctx), *ref;
	struct mapistore_row *live[64] = { NULL };
	struct mapistore_row *set_rows[64];
	const uint32_t cols[] = { T_MID, T_SIZE };
	struct mapi_sortorder so[2] = { { T_SIZE, MAPI_SORT_DESCENDING },
					{ T_SUBJECT, MAPI_SORT_ASCENDING } };
	struct mapi_sortorder_set set = { .count = 2, .sorts = so };
	struct mapi_restriction *r = res_prop(ctx, MAPI_RELOP_NE, T_SIZE, pv_i32(T_SIZE, 3));
	uint32_t seed = 7;
	char a[1024], b[1024];

	(void)state;
	assert_int_equal(mapistore_table_set_columns(t, cols, 2), 0);
	assert_int_equal(mapistore_table_sort(t, &set), 0);
	assert_int_equal(mapistore_table_restrict(t, r), 0);
	for (int step = 0; step < 600; step++) {
		uint32_t id, n = 0;

		seed = seed * 1103515245 + 12345;
		id = (seed >> 16) % 64;
		seed = seed * 1103515245 + 12345;
		if (live[id] != NULL && (seed >> 16) % 3 == 0) {
			assert_int_equal(mapistore_table_row_delete(t, id), 0);
			live[id] = NULL;
		} else {
			live[id] = row_new(ctx, id, 3, pv_i64(T_MID, id),
					   pv_i32(T_SIZE, (int32_t)((seed >> 20) % 6)),
					   pv_str(ctx, T_SUBJECT, (seed >> 24) % 2 ? "x" : "y"));
			assert_int_equal(mapistore_table_row_insert(t, live[id]), 0);
		}
		if (step % 50 != 49)
			continue;
		ref = mapistore_table_new(ctx);
		for (uint32_t i = 0; i < 64; i++) {
			if (live[i] != NULL)
				set_rows[n++] = live[i];
		}
		assert_int_equal(mapistore_table_load(ref, set_rows, n), 0);
		assert_int_equal(mapistore_table_set_columns(ref, cols, 2), 0);
		assert_int_equal(mapistore_table_sort(ref, &set), 0);
		assert_int_equal(mapistore_table_restrict(ref, r), 0);
		assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING, 0, NULL,
						      NULL), 0);
		read_ids(ctx, t, false, true, 100, a, sizeof(a));
		read_ids(ctx, ref, false, true, 100, b, sizeof(b));
		assert_string_equal(a, b);
	}
	talloc_free(ctx);
}

/* Bookmarks and the cursor after random deletes, against a model of which rows survive. */
static void test_bookmarks_random_deletes(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = numbered_table(ctx, 50, NULL);
	bool alive[52];
	uint32_t marks[11], seed = 99, cursor_row = 23;
	bool gone;

	(void)state;
	for (uint32_t i = 0; i <= 51; i++)
		alive[i] = i >= 1 && i <= 50;
	for (uint32_t k = 0; k < 11; k++) {
		/* Bookmark k on row 5k+1 (k = 10: the end). */
		assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING,
						      (int32_t)(5 * k), NULL, NULL), 0);
		assert_int_equal(mapistore_table_create_bookmark(t, &marks[k]), 0);
	}
	assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING,
					      (int32_t)cursor_row - 1, NULL, NULL), 0);
	for (int n = 0; n < 30; n++) {
		uint32_t id;

		do {
			seed = seed * 1103515245 + 12345;
			id = 1 + (seed >> 16) % 50;
		} while (!alive[id]);
		assert_int_equal(mapistore_table_row_delete(t, id), 0);
		alive[id] = false;
	}
	/* The model: a mark's row if alive, else the first survivor after it, else the end. The
	 * cursor (k = 11) is checked first, before seeks move it. */
	for (uint32_t j = 0; j <= 11; j++) {
		uint32_t k = (j + 11) % 12;
		uint32_t row = k < 10 ? 5 * k + 1 : k == 10 ? 51 : cursor_row, want = 0, next;

		for (next = row; next <= 50 && !alive[next]; next++)
			;
		for (uint32_t i = 1; i < next && i <= 50; i++)
			want += alive[i];
		if (k == 11) {
			assert_int_equal(cursor_of(t), want);
			continue;
		}
		assert_int_equal(mapistore_table_seek_bookmark(t, marks[k], 0, &gone, NULL, NULL), 0);
		assert_int_equal(cursor_of(t), want);
		assert_int_equal(gone, row <= 50 && !alive[row]);
		/* Seeking from it again: anchored, no longer reported. */
		assert_int_equal(mapistore_table_seek_bookmark(t, marks[k], 0, &gone, NULL, NULL), 0);
		assert_false(gone);
		assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING, 0, NULL,
						      NULL), 0);
	}
	talloc_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_delete_keeps_cursor),
		cmocka_unit_test(test_bookmark_across_delete),
		cmocka_unit_test(test_insert),
		cmocka_unit_test(test_modify),
		cmocka_unit_test(test_instances_update),
		cmocka_unit_test(test_count_restriction_updates),
		cmocka_unit_test(test_random_against_rebuild),
		cmocka_unit_test(test_bookmarks_random_deletes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
