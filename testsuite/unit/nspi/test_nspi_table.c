/*
 * Unit tests: nspi_table — MIds (MS-OXNSPI 2.2.9.1), the sorted GAL and STAT positioning
 * (3.1.4.5.1 absolute, 3.1.4.5.2 fractional), without a directory: rows are built by hand.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "nspi_table.h"

static const char *const names[] = { "delta", "Alpha", "charlie", "Bravo", "echo" };
#define N 5

/* A table whose GAL holds names[] (MIds in that order), sorted. */
static struct nspi_table *sample(TALLOC_CTX *mem)
{
	struct nspi_table *t = nspi_table_new(mem);

	assert_non_null(t);
	t->gal = talloc_zero_array(t, struct nspi_entry *, N);
	for (int i = 0; i < N; i++) {
		struct ldb_message *msg = ldb_msg_new(t);

		assert_int_equal(ldb_msg_add_string(msg, "displayName", names[i]), 0);
		t->gal[t->gal_count++] = nspi_table_add(t, msg, true);
		assert_non_null(t->gal[i]);
	}
	t->gal_loaded = true;
	nspi_table_sort(t);
	return t;
}

static int setup(void **state)
{
	*state = talloc_new(NULL);
	return 0;
}

static int teardown(void **state)
{
	talloc_free(*state);
	return 0;
}

/* MIds start at 0x10 (below is reserved, 2.2.1.8), in the order met, and find their entry. */
static void test_mids(void **state)
{
	struct nspi_table *t = sample(*state);

	for (uint32_t i = 0; i < N; i++) {
		struct nspi_entry *e = nspi_table_find(t, NSPI_MID_FIRST + i);

		assert_non_null(e);
		assert_int_equal(e->mid, NSPI_MID_FIRST + i);
		assert_string_equal(ldb_msg_find_attr_as_string(e->msg, "displayName", NULL),
				    names[i]);
	}
	for (uint32_t mid = 0; mid < NSPI_MID_FIRST; mid++) {
		assert_null(nspi_table_find(t, mid));
	}
	assert_null(nspi_table_find(t, NSPI_MID_FIRST + N));
	assert_null(nspi_table_find(t, UINT32_MAX));
}

/* Sorted by display name without regard to ASCII case. */
static void test_sorted(void **state)
{
	static const char *const want[] = { "Alpha", "Bravo", "charlie", "delta", "echo" };
	struct nspi_table *t = sample(*state);
	struct nspi_rows rows = nspi_table_gal_rows(t);

	for (int i = 0; i < N; i++) {
		assert_string_equal(ldb_msg_find_attr_as_string(t->gal[i]->msg, "displayName", ""),
				    want[i]);
		assert_int_equal(nspi_table_row_mid(&rows, (uint32_t)i), t->gal[i]->mid);
	}
	assert_int_equal(nspi_table_row_mid(&rows, N), NSPI_MID_END_OF_TABLE);
}

static void seek(struct nspi_table *t, uint32_t current, int32_t delta, uint32_t num_pos,
		 uint32_t total, uint32_t want_row, int32_t want_moved)
{
	struct nspi_position in = { current, delta, num_pos, total }, out;
	struct nspi_rows rows = nspi_table_gal_rows(t);
	uint32_t row = 99;
	int32_t moved = 99;

	assert_true(nspi_table_seek(&rows, &in, &out, &row, &moved));
	assert_int_equal(row, want_row);
	assert_int_equal(moved, want_moved);
	assert_int_equal(out.num_pos, want_row);
	assert_int_equal(out.total_recs, N);
	assert_int_equal(out.current_rec, nspi_table_row_mid(&rows, want_row));
}

