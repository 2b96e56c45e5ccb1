/*
 * Fuzz target: the table engine (mapistore/table). The input is decoded with the wire codecs:
 *   a Restriction (MS-OXCDATA 2.12), a SortOrderSet (2.13.2), then a row count byte and rows
 *   (each a count byte and that many TaggedPropertyValues, 2.11.4), then a script of table
 *   operations (one byte each plus arguments). Undecodable parts are skipped (no restriction,
 *   no sort). The engine must never crash, must keep its cursor within the table, QueryRows must
 *   never return more than asked, and after every row update the view must equal a view rebuilt
 *   from scratch.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mapi_restriction.h"
#include "mapi_sortorder.h"
#include "mapistore_sort.h"
#include "mapistore_table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ROWS 24
#define MAX_PROPS 8

static void check(bool cond)
{
	if (!cond)
		abort();
}

static bool sub_cb(void *private_data, const struct mapistore_row *row, uint32_t subobject,
		   const struct mapi_restriction *sub)
{
	(void)private_data;
	(void)subobject;
	/* Evaluate the sub-restriction on the row itself: exercises the recursion. */
	return mapistore_restrict_eval(sub, row, NULL, NULL);
}

static uint8_t next_byte(struct mapi_propval_reader *r)
{
	uint8_t v = 0;

	(void)mapi_propval_pull_u8(r, &v);
	return v;
}

static struct mapistore_row *pull_row(TALLOC_CTX *ctx, struct mapi_propval_reader *r, uint64_t id)
{
	struct mapistore_row *row = talloc_zero(ctx, struct mapistore_row);
	uint8_t n = next_byte(r) % (MAX_PROPS + 1);

	row->id = id;
	row->props = talloc_zero_array(row, struct mapi_propval, n + 1);
	for (uint8_t i = 0; i < n; i++) {
		size_t off = r->off;

		if (mapi_propval_pull_tagged(row, r, &row->props[row->count]) != 0) {
			r->off = off + 1 <= r->len ? off + 1 : r->len;
			break;
		}
		row->count++;
	}
	return row;
}

/* The ids of the whole view, in order, into ids (at most max). Returns the count. */
static uint32_t view_ids(TALLOC_CTX *ctx, struct mapistore_table *t, uint64_t *ids, uint32_t max)
{
	struct mapi_proprow_set set;
	uint32_t num, den, n = 0;
	uint8_t origin;

	check(mapistore_table_query_position(t, &num, &den) == 0);
	check(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING, 0, NULL, NULL) == 0);
	check(mapistore_table_query_rows(ctx, t, false, true, 0xFFFF, &origin, &set) == 0);
	check(set.count == (den < 0xFFFF ? den : 0xFFFF));
	for (uint16_t i = 0; i < set.count && n < max; i++)
		ids[n++] = (uint64_t)set.rows[i].values[0].v.i64;
	check(mapistore_table_seek(t, MAPISTORE_BOOKMARK_BEGINNING, (int32_t)num, NULL, NULL) == 0);
	return n;
}

static void compare_with_rebuild(TALLOC_CTX *ctx, struct mapistore_table *t,
				 struct mapistore_row **live, const uint32_t *cols,
				 const struct mapi_sortorder_set *sort,
				 const struct mapi_restriction *res)
{
	struct mapistore_table *ref = mapistore_table_new(ctx);
	struct mapistore_row *rows[MAX_ROWS];
	uint64_t a[MAX_ROWS * 16], b[MAX_ROWS * 16];
	uint32_t n = 0, na, nb;

	for (uint32_t i = 0; i < MAX_ROWS; i++) {
		if (live[i] != NULL)
			rows[n++] = live[i];
	}
	check(mapistore_table_load(ref, rows, n) == 0);
	mapistore_table_set_subobject_fn(ref, sub_cb, NULL);
	check(mapistore_table_set_columns(ref, cols, 2) == 0);
	check(mapistore_table_sort(ref, sort) == 0);
	check(mapistore_table_restrict(ref, res) == 0);
	na = view_ids(ctx, t, a, MAX_ROWS * 16);
	nb = view_ids(ctx, ref, b, MAX_ROWS * 16);
	check(na == nb && memcmp(a, b, sizeof(a[0]) * na) == 0);
	talloc_free(ref);
}

