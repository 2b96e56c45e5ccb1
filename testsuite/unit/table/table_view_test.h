/*
 * Helpers for the table view tests: a table of n numbered rows and a reader of the ids a query
 * returns.
 */
#ifndef SAMBEX_TABLE_VIEW_TEST_H
#define SAMBEX_TABLE_VIEW_TEST_H

#include "mapistore_table.h"
#include "table_test.h"

/* Rows id 1..n with T_MID = id and T_SIZE = 10 * id; columns {T_MID}; no sort order. */
static inline struct mapistore_table *numbered_table(TALLOC_CTX *ctx, uint32_t n,
						     struct mapistore_row ***rows_r)
{
	struct mapistore_table *t = mapistore_table_new(ctx);
	struct mapistore_row **rows = talloc_array(ctx, struct mapistore_row *, n + 1);
	const uint32_t cols[] = { T_MID };

	for (uint32_t i = 0; i < n; i++)
		rows[i] = row_new(ctx, i + 1, 2, pv_i64(T_MID, i + 1),
				  pv_i32(T_SIZE, (int32_t)(10 * (i + 1))));
	if (mapistore_table_load(t, rows, n) != 0 || mapistore_table_set_columns(t, cols, 1) != 0)
		return NULL;
	if (rows_r != NULL)
		*rows_r = rows;
	return t;
}

/* The position of the cursor. */
static inline uint32_t cursor_of(const struct mapistore_table *t)
{
	uint32_t num, den;

	mapistore_table_query_position(t, &num, &den);
	return num;
}

/*
 * Reads up to count rows (columns must start with T_MID) and writes their ids as a string
 * "1,2,3" into buf. Returns the origin.
 */
static inline uint8_t read_ids(TALLOC_CTX *ctx, struct mapistore_table *t, bool advance,
			       bool forward, uint16_t count, char *buf, size_t size)
{
	struct mapi_proprow_set set;
	uint8_t origin = 0xFF;
	size_t off = 0;

	buf[0] = '\0';
	if (mapistore_table_query_rows(ctx, t, advance, forward, count, &origin, &set) != 0)
		return 0xFF;
	for (uint16_t i = 0; i < set.count && off < size; i++)
		off += (size_t)snprintf(buf + off, size - off, "%s%lld", i ? "," : "",
					(long long)set.rows[i].values[0].v.i64);
	return origin;
}

#endif
