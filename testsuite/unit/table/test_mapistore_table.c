/*
 * Unit tests: mapistore_table views (MS-OXCTABL 3.2.5.2-3.2.5.5, 3.2.5.13, 3.2.5.16): columns,
 * sort, restrict, loading, the tags the caller must load, QueryRows in both directions with
 * flagged rows, multi-value instances, RopQueryColumnsAll, RopResetTable, categories refused,
 * and the examples of MS-OXCTABL section 4 (4.2 columns, 4.3 sort, 4.4 query) as golden bytes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "hex.h"
#include "mapi_proprow.h"
#include "table_view_test.h"

static void test_empty_table(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = mapistore_table_new(ctx);
	struct mapi_proprow_set set;
	uint32_t num = 9, den = 9, cols[] = { T_MID };
	uint8_t origin;

	(void)state;
	assert_int_equal(mapistore_table_row_count(t), 0);
	assert_int_equal(mapistore_table_query_position(t, &num, &den), 0);
	assert_int_equal(num, 0);
	assert_int_equal(den, 0);
	/* 3.2.5.2: QueryRows before SetColumns is ecNullObject. */
	assert_int_equal(mapistore_table_query_rows(ctx, t, true, true, 10, &origin, &set),
			 ecNullObject);
	assert_int_equal(mapistore_table_set_columns(t, cols, 1), 0);
	assert_int_equal(mapistore_table_query_rows(ctx, t, true, true, 10, &origin, &set), 0);
	assert_int_equal(set.count, 0);
	assert_int_equal(origin, MAPISTORE_BOOKMARK_END);
	assert_int_equal(mapistore_table_query_rows(ctx, t, true, false, 10, &origin, &set), 0);
	assert_int_equal(set.count, 0);
	assert_int_equal(origin, MAPISTORE_BOOKMARK_BEGINNING);
	talloc_free(ctx);
}

static void test_query_forward_backward(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = numbered_table(ctx, 10, NULL);
	char ids[256];

	(void)state;
	assert_non_null(t);
	assert_int_equal(read_ids(ctx, t, true, true, 3, ids, sizeof(ids)),
			 MAPISTORE_BOOKMARK_CURRENT);
	assert_string_equal(ids, "1,2,3");
	assert_int_equal(cursor_of(t), 3);
	/* NoAdvance: the same rows again. */
	assert_int_equal(read_ids(ctx, t, false, true, 2, ids, sizeof(ids)),
			 MAPISTORE_BOOKMARK_CURRENT);
	assert_string_equal(ids, "4,5");
	assert_int_equal(cursor_of(t), 3);
	/* Backwards: the rows before the cursor, in table order. */
	assert_int_equal(read_ids(ctx, t, true, false, 2, ids, sizeof(ids)),
			 MAPISTORE_BOOKMARK_CURRENT);
	assert_string_equal(ids, "2,3");
	assert_int_equal(cursor_of(t), 1);
	/* Backwards past the beginning: fewer rows, origin BOOKMARK_BEGINNING. */
	assert_int_equal(read_ids(ctx, t, true, false, 5, ids, sizeof(ids)),
			 MAPISTORE_BOOKMARK_BEGINNING);
	assert_string_equal(ids, "1");
	assert_int_equal(cursor_of(t), 0);
	assert_int_equal(read_ids(ctx, t, true, false, 5, ids, sizeof(ids)),
			 MAPISTORE_BOOKMARK_BEGINNING);
	assert_string_equal(ids, "");
	/* Forwards past the end: the rest, origin BOOKMARK_END, cursor at the end. */
	assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING, 7, NULL, NULL), 0);
	assert_int_equal(read_ids(ctx, t, true, true, 50, ids, sizeof(ids)),
			 MAPISTORE_BOOKMARK_END);
	assert_string_equal(ids, "8,9,10");
	assert_int_equal(cursor_of(t), 10);
	assert_int_equal(read_ids(ctx, t, true, true, 50, ids, sizeof(ids)),
			 MAPISTORE_BOOKMARK_END);
	assert_string_equal(ids, "");
	/* Exactly reaching the end is reported as the end too. */
	assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING, 8, NULL, NULL), 0);
	assert_int_equal(read_ids(ctx, t, true, true, 2, ids, sizeof(ids)),
			 MAPISTORE_BOOKMARK_END);
	/* A zero count returns nothing and does not move. */
	assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING, 4, NULL, NULL), 0);
	assert_int_equal(read_ids(ctx, t, true, true, 0, ids, sizeof(ids)),
			 MAPISTORE_BOOKMARK_CURRENT);
	assert_string_equal(ids, "");
	assert_int_equal(cursor_of(t), 4);
	/* Reading everything 3 at a time visits each row once. */
	assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING, 0, NULL, NULL), 0);
	{
		char all[256] = "", *p = all;

		for (int i = 0; i < 5; i++) {
			read_ids(ctx, t, true, true, 3, ids, sizeof(ids));
			if (ids[0] != '\0')
				p += sprintf(p, "%s%s", p == all ? "" : ",", ids);
		}
		assert_string_equal(all, "1,2,3,4,5,6,7,8,9,10");
	}
	talloc_free(ctx);
}