static void run_script(TALLOC_CTX *ctx, struct mapistore_table *t, struct mapi_propval_reader *r,
		       struct mapistore_row **live, const uint32_t *cols,
		       const struct mapi_sortorder_set *sort, const struct mapi_restriction *res)
{
	uint32_t bookmarks[4] = { 0 }, num, den;
	struct mapi_proprow_set set;
	struct mapi_proprow row;
	bool b1, b2;
	int32_t sought;
	uint8_t origin;

	for (int steps = 0; steps < 64 && mapistore_table_row_count(t) < 100000; steps++) {
		uint8_t op, arg;

		if (mapi_propval_pull_u8(r, &op) != 0)
			return;
		arg = next_byte(r);
		switch (op % 9) {
		case 0:
			check(mapistore_table_query_rows(ctx, t, arg & 1, arg & 2, arg >> 2,
							 &origin, &set) == 0);
			check(set.count <= (arg >> 2));
			break;
		case 1:
			check(mapistore_table_seek(t, arg % 3, (int8_t)next_byte(r), &b1,
						   &sought) == 0);
			break;
		case 2:
			(void)mapistore_table_seek_fractional(t, arg, next_byte(r));
			break;
		case 3:
			check(mapistore_table_create_bookmark(t, &bookmarks[arg % 4]) == 0);
			break;
		case 4:
			(void)mapistore_table_seek_bookmark(t, bookmarks[arg % 4],
							    (int8_t)next_byte(r), &b1, &b2, &sought);
			break;
		case 5:
			(void)mapistore_table_free_bookmark(t, bookmarks[arg % 4]);
			break;
		case 6:
			if (res != NULL)
				(void)mapistore_table_find_row(ctx, t, res, arg % 4,
							       bookmarks[arg % 4], arg & 4, &b1,
							       &row);
			break;
		case 7:
			if (live[arg % MAX_ROWS] != NULL) {
				check(mapistore_table_row_delete(t, arg % MAX_ROWS) == 0);
				live[arg % MAX_ROWS] = NULL;
				compare_with_rebuild(ctx, t, live, cols, sort, res);
			}
			break;
		default:
			live[arg % MAX_ROWS] = pull_row(ctx, r, arg % MAX_ROWS);
			check(mapistore_table_row_insert(t, live[arg % MAX_ROWS]) == 0);
			compare_with_rebuild(ctx, t, live, cols, sort, res);
			break;
		}
		check(mapistore_table_query_position(t, &num, &den) == 0);
		check(num <= den);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapi_propval_reader r;
	struct mapi_restriction res_buf, *res = &res_buf;
	struct mapi_sortorder_set sort_buf, *sort = &sort_buf;
	struct mapistore_row *live[MAX_ROWS] = { NULL }, *rows[MAX_ROWS];
	struct mapistore_table *t;
	uint32_t cols[2] = { MAPISTORE_TAG_INST_ID, 0 }, n = 0, *tags, count;
	size_t off;
	uint8_t nrows;

	check(ctx != NULL);
	mapi_propval_reader_init(&r, data, size, MAPI_PROPVAL_ROP, NULL);
	off = r.off;
	if (mapi_restriction_pull(ctx, &r, res) != 0 || mapistore_restrict_validate(res) != 0) {
		res = NULL;
		r.off = off + 1 <= size ? off + 1 : size;
		r.depth = 0;
	}
	off = r.off;
	if (mapi_sortorder_pull_set(ctx, &r, sort) != 0 || mapistore_sort_validate(sort) != 0) {
		sort = NULL;
		r.off = off + 1 <= size ? off + 1 : size;
	}
	nrows = next_byte(&r) % (MAX_ROWS + 1);
	for (uint8_t i = 0; i < nrows; i++)
		live[i] = rows[n++] = pull_row(ctx, &r, i);
	/* The second column: the first sort key, else the first tag of the first row. */
	cols[1] = sort != NULL && sort->count > 0 ? sort->sorts[0].prop_tag
		  : n > 0 && rows[0]->count > 0 ? rows[0]->props[0].tag : MAPISTORE_TAG_DEPTH;
	t = mapistore_table_new(ctx);
	check(t != NULL);
	mapistore_table_set_subobject_fn(t, sub_cb, NULL);
	check(mapistore_table_load(t, rows, n) == 0);
	if (mapistore_table_set_columns(t, cols, 2) != 0) {
		cols[1] = MAPISTORE_TAG_DEPTH;
		check(mapistore_table_set_columns(t, cols, 2) == 0);
	}
	check(mapistore_table_sort(t, sort) == 0);
	check(mapistore_table_restrict(t, res) == 0);
	check(mapistore_table_needed_tags(ctx, t, &tags, &count) == 0);
	run_script(ctx, t, &r, live, cols, sort, res);
	talloc_free(ctx);
	return 0;
}