/* 3.1.4.5.1: from BEGINNING, END or a row's MId, moved by Delta and clamped. */
static void test_absolute(void **state)
{
	struct nspi_table *t = sample(*state);

	seek(t, NSPI_MID_BEGINNING_OF_TABLE, 0, 0, 0, 0, 0);
	seek(t, NSPI_MID_BEGINNING_OF_TABLE, 2, 0, 0, 2, 2);
	seek(t, NSPI_MID_BEGINNING_OF_TABLE, -1, 0, 0, 0, 0);	/* step 7 */
	seek(t, NSPI_MID_END_OF_TABLE, 0, 0, 0, N, 0);
	seek(t, NSPI_MID_END_OF_TABLE, -2, 0, 0, N - 2, -2);
	seek(t, NSPI_MID_BEGINNING_OF_TABLE, 100, 0, 0, N, N);	/* step 8: one past the end */
	seek(t, t->gal[3]->mid, 0, 0, 0, 3, 0);
	seek(t, t->gal[3]->mid, -10, 0, 0, 0, -3);
	seek(t, t->gal[3]->mid, INT32_MAX, 0, 0, N, 2);
	seek(t, t->gal[3]->mid, INT32_MIN, 0, 0, 0, -3);
}

/* 3.1.4.5.2: MID_CURRENT places by NumPos/TotalRecs of the client's count. */
static void test_fractional(void **state)
{
	struct nspi_table *t = sample(*state);

	seek(t, NSPI_MID_CURRENT, 0, 1, 2, N / 2, 0);
	seek(t, NSPI_MID_CURRENT, 0, 0, 0, 0, 0);		/* no client count: the start */
	seek(t, NSPI_MID_CURRENT, 0, 10, 10, N, 0);
	seek(t, NSPI_MID_CURRENT, 0, UINT32_MAX, 1, N, 0);	/* step 5: at most TotalRecs */
	seek(t, NSPI_MID_CURRENT, -1, 1, 1, N - 1, -1);
}

/* An MId not in the GAL cannot be an absolute position (NotFound). */
static void test_unknown_mid(void **state)
{
	struct nspi_table *t = sample(*state);
	struct nspi_position in = { .current_rec = 0x7FFFFFFF }, out;
	struct nspi_rows rows = nspi_table_gal_rows(t);
	struct ldb_message *msg = ldb_msg_new(t);
	uint32_t row;
	int32_t moved;

	assert_false(nspi_table_seek(&rows, &in, &out, &row, &moved));
	/* Entries met outside the GAL get MIds but are not rows. */
	assert_int_equal(ldb_msg_add_string(msg, "displayName", "outside"), 0);
	in.current_rec = nspi_table_add(t, msg, false)->mid;
	assert_int_equal(in.current_rec, NSPI_MID_FIRST + N);
	assert_false(nspi_table_seek(&rows, &in, &out, &row, &moved));
}

/* An empty GAL: every position is the end, which is also the start. */
static void test_empty(void **state)
{
	struct nspi_table *t = nspi_table_new(*state);
	struct nspi_position in = { .current_rec = NSPI_MID_BEGINNING_OF_TABLE, .delta = 5 }, out;
	struct nspi_rows rows = nspi_table_gal_rows(t);
	uint32_t row;
	int32_t moved;

	assert_true(nspi_table_seek(&rows, &in, &out, &row, &moved));
	assert_int_equal(row, 0);
	assert_int_equal(moved, 0);
	assert_int_equal(out.current_rec, NSPI_MID_END_OF_TABLE);
	assert_int_equal(out.total_recs, 0);
}

/* ContainerID 0 is the GAL; an unknown one is no container (InvalidBookmark). */
static void test_containers(void **state)
{
	struct nspi_table *t = sample(*state);
	struct nspi_rows rows;

	assert_int_equal(nspi_table_container(t, NULL, NSPI_CONTAINER_GAL, &rows),
			 NSPI_DIRECTORY_OK);
	assert_int_equal(rows.count, N);
	assert_ptr_equal(rows.rows, t->gal);
	assert_int_equal(nspi_table_container(t, NULL, t->gal[0]->mid, &rows),
			 NSPI_DIRECTORY_UNAVAILABLE);
	assert_int_equal(nspi_table_container(t, NULL, 0x12345, &rows),
			 NSPI_DIRECTORY_UNAVAILABLE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_mids, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sorted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_absolute, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fractional, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_mid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_containers, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