static void test_flagged_rows(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = mapistore_table_new(ctx);
	struct mapistore_row *rows[2] = {
		row_new(ctx, 1, 2, pv_i64(T_MID, 1), pv_str(ctx, T_SUBJECT, "hello")),
		row_new(ctx, 2, 1, pv_i64(T_MID, 2)),
	};
	const uint32_t cols[] = { T_MID, T_SUBJECT };
	struct mapi_proprow_set set;
	uint8_t origin;

	(void)state;
	assert_int_equal(mapistore_table_load(t, rows, 2), 0);
	assert_int_equal(mapistore_table_set_columns(t, cols, 2), 0);
	assert_int_equal(mapistore_table_query_rows(ctx, t, true, true, 10, &origin, &set), 0);
	assert_int_equal(set.count, 2);
	assert_int_equal(set.rows[0].flag, MAPI_PROPROW_STANDARD);
	assert_int_equal(set.rows[0].count, 2);
	assert_int_equal(set.rows[0].values[1].tag, T_SUBJECT);
	assert_string_equal(set.rows[0].values[1].v.str, "hello");
	/* MS-OXCDATA 2.8.1.2: an absent column makes a flagged row with ecNotFound. */
	assert_int_equal(set.rows[1].flag, MAPI_PROPROW_FLAGGED);
	assert_int_equal(set.rows[1].values[0].flag, MAPI_PROPVAL_FLAG_VALUE);
	assert_int_equal(set.rows[1].values[1].flag, MAPI_PROPVAL_FLAG_ERROR);
	assert_int_equal(set.rows[1].values[1].v.err, MAPI_E_NOT_FOUND);
	assert_int_equal(set.rows[1].values[1].tag, T_SUBJECT);
	/* Both rows encode through the wire codec. */
	{
		struct mapi_propval_writer w;
		struct mapi_proptag_array tags = { .count = 2, .tags = (uint32_t *)cols };

		mapi_propval_writer_init(&w, ctx, MAPI_PROPVAL_ROP, NULL);
		assert_int_equal(mapi_proprow_push_set(&w, &tags, &set), 0);
	}
	talloc_free(ctx);
}

static void test_table_columns(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = mapistore_table_new(ctx);
	struct mapistore_row *row = row_new(ctx, 77, 2, pv_i64(T_MID, 77),
					    pv_i32(MAPISTORE_TAG_ROW_TYPE, 9));
	const uint32_t cols[] = { MAPISTORE_TAG_INST_ID, MAPISTORE_TAG_INSTANCE_NUM,
				  MAPISTORE_TAG_ROW_TYPE, MAPISTORE_TAG_DEPTH };
	struct mapi_proprow_set set;
	uint8_t origin;

	(void)state;
	assert_int_equal(mapistore_table_load(t, &row, 1), 0);
	assert_int_equal(mapistore_table_set_columns(t, cols, 4), 0);
	assert_int_equal(mapistore_table_query_rows(ctx, t, true, true, 1, &origin, &set), 0);
	assert_int_equal(set.rows[0].flag, MAPI_PROPROW_STANDARD);
	/* MS-OXCTABL 2.2.1: filled in by the engine where the row lacks them. */
	assert_int_equal(set.rows[0].values[0].v.i64, 77);
	assert_int_equal(set.rows[0].values[1].v.i32, 0);
	assert_int_equal(set.rows[0].values[2].v.i32, 9);	/* the row's own value wins */
	assert_int_equal(set.rows[0].values[3].v.i32, 0);
	talloc_free(ctx);
}

static void test_set_columns_errors(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = numbered_table(ctx, 3, NULL);
	const uint32_t bad[][1] = { { MAPI_PROP_TAG(1, PT_UNSPECIFIED) },
				    { MAPI_PROP_TAG(1, PT_ERROR) },
				    { MAPI_PROP_TAG(1, PT_NULL) }, { MAPI_PROP_TAG(1, 0x0077) },
				    { MAPI_PROP_TAG(1, PT_LONG | MAPI_PROPTYPE_MV_INSTANCE) } };
	const uint32_t two_mvi[] = { T_MVI_KEYWORDS, T_MVI_NUMBERS }, good[] = { T_MID };
	struct mapi_proprow_set set;
	uint8_t origin;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(mapistore_table_set_columns(t, good, 1), 0);
		assert_int_equal(mapistore_table_set_columns(t, bad[i], 1),
				 MAPI_E_INVALID_PARAMETER);
		/* 3.2.5.2: the column set is invalid until a successful RopSetColumns. */
		assert_int_equal(mapistore_table_query_rows(ctx, t, true, true, 1, &origin, &set),
				 ecNullObject);
	}
	assert_int_equal(mapistore_table_set_columns(t, two_mvi, 2), MAPI_E_TOO_COMPLEX);
	/* Zero columns are allowed: rows come back empty. */
	assert_int_equal(mapistore_table_set_columns(t, NULL, 0), 0);
	assert_int_equal(mapistore_table_query_rows(ctx, t, true, true, 5, &origin, &set), 0);
	assert_int_equal(set.count, 3);
	assert_int_equal(set.rows[0].count, 0);
	talloc_free(ctx);
}

static void test_sort_and_restrict(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = numbered_table(ctx, 10, NULL);
	struct mapi_sortorder so = { T_SIZE, MAPI_SORT_DESCENDING };
	struct mapi_sortorder_set set = { .count = 1, .sorts = &so };
	struct mapi_restriction *r = res_prop(ctx, MAPI_RELOP_GE, T_SIZE, pv_i32(T_SIZE, 40));
	uint32_t num, den;
	char ids[128];

	(void)state;
	assert_int_equal(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING, 5, NULL, NULL), 0);
	assert_int_equal(mapistore_table_sort(t, &set), 0);
	/* 3.2.5.3: the cursor goes back to the beginning. */
	assert_int_equal(cursor_of(t), 0);
	read_ids(ctx, t, true, true, 4, ids, sizeof(ids));
	assert_string_equal(ids, "10,9,8,7");
	assert_int_equal(mapistore_table_restrict(t, r), 0);
	assert_int_equal(cursor_of(t), 0);
	/* The table owns copies: changing the caller's structures changes nothing. */
	so.order = MAPI_SORT_ASCENDING;
	r->u.property.value.v.i32 = 1000;
	read_ids(ctx, t, true, true, 50, ids, sizeof(ids));
	assert_string_equal(ids, "10,9,8,7,6,5,4");
	assert_int_equal(mapistore_table_query_position(t, &num, &den), 0);
	assert_int_equal(num, 7);
	assert_int_equal(den, 7);
	/* Clearing the restriction and the sort. */
	assert_int_equal(mapistore_table_restrict(t, NULL), 0);
	assert_int_equal(mapistore_table_sort(t, NULL), 0);
	read_ids(ctx, t, true, true, 3, ids, sizeof(ids));
	assert_string_equal(ids, "1,2,3");
	/* Refusals leave the view as it was. */
	so.order = MAPI_SORT_MAXIMUM_CATEGORY;
	assert_int_equal(mapistore_table_sort(t, &set), MAPI_E_NO_SUPPORT);
	so.order = MAPI_SORT_ASCENDING;
	set.categorized_count = 1;
	assert_int_equal(mapistore_table_sort(t, &set), MAPI_E_NO_SUPPORT);
	assert_int_equal(mapistore_table_restrict(t, res_prop(ctx, MAPI_RELOP_RE, T_SIZE,
							       pv_i32(T_SIZE, 1))),
			 MAPI_E_TOO_COMPLEX);
	assert_int_equal(mapistore_table_row_count(t), 10);
	assert_int_equal(cursor_of(t), 3);
	talloc_free(ctx);
}

static void test_count_restriction_in_table(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = numbered_table(ctx, 10, NULL);
	struct mapi_sortorder so = { T_SIZE, MAPI_SORT_DESCENDING };
	struct mapi_sortorder_set set = { .count = 1, .sorts = &so };
	char ids[128];

	(void)state;
	assert_int_equal(mapistore_table_sort(t, &set), 0);
	/* Count takes the first matching rows in table order: the 3 largest even ones. */
	assert_int_equal(mapistore_table_restrict(t, res_count(ctx, 3,
		res_bitmask(ctx, MAPI_BMR_EQZ, T_SIZE, 0x4))), 0);
	read_ids(ctx, t, true, true, 50, ids, sizeof(ids));
	/* sizes 100 (0x64: bit 2 set), 90 (0x5A: clear), 80 (0x50: clear), 70 (0x46: set),
	 * 60 (0x3C: set), 50 (0x32: clear) */
	assert_string_equal(ids, "9,8,5");
	talloc_free(ctx);
}

static void test_needed_tags(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = mapistore_table_new(ctx);
	const uint32_t cols[] = { T_MID, T_SUBJECT, T_MVI_KEYWORDS };
	struct mapi_sortorder so[2] = { { T_DELIVERY, 1 }, { T_SUBJECT, 0 } };
	struct mapi_sortorder_set set = { .count = 2, .sorts = so };
	uint32_t *tags = NULL, count = 0;
	const uint32_t want[] = { T_MID, T_SUBJECT, T_KEYWORDS, T_DELIVERY, T_READ, T_SIZE };

	(void)state;
	assert_int_equal(mapistore_table_needed_tags(ctx, t, &tags, &count), 0);
	assert_int_equal(count, 0);
	assert_int_equal(mapistore_table_set_columns(t, cols, 3), 0);
	assert_int_equal(mapistore_table_sort(t, &set), 0);
	assert_int_equal(mapistore_table_restrict(t, res_list(ctx, MAPI_RES_OR, 3,
		res_exist(ctx, T_READ), res_exist(ctx, T_SUBJECT),
		res_size(ctx, MAPI_RELOP_GT, T_SIZE, 3))), 0);
	assert_int_equal(mapistore_table_needed_tags(ctx, t, &tags, &count), 0);
	assert_int_equal(count, 6);
	for (uint32_t i = 0; i < count; i++)
		assert_int_equal(tags[i], want[i]);
	talloc_free(ctx);
}

static void test_multivalue_instances(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = mapistore_table_new(ctx);
	static const char *const k1[] = { "red", "blue" }, *const k2[] = { "green" };
	struct mapistore_row *rows[3] = {
		row_new(ctx, 1, 2, pv_i64(T_MID, 1), pv_mv_str(ctx, T_KEYWORDS, 2, k1)),
		row_new(ctx, 2, 2, pv_i64(T_MID, 2), pv_mv_str(ctx, T_KEYWORDS, 1, k2)),
		row_new(ctx, 3, 1, pv_i64(T_MID, 3)),
	};
	const uint32_t cols[] = { T_MID, T_MVI_KEYWORDS, MAPISTORE_TAG_INSTANCE_NUM };
	const uint32_t plain[] = { T_MID, T_KEYWORDS };
	struct mapi_sortorder so = { T_MVI_KEYWORDS, MAPI_SORT_ASCENDING };
	struct mapi_sortorder_set set = { .count = 1, .sorts = &so };
	struct mapi_proprow_set out;
	uint8_t origin;

	(void)state;
	assert_int_equal(mapistore_table_load(t, rows, 3), 0);
	assert_int_equal(mapistore_table_row_count(t), 3);
	/* 3.2.5.2: an instance column expands rows, one per value. */
	assert_int_equal(mapistore_table_set_columns(t, cols, 3), 0);
	assert_int_equal(mapistore_table_row_count(t), 4);
	assert_int_equal(mapistore_table_query_rows(ctx, t, true, true, 10, &origin, &out), 0);
	assert_int_equal(out.count, 4);
	assert_int_equal(out.rows[0].values[0].v.i64, 1);
	assert_string_equal(out.rows[0].values[1].v.str, "red");
	assert_int_equal(out.rows[0].values[1].tag, T_MVI_KEYWORDS);
	assert_int_equal(out.rows[0].values[2].v.i32, 1);
	assert_string_equal(out.rows[1].values[1].v.str, "blue");
	assert_int_equal(out.rows[1].values[2].v.i32, 2);
	assert_string_equal(out.rows[2].values[1].v.str, "green");
	/* A row without values appears once, its instance column absent. */
	assert_int_equal(out.rows[3].values[0].v.i64, 3);
	assert_int_equal(out.rows[3].flag, MAPI_PROPROW_FLAGGED);
	assert_int_equal(out.rows[3].values[1].v.err, MAPI_E_NOT_FOUND);
	/* 3.2.5.3: sorting on the instance values. */
	assert_int_equal(mapistore_table_sort(t, &set), 0);
	assert_int_equal(mapistore_table_query_rows(ctx, t, true, true, 10, &origin, &out), 0);
	assert_string_equal(out.rows[0].values[1].v.str, "blue");
	assert_string_equal(out.rows[1].values[1].v.str, "green");
	assert_string_equal(out.rows[2].values[1].v.str, "red");
	assert_int_equal(out.rows[3].values[0].v.i64, 3);	/* absent: last */
	/* The sort keeps the expansion even with plain columns. */
	assert_int_equal(mapistore_table_set_columns(t, plain, 2), 0);
	assert_int_equal(mapistore_table_row_count(t), 4);
	assert_int_equal(mapistore_table_sort(t, NULL), 0);
	assert_int_equal(mapistore_table_row_count(t), 3);
	assert_int_equal(mapistore_table_query_rows(ctx, t, true, true, 10, &origin, &out), 0);
	assert_int_equal(out.rows[0].values[1].v.mv.count, 2);
	talloc_free(ctx);
}

static void test_sort_instance_wins(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = mapistore_table_new(ctx);
	static const char *const k[] = { "x", "y" };
	static const int32_t nums[] = { 9, 8, 7 };
	struct mapistore_row *row = row_new(ctx, 1, 3, pv_i64(T_MID, 1),
					    pv_mv_str(ctx, T_KEYWORDS, 2, k),
					    pv_mv_i32(ctx, T_NUMBERS, 3, nums));
	const uint32_t cols[] = { T_MID, T_MVI_KEYWORDS, T_MVI_NUMBERS };
	const uint32_t one[] = { T_MID, T_MVI_KEYWORDS };
	struct mapi_sortorder so = { T_MVI_NUMBERS, MAPI_SORT_ASCENDING };
	struct mapi_sortorder_set set = { .count = 1, .sorts = &so };
	struct mapi_proprow_set out;
	uint8_t origin;

	(void)state;
	assert_int_equal(mapistore_table_load(t, &row, 1), 0);
	assert_int_equal(mapistore_table_set_columns(t, cols, 3), MAPI_E_TOO_COMPLEX);
	assert_int_equal(mapistore_table_set_columns(t, one, 2), 0);
	assert_int_equal(mapistore_table_row_count(t), 2);
	/* The sort order's instance property wins; the other instance column shows nothing. */
	assert_int_equal(mapistore_table_sort(t, &set), 0);
	assert_int_equal(mapistore_table_row_count(t), 3);
	assert_int_equal(mapistore_table_query_rows(ctx, t, true, true, 10, &origin, &out), 0);
	assert_int_equal(out.count, 3);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(out.rows[i].flag, MAPI_PROPROW_FLAGGED);
		assert_int_equal(out.rows[i].values[1].v.err, MAPI_E_NOT_FOUND);
	}
	talloc_free(ctx);
}

/*
 * MS-OXCTABL 4.5.1.1: a categorized sort on a multi-valued string with the instance bit
 * (0x8008301F ascending, one category, expanded) then delivery time descending. Categories are
 * refused with ecNotSupported and leave the view alone; the same orders without the category
 * count sort the instances.
 */
static void test_oxctabl_category_sort(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	size_t len;
	uint8_t *b = test_hex_decode(ctx, "020001000100" "1f30088000" "4000060e01", &len);
	struct mapi_propval_reader r;
	struct mapi_sortorder_set set;
	struct mapistore_table *t = mapistore_table_new(ctx);
	const uint32_t t_dl = MAPI_PROP_TAG(0x8008, PT_MV_UNICODE);
	static const char *const l1[] = { "team", "all" }, *const l2[] = { "all" };
	struct mapistore_row *rows[3] = {
		row_new(ctx, 1, 3, pv_i64(T_MID, 1), pv_mv_str(ctx, t_dl, 2, l1),
			pv_time(T_DELIVERY, 10)),
		row_new(ctx, 2, 3, pv_i64(T_MID, 2), pv_mv_str(ctx, t_dl, 1, l2),
			pv_time(T_DELIVERY, 20)),
		row_new(ctx, 3, 2, pv_i64(T_MID, 3), pv_time(T_DELIVERY, 30)),
	};
	const uint32_t cols[] = { T_MID };
	char ids[64];

	(void)state;
	mapi_propval_reader_init(&r, b, len, MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(mapi_sortorder_pull_set(ctx, &r, &set), 0);
	assert_int_equal(set.categorized_count, 1);
	assert_int_equal(set.sorts[0].prop_tag, 0x8008301F);
	assert_int_equal(mapistore_table_load(t, rows, 3), 0);
	assert_int_equal(mapistore_table_set_columns(t, cols, 1), 0);
	assert_int_equal(mapistore_table_sort(t, &set), MAPI_E_NO_SUPPORT);
	assert_int_equal(mapistore_table_row_count(t), 3);
	set.categorized_count = 0;
	set.expanded_count = 0;
	assert_int_equal(mapistore_table_sort(t, &set), 0);
	/* "all" (rows 2 then 1 by time descending), "team" (row 1), then row 3 without values. */
	read_ids(ctx, t, true, true, 10, ids, sizeof(ids));
	assert_string_equal(ids, "2,1,1,3");
	talloc_free(ctx);
}

static void test_columns_all_reset_abort_categories(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = mapistore_table_new(ctx);
	struct mapistore_row *rows[2] = {
		row_new(ctx, 1, 2, pv_i64(T_MID, 1), pv_i32(T_SIZE, 5)),
		row_new(ctx, 2, 2, pv_i32(T_SIZE, 6), pv_str(ctx, T_SUBJECT, "x")),
	};
	const uint32_t cols[] = { T_MID };
	uint32_t *tags;
	uint16_t count;
	struct mapi_proprow_set set;
	uint8_t origin;

	(void)state;
	assert_int_equal(mapistore_table_load(t, rows, 2), 0);
	assert_int_equal(mapistore_table_query_columns_all(ctx, t, &tags, &count), 0);
	assert_int_equal(count, 7);
	assert_int_equal(tags[0], T_MID);
	assert_int_equal(tags[1], T_SIZE);
	assert_int_equal(tags[2], T_SUBJECT);
	assert_int_equal(tags[3], MAPISTORE_TAG_INST_ID);
	assert_int_equal(mapistore_table_abort(t), ecUnableToAbort);
	/* Categories: ecNullObject before SetColumns, ecNotSupported after. */
	assert_int_equal(mapistore_table_expand_row(t, 1), ecNullObject);
	assert_int_equal(mapistore_table_collapse_row(t, 1), ecNullObject);
	assert_int_equal(mapistore_table_get_collapse_state(t), ecNullObject);
	assert_int_equal(mapistore_table_set_collapse_state(t), ecNullObject);
	assert_int_equal(mapistore_table_set_columns(t, cols, 1), 0);
	assert_int_equal(mapistore_table_expand_row(t, 1), MAPI_E_NO_SUPPORT);
	assert_int_equal(mapistore_table_collapse_row(t, 1), MAPI_E_NO_SUPPORT);
	assert_int_equal(mapistore_table_get_collapse_state(t), MAPI_E_NO_SUPPORT);
	assert_int_equal(mapistore_table_set_collapse_state(t), MAPI_E_NO_SUPPORT);
	/* 3.2.5.16: reset drops columns, restriction and sort. */
	assert_int_equal(mapistore_table_restrict(t, res_exist(ctx, T_MID)), 0);
	assert_int_equal(mapistore_table_row_count(t), 1);
	assert_int_equal(mapistore_table_reset(t), 0);
	assert_int_equal(mapistore_table_row_count(t), 2);
	assert_int_equal(mapistore_table_query_rows(ctx, t, true, true, 1, &origin, &set),
			 ecNullObject);
	talloc_free(ctx);
}

/*
 * MS-OXCTABL 4.2-4.4: the columns of 4.2.1, the sort of 4.3.1 (delivery time descending) and a
 * QueryRows of 50 rows (4.4.1) over four messages: Origin BOOKMARK_END, RowCount 4, and the
 * first row's leading values byte for byte as in 4.4.2 (a flagged row: FID 0x8814000000000001,
 * MID 0x47873f0b00000001, PidTagInstID = the MID, PidTagInstanceNum 0).
 */
static void test_oxctabl_section4(void **state)
{
	static const char cols_hex[] = "140048671400" "4a6714004d6703004e671f0037004000060e";
	static const char sort_hex[] = "010000000000" "4000060e01";
	static const char row_hex[] = "0400" "01" "00" "0100000000001488" "00" "010000000b3f8747"
				      "00" "010000000b3f8747" "00" "00000000";
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_table *t = mapistore_table_new(ctx);
	struct mapi_propval_reader r;
	struct mapi_proptag_array cols;
	struct mapi_sortorder_set set;
	struct mapi_proprow_set out;
	struct mapi_propval_writer w;
	struct mapistore_row *rows[4];
	uint8_t *b, origin;
	size_t len, want_len;
	const uint8_t *want;

	(void)state;
	b = test_hex_decode(ctx, cols_hex, &len);
	/* PropertyTagCount 6 precedes the tags in 4.2.1. */
	{
		uint8_t *with_count = talloc_array(ctx, uint8_t, len + 2);

		with_count[0] = 6;
		with_count[1] = 0;
		memcpy(with_count + 2, b, len);
		mapi_propval_reader_init(&r, with_count, len + 2, MAPI_PROPVAL_ROP, NULL);
	}
	assert_int_equal(mapi_proprow_pull_tags(ctx, &r, &cols), 0);
	assert_int_equal(cols.count, 6);
	b = test_hex_decode(ctx, sort_hex, &len);
	mapi_propval_reader_init(&r, b, len, MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(mapi_sortorder_pull_set(ctx, &r, &set), 0);
	for (int i = 0; i < 4; i++) {
		uint64_t mid = UINT64_C(0x47873f0b00000001) + ((uint64_t)i << 32);

		rows[i] = row_new(ctx, mid, 3, pv_i64(T_FID, INT64_C(0x8814000000000001)),
				  pv_i64(T_MID, (int64_t)mid),
				  pv_time(T_DELIVERY, UINT64_C(0x01C87355EA03051D) - (uint64_t)i));
	}
	assert_int_equal(mapistore_table_load(t, rows, 4), 0);
	assert_int_equal(mapistore_table_set_columns(t, cols.tags, cols.count), 0);
	assert_int_equal(mapistore_table_sort(t, &set), 0);
	assert_int_equal(mapistore_table_query_rows(ctx, t, true, true, 0x32, &origin, &out), 0);
	assert_int_equal(origin, MAPISTORE_BOOKMARK_END);
	assert_int_equal(out.count, 4);
	/* Subject absent: flagged rows, the last columns ecNotFound. */
	for (int i = 0; i < 4; i++) {
		assert_int_equal(out.rows[i].flag, MAPI_PROPROW_FLAGGED);
		assert_int_equal(out.rows[i].values[4].v.err, MAPI_E_NOT_FOUND);
		assert_int_equal(out.rows[i].values[1].v.i64, (int64_t)rows[i]->id);
	}
	mapi_propval_writer_init(&w, ctx, MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(mapi_proprow_push_set(&w, &cols, &out), 0);
	want = test_hex_decode(ctx, row_hex, &want_len);
	assert_true(w.len > want_len);
	assert_memory_equal(w.data, want, want_len);
	/* Then the subject: flag 0x0A and ecNotFound (0x8004010F). */
	assert_memory_equal(w.data + want_len, "\x0a\x0f\x01\x04\x80", 5);
	talloc_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_table),
		cmocka_unit_test(test_query_forward_backward),
		cmocka_unit_test(test_flagged_rows),
		cmocka_unit_test(test_table_columns),
		cmocka_unit_test(test_set_columns_errors),
		cmocka_unit_test(test_sort_and_restrict),
		cmocka_unit_test(test_count_restriction_in_table),
		cmocka_unit_test(test_needed_tags),
		cmocka_unit_test(test_multivalue_instances),
		cmocka_unit_test(test_sort_instance_wins),
		cmocka_unit_test(test_columns_all_reset_abort_categories),
		cmocka_unit_test(test_oxctabl_section4),
		cmocka_unit_test(test_oxctabl_category_sort),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
